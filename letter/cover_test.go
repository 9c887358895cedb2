package letter_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/letter"
)

func cover(t *testing.T, c *letter.Catalogue, rcpt, lang string) *letter.Document {
	t.Helper()
	d, err := c.ComposeCover(letter.CoverRequest{
		Request:   letter.Request{ActionID: "109-23", Lang: "ur", Recipient: rcpt, Signer: signer(letter.Female)},
		CoverLang: lang, Pages: 3}, now)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCoverEmbassy(t *testing.T) {
	d := cover(t, catalogue(t), "embassy-bern", "")
	if d.Kind != "cover" || d.Lang != "en" || d.Dir != letter.LTR {
		t.Errorf("cover %s %s %s", d.Kind, d.Lang, d.Dir)
	}
	want := "Fax\n\n" +
		"To: Embassy of the Islamic Republic of Pakistan\n\n" + // the heading in the cover's language
		"Fax number: +41 31 350 17 99\n\n" +
		"From: Amina Khan\nBern\nSwitzerland\namina@example.org\n\n" +
		"Date: 21 November 2023\n\n" +
		"Subject: UA 109/23: Stop deporting Afghan refugees\n\n" +
		"Pages: 3 pages including this cover\n\n" +
		"Please forward the enclosed appeal to the Caretaker Prime Minister of Pakistan, H.E. Anwaar-ul-Haq Kakar. Thank you very much for your help.\n\n"
	if got := docText(d); got != want {
		t.Errorf("cover:\n%s\nwant:\n%s", got, want)
	}
	for _, b := range blocks(d, letter.RoleCoverField) {
		if len(b.Label) == 0 {
			t.Error("field without label")
		}
	}
}

func TestCoverCopyNote(t *testing.T) {
	c := catalogue(t)
	for _, key := range []string{"interior", "foreign-affairs"} {
		text := docText(cover(t, c, key, "en"))
		if !strings.Contains(text, "the enclosed letter is a copy of an appeal to the Caretaker Prime Minister") ||
			strings.Contains(text, "forward") {
			t.Errorf("%s cover:\n%s", key, text)
		}
	}
	if !strings.Contains(docText(cover(t, c, "interior", "en")), "Fax number: +92 51 9202624") {
		t.Error("interior fax number")
	}
}

func TestCoverLanguages(t *testing.T) {
	c := catalogue(t)
	ur := cover(t, c, "embassy-bern", "ur")
	text := docText(ur)
	if ur.Dir != letter.RTL || !strings.HasPrefix(text, "فیکس\n") || !strings.Contains(text, "اس سرورق سمیت 3 صفحات") ||
		!strings.Contains(text, "نگران وزیر اعظم پاکستان عزت مآب انوار الحق کاکڑ تک پہنچا دیں") {
		t.Errorf("Urdu cover:\n%s", text)
	}
	for _, lang := range allLangs {
		d := cover(t, c, "foreign-affairs", lang)
		if strings.Contains(docText(d), "{{") || len(blocks(d, letter.RoleCoverMessage)) != 1 {
			t.Errorf("%s cover incomplete", lang)
		}
	}
}

func TestCoverErrors(t *testing.T) {
	c := catalogue(t)
	req := letter.CoverRequest{Request: letter.Request{ActionID: "109-23", Signer: signer("")}, Pages: 2}
	_, err := c.ComposeCover(req, now) // main addressee: no fax
	if !errors.Is(err, letter.ErrNoFax) || !strings.Contains(err.Error(), "prime-minister") {
		t.Errorf("no fax: %v", err)
	}
	req.Recipient, req.CoverLang, req.Pages = "interior", "it", 0
	_, err = c.ComposeCover(req, now)
	if !errors.Is(err, letter.ErrUnknownLanguage) {
		t.Errorf("cover lang: %v", err)
	}
	if f := fieldsOf(t, err); f["cover_lang"] == "" || f["pages"] == "" {
		t.Errorf("fields %v", f)
	}
}

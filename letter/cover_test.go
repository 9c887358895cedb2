package letter_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
)

// resolvedCover resolves an Urdu appeal signed by signer(g) and its cover
// in lang.
func resolvedCover(t *testing.T, c *catalogue.Catalogue, lang string, g letter.Gender) (*catalogue.Action, *letter.Cover, error) {
	t.Helper()
	act, err := c.Action("109-23")
	if err != nil {
		t.Fatal(err)
	}
	appeal, err := letter.Resolve(act, letter.Request{ActionID: act.ID, Lang: "ur", Signer: signer(g)}, now)
	if err != nil {
		t.Fatal(err)
	}
	cv, err := letter.ResolveCover(appeal, lang)
	return act, cv, err
}

func cover(t *testing.T, c *catalogue.Catalogue, rcpt, lang string) *letter.Document {
	t.Helper()
	act, cv, err := resolvedCover(t, c, lang, letter.Female)
	if err != nil {
		t.Fatal(err)
	}
	r, err := act.Recipient(rcpt)
	if err != nil {
		t.Fatal(err)
	}
	d, err := letter.ComposeCover(cv, r, 3)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCoverEmbassy(t *testing.T) {
	d := cover(t, loadCat(t), "embassy-bern", "")
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
	c := loadCat(t)
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
	c := loadCat(t)
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
	c := loadCat(t)
	act, cv, err := resolvedCover(t, c, "", "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = letter.ComposeCover(cv, act.MainRecipient(), 2) // main addressee: no fax
	if !errors.Is(err, letter.ErrNoFax) || !strings.Contains(err.Error(), "prime-minister") {
		t.Errorf("no fax: %v", err)
	}
	interior, _ := act.Recipient("interior")
	_, err = letter.ComposeCover(cv, interior, 0)
	if f := fieldsOf(t, err); f["pages"] == "" {
		t.Errorf("pages: fields %v", f)
	}
	_, _, err = resolvedCover(t, c, "it", "")
	if !errors.Is(err, letter.ErrUnknownLanguage) {
		t.Errorf("cover lang: %v", err)
	}
	if f := fieldsOf(t, err); f["cover_lang"] == "" {
		t.Errorf("cover lang: fields %v", f)
	}
}

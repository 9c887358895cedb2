package letter_test

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/letter"
)

func fieldsOf(t *testing.T, err error) map[string]string {
	t.Helper()
	var ve *letter.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want *ValidationError, got %v", err)
	}
	out := map[string]string{}
	for _, f := range ve.Fields {
		out[f.Field] = f.Detail
	}
	return out
}

func TestValidateFields(t *testing.T) {
	c := loadCat(t)
	long := strings.Repeat("a", 121)
	cases := []struct {
		name  string
		mod   func(r *letter.Request)
		field string
	}{
		{"name required", func(r *letter.Request) { r.Signer.Name = "  " }, "name"},
		{"name too long", func(r *letter.Request) { r.Signer.Name = long }, "name"},
		{"name invisible", func(r *letter.Request) { r.Signer.Name = "\u200B\u200C \u2060" }, "name"},
		{"name bidi override", func(r *letter.Request) { r.Signer.Name = "Amina \u202Eevil" }, "name"},
		{"name isolate", func(r *letter.Request) { r.Signer.Name = "\u2067Amina\u2069" }, "name"},
		{"name control", func(r *letter.Request) { r.Signer.Name = "Amina\x00" }, "name"},
		{"name newline", func(r *letter.Request) { r.Signer.Name = "Amina\nKhan" }, "name"},
		{"invalid utf-8", func(r *letter.Request) { r.Signer.Name = "Amina \xff" }, "name"},
		{"name noncharacter FFFF", func(r *letter.Request) { r.Signer.Name = "Amina \uFFFF" }, "name"},
		{"city noncharacter FFFE", func(r *letter.Request) { r.Signer.City = "Bern\uFFFE" }, "city"},
		{"body noncharacter FDD0", func(r *letter.Request) { r.Body = "Please\uFDD0 stop." }, "body"},
		{"body noncharacter FDEF", func(r *letter.Request) { r.Body = "\uFDEF" }, "body"},
		{"address noncharacter 10FFFF", func(r *letter.Request) { r.Signer.Address = []string{"x\U0010FFFF"} }, "address[0]"},
		{"email noncharacter 1FFFE", func(r *letter.Request) { r.Signer.Email = "a\U0001FFFE@b.ch" }, "email"},
		{"address lines", func(r *letter.Request) { r.Signer.Address = strings.Split("1\n2\n3\n4\n5\n6\n7", "\n") }, "address"},
		{"address line length", func(r *letter.Request) { r.Signer.Address = []string{"ok", long} }, "address[1]"},
		{"address control", func(r *letter.Request) { r.Signer.Address = []string{"a\x07b"} }, "address[0]"},
		{"postcode", func(r *letter.Request) { r.Signer.Postcode = strings.Repeat("1", 21) }, "postcode"},
		{"city", func(r *letter.Request) { r.Signer.City = strings.Repeat("x", 81) }, "city"},
		{"country", func(r *letter.Request) { r.Signer.Country = strings.Repeat("x", 81) }, "country"},
		{"email", func(r *letter.Request) { r.Signer.Email = "not an address" }, "email"},
		{"email length", func(r *letter.Request) { r.Signer.Email = strings.Repeat("a", 250) + "@b.ch" }, "email"},
		{"gender", func(r *letter.Request) { r.Signer.Gender = "other" }, "gender"},
		{"date format", func(r *letter.Request) { r.Date = "21.11.2023" }, "date"},
		{"date invalid", func(r *letter.Request) { r.Date = "2023-02-30" }, "date"},
		{"body length", func(r *letter.Request) { r.Body = strings.Repeat("ب", 20001) }, "body"},
		{"body control", func(r *letter.Request) { r.Body = "a\x1bb" }, "body"},
		{"lang", func(r *letter.Request) { r.Lang = "it" }, "lang"},
		{"recipient", func(r *letter.Request) { r.Recipient = "president" }, "recipient"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := letter.Request{ActionID: "109-23", Lang: "ur", Signer: signer(letter.Female)}
			tc.mod(&req)
			err := validate(c, req)
			got := fieldsOf(t, err)
			if _, ok := got[tc.field]; !ok || len(got) != 1 {
				t.Errorf("fields %v, want only %s", got, tc.field)
			}
			if _, err := letter.ComposeRequest(c, req, now); err == nil {
				t.Error("Compose accepted an invalid request")
			}
		})
	}
}

func TestValidateAccepts(t *testing.T) {
	c := loadCat(t)
	// Multi-line form fields split into 6 address lines; bidi controls are
	// allowed in address and body (they are laid out as isolates).
	req := letter.Request{ActionID: "109-23", Lang: "ur", Signer: letter.Signer{
		Name:    strings.Repeat("ع", 120),
		Address: []string{"1\n2\n3", "4\r\n5\n\n\u2067six\u2069"},
	}, Date: "2024-02-29", Body: "line\twith tab\r\n\u202Bembedded\u202C text is allowed in the body"}
	if err := validate(c, req); err != nil {
		t.Fatal(err)
	}
	// "e" + combining acute counts as one character after NFC.
	req.Signer.Name = strings.Repeat("e\u0301", 120)
	if err := validate(c, req); err != nil {
		t.Errorf("NFC length: %v", err)
	}
}

func TestValidateEveryField(t *testing.T) {
	c := loadCat(t)
	err := validate(c, letter.Request{ActionID: "109-23", Lang: "xx", Recipient: "nobody",
		Signer: letter.Signer{Gender: "x", Email: "@"}, Date: "tomorrow"})
	got := fieldsOf(t, err)
	for _, f := range []string{"name", "lang", "recipient", "gender", "email", "date"} {
		if _, ok := got[f]; !ok {
			t.Errorf("no error for %s: %v", f, got)
		}
	}
	if !errors.Is(err, letter.ErrUnknownLanguage) || !errors.Is(err, catalogue.ErrUnknownRecipient) {
		t.Errorf("sentinels not wrapped: %v", err)
	}
	if !strings.Contains(got["lang"], "en, ur, sd, bal, pnb, fr, de") {
		t.Errorf("lang detail does not list the languages: %q", got["lang"])
	}
}

func TestValidateUnknownAction(t *testing.T) {
	err := validate(loadCat(t), letter.Request{ActionID: "1-99", Lang: "en", Signer: signer("")})
	if !errors.Is(err, catalogue.ErrUnknownAction) {
		t.Errorf("got %v", err)
	}
}

func TestCoverageError(t *testing.T) {
	c := loadCat(t)
	s := signer(letter.Female)
	s.Name = "Amina 😀"
	s.City = "Bern कृ"
	_, err := letter.ComposeRequest(c, letter.Request{ActionID: "109-23", Lang: "ur", Signer: s, Body: "ok ሀ"}, now)
	var ce *letter.CoverageError
	if !errors.As(err, &ce) {
		t.Fatalf("want *CoverageError, got %v", err)
	}
	got := map[string]string{}
	for _, f := range ce.Fields {
		got[f.Field] = string(f.Runes)
	}
	want := map[string]string{"name": "😀", "city": "कृ", "body": "ሀ"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("field %s: %q, want %q", k, got[k], v)
		}
	}
	var ue *fonts.UncoveredError
	if !errors.As(err, &ue) || len(ue.Runes) != 4 {
		t.Errorf("wrapped UncoveredError: %v", ue)
	}
	if !strings.Contains(err.Error(), "U+1F600") {
		t.Errorf("message %q", err)
	}
}

// TestNoncharacters checks letter.Noncharacter against the definition in
// Unicode's PropList.txt (Noncharacter_Code_Point), read from Debian's
// unicode-data when installed.
func TestNoncharacters(t *testing.T) {
	want := map[rune]bool{}
	data, err := os.ReadFile("/usr/share/unicode/PropList.txt")
	if err != nil {
		t.Skipf("PropList.txt not installed (apt-get install unicode-data): %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.Contains(line, "; Noncharacter_Code_Point") {
			continue
		}
		lo, hi, _ := strings.Cut(strings.TrimSpace(strings.Split(line, ";")[0]), "..")
		a, _ := strconv.ParseUint(lo, 16, 32)
		b := a
		if hi != "" {
			b, _ = strconv.ParseUint(hi, 16, 32)
		}
		for r := a; r <= b; r++ {
			want[rune(r)] = true
		}
	}
	if len(want) != 66 {
		t.Fatalf("PropList.txt lists %d noncharacters, want 66", len(want))
	}
	for r := rune(0); r <= 0x10FFFF; r++ {
		if letter.Noncharacter(r) != want[r] {
			t.Errorf("Noncharacter(%U) = %v, PropList.txt says %v", r, !want[r], want[r])
		}
	}
}

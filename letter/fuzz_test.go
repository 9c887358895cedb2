package letter_test

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/letter"
)

var fuzzGenders = []letter.Gender{"", letter.Female, letter.Male, letter.Unspecified, "x"}

// FuzzCompose composes the UA 109/23 letter with arbitrary signer values
// and own words in every language. It must not panic; it fails only with a
// *ValidationError or a *CoverageError; and a composed letter holds the
// signer's name, and every word of the own words, as typed (after NFC).
func FuzzCompose(f *testing.F) {
	for i, s := range []string{"Amina Rahimi", "امینہ رحیمی", "a\n", "\u202Eabc", "x\uFFFF", "ڪ۽", "王", "\t\t", "Mallory\r\n\r\nEve"} {
		f.Add(uint8(i), uint8(i), s, "Lahore\nPunjab", s+"\n\n"+s, "")
	}
	f.Add(uint8(3), uint8(1), "Ali", "", strings.Repeat("a\n", 300), "2023-02-29")
	cat := loadCat(f)
	f.Fuzz(func(t *testing.T, li, gi uint8, name, address, body, date string) {
		req := letter.Request{ActionID: "109-23", Lang: allLangs[int(li)%len(allLangs)], Date: date, Body: body,
			Signer: letter.Signer{Name: name, Address: []string{address}, City: address, Gender: fuzzGenders[int(gi)%len(fuzzGenders)]}}
		doc, err := letter.ComposeRequest(cat, req, now)
		if err != nil {
			var (
				ve *letter.ValidationError
				ce *letter.CoverageError
			)
			if !errors.As(err, &ve) && !errors.As(err, &ce) {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		all := documentText(doc)
		if n := squash(norm.NFC.String(name)); !strings.Contains(all, n) {
			t.Fatalf("the name %q is not in the letter", name)
		}
		for _, w := range strings.Fields(norm.NFC.String(body)) {
			if w = squash(w); w != "" && !strings.Contains(all, w) {
				t.Fatalf("own word %q is not in the letter", w)
			}
		}
	})
}

// documentText joins every run of doc, without spaces and ignorable
// characters, so words can be looked up whatever the line breaking.
func documentText(doc *letter.Document) string {
	var b strings.Builder
	for _, bl := range doc.Blocks {
		for _, l := range bl.Lines {
			b.WriteString(squash(l.Text()))
		}
	}
	return b.String()
}

// squash drops white space and characters that need no glyph.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || fonts.Ignorable(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

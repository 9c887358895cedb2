package fonts

import (
	"errors"
	"testing"
)

func TestFontChoice(t *testing.T) {
	cases := []struct {
		lang string
		r    rune
		want ID
	}{
		{"ur", 'ک', NastaliqRegular},
		{"pnb", 'ݨ', NastaliqRegular},
		{"sd", 'ڪ', NaskhRegular},
		{"bal", 'ێ', NaskhRegular},
		{"ur", 'A', SansRegular},
		{"sd", 'é', SansRegular},
		{"en", 'ب', NaskhRegular},
		{"en", '7', SansRegular},
		{"ur", '7', NastaliqRegular},
		{"sd", '-', SansRegular}, // Naskh has no hyphen-minus
	}
	for _, c := range cases {
		got, ok := For(c.lang, c.r)
		if !ok || got != c.want {
			t.Errorf("For(%s, %q) = %v, %v; want %v", c.lang, c.r, got, ok, c.want)
		}
	}
}

func TestSindhiLettersNeedNaskh(t *testing.T) {
	// docs/DESIGN.md: Nastaliq lacks these Sindhi letters, Naskh has them.
	for _, r := range []rune{'ڪ', '۽', '۾'} {
		if NastaliqRegular.Has(r) || !NaskhRegular.Has(r) {
			t.Errorf("%q: Nastaliq %v, Naskh %v", r, NastaliqRegular.Has(r), NaskhRegular.Has(r))
		}
	}
}

func TestUncoveredNamesEachCharacterOnce(t *testing.T) {
	err := CheckCoverage("ur", "Ali 李 😀 李 علی\u202E")
	var ue *UncoveredError
	if !errors.As(err, &ue) || string(ue.Runes) != "李😀" {
		t.Fatalf("got %v", err)
	}
	if want := `no bundled font covers U+674E "李", U+1F600 "😀"`; err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
	if CheckCoverage("sd", "ڪ ۽ ۾ 0300-1234567") != nil {
		t.Error("Sindhi text reported uncovered")
	}
}

func TestEveryFontParses(t *testing.T) {
	for _, id := range All() {
		if id.Upem() != 1000 || len(id.Bytes()) < 100000 {
			t.Errorf("%v: upem %v, %d bytes", id, id.Upem(), len(id.Bytes()))
		}
	}
}

// TestGlyphZeroIsNotCoverage: go-text maps U+FFFF to glyph 0 (.notdef)
// and reports it found; coverage must not count it, or the back ends draw
// a blank (PDF, PNG, TIFF) or fail (DOCX).
func TestGlyphZeroIsNotCoverage(t *testing.T) {
	for _, id := range All() {
		if gid, ok := id.Font().NominalGlyph(0xFFFF); ok && gid == 0 && id.Has(0xFFFF) {
			t.Errorf("%v: Has(U+FFFF) with glyph 0", id)
		}
		if !id.Has('.') && !id.Has(0x0627) {
			t.Errorf("%v: has neither '.' nor alef", id)
		}
	}
	if got := Uncovered("en", "a\uFFFFb"); len(got) != 1 || got[0] != 0xFFFF {
		t.Errorf("Uncovered(en, a U+FFFF b) = %U, want [U+FFFF]", got)
	}
}

package docx

import (
	"strings"
	"testing"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/text"
	"github.com/ualetters/ualetters/templates"
)

// TestFontsAgreeWithTextEngine: every character of every line of the
// catalogue letters (model and own words, all languages) is set in the
// same font family by the DOCX writer as by the text engine of the PDF.
// Both decide digits, punctuation and spaces with fonts.Common. LTR values
// (dates, numbers, ids) are left out: DOCX sets them in Noto Sans, never
// in a right-to-left run, because Word would set an rtl run's neutrals as
// right-to-left; the PDF's text engine gives their digits the script font.
func TestFontsAgreeWithTextEngine(t *testing.T) {
	cat, err := catalogue.Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	checked, differ := 0, 0
	for _, lang := range langs {
		for _, doc := range []*letter.Document{composed(t, cat, lang), composedOwn(t, cat, lang)} {
			for _, b := range doc.Blocks {
				for _, l := range b.Lines {
					c, d := compareLineFonts(t, doc, l)
					checked += c
					differ += d
				}
			}
		}
	}
	t.Logf("%d characters compared, %d in another font", checked, differ)
	if checked < 10000 || differ > 0 {
		t.Errorf("%d of %d characters set in another font than the PDF's", differ, checked)
	}
}

// compareLineFonts compares the regular font of each character of a line.
func compareLineFonts(t *testing.T, doc *letter.Document, l letter.Line) (checked, differ int) {
	p := text.Paragraph{Lang: doc.Lang, RTL: doc.RTL(), Size: 11}
	var want []fonts.ID
	var skip []bool
	for _, r := range l.Runs {
		sp := text.Span{Text: r.Text, Lang: r.Lang}
		switch r.Kind {
		case letter.User:
			sp.Isolation = text.FirstStrong
		case letter.LTRIsolate:
			sp.Isolation = text.LeftToRight
		}
		p.Spans = append(p.Spans, sp)
		segs, err := split(r.Lang, dropBidiControls(r.Text), r.Kind == letter.LTRIsolate, doc.RTL(), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range segs {
			for _, c := range s.text {
				if !fonts.Ignorable(c) {
					want = append(want, s.font)
					skip = append(skip, r.Kind == letter.LTRIsolate)
				}
			}
		}
	}
	items, err := text.Items(p)
	if err != nil {
		t.Fatal(err)
	}
	var got []fonts.ID
	var chars []rune
	for _, it := range items {
		for _, c := range it.Text {
			if !fonts.Ignorable(c) {
				got = append(got, it.Font.Variant(false, false))
				chars = append(chars, c)
			}
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%q: %d characters in the text engine, %d in DOCX", l.Text(), len(got), len(want))
	}
	for i := range got {
		if skip[i] {
			continue
		}
		checked++
		if got[i] != want[i] {
			differ++
			if differ <= 5 {
				t.Logf("%s: %q in %q: PDF %s, DOCX %s", doc.Lang, chars[i], strings.TrimSpace(l.Text()), got[i], want[i])
			}
		}
	}
	return checked, differ
}

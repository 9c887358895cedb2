package text

import (
	"errors"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ualetters/ualetters/fonts"
)

// FuzzReviewLayout lays out arbitrary user text (as a first-strong isolate,
// an LTR isolate and inline text) in every letter language and checks that
// the engine never panics, only ever fails with *fonts.UncoveredError, and
// never draws a line wider than the box.
func FuzzReviewLayout(f *testing.F) {
	seeds := []string{
		"Ali Khan", "علی خان", "0300-1234567", "(علی) [x]",
		"\u202Eabc\u202C علی", "\u2067\u2066\u2068x\u2069", "\u202B\u202A\u202D\u202E\u202C",
		"a\tb", "ا\u200Dب\u200C", "\u061C1\u200F2\u200E3",
		strings.Repeat("\u202B", 130) + "x", strings.Repeat("\u2067", 130) + "ا",
		"ااااااااااااااااااااااااااااااااااااااااااااااااااااااااااااااااااااااااا",
		"a\nb\r\nc\u2028d", "", " ", "\u00A0\u00A0",
	}
	for i, s := range seeds {
		f.Add(s, uint8(i%7), uint8(i%3), uint16(40+i*10))
	}
	langs := []string{"en", "fr", "de", "ur", "sd", "bal", "pnb"}
	e := NewEngine(NewCache(1 << 14))
	f.Fuzz(func(t *testing.T, s string, li, iso uint8, w uint16) {
		if !utf8.ValidString(s) || len(s) > 2000 {
			return
		}
		lang := langs[int(li)%len(langs)]
		rtl := lang == "ur" || lang == "sd" || lang == "bal" || lang == "pnb"
		width := float64(w%500) + 100 // the narrowest box the letters use is 104 pt
		p := Paragraph{Lang: lang, RTL: rtl, Size: 11, Spans: []Span{
			{Text: "نام ", Lang: lang},
			{Text: s, Isolation: Isolation(iso % 3), Hyphenate: iso&4 != 0},
			{Text: " end", Lang: "en"},
		}}
		lines, err := e.Layout(p, width)
		if err != nil {
			var ue *fonts.UncoveredError
			if !errors.As(err, &ue) {
				t.Fatalf("Layout(%q, %s): unexpected error %v", s, lang, err)
			}
			return
		}
		if len(lines) == 0 {
			t.Fatalf("Layout(%q): no lines", s)
		}
		for i, l := range lines {
			if math.IsNaN(l.Width) || l.Width > width+0.01 {
				t.Fatalf("Layout(%q, %s) line %d width %.2f > box %.2f", s, lang, i, l.Width, width)
			}
			for _, r := range l.Runs {
				for _, g := range r.Glyphs {
					if !rtl && g.Chars == " " && g.Advance > maxSpaceEm*r.Size+1e-9 {
						t.Fatalf("Layout(%q, %s) line %d: a space of %.2f em", s, lang, i, g.Advance/r.Size)
					}
				}
			}
		}
	})
}

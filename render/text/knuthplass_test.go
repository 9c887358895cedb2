package text

import (
	"math"
	"strings"
	"testing"
)

// TestHyphenationLimits lays out a German paragraph at many narrow widths
// (from 95 pt: narrower, a 30-letter word needs more than two hyphenated
// lines in a row and the last resort allows them):
// a name (a user field without Hyphenate) and an e-mail address typed in
// own words are never hyphenated, at most two hyphenated lines follow each
// other, and no justified line has a space wider than 0.65 em.
func TestHyphenationLimits(t *testing.T) {
	words := "Menschenrechtsverteidigerinnen und Medienschaffende schreiben an "
	p := Paragraph{Lang: "de", Size: 11, Align: Justify, Spans: []Span{
		{Text: "Sehr geehrte ", Hyphenate: true},
		{Text: "Maria Musterfrau-Hinterhuberstraßenbewohnerin", Isolation: FirstStrong},
		{Text: ", " + words + "menschenrechtsverteidigerinnen@example.org und " + strings.Repeat(words, 3), Hyphenate: true},
	}}
	pa, err := newPara(p)
	if err != nil {
		t.Fatal(err)
	}
	NewEngine(nil).shape(pa)
	text := string(pa.runes)
	protected := [][2]int{runeRange(text, "Maria Musterfrau-Hinterhuberstraßenbewohnerin"), runeRange(text, "menschenrechtsverteidigerinnen@example.org")}
	hyphenated := 0
	for width := 95.0; width <= 300; width += 7 {
		lines := pa.breakTotalFit(width)
		run := 0
		for _, l := range lines {
			if !l.Hyphenated {
				run = 0
				continue
			}
			hyphenated++
			if run++; run > maxHyphenRun {
				t.Errorf("width %.0f: %d hyphenated lines in a row", width, run)
			}
			for _, r := range protected {
				if l.end > r[0] && l.end < r[1] {
					t.Errorf("width %.0f: hyphenated inside %q", width, string(pa.runes[r[0]:r[1]]))
				}
			}
		}
		checkSpaces(t, width, lines, p.Size)
	}
	if hyphenated == 0 {
		t.Error("no line was hyphenated at any width")
	}
}

func checkSpaces(t *testing.T, width float64, lines []Line, size float64) {
	t.Helper()
	for _, l := range lines {
		for _, r := range l.Runs {
			for _, g := range r.Glyphs {
				if g.Chars == " " && g.Advance > maxSpaceEm*size+1e-9 {
					t.Errorf("width %.0f: a space of %.2f em", width, g.Advance/size)
				}
			}
		}
	}
}

func runeRange(s, sub string) [2]int {
	i := strings.Index(s, sub)
	a := len([]rune(s[:i]))
	return [2]int{a, a + len([]rune(sub))}
}

// TestTotalFitHyphenRun: lines that can only end in hyphens are accepted
// two in a row, never three.
func TestTotalFitHyphenRun(t *testing.T) {
	mk := func(n int) []chunk {
		cs := make([]chunk, n)
		for i := range cs {
			cs[i] = chunk{width: 100, kind: brHyphen}
		}
		cs[n-1].kind = brForced
		return cs
	}
	if got := totalFit(mk(3), 100, 1, maxHyphenRun); len(got) != 3 {
		t.Errorf("two hyphenated lines then the last: breaks %v, want 3 lines", got)
	}
	if got := totalFit(mk(4), 100, 1, maxHyphenRun); got != nil {
		t.Errorf("three hyphenated lines in a row accepted: breaks %v", got)
	}
}

// TestTotalFitEvensSpacing: first fit sets 40 40 | 38 60 | 60 (its first
// line needs four times its stretch); total fit shrinks the first line a
// little and sets two: 40 40 38 (r = -0.8) | 60 60.
func TestTotalFitEvensSpacing(t *testing.T) {
	word := func(w float64) chunk { return chunk{width: w, glue: 10, stretch: 10, shrink: 5, kind: brGlue} }
	cs := []chunk{word(40), word(40), word(38), word(60), word(60)}
	cs[4].kind = brForced
	got := totalFit(cs, 130, 1, maxHyphenRun)
	if len(got) != 2 || got[0] != 3 || got[1] != 5 {
		t.Errorf("breaks %v, want [3 5]", got)
	}
}

// TestNoLineNeedsShrinking: at every width from 95 to 300 pt, no line of
// a justified German paragraph (hyphenated) or an Urdu one is wider at
// natural spacing than the width, so a word processor that only widens
// spaces (LibreOffice, Word) fits the same words on the line.
func TestNoLineNeedsShrinking(t *testing.T) {
	words := "Menschenrechtsverteidigerinnen und Medienschaffende schreiben an "
	paras := map[string]Paragraph{
		"de": {Lang: "de", Size: 11, Align: Justify, Spans: []Span{{Text: strings.Repeat(words, 4), Hyphenate: true}}},
		"ur": {Lang: "ur", RTL: true, Size: 15, Align: Justify, Spans: []Span{{Text: urduText}}},
	}
	for name, p := range paras {
		pa, err := newPara(p)
		if err != nil {
			t.Fatal(err)
		}
		NewEngine(nil).shape(pa)
		tight := math.Inf(1) // the least room left on a justified line, points
		for width := 95.0; width <= 300; width += 7 {
			for i, l := range pa.breakTotalFit(width) {
				natural := pa.width(l.start, l.end)
				if l.Hyphenated {
					natural += pa.hyphenAdvance(l.end - 1)
				}
				if natural > width+1e-9 {
					t.Errorf("%s, width %.0f, line %d: %.2f pt at natural spacing", name, width, i+1, natural)
				}
				if !l.Last {
					tight = min(tight, width-natural)
				}
			}
		}
		t.Logf("%s: least room left on a justified line %.2f pt", name, tight)
	}
}

package text

import (
	"strings"

	"golang.org/x/text/unicode/bidi"
)

// VisualLine is a laid-out line as a typesetter's tool shows it: its
// characters in visual order, left to right, bidi controls removed and
// characters at right-to-left levels mirrored (as FriBidi prints them),
// with the runs the line is drawn in.
type VisualLine struct {
	Text string
	Runs []Run
}

// Visual lays the paragraph out like Layout and returns each line as
// visual text. A width of 0 or less breaks no lines (forced breaks still
// end one).
func (e *Engine) Visual(p Paragraph, width float64) ([]VisualLine, error) {
	if err := checkCoverage(p); err != nil {
		return nil, err
	}
	var out []VisualLine
	for _, part := range splitForced(p) {
		if len(part.Spans) == 0 {
			out = append(out, VisualLine{})
			continue
		}
		pa, err := newPara(part)
		if err != nil {
			return nil, err
		}
		e.shape(pa)
		var lines []Line
		if width <= 0 {
			lines = []Line{pa.buildLine(0, len(pa.runes), pa.width(0, len(pa.runes)), true)}
		} else {
			lines = e.breakLines(pa, width)
		}
		for _, l := range lines {
			t := pa.visualText(l.start, l.end)
			if l.Hyphenated {
				t += "-" // hyphenation is for left-to-right (en, fr, de) text only
			}
			out = append(out, VisualLine{Text: t, Runs: l.Runs})
		}
	}
	return out, nil
}

// visualText reorders the runes [a, b) with rule L1 and L2 applied to the
// line, drops the characters set without a glyph and mirrors the
// characters at odd levels.
func (pa *para) visualText(a, b int) string {
	classes := make([]bidi.Class, len(pa.runes))
	for i, r := range pa.runes {
		classes[i] = class(r)
	}
	base := uint8(0)
	if pa.RTL {
		base = 1
	}
	levels := lineLevels(classes, pa.levels, base, a, b)
	order := reorderIndexes(levels, func(i int) bool { return dropped(pa.runes[a+i]) })
	keepMarksAfterBase(order, levels, func(i int) bool { return classes[a+i] == bidi.NSM })
	var sb strings.Builder
	for _, i := range order {
		r := pa.runes[a+i]
		if levels[i]&1 == 1 {
			r = mirror(r)
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// keepMarksAfterBase puts right-to-left combining marks back after their
// base character, as FriBidi prints visual text: rule L2 reverses a base
// and its marks, which a character-cell display would set wrongly.
func keepMarksAfterBase(order []int, levels []uint8, nsm func(int) bool) {
	for i := 0; i < len(order); i++ {
		k := order[i]
		if levels[k]&1 == 0 || !nsm(k) {
			continue
		}
		j := i
		for j < len(order) && nsm(order[j]) && levels[order[j]] == levels[k] {
			j++
		}
		if j < len(order) && levels[order[j]] == levels[k] {
			for l, r := i, j; l < r; l, r = l+1, r-1 {
				order[l], order[r] = order[r], order[l]
			}
		}
		i = j
	}
}

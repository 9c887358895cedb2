package text

import (
	"golang.org/x/text/unicode/bidi"

	"github.com/ualetters/ualetters/render/numbers"
)

// Bidi levels come from resolveBidi (uax9.go), a complete UAX #9
// implementation. Isolated spans (user fields, LTR isolates) are resolved
// separately, as UAX #9 does for isolating run sequences, and stand in the
// enclosing text as an empty isolate (LRI PDI), so nothing a user typed,
// bidi controls included, can reorder the text around it.
//
// One deliberate tailoring: in right-to-left text, digit groups joined by
// "-", "/", "." or ":" (0300-1234567, 20-11-2023, 2023/11/20, 10:30) are
// set as one left-to-right isolate, so they read as typed. Plain UAX #9
// (and browsers) turn the digits after an Arabic letter into Arabic
// numbers (rule W2) and reverse the groups: 1234567-0300.

const (
	lri = '\u2066'
	pdi = '\u2069'
)

// isoRange is a range of paragraph runes resolved as an isolate.
type isoRange struct {
	start, end  int
	firstStrong bool // direction from the first strong character, else LTR
}

// resolveLevels resolves the bidi levels: inline spans with the paragraph,
// each isolated span on its own at the level of its isolate.
func (pa *para) resolveLevels() error {
	base := uint8(0)
	if pa.RTL {
		base = 1
	}
	pa.levels = make([]uint8, len(pa.runes))
	var isos []isoRange
	afterLatin := false
	for i := 0; i < len(pa.runes); {
		j := i
		for j < len(pa.runes) && pa.span[j] == pa.span[i] {
			j++
		}
		switch iso := pa.Spans[pa.span[i]].Isolation; {
		case iso != Inline:
			isos = append(isos, isoRange{i, j, iso == FirstStrong})
		case base == 1:
			var units []isoRange
			units, afterLatin = numberUnits(pa.runes, i, j, afterLatin)
			isos = append(isos, units...)
			pa.numbers = append(pa.numbers, units...)
		}
		i = j
	}
	pa.resolveRange(0, len(pa.runes), base, isos)
	return nil
}

// resolveRange resolves the runes [a, b) in a context of the given
// embedding level; isos (sorted, inside [a, b)) are resolved on their own.
func (pa *para) resolveRange(a, b int, level uint8, isos []isoRange) {
	var outer []rune
	var outerIdx []int // paragraph index of each outer rune; -1 for a stand-in
	next := a
	for _, is := range isos {
		for k := next; k < is.start; k++ {
			outer, outerIdx = append(outer, pa.runes[k]), append(outerIdx, k)
		}
		outer, outerIdx = append(outer, lri, pdi), append(outerIdx, -1, -1)
		next = is.end
	}
	for k := next; k < b; k++ {
		outer, outerIdx = append(outer, pa.runes[k]), append(outerIdx, k)
	}
	lv, _ := resolveBidi(outer, int(level&1))
	for k, idx := range outerIdx {
		if idx >= 0 {
			pa.levels[idx] = lv[k] + level&^1
		}
	}
	for _, is := range isos {
		content := pa.runes[is.start:is.end]
		dir := uint8(0)
		if is.firstStrong {
			_, dir = resolveBidi(content, -1)
		}
		var inner []isoRange
		if dir == 1 {
			inner, _ = numberUnits(pa.runes, is.start, is.end, false)
			pa.numbers = append(pa.numbers, inner...)
		}
		pa.resolveRange(is.start, is.end, isolateLevel(level, dir), inner)
	}
}

// numberUnits finds, in runes [a, b) of a right-to-left context, the
// digit groups set left to right (numbers.Units); afterLatin says whether
// the last strong character before a was left to right; the state at b is
// returned.
func numberUnits(runes []rune, a, b int, afterLatin bool) ([]isoRange, bool) {
	units, after := numbers.Units(runes, a, b, afterLatin)
	var out []isoRange
	for _, u := range units {
		out = append(out, isoRange{start: u[0], end: u[1]})
	}
	return out, after
}

// NumberUnits returns the byte ranges of s that the engine sets as one
// left-to-right unit in right-to-left text (numbers.InString).
func NumberUnits(s string) [][2]int { return numbers.InString(s) }

// IsRTL reports whether s starts, by its first strong character outside
// isolates (UAX #9 rules P2 and P3), right to left.
func IsRTL(s string) bool {
	_, level := resolveBidi([]rune(s), -1)
	return level == 1
}

func class(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// isolateLevel is the level an isolate of the given direction opens in a
// context of the given level: the next higher level of that parity.
func isolateLevel(context, dir uint8) uint8 {
	l := context + 1
	if l&1 != dir&1 {
		l++
	}
	return l
}

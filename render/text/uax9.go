package text

import (
	"github.com/go-text/typesetting/unicodedata"
	"golang.org/x/text/unicode/bidi"
)

// This file is a complete implementation of the Unicode Bidirectional
// Algorithm (UAX #9, Unicode 15): paragraph level (P2, P3), explicit levels
// and directions (X1–X10), weak types (W1–W7), paired brackets (N0),
// neutrals (N1, N2), implicit levels (I1, I2) and the line rules L1 and L2.
// Character classes come from golang.org/x/text/unicode/bidi (Unicode 15
// tables), mirrored brackets from go-text's unicodedata. It is checked
// against every case of Unicode's BidiTest.txt and BidiCharacterTest.txt
// (TestUnicodeBidiConformance).

const maxDepth = 125 // UAX #9 BD2

// bidiRun is the state of one paragraph's resolution.
type bidiRun struct {
	initial  []bidi.Class // classes as looked up (or given)
	types    []bidi.Class // classes as the rules change them
	runes    []rune       // nil when only classes are known (no brackets)
	levels   []uint8
	paraLvl  uint8
	matchPDI []int // per isolate initiator: index of its matching PDI, or len
	matchIni []int // per PDI: index of its matching initiator, or -1
}

// resolveBidi returns the embedding level of every rune of s in a paragraph
// of the given level (0 or 1; -1 applies rules P2 and P3), with the
// paragraph level used. Characters removed by rule X9 get the level of the
// character before them (the paragraph level at the start).
func resolveBidi(s []rune, para int) ([]uint8, uint8) {
	classes := make([]bidi.Class, len(s))
	for i, r := range s {
		classes[i] = class(r)
	}
	return resolveClasses(classes, s, para)
}

// resolveClasses is resolveBidi on classes; runes (may be nil) identify
// paired brackets.
func resolveClasses(classes []bidi.Class, runes []rune, para int) ([]uint8, uint8) {
	b := &bidiRun{initial: classes, runes: runes}
	b.types = append([]bidi.Class(nil), classes...)
	b.levels = make([]uint8, len(classes))
	b.matchIsolates()
	if para < 0 {
		b.paraLvl = b.firstStrong(0, len(classes))
	} else {
		b.paraLvl = uint8(para & 1)
	}
	b.explicit()
	for _, seq := range b.sequences() {
		seq.resolve(b)
	}
	b.fillRemoved()
	return b.levels, b.paraLvl
}

// removedByX9 reports whether rule X9 removes a character of class c.
func removedByX9(c bidi.Class) bool {
	switch c {
	case bidi.RLE, bidi.LRE, bidi.RLO, bidi.LRO, bidi.PDF, bidi.BN:
		return true
	}
	return false
}

func isInitiator(c bidi.Class) bool { return c == bidi.LRI || c == bidi.RLI || c == bidi.FSI }

// matchIsolates pairs isolate initiators with their PDIs (BD9).
func (b *bidiRun) matchIsolates() {
	n := len(b.initial)
	b.matchPDI = make([]int, n)
	b.matchIni = make([]int, n)
	var open []int
	for i, c := range b.initial {
		b.matchPDI[i], b.matchIni[i] = n, -1
		switch {
		case isInitiator(c):
			open = append(open, i)
		case c == bidi.PDI && len(open) > 0:
			o := open[len(open)-1]
			open = open[:len(open)-1]
			b.matchPDI[o], b.matchIni[i] = i, o
		case c == bidi.B:
			open = open[:0]
		}
	}
}

// firstStrong applies rules P2 and P3 to [from, to): 1 if the first strong
// character outside isolates is R or AL, else 0.
func (b *bidiRun) firstStrong(from, to int) uint8 {
	for i := from; i < to; i++ {
		switch c := b.initial[i]; {
		case c == bidi.L:
			return 0
		case c == bidi.R || c == bidi.AL:
			return 1
		case isInitiator(c):
			i = b.matchPDI[i]
		case c == bidi.B:
			return 0
		}
	}
	return 0
}

type stackEntry struct {
	level    uint8
	override bidi.Class // bidi.ON when neutral
	isolate  bool
}

// explicit applies rules X1–X8 and sets the classes X9 removes to BN.
func (b *bidiRun) explicit() {
	stack := []stackEntry{{level: b.paraLvl, override: bidi.ON}}
	overflowIsolates, overflowEmbeddings, validIsolates := 0, 0, 0
	for i, c := range b.initial {
		top := stack[len(stack)-1]
		switch c {
		case bidi.RLE, bidi.LRE, bidi.RLO, bidi.LRO, bidi.RLI, bidi.LRI, bidi.FSI:
			isolate := isInitiator(c)
			rtl := c == bidi.RLE || c == bidi.RLO || c == bidi.RLI
			if c == bidi.FSI {
				rtl = b.firstStrong(i+1, b.matchPDI[i]) == 1
			}
			b.levels[i] = top.level
			if isolate && top.override != bidi.ON {
				b.types[i] = top.override
			}
			next := (top.level + 2) &^ 1
			if rtl {
				next = (top.level + 1) | 1
			}
			if next <= maxDepth && overflowIsolates == 0 && overflowEmbeddings == 0 {
				if isolate {
					validIsolates++
				}
				ov := bidi.ON
				if c == bidi.LRO {
					ov = bidi.L
				} else if c == bidi.RLO {
					ov = bidi.R
				}
				stack = append(stack, stackEntry{level: next, override: ov, isolate: isolate})
			} else if isolate {
				overflowIsolates++
			} else if overflowIsolates == 0 {
				overflowEmbeddings++
			}
		case bidi.PDI:
			if overflowIsolates > 0 {
				overflowIsolates--
			} else if validIsolates > 0 {
				overflowEmbeddings = 0
				for !stack[len(stack)-1].isolate {
					stack = stack[:len(stack)-1]
				}
				stack = stack[:len(stack)-1]
				validIsolates--
			}
			top = stack[len(stack)-1]
			b.levels[i] = top.level
			if top.override != bidi.ON {
				b.types[i] = top.override
			}
		case bidi.PDF:
			if overflowIsolates > 0 {
			} else if overflowEmbeddings > 0 {
				overflowEmbeddings--
			} else if !top.isolate && len(stack) >= 2 {
				stack = stack[:len(stack)-1]
			}
			b.levels[i] = top.level
		case bidi.B:
			b.levels[i] = b.paraLvl
			stack = stack[:1]
			overflowIsolates, overflowEmbeddings, validIsolates = 0, 0, 0
		default:
			b.levels[i] = top.level
			if top.override != bidi.ON && c != bidi.BN {
				b.types[i] = top.override
			}
		}
		if removedByX9(c) {
			b.types[i] = bidi.BN
		}
	}
}

// sequence is an isolating run sequence (BD13) with its sos and eos.
type sequence struct {
	idx      []int // paragraph indexes, characters removed by X9 left out
	types    []bidi.Class
	level    uint8
	sos, eos bidi.Class
}

// levelRuns returns the level runs of the characters X9 keeps.
func (b *bidiRun) levelRuns() [][]int {
	var runs [][]int
	var cur []int
	for i := range b.types {
		if b.types[i] == bidi.BN && removedByX9(b.initial[i]) {
			continue
		}
		if len(cur) > 0 && b.levels[i] != b.levels[cur[0]] {
			runs = append(runs, cur)
			cur = nil
		}
		cur = append(cur, i)
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	return runs
}

// sequences applies rule X10: it chains level runs across isolates.
func (b *bidiRun) sequences() []*sequence {
	runs := b.levelRuns()
	runOf := map[int]int{} // first index of a run -> run number
	for k, r := range runs {
		runOf[r[0]] = k
	}
	var out []*sequence
	for _, r := range runs {
		if b.initial[r[0]] == bidi.PDI && b.matchIni[r[0]] >= 0 {
			continue // continues the sequence of its initiator
		}
		var idx []int
		for {
			idx = append(idx, r...)
			last := r[len(r)-1]
			if !isInitiator(b.initial[last]) || b.matchPDI[last] >= len(b.initial) {
				break
			}
			k, ok := runOf[b.matchPDI[last]]
			if !ok {
				break
			}
			r = runs[k]
		}
		out = append(out, b.newSequence(idx))
	}
	return out
}

func (b *bidiRun) newSequence(idx []int) *sequence {
	s := &sequence{idx: idx, level: b.levels[idx[0]]}
	s.types = make([]bidi.Class, len(idx))
	for k, i := range idx {
		s.types[k] = b.types[i]
	}
	prev := b.paraLvl
	for i := idx[0] - 1; i >= 0; i-- {
		if !removedByX9(b.initial[i]) {
			prev = b.levels[i]
			break
		}
	}
	next := b.paraLvl
	last := idx[len(idx)-1]
	if !isInitiator(b.initial[last]) {
		for i := last + 1; i < len(b.initial); i++ {
			if !removedByX9(b.initial[i]) {
				next = b.levels[i]
				break
			}
		}
	}
	s.sos = dirOf(max(prev, s.level))
	s.eos = dirOf(max(next, s.level))
	return s
}

func dirOf(level uint8) bidi.Class {
	if level&1 == 1 {
		return bidi.R
	}
	return bidi.L
}

// resolve applies the weak, neutral and implicit rules to the sequence and
// writes the levels back.
func (s *sequence) resolve(b *bidiRun) {
	s.weak()
	s.brackets(b)
	s.neutrals()
	for k, i := range s.idx {
		b.levels[i] = implicitLevel(s.level, s.types[k])
	}
}

// implicitLevel applies rules I1 and I2.
func implicitLevel(level uint8, t bidi.Class) uint8 {
	if level&1 == 0 {
		switch t {
		case bidi.R:
			return level + 1
		case bidi.AN, bidi.EN:
			return level + 2
		}
		return level
	}
	if t == bidi.L || t == bidi.EN || t == bidi.AN {
		return level + 1
	}
	return level
}

// weak applies rules W1–W7.
func (s *sequence) weak() {
	t := s.types
	for k := range t { // W1
		if t[k] != bidi.NSM {
			continue
		}
		switch {
		case k == 0:
			t[k] = s.sos
		case isInitiator(t[k-1]) || t[k-1] == bidi.PDI:
			t[k] = bidi.ON
		default:
			t[k] = t[k-1]
		}
	}
	last := s.sos // W2, W3
	for k := range t {
		switch t[k] {
		case bidi.L, bidi.R:
			last = t[k]
		case bidi.AL:
			last = bidi.AL
			t[k] = bidi.R
		case bidi.EN:
			if last == bidi.AL {
				t[k] = bidi.AN
			}
		}
	}
	for k := 1; k+1 < len(t); k++ { // W4
		switch {
		case t[k] == bidi.ES && t[k-1] == bidi.EN && t[k+1] == bidi.EN:
			t[k] = bidi.EN
		case t[k] == bidi.CS && t[k-1] == bidi.EN && t[k+1] == bidi.EN:
			t[k] = bidi.EN
		case t[k] == bidi.CS && t[k-1] == bidi.AN && t[k+1] == bidi.AN:
			t[k] = bidi.AN
		}
	}
	s.terminators()
	for k := range t { // W6
		if t[k] == bidi.ES || t[k] == bidi.ET || t[k] == bidi.CS {
			t[k] = bidi.ON
		}
	}
	last = s.sos // W7
	for k := range t {
		switch t[k] {
		case bidi.L, bidi.R:
			last = t[k]
		case bidi.EN:
			if last == bidi.L {
				t[k] = bidi.L
			}
		}
	}
}

// terminators applies rule W5: a sequence of ETs next to an EN becomes EN.
func (s *sequence) terminators() {
	t := s.types
	for k := 0; k < len(t); {
		if t[k] != bidi.ET {
			k++
			continue
		}
		end := k
		for end < len(t) && t[end] == bidi.ET {
			end++
		}
		if (k > 0 && t[k-1] == bidi.EN) || (end < len(t) && t[end] == bidi.EN) {
			for j := k; j < end; j++ {
				t[j] = bidi.EN
			}
		}
		k = end
	}
}

// isNeutral reports whether t is a neutral or isolate formatting class (NI).
func isNeutral(t bidi.Class) bool {
	switch t {
	case bidi.B, bidi.S, bidi.WS, bidi.ON, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
		return true
	}
	return false
}

// strongOf is the direction a resolved class counts as in rules N0–N2:
// numbers count as R; ON means neutral.
func strongOf(t bidi.Class) bidi.Class {
	switch t {
	case bidi.L:
		return bidi.L
	case bidi.R, bidi.EN, bidi.AN:
		return bidi.R
	}
	return bidi.ON
}

// neutrals applies rules N1 and N2.
func (s *sequence) neutrals() {
	t := s.types
	e := dirOf(s.level)
	for k := 0; k < len(t); {
		if !isNeutral(t[k]) {
			k++
			continue
		}
		end := k
		for end < len(t) && isNeutral(t[end]) {
			end++
		}
		before, after := s.sos, s.eos
		if k > 0 {
			before = strongOf(t[k-1])
		}
		if end < len(t) {
			after = strongOf(t[end])
		}
		d := e
		if before == after {
			d = before
		}
		for j := k; j < end; j++ {
			t[j] = d
		}
		k = end
	}
}

// fillRemoved gives characters removed by X9 the level of the character
// before them, or the paragraph level at the start.
func (b *bidiRun) fillRemoved() {
	for i, c := range b.initial {
		if removedByX9(c) {
			if i == 0 {
				b.levels[i] = b.paraLvl
			} else {
				b.levels[i] = b.levels[i-1]
			}
		}
	}
}

// lineLevels applies rule L1 to the line [from, to) of a resolved
// paragraph: segment and paragraph separators, and whitespace before them
// or at the end of the line, go back to the paragraph level.
func lineLevels(classes []bidi.Class, levels []uint8, para uint8, from, to int) []uint8 {
	out := append([]uint8(nil), levels[from:to]...)
	trailing := true
	for i := to - 1; i >= from; i-- {
		c := classes[i]
		switch {
		case c == bidi.S || c == bidi.B:
			out[i-from] = para
			trailing = true
		case trailing && (c == bidi.WS || isInitiator(c) || c == bidi.PDI || removedByX9(c)):
			out[i-from] = para
		default:
			trailing = false
		}
	}
	return out
}

// reorderIndexes applies rule L2: the indexes of levels in visual order, left
// to right, leaving out those where skip is true.
func reorderIndexes(levels []uint8, skip func(int) bool) []int {
	var order []int
	var lv []uint8
	for i, l := range levels {
		if skip == nil || !skip(i) {
			order = append(order, i)
			lv = append(lv, l)
		}
	}
	hi, lo := uint8(0), uint8(255)
	for _, l := range lv {
		hi, lo = max(hi, l), min(lo, l)
	}
	lo |= 1
	for lvl := int(hi); lvl >= int(lo); lvl-- {
		for i := 0; i < len(lv); {
			if int(lv[i]) < lvl {
				i++
				continue
			}
			j := i
			for j < len(lv) && int(lv[j]) >= lvl {
				j++
			}
			for l, r := i, j-1; l < r; l, r = l+1, r-1 {
				order[l], order[r] = order[r], order[l]
				lv[l], lv[r] = lv[r], lv[l]
			}
			i = j
		}
	}
	return order
}

// mirror returns the mirrored form of r (Bidi_Mirroring_Glyph), or r.
func mirror(r rune) rune {
	if m, ok := unicodedata.LookupMirrorChar(r); ok {
		return m
	}
	return r
}

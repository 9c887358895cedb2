package text

import (
	"sort"

	"golang.org/x/text/unicode/bidi"
)

const maxBracketDepth = 63 // UAX #9 BD16

// bracketPair is an opening and a closing paired bracket (BD16), as
// positions in an isolating run sequence.
type bracketPair struct{ open, close int }

// bracketID identifies a bracket pair: the opening bracket, with the
// canonical equivalents U+2329 and U+232A taken as U+3008 and U+3009.
func bracketID(r rune) rune {
	switch r {
	case 0x2329:
		return 0x3008
	case 0x232A:
		return 0x3009
	}
	return r
}

// bracketKind is 1 for an opening paired bracket, 2 for a closing one, and
// its pair id.
func bracketKind(r rune) (kind int, id rune) {
	p, _ := bidi.LookupRune(r)
	switch {
	case !p.IsBracket():
		return 0, 0
	case p.IsOpeningBracket():
		return 1, bracketID(r)
	default:
		return 2, bracketID(mirror(r))
	}
}

// pairs lists the sequence's bracket pairs sorted by opening position.
func (s *sequence) pairs(b *bidiRun) []bracketPair {
	if b.runes == nil {
		return nil
	}
	type opener struct {
		pos int
		id  rune
	}
	var stack []opener
	var out []bracketPair
scan:
	for k, i := range s.idx {
		if s.types[k] != bidi.ON {
			continue
		}
		kind, id := bracketKind(b.runes[i])
		switch kind {
		case 1:
			if len(stack) == maxBracketDepth {
				break scan
			}
			stack = append(stack, opener{k, id})
		case 2:
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j].id == id {
					out = append(out, bracketPair{stack[j].pos, k})
					stack = stack[:j]
					break
				}
			}
		}
	}
	sort.Slice(out, func(a, c int) bool { return out[a].open < out[c].open })
	return out
}

// brackets applies rule N0 to every bracket pair in order.
func (s *sequence) brackets(b *bidiRun) {
	e := dirOf(s.level)
	opposite := bidi.L
	if e == bidi.L {
		opposite = bidi.R
	}
	for _, p := range s.pairs(b) {
		switch s.strongInside(p, e) {
		case e:
			s.setPair(b, p, e)
		case opposite:
			if s.strongBefore(p.open) == opposite {
				s.setPair(b, p, opposite)
			} else {
				s.setPair(b, p, e)
			}
		}
	}
}

// strongInside returns e if a strong type matching the embedding direction
// lies inside the pair, else the other strong direction found, else ON.
func (s *sequence) strongInside(p bracketPair, e bidi.Class) bidi.Class {
	found := bidi.ON
	for k := p.open + 1; k < p.close; k++ {
		switch d := strongOf(s.types[k]); {
		case d == e:
			return e
		case d != bidi.ON:
			found = d
		}
	}
	return found
}

// strongBefore is the first strong direction before position k, or sos.
func (s *sequence) strongBefore(k int) bidi.Class {
	for j := k - 1; j >= 0; j-- {
		if d := strongOf(s.types[j]); d != bidi.ON {
			return d
		}
	}
	return s.sos
}

// setPair gives both brackets, and the NSMs that originally followed each,
// the direction d.
func (s *sequence) setPair(b *bidiRun, p bracketPair, d bidi.Class) {
	for _, k := range []int{p.open, p.close} {
		s.types[k] = d
		for j := k + 1; j < len(s.idx) && b.initial[s.idx[j]] == bidi.NSM; j++ {
			s.types[j] = d
		}
	}
}

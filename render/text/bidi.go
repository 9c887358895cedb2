package text

import (
	"fmt"

	"golang.org/x/text/unicode/bidi"
)

// Bidi levels are resolved with golang.org/x/text/unicode/bidi. Its public
// API reports the direction of each run but not the embedding level, and it
// guesses the direction of a left-to-right paragraph; levelsFor works around
// both: it forces the base direction (a leading LRM, or the RightToLeft
// default) and derives levels from the base level and the run direction,
// adding the one case where implicit resolution reaches base+2 (rule I1: a
// European or Arabic number in a left-to-right context whose last strong
// character was right-to-left). Isolated spans (user fields, LTR isolates)
// are resolved separately, as UAX #9 does for isolating run sequences, and
// stand in the enclosing text as one neutral character.

const (
	lrm        = '\u200E'
	objectRepl = '\uFFFC' // an ON (other neutral) stand-in for an isolate
)

// levelsFor returns the embedding level of every rune of s resolved with
// the given base (paragraph) level, 0 or 1.
func levelsFor(s []rune, base uint8) (levels []uint8, err error) {
	levels = make([]uint8, len(s))
	if len(s) == 0 {
		return levels, nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("text: bidi resolution failed: %v", r)
		}
	}()
	if base == 0 && allLeftToRight(s) {
		return levels, nil
	}
	dirs, err := runDirections(s, base)
	if err != nil {
		return nil, err
	}
	for i, d := range dirs {
		levels[i] = base
		if d != base&1 {
			levels[i] = base + 1
		}
	}
	if base&1 == 0 {
		raiseNumbersAfterRTL(s, levels, base)
	}
	return levels, nil
}

// allLeftToRight reports whether s has no right-to-left character, Arabic
// number or explicit embedding: in a left-to-right paragraph every level
// is then 0 (numbers resolve to L by rule W7).
func allLeftToRight(s []rune) bool {
	for _, r := range s {
		if r < 0x0590 {
			continue // Latin and common ranges hold no R, AL, AN or explicit controls
		}
		switch class(r) {
		case bidi.R, bidi.AL, bidi.AN, bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF,
			bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
			return false
		}
	}
	return true
}

// runDirections returns 0 (LTR) or 1 (RTL) per rune of s.
func runDirections(s []rune, base uint8) ([]uint8, error) {
	input := s
	opt := bidi.DefaultDirection(bidi.RightToLeft)
	if base&1 == 0 {
		input = make([]rune, 0, len(s)+1)
		input = append(append(input, lrm), s...)
		opt = bidi.DefaultDirection(bidi.LeftToRight)
	}
	var p bidi.Paragraph
	if _, err := p.SetString(string(input), opt); err != nil {
		return nil, fmt.Errorf("text: bidi: %w", err)
	}
	order, err := p.Order()
	if err != nil {
		return nil, fmt.Errorf("text: bidi: %w", err)
	}
	dirs := make([]uint8, 0, len(input))
	for i := 0; i < order.NumRuns(); i++ {
		run := order.Run(i)
		start, end := run.Pos()
		d := uint8(0)
		if run.Direction() == bidi.RightToLeft {
			d = 1
		}
		for j := start; j <= end && len(dirs) < len(input); j++ {
			dirs = append(dirs, d)
		}
	}
	if len(dirs) != len(input) {
		return nil, fmt.Errorf("text: bidi: %d directions for %d characters", len(dirs), len(input))
	}
	return dirs[len(input)-len(s):], nil
}

// raiseNumbersAfterRTL applies rule I1 to numbers in an even-level context
// that follow right-to-left text: they keep the EN/AN type (rule W7 does not
// turn them into L) and go to level base+2.
func raiseNumbersAfterRTL(s []rune, levels []uint8, base uint8) {
	lastStrongRTL := false
	for i, r := range s {
		switch class(r) {
		case bidi.L:
			lastStrongRTL = false
		case bidi.R, bidi.AL:
			lastStrongRTL = true
		case bidi.EN, bidi.AN:
			if lastStrongRTL && levels[i] == base {
				levels[i] = base + 2
				raiseNumberSeparators(s, levels, i, base)
			}
		}
	}
}

// raiseNumberSeparators gives separators and terminators that rules W4 and
// W5 join to the number at i the number's level.
func raiseNumberSeparators(s []rune, levels []uint8, i int, base uint8) {
	// W4: a single ES or CS between two numbers.
	if i >= 2 && levels[i-2] == base+2 {
		if c := class(s[i-1]); (c == bidi.CS || c == bidi.ES) && levels[i-1] == base {
			levels[i-1] = base + 2
		}
	}
	// W5: terminators adjacent to the number.
	for j := i - 1; j >= 0 && class(s[j]) == bidi.ET && levels[j] == base; j-- {
		levels[j] = base + 2
	}
	for j := i + 1; j < len(s) && class(s[j]) == bidi.ET && levels[j] == base; j++ {
		levels[j] = base + 2
	}
}

func class(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// firstStrongLevel is rule P2/P3 for a first-strong isolate: 1 if the first
// strong character (outside nested isolates) is right-to-left, else 0.
func firstStrongLevel(s []rune) uint8 {
	depth := 0
	for _, r := range s {
		switch class(r) {
		case bidi.LRI, bidi.RLI, bidi.FSI:
			depth++
		case bidi.PDI:
			if depth > 0 {
				depth--
			}
		case bidi.L:
			if depth == 0 {
				return 0
			}
		case bidi.R, bidi.AL:
			if depth == 0 {
				return 1
			}
		}
	}
	return 0
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

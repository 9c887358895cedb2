// Package numbers finds the digit groups that right-to-left text sets as
// one left-to-right unit (0300-1234567, 20-11-2023, 2023/11/20, 10:30),
// and the base direction of a string. It is the one rule shared by the
// text engine (render/text) and back ends that do not shape (render/docx),
// and depends on the Unicode bidi classes only.
package numbers

import (
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// Units finds, in runes [a, b) of a right-to-left context, digit groups
// joined by number separators that follow right-to-left text, as rune
// ranges [start, end). A unit after a Latin letter (UA 109/23) already
// resolves left to right with it (UAX #9 rule W7) and is left alone.
// afterLatin says whether the last strong character before a was left to
// right; the state at b is returned.
func Units(runes []rune, a, b int, afterLatin bool) ([][2]int, bool) {
	var out [][2]int
	for i := a; i < b; {
		if !unicode.IsDigit(runes[i]) {
			afterLatin = strongAfter(afterLatin, runes[i])
			i++
			continue
		}
		j, groups := i, 0
		for {
			for j < b && unicode.IsDigit(runes[j]) {
				j++
			}
			groups++
			if j+1 < b && separator(runes[j]) && unicode.IsDigit(runes[j+1]) {
				j++
				continue
			}
			break
		}
		if groups > 1 && !afterLatin {
			out = append(out, [2]int{i, j})
		}
		i = j
	}
	return out, afterLatin
}

// InString returns the byte ranges of s that Units finds in s taken as a
// whole right-to-left context.
func InString(s string) [][2]int {
	runes := []rune(s)
	offsets := make([]int, 0, len(runes)+1)
	for i := range s {
		offsets = append(offsets, i)
	}
	offsets = append(offsets, len(s))
	units, _ := Units(runes, 0, len(runes), false)
	out := make([][2]int, 0, len(units))
	for _, u := range units {
		out = append(out, [2]int{offsets[u[0]], offsets[u[1]]})
	}
	return out
}

// IsRTL reports whether the first strong character of s outside isolates
// (UAX #9 rules P2 and P3) is right to left.
func IsRTL(s string) bool {
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
				return false
			}
		case bidi.R, bidi.AL:
			if depth == 0 {
				return true
			}
		}
	}
	return false
}

// strongAfter updates "the last strong character is left to right" with r.
func strongAfter(ltr bool, r rune) bool {
	switch class(r) {
	case bidi.L:
		return true
	case bidi.R, bidi.AL:
		return false
	}
	return ltr
}

func separator(r rune) bool { return r == '-' || r == '/' || r == '.' || r == ':' }

func class(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

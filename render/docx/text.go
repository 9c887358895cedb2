package docx

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/model"
)

// ErrInvalidText reports text that cannot be set literally in a document:
// invalid UTF-8, or control characters other than tab and newline.
var ErrInvalidText = errors.New("invalid text")

// checkText rejects text that XML or a word processor cannot hold as
// literal characters. A CR LF pair counts as a newline.
func checkText(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%w: not valid UTF-8", ErrInvalidText)
	}
	for i, r := range s {
		switch {
		case r == '\t' || r == '\n':
		case r == '\r' && strings.HasPrefix(s[i+1:], "\n"):
		case unicode.IsControl(r), r == 0xFFFE, r == 0xFFFF:
			return fmt.Errorf("%w: control character U+%04X at byte %d", ErrInvalidText, r, i)
		}
	}
	return nil
}

// dropBidiControls removes the bidi embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069) from run text. Word processors lay text
// with them out badly (LibreOffice 7.4 draws words on top of each other
// and leaves holes), and in user text they would reorder the text around
// it. Direction comes from the paragraph's w:bidi and each run's w:rtl
// instead, and every user field and LTR value is a run of its own. Marks
// (LRM, RLM, ALM) have no scope and stay.
func dropBidiControls(s string) string {
	if strings.IndexFunc(s, isBidiScope) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isBidiScope(r) {
			return -1
		}
		return r
	}, s)
}

// Directional marks: strong characters of no width and no scope.
const (
	lrm = '\u200E'
	rlm = '\u200F'
)

// shieldMark returns the mark that keeps a run in its own direction among
// the text around it, or 0 for none. Word processors lay out a paragraph
// with the Unicode bidi algorithm over its whole text (LibreOffice
// ignores w:rtl), so in a right-to-left paragraph "0300-1234567" after
// Arabic letters would read "1234567-0300" (rule W2 makes the digits
// Arabic numbers, and the hyphen no longer joins them). A mark on each
// side of an LTR value or of user text gives it a strong neighbour of its
// own direction, as the isolates of the PDF's text engine do: the digits
// stay European, and neutrals at the run's edges follow the run. User text
// takes the direction of its first strong letter, like U+2068 FSI.
func (r *renderer) shieldMark(run *model.Run, text string) rune {
	var ltr bool
	switch run.Kind {
	case model.LTRIsolate:
		ltr = true
	case model.User:
		ltr = firstStrongLTR(text)
	default:
		return 0
	}
	switch {
	case ltr && r.rtl:
		return lrm
	case !ltr && !r.rtl:
		return rlm
	}
	return 0
}

// firstStrongLTR reports whether the first letter of s with a strong
// direction is left to right (true too when s has none).
func firstStrongLTR(s string) bool {
	for _, c := range s {
		switch bidiClass(c) {
		case bidi.L:
			return true
		case bidi.R, bidi.AL:
			return false
		}
	}
	return true
}

func bidiClass(c rune) bidi.Class {
	p, _ := bidi.LookupRune(c)
	return p.Class()
}

// shield puts the mark at both ends of every line of text (a line break
// ends a bidi paragraph for the word processor).
func shield(text string, mark rune) string {
	if mark == 0 || text == "" {
		return text
	}
	m := string(mark)
	return m + strings.ReplaceAll(text, "\n", m+"\n"+m) + m
}

// isBidiScope reports whether r opens or closes a bidi embedding,
// override or isolate.
func isBidiScope(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// segment is a piece of a run set in one font: never two scripts in one
// w:r, because Word sets every character of an rtl run in its
// complex-script font.
type segment struct {
	text string
	font fonts.ID // regular face of the family
}

// neutral reports whether r takes the font of the text around it.
func neutral(r rune) bool {
	return !fonts.IsArabicScript(r) && !fonts.IsLatinScript(r)
}

// split cuts text into segments of one font. Letters take letterFont's
// choice; each stretch of spaces, digits and punctuation takes
// fonts.Common's, the same decision the text engine makes for the PDF,
// with the fonts of the letters before and after it preferred. ltr marks
// LTR values (numbers, dates, ids), which prefer Noto Sans so that they
// never land in a right-to-left run; rtl is the paragraph's direction.
func split(lang, text string, ltr, rtl bool, out []segment) ([]segment, error) {
	cur, start := fonts.ID(-1), 0
	cut := func(want fonts.ID, at int) {
		if want != cur {
			if cur >= 0 && at > start {
				out = append(out, segment{text[start:at], cur})
			}
			cur, start = want, at
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !neutral(r) {
			id, ok := letterFont(lang, text, i)
			if !ok {
				return out, &fonts.UncoveredError{Lang: lang, Runes: []rune{r}}
			}
			cut(id, i)
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if !neutral(r2) {
				break
			}
			j += s2
		}
		if err := splitNeutrals(lang, text, i, j, ltr, rtl, cur, cut); err != nil {
			return out, err
		}
		i = j
	}
	if cur >= 0 && start < len(text) {
		out = append(out, segment{text[start:], cur})
	}
	return out, nil
}

// letterFont is the font of the letter at byte i of text: for an
// Arabic-script letter, the font fonts.ForWord gives its whole word (a
// word with a letter the script font lacks is set whole in a font that has
// all its letters, as in the PDF), else fonts.For's.
func letterFont(lang, text string, i int) (fonts.ID, bool) {
	r, _ := utf8.DecodeRuneInString(text[i:])
	if fonts.IsArabicScript(r) {
		if id, ok := fonts.ForWord(lang, wordAt(text, i)); ok {
			return id, true
		}
	}
	return fonts.For(lang, r)
}

// wordAt returns the Arabic-script word around byte i of text (joiners
// included): it is set in one font so that it stays joined.
func wordAt(text string, i int) []rune {
	in := func(r rune) bool { return fonts.IsArabicScript(r) || r == 0x200C || r == 0x200D }
	start := i
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if !in(r) {
			break
		}
		start -= size
	}
	end := i
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if !in(r) {
			break
		}
		end += size
	}
	return []rune(text[start:end])
}

// splitNeutrals sets the neutral stretch text[i:j] in fonts.Common's font,
// or character by character when no one font has it all. Between letters
// of both directions the neutrals take the paragraph's direction (Unicode
// bidi rule N2), so the neighbour of that direction comes first, as in
// the text engine, which prefers neighbours of the same bidi level.
func splitNeutrals(lang, text string, i, j int, ltr, rtl bool, cur fonts.ID, cut func(fonts.ID, int)) error {
	var preferred []fonts.ID
	if ltr {
		preferred = append(preferred, fonts.SansRegular)
	}
	next := fonts.ID(-1)
	if j < len(text) {
		if id, ok := letterFont(lang, text, j); ok {
			next = id
		}
	}
	switch {
	case cur >= 0 && next >= 0 && cur.Arabic() != next.Arabic() && next.Arabic() == rtl:
		preferred = append(preferred, next, cur)
	default:
		for _, id := range []fonts.ID{cur, next} {
			if id >= 0 {
				preferred = append(preferred, id)
			}
		}
	}
	if id, ok := fonts.Common(lang, preferred, []rune(text[i:j])); ok {
		cut(id, i)
		return nil
	}
	for k, r := range text[i:j] {
		if fonts.Ignorable(r) {
			continue
		}
		id, ok := fonts.For(lang, r)
		if !ok {
			return &fonts.UncoveredError{Lang: lang, Runes: []rune{r}}
		}
		cut(id, i+k)
	}
	return nil
}

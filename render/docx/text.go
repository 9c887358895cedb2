package docx

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ualetters/ualetters/fonts"
)

// ErrInvalidText reports text that cannot be set literally in a document:
// invalid UTF-8, or control characters other than tab and newline.
var ErrInvalidText = errors.New("invalid text")

// Unicode bidi isolates: LRI opens a left-to-right isolate, FSI one whose
// direction comes from its first strong character, PDI closes either.
const (
	lri = '\u2066'
	rli = '\u2067'
	fsi = '\u2068'
	pdi = '\u2069'
)

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

// isolate wraps user text in FSI…PDI so nothing in it can reorder the text
// around it. A PDI in the text that closes no isolate opened inside the
// text would end the wrapper early; on its own it has no effect, so it is
// dropped. Isolates the text leaves open are closed by the final PDI's
// run to the end of the paragraph, so they are closed here.
func isolate(open rune, s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteRune(open)
	depth := 0
	for _, r := range s {
		switch r {
		case lri, rli, fsi:
			depth++
		case pdi:
			if depth == 0 {
				continue
			}
			depth--
		case '\n':
			// A paragraph separator ends every isolate: close and reopen.
			for ; depth > 0; depth-- {
				b.WriteRune(pdi)
			}
			b.WriteRune(pdi)
			b.WriteRune(r)
			b.WriteRune(open)
			continue
		}
		b.WriteRune(r)
	}
	for ; depth >= 0; depth-- {
		b.WriteRune(pdi)
	}
	return b.String()
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

// split cuts text into segments of one font. Arabic and Latin letters take
// fonts.For's choice; spaces, digits and punctuation stay with the segment
// they are in as long as its font has them. ltr marks LTR-isolated values
// (numbers, dates, ids), whose neutrals prefer Noto Sans so that they never
// land in a right-to-left run.
func split(lang, text string, ltr bool, out []segment) ([]segment, error) {
	cur, start := fonts.ID(-1), 0
	for i, r := range text {
		var want fonts.ID
		switch {
		case fonts.Ignorable(r) || unicode.IsSpace(r):
			if cur >= 0 {
				continue
			}
			want = initialFont(lang, text, ltr)
		case neutral(r) && cur >= 0 && cur.Has(r):
			continue
		case neutral(r):
			want = initialFont(lang, text[i:], ltr)
			if !want.Has(r) {
				var ok bool
				if want, ok = fonts.For(lang, r); !ok {
					return out, &fonts.UncoveredError{Lang: lang, Runes: []rune{r}}
				}
			}
		case fonts.IsArabicScript(r):
			var ok bool
			if want, ok = fonts.ForWord(lang, wordAt(text, i)); !ok {
				want, ok = fonts.For(lang, r)
			}
			if !ok {
				return out, &fonts.UncoveredError{Lang: lang, Runes: []rune{r}}
			}
		default:
			var ok bool
			if want, ok = fonts.For(lang, r); !ok {
				return out, &fonts.UncoveredError{Lang: lang, Runes: []rune{r}}
			}
		}
		if want != cur {
			if cur >= 0 && i > start {
				out = append(out, segment{text[start:i], cur})
			}
			cur, start = want, i
		}
	}
	if cur >= 0 && start < len(text) {
		out = append(out, segment{text[start:], cur})
	}
	return out, nil
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

// initialFont is the font for neutral characters before any letter: the
// font of the next letter, Noto Sans for LTR-isolated values, else the
// language's script font.
func initialFont(lang, text string, ltr bool) fonts.ID {
	if ltr {
		return fonts.SansRegular
	}
	for _, r := range text {
		if !neutral(r) {
			if id, ok := fonts.For(lang, r); ok {
				return id
			}
		}
	}
	return fonts.ScriptFont(lang)
}

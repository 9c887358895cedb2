// Package fonts embeds the OFL-licensed Noto fonts the service typesets with
// (see OFL.txt), parses each once, holds every per-font cache of the
// renderers in one registry (registry.go), and answers which font covers
// which character for a given letter language.
package fonts

import (
	"bytes"
	"embed"
	"fmt"
	"unicode"

	"github.com/go-text/typesetting/font"
)

//go:embed *.ttf
var files embed.FS

// ID names one bundled font file.
type ID int

// The bundled fonts.
const (
	NastaliqRegular ID = iota
	NastaliqBold
	NaskhRegular
	NaskhBold
	SansRegular
	SansBold
	SansItalic
	count
)

type info struct {
	file, family, psName string
	bold, italic         bool
}

var infos = [count]info{
	NastaliqRegular: {"NotoNastaliqUrdu-Regular.ttf", "Noto Nastaliq Urdu", "NotoNastaliqUrdu", false, false},
	NastaliqBold:    {"NotoNastaliqUrdu-Bold.ttf", "Noto Nastaliq Urdu", "NotoNastaliqUrdu-Bold", true, false},
	NaskhRegular:    {"NotoNaskhArabic-Regular.ttf", "Noto Naskh Arabic", "NotoNaskhArabic", false, false},
	NaskhBold:       {"NotoNaskhArabic-Bold.ttf", "Noto Naskh Arabic", "NotoNaskhArabic-Bold", true, false},
	SansRegular:     {"NotoSans-Regular.ttf", "Noto Sans", "NotoSans-Regular", false, false},
	SansBold:        {"NotoSans-Bold.ttf", "Noto Sans", "NotoSans-Bold", true, false},
	SansItalic:      {"NotoSans-Italic.ttf", "Noto Sans", "NotoSans-Italic", false, true},
}

// All lists every bundled font.
func All() []ID {
	ids := make([]ID, count)
	for i := range ids {
		ids[i] = ID(i)
	}
	return ids
}

// Family is the font's family name, as word processors show it.
func (id ID) Family() string { return infos[id].family }

// PostScriptName is the font's PostScript name (used for PDF BaseFont).
func (id ID) PostScriptName() string { return infos[id].psName }

// FileName is the name of the embedded TrueType file.
func (id ID) FileName() string { return infos[id].file }

// Bold reports whether the font is a bold face.
func (id ID) Bold() bool { return infos[id].bold }

// Italic reports whether the font is an italic face.
func (id ID) Italic() bool { return infos[id].italic }

// Arabic reports whether the font is one of the Arabic-script fonts.
func (id ID) Arabic() bool { return id <= NaskhBold }

func (id ID) String() string { return infos[id].psName }

// Bytes returns the font file (shared; callers must not modify it).
func (id ID) Bytes() []byte { return id.entry().data }

// Font returns the parsed font (shared, read-only).
func (id ID) Font() *font.Font { return id.entry().font }

// NewFace returns a new face for the font; faces are cheap and hold
// per-user state, so each goroutine should use its own.
func (id ID) NewFace() *font.Face { return font.NewFace(id.Font()) }

// Upem is the font's units per em.
func (id ID) Upem() float64 { return float64(id.Font().Upem()) }

// Has reports whether the font maps r to a real glyph. Glyph 0 is
// .notdef: go-text reports it as found for some characters (U+FFFF), but
// it draws a blank box or nothing, so it does not count.
func (id ID) Has(r rune) bool {
	gid, ok := id.Font().NominalGlyph(r)
	return ok && gid != 0
}

// Variant returns the font of the same family closest to the given style.
func (id ID) Variant(bold, italic bool) ID {
	switch {
	case id <= NastaliqBold:
		return pick(bold, NastaliqBold, NastaliqRegular)
	case id <= NaskhBold:
		return pick(bold, NaskhBold, NaskhRegular)
	case bold:
		return SansBold
	case italic:
		return SansItalic
	default:
		return SansRegular
	}
}

func pick(cond bool, a, b ID) ID {
	if cond {
		return a
	}
	return b
}

// fallbacks is the order in which fonts are tried for a character the
// language's script font lacks.
func fallbacks(lang string) []ID {
	switch ScriptFont(lang) {
	case NastaliqRegular:
		return []ID{NastaliqRegular, SansRegular, NaskhRegular}
	case NaskhRegular:
		return []ID{NaskhRegular, SansRegular, NastaliqRegular}
	default:
		return []ID{SansRegular, NaskhRegular, NastaliqRegular}
	}
}

// Fallbacks returns the order in which fonts are tried for text of the
// language: its script font first.
func Fallbacks(lang string) []ID { return fallbacks(lang) }

// ForWord returns the font that sets a whole Arabic-script word: the font
// fonts.For gives its first letter when that font has all its letters,
// else the first font in the language's fallback order that does, so the
// word stays joined. False if no Arabic font has every letter.
func ForWord(lang string, word []rune) (ID, bool) {
	var order []ID
	if len(word) > 0 {
		if id, ok := For(lang, word[0]); ok {
			order = append(order, id)
		}
	}
	for _, id := range append(order, fallbacks(lang)...) {
		if id.Arabic() && hasAll(id, word) {
			return id, true
		}
	}
	return 0, false
}

func hasAll(id ID, word []rune) bool {
	for _, r := range word {
		if !Ignorable(r) && !id.Has(r) {
			return false
		}
	}
	return true
}

// IsArabicScript reports whether r belongs to the Arabic script.
func IsArabicScript(r rune) bool { return unicode.Is(unicode.Arabic, r) }

// IsLatinScript reports whether r belongs to the Latin script.
func IsLatinScript(r rune) bool { return unicode.Is(unicode.Latin, r) }

// Ignorable reports whether r needs no glyph of its own: bidi controls,
// joiners and line or paragraph separators. Coverage checks skip them.
func Ignorable(r rune) bool {
	return BidiControl(r) || r == 0x200B || r == 0x200C || r == 0x200D || r == 0xFEFF ||
		r == '\n' || r == '\r' || r == '\t' || r == 0x2028 || r == 0x2029
}

// BidiControl reports whether r is a bidi formatting character (embeddings,
// overrides, isolates and marks). They are resolved by the bidi algorithm
// and dropped before shaping: the fonts have no glyphs for them.
func BidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 ||
		r == 0x200E || r == 0x200F || r == 0x061C
}

// For returns the font that sets r in a text of the given language, or
// false if no bundled font has a glyph for it. Latin letters always take
// Noto Sans; Arabic letters take the language's Arabic font (Naskh for
// languages without one); other characters the first font that has them.
func For(lang string, r rune) (ID, bool) {
	order := fallbacks(lang)
	if IsLatinScript(r) {
		order = []ID{SansRegular}
	} else if IsArabicScript(r) && !ScriptFont(lang).Arabic() {
		order = []ID{NaskhRegular, NastaliqRegular}
	}
	for _, id := range order {
		if id.Has(r) {
			return id, true
		}
	}
	return 0, false
}

// Common returns the one font that sets a stretch of characters without a
// script of their own (digits, punctuation, spaces) in a text of the given
// language: the first of the preferred fonts (the fonts of the text
// around it) that has every one of them, else the first font that For
// picks for one of the characters and that has them all (never a font
// that none of them would take on its own: no Nastaliq comma in a Naskh
// letter). Ignorable characters need no glyph. It reports false when no
// such font has them all; callers then take For per character. The text engine (PDF, PNG, fax) and DOCX both
// decide with it, so a number or a comma is set in the same font
// everywhere.
func Common(lang string, preferred []ID, text []rune) (ID, bool) {
	for _, id := range preferred {
		if covers(id, text) {
			return id, true
		}
	}
	for _, r := range text {
		if id, ok := For(lang, r); ok && covers(id, text) {
			return id, true
		}
	}
	return 0, false
}

// covers reports whether a font has a glyph for every character of text
// that needs one.
func covers(id ID, text []rune) bool {
	for _, r := range text {
		if !Ignorable(r) && !id.Has(r) {
			return false
		}
	}
	return true
}

// Uncovered returns, in order of first appearance and without repeats, the
// characters of text that no bundled font can set for the language.
func Uncovered(lang, text string) []rune {
	var missing []rune
	seen := map[rune]bool{}
	for _, r := range text {
		if Ignorable(r) || seen[r] {
			continue
		}
		seen[r] = true
		if _, ok := For(lang, r); !ok {
			missing = append(missing, r)
		}
	}
	return missing
}

// UncoveredError names every character no bundled font covers.
type UncoveredError struct {
	Lang  string
	Runes []rune
}

func (e *UncoveredError) Error() string {
	var b bytes.Buffer
	b.WriteString("no bundled font covers ")
	for i, r := range e.Runes {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "U+%04X %q", r, string(r))
	}
	return b.String()
}

// CheckCoverage returns an *UncoveredError if any character of text has no
// font for the language.
func CheckCoverage(lang, text string) error {
	if missing := Uncovered(lang, text); len(missing) > 0 {
		return &UncoveredError{Lang: lang, Runes: missing}
	}
	return nil
}

package catalogue

import (
	"fmt"
	"strings"
	"time"
)

// Template text syntax (see templates/README.md):
//
//	{{name}}                       a placeholder from a fixed, per-context set
//	{{date YYYY-MM-DD}}            a fixed date in the locale's format (where {{date}} is allowed)
//	{{female|male|unspecified}}    a gender variant: exactly three alternatives
//
// Everything else is literal text. Neither form may span lines or nest.

// Segment is one piece of parsed template text.
type Segment struct {
	Text        string   // literal text, or the placeholder name
	Date        string   // the ISO date of {{date YYYY-MM-DD}}; "" otherwise
	Alts        []string // gender variants (female, male, unspecified); nil otherwise
	Placeholder bool
}

// Template is parsed template text: literal text, placeholders and
// gender variants, in order.
type Template []Segment

// FixedDate is the date of a {{date YYYY-MM-DD}} placeholder; false for
// any other segment.
func (s Segment) FixedDate() (time.Time, bool) {
	if !s.Placeholder || s.Date == "" {
		return time.Time{}, false
	}
	return fixedDate(s.Date)
}

// tmplError is a syntax problem at a byte offset of the template text.
type tmplError struct {
	off int
	msg string
}

// parseTemplate splits s into literal text, placeholders and variants.
// allowed lists the placeholder names valid in this context.
func parseTemplate(s string, allowed []string) (Template, []tmplError) {
	var segs Template
	var errs []tmplError
	pos := 0
	for pos < len(s) {
		open := strings.Index(s[pos:], "{{")
		if open < 0 {
			errs = append(errs, strayClose(s, pos, len(s))...)
			segs = appendText(segs, s[pos:])
			break
		}
		open += pos
		errs = append(errs, strayClose(s, pos, open)...)
		segs = appendText(segs, s[pos:open])
		end := strings.Index(s[open+2:], "}}")
		nl := strings.IndexByte(s[open+2:], '\n')
		if end < 0 || (nl >= 0 && nl < end) {
			errs = append(errs, tmplError{open, "unclosed \"{{\" (placeholders and variants end with \"}}\" on the same line)"})
			segs = appendText(segs, s[open:])
			break
		}
		inner := s[open+2 : open+2+end]
		seg, msg := parseMarker(inner, allowed)
		if msg != "" {
			errs = append(errs, tmplError{open, msg})
		} else {
			segs = append(segs, seg)
		}
		pos = open + 2 + end + 2
	}
	return segs, errs
}

func strayClose(s string, from, to int) []tmplError {
	if i := strings.Index(s[from:to], "}}"); i >= 0 {
		return []tmplError{{from + i, "\"}}\" without \"{{\""}}
	}
	return nil
}

func appendText(segs Template, t string) Template {
	if t == "" {
		return segs
	}
	return append(segs, Segment{Text: t})
}

// parseMarker reads the inside of {{…}}.
func parseMarker(inner string, allowed []string) (Segment, string) {
	if strings.Contains(inner, "{{") {
		return Segment{}, "\"{{\" inside a placeholder or variant"
	}
	if strings.Contains(inner, "|") {
		alts := strings.Split(inner, "|")
		if len(alts) != 3 {
			return Segment{}, fmt.Sprintf("gender variant {{%s}} needs exactly three alternatives: {{female|male|unspecified}}", inner)
		}
		return Segment{Alts: alts}, ""
	}
	name := strings.TrimSpace(inner)
	if f := strings.Fields(name); len(f) == 2 && f[0] == "date" {
		return parseFixedDate(f[1], allowed)
	}
	for _, a := range allowed {
		if a == name {
			return Segment{Text: name, Placeholder: true}, ""
		}
	}
	if len(allowed) == 0 {
		return Segment{}, fmt.Sprintf("unknown placeholder {{%s}}: no placeholders are allowed here", inner)
	}
	return Segment{}, fmt.Sprintf("unknown placeholder {{%s}} (known here: %s)", inner, strings.Join(allowed, ", "))
}

// variantTexts returns every text a template can produce as literal text:
// the literal parts with each variant's alternative for every gender. It is
// what the coverage check scans.
func variantTexts(segs Template) string {
	var b strings.Builder
	for _, s := range segs {
		switch {
		case s.Alts != nil:
			b.WriteString(strings.Join(s.Alts, " "))
		case !s.Placeholder:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// bodyPart is a paragraph or a bulleted list of the letter body.
type bodyPart struct {
	bullets bool
	items   []string // one paragraph, or one string per bullet
}

// splitBody reads the plain-text body format: blank lines separate
// paragraphs, a line starting with "- " starts a bullet item, and other
// lines continue the current paragraph or item (joined with a space).
func splitBody(s string) []bodyPart {
	var parts []bodyPart
	var cur *bodyPart
	flush := func() {
		if cur != nil {
			parts = append(parts, *cur)
			cur = nil
		}
	}
	for _, raw := range strings.Split(s, "\n") {
		line := strings.TrimSpace(raw)
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "- "):
			if cur != nil && !cur.bullets {
				flush()
			}
			if cur == nil {
				cur = &bodyPart{bullets: true}
			}
			cur.items = append(cur.items, strings.TrimSpace(line[2:]))
		case cur == nil:
			cur = &bodyPart{items: []string{line}}
		default:
			last := len(cur.items) - 1
			cur.items[last] += " " + line
		}
	}
	flush()
	return parts
}

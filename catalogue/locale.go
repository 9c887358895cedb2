package catalogue

import (
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/model"
)

// Locale is the per-language data of templates/locales/<lang>.yaml, with
// the language's direction and script font from package fonts.
type Locale struct {
	Code        string
	Name        string // in the language itself
	EnglishName string
	Tag         string          // BCP 47
	Dir         model.Direction // from fonts.LanguageOf, the one table of typesetting facts
	Font        string          // family of the script font, from fonts.LanguageOf
	Digits      string          // western, arabic-indic or extended-arabic-indic
	DatePattern string          // d, dd, M, MM, MMMM, y, yyyy; other characters literal
	DaySuffixes map[int]string  // text after the day number d ("er" for the 1st in French)
	YearMark    string          // text after the year ("ء" in Urdu)
	Months      [12]string
	labels      map[string]Template
}

// Label keys every locale must define, with the placeholders each allows.
var localeLabels = map[string][]string{
	"fax":               nil, // cover-sheet title
	"to":                nil,
	"from":              nil,
	"date":              nil,
	"pages":             nil,
	"subject":           nil,
	"fax_number":        nil,
	"copy_to":           nil, // "Copy to:" above the copies at the end of a letter
	"subject_separator": nil, // between the UA reference and the title
	"place_date":        {"city", "date"},
	"pages_count":       {"pages"},
	"forward_request":   {"addressee"},
	"copy_note":         {"addressee"},
	"appeal_note":       nil, // cover message for the main addressee
}

var digitStyles = map[string]rune{"western": '0', "arabic-indic": '\u0660', "extended-arabic-indic": '\u06F0'}

func loadLocales(fsys fs.FS, ps *problems) map[string]*Locale {
	out := map[string]*Locale{}
	entries, err := fs.ReadDir(fsys, "locales")
	if err != nil {
		ps.add("locales", 0, "cannot list locales: %v", err)
		return out
	}
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".yaml" {
			continue
		}
		code := strings.TrimSuffix(e.Name(), ".yaml")
		if l := loadLocale(fsys, "locales/"+e.Name(), code, ps); l != nil {
			out[code] = l
		}
	}
	return out
}

func loadLocale(fsys fs.FS, file, code string, ps *problems) *Locale {
	m, ok := yamlFile(fsys, file, ps)
	if !ok {
		return nil
	}
	retired(m, "dir", "font")
	m.allow("name", "english_name", "tag", "digits", "date_pattern",
		"day_suffixes", "year_mark", "months", "labels")
	l := &Locale{
		Code: code, Name: m.str("name", true).Value, EnglishName: m.str("english_name", true).Value,
		Tag: m.str("tag", true).Value, Digits: m.str("digits", false).Value, DatePattern: m.str("date_pattern", true).Value,
	}
	facts, ok := fonts.LanguageOf(code)
	if !ok {
		ps.add(file, 0, "no typesetting facts for language %q (script font, direction, shaping) in fonts/languages.go, which has %s",
			code, strings.Join(fonts.Languages(), ", "))
	}
	l.Dir, l.Font = model.LTR, facts.Script.Family()
	if facts.RTL {
		l.Dir = model.RTL
	}
	if l.Digits == "" {
		l.Digits = "western"
	}
	if _, ok := digitStyles[l.Digits]; !ok {
		ps.add(file, m.str("digits", false).Line, "digits %q: use western, arabic-indic or extended-arabic-indic", l.Digits)
	}
	l.checkDatePattern(m, ps)
	l.loadDateRules(m, ps)
	l.loadMonths(m, ps)
	l.loadLabels(m, ps)
	return l
}

// checkDatePattern accepts the fields DateParts knows: d, dd, M, MM, MMMM,
// y and yyyy.
func (l *Locale) checkDatePattern(m *mapping, ps *problems) {
	for p := l.DatePattern; p != ""; {
		tok := leadingRun(p)
		switch tok[0] {
		case 'd', 'M', 'y':
			switch tok {
			case "d", "dd", "M", "MM", "MMMM", "y", "yyyy":
			default:
				ps.add(m.file, m.line["date_pattern"], "date_pattern: unsupported field %q (use d, dd, M, MM, MMMM, y, yyyy)", tok)
			}
		}
		p = p[len(tok):]
	}
}

func (l *Locale) loadMonths(m *mapping, ps *problems) {
	months := m.list("months", true)
	if months != nil && len(months) != 12 {
		ps.add(m.file, m.keys["months"].Line, "months: need 12 names, found %d", len(months))
	}
	for i := 0; i < len(months) && i < 12; i++ {
		l.Months[i] = months[i].Value
		checkCoverage(l.Code, months[i], ps)
	}
}

func (l *Locale) loadLabels(m *mapping, ps *problems) {
	labels, line := m.texts("labels", true)
	if labels == nil {
		return
	}
	l.labels = map[string]Template{}
	for key, allowed := range localeLabels {
		t, ok := labels[key]
		if !ok {
			ps.add(m.file, line, "labels: missing %q", key)
			continue
		}
		l.labels[key] = parseChecked(l.Code, t, allowed, ps)
	}
	for key, t := range labels {
		if _, ok := localeLabels[key]; !ok {
			ps.add(m.file, t.Line, "labels: unknown label %q", key)
		}
	}
}

// parseChecked parses template text and reports syntax and coverage
// problems at their lines.
func parseChecked(lang string, t text, allowed []string, ps *problems) Template {
	segs, errs := parseTemplate(t.Value, allowed)
	for _, e := range errs {
		ps.add(t.File, t.lineOf(e.off), "%s", e.msg)
	}
	checkCoverage(lang, text{Value: variantTexts(segs), File: t.File, Line: t.Line, block: t.block}, ps)
	if len(errs) > 0 {
		return nil
	}
	return segs
}

// LabelTemplate is a label's parsed text, placeholders included.
func (l *Locale) LabelTemplate(key string) Template { return l.labels[key] }

// Label returns a label's text with placeholders left out; use it for
// labels without placeholders ("Fax", "To", …).
func (l *Locale) Label(key string) string {
	var b strings.Builder
	for _, s := range l.labels[key] {
		if !s.Placeholder && s.Alts == nil {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// FormatDate writes a date with the locale's pattern, month names and
// digits.
func (l *Locale) FormatDate(t time.Time) string {
	var b strings.Builder
	for _, p := range l.DateParts(t) {
		b.WriteString(p.Text)
	}
	return b.String()
}

// DatePart is a piece of a formatted date; numbers are laid out as LTR
// isolates, month names and literals in the text's own direction.
type DatePart struct {
	Text    string
	Numeric bool
}

// DateParts writes a date with the locale's pattern, month names, day
// suffixes, year mark and digits, as numbers and text in order.
func (l *Locale) DateParts(t time.Time) []DatePart {
	var parts []DatePart
	p := l.DatePattern
	for len(p) > 0 {
		tok := leadingRun(p)
		switch tok {
		case "d":
			parts = append(parts, l.dayParts(t.Day())...)
		case "dd":
			parts = append(parts, DatePart{l.LocalDigits(pad2(t.Day())), true})
		case "M":
			parts = append(parts, DatePart{l.LocalDigits(strconv.Itoa(int(t.Month()))), true})
		case "MM":
			parts = append(parts, DatePart{l.LocalDigits(pad2(int(t.Month()))), true})
		case "MMMM":
			parts = append(parts, DatePart{l.Months[t.Month()-1], false})
		case "y", "yyyy":
			parts = append(parts, l.yearParts(t.Year())...)
		default:
			parts = append(parts, DatePart{tok, false})
		}
		p = p[len(tok):]
	}
	return parts
}

// leadingRun returns the pattern letters at the start of p (a run of one
// of d, M, y) or the literal text up to the next pattern letter.
func leadingRun(p string) string {
	if c := p[0]; c == 'd' || c == 'M' || c == 'y' {
		n := 1
		for n < len(p) && p[n] == c {
			n++
		}
		return p[:n]
	}
	i := strings.IndexAny(p, "dMy")
	if i < 0 {
		return p
	}
	return p[:i]
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// LocalDigits maps western digits to the locale's digit style.
func (l *Locale) LocalDigits(s string) string {
	zero := digitStyles[l.Digits]
	if zero == '0' || zero == 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return zero + (r - '0')
		}
		return r
	}, s)
}

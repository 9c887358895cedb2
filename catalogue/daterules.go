package catalogue

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Locale date rules beyond the pattern (see templates/README.md):
//
//	day_suffixes: {1: er}   text written after the day number of these days
//	                        (French "1er novembre"); needs the field d
//	year_mark: ء            text written after every year (Urdu "2023ء");
//	                        needs the field y or yyyy
//
// Letter texts write fixed dates as {{date YYYY-MM-DD}} so that the same
// rules apply to them as to the letter's own date.

// loadDateRules reads day_suffixes and year_mark and checks them against
// the date pattern.
func (l *Locale) loadDateRules(m *mapping, ps *problems) {
	l.loadDaySuffixes(m, ps)
	mark := m.str("year_mark", false)
	l.YearMark = mark.Value
	if _, ok := m.keys["year_mark"]; !ok {
		return
	}
	switch {
	case strings.TrimSpace(mark.Value) == "":
		ps.add(m.file, mark.Line, "year_mark is empty: leave the key out instead")
	case strings.ContainsFunc(mark.Value, unicode.IsDigit):
		ps.add(m.file, mark.Line, "year_mark %q contains a digit", mark.Value)
	case !l.patternHas("y", "yyyy"):
		ps.add(m.file, mark.Line, "year_mark %q: date_pattern %q has no year field (y or yyyy)", mark.Value, l.DatePattern)
	}
	checkCoverage(l.Code, mark, ps)
}

func (l *Locale) loadDaySuffixes(m *mapping, ps *problems) {
	suffixes, line := m.texts("day_suffixes", false)
	if suffixes == nil {
		return
	}
	l.DaySuffixes = map[int]string{}
	for key, t := range suffixes {
		day, err := strconv.Atoi(key)
		switch {
		case err != nil || day < 1 || day > 31:
			ps.add(m.file, t.Line, "day_suffixes: %q is not a day of the month (1–31)", key)
			continue
		case strings.TrimSpace(t.Value) == "" || strings.ContainsFunc(t.Value, unicode.IsDigit):
			ps.add(m.file, t.Line, "day_suffixes: %d: %q must be a non-empty suffix without digits (\"er\", not \"1er\")", day, t.Value)
			continue
		}
		checkCoverage(l.Code, t, ps)
		l.DaySuffixes[day] = t.Value
	}
	switch {
	case l.patternHas("dd"):
		ps.add(m.file, line, "day_suffixes need the field d in date_pattern, not dd (a padded day takes no suffix)")
	case !l.patternHas("d"):
		ps.add(m.file, line, "day_suffixes: date_pattern %q has no day field d", l.DatePattern)
	}
}

// patternHas reports whether the date pattern uses one of the fields.
func (l *Locale) patternHas(fields ...string) bool {
	for p := l.DatePattern; p != ""; {
		tok := leadingRun(p)
		for _, f := range fields {
			if tok == f {
				return true
			}
		}
		p = p[len(tok):]
	}
	return false
}

// dayParts is the day number and the locale's suffix for that day.
func (l *Locale) dayParts(day int) []DatePart {
	parts := []DatePart{{l.LocalDigits(strconv.Itoa(day)), true}}
	if suf := l.DaySuffixes[day]; suf != "" {
		parts = append(parts, DatePart{suf, false})
	}
	return parts
}

// yearParts is the year and the locale's year mark.
func (l *Locale) yearParts(year int) []DatePart {
	parts := []DatePart{{l.LocalDigits(strconv.Itoa(year)), true}}
	if l.YearMark != "" {
		parts = append(parts, DatePart{l.YearMark, false})
	}
	return parts
}

// fixedDate reads the argument of {{date YYYY-MM-DD}}.
func fixedDate(arg string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, arg)
	return t, err == nil && len(arg) == 10
}

// parseFixedDate reads {{date YYYY-MM-DD}}; it is allowed where {{date}} is.
func parseFixedDate(arg string, allowed []string) (Segment, string) {
	ok := false
	for _, a := range allowed {
		ok = ok || a == "date"
	}
	if !ok {
		return Segment{}, fmt.Sprintf("{{date %s}}: dates are not allowed here", arg)
	}
	if _, valid := fixedDate(arg); !valid {
		return Segment{}, fmt.Sprintf("{{date %s}}: not a date; write {{date YYYY-MM-DD}}", arg)
	}
	return Segment{Text: "date", Date: arg, Placeholder: true}, ""
}

// checkHandDates reports dates a letter text writes by hand ("1 novembre
// 2023", "3 اکتوبر 2023"): they escape the locale's date rules, so they
// must be written as {{date YYYY-MM-DD}}. It also reports a year mark or
// day suffix typed after such a placeholder, which would then appear twice.
func checkHandDates(loc *Locale, t text, ps *problems) {
	if loc == nil {
		return
	}
	for _, m := range loc.handDate().FindAllStringSubmatchIndex(t.Value, -1) {
		day, _ := strconv.Atoi(t.Value[m[2]:m[3]])
		month := monthIndex(loc, t.Value[m[4]:m[5]])
		year, _ := strconv.Atoi(t.Value[m[6]:m[7]])
		iso := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		ps.add(t.File, t.lineOf(m[0]), "date %q written by hand: write {{date %s}} so that the locale's date rules apply",
			t.Value[m[0]:m[1]], iso)
	}
	checkDoubledMarks(loc, t, ps)
}

// handDate matches day, month name and year as a letter text would write
// them by hand, with an optional "." or day suffix after the day.
func (l *Locale) handDate() *regexp.Regexp {
	names := make([]string, 0, 12)
	for _, n := range l.Months {
		if n != "" {
			names = append(names, regexp.QuoteMeta(n))
		}
	}
	suffixes := []string{`\.`}
	for _, s := range l.DaySuffixes {
		suffixes = append(suffixes, regexp.QuoteMeta(s))
	}
	return regexp.MustCompile(`\b([0-9]{1,2})(?:` + strings.Join(suffixes, "|") + `)?[ \x{00A0}]+(` +
		strings.Join(names, "|") + `)[ \x{00A0},،]+([0-9]{4})`)
}

func monthIndex(l *Locale, name string) int {
	for i, n := range l.Months {
		if n == name {
			return i + 1
		}
	}
	return 1
}

var fixedDatePlaceholder = regexp.MustCompile(`\{\{\s*date\s+[0-9-]+\s*\}\}`)

// checkDoubledMarks reports a year mark typed right after {{date …}}.
func checkDoubledMarks(loc *Locale, t text, ps *problems) {
	if loc.YearMark == "" {
		return
	}
	for _, m := range fixedDatePlaceholder.FindAllStringIndex(t.Value, -1) {
		if strings.HasPrefix(t.Value[m[1]:], loc.YearMark) {
			ps.add(t.File, t.lineOf(m[0]), "year mark %q after %s: the locale adds it already", loc.YearMark, t.Value[m[0]:m[1]])
		}
	}
}

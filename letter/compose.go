package letter

import (
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/ualetters/ualetters/catalogue"
)

// Compose composes the letter r describes. Everything it needs was
// checked and looked up by Resolve, so it cannot fail.
func Compose(r *Resolved) *Document {
	lt, lang, s := r.letter, r.lang, r.signer
	loc := lt.Locale
	x := &expander{lang: lang, gender: s.Gender, loc: loc, values: map[string][]Run{
		"signer":     userRuns(s.Name, lang),
		"city":       userRuns(s.City, lang),
		"date":       dateRuns(loc, r.date),
		"salutation": x0(lang, loc).text(r.recipient.Salutation(lang)),
	}}
	doc := newDocument("letter", r.action, loc, r.date)
	doc.Author = s.Name
	addBlock(doc, RoleSender, senderLines(s, lang)...)
	addBlock(doc, RoleDate, x.placeDate(s.City))
	addBlock(doc, RoleRecipient, recipientLines(r.recipient, loc)...)
	addBlock(doc, RoleSubject, subjectLine(r.action, loc))
	addBlock(doc, RoleSalutation, x.lines(lt.Salutation)...)
	if len(r.body) > 0 {
		for _, p := range r.body {
			addBlock(doc, RoleBody, Line{Runs: userRuns(p, lang)})
		}
	} else {
		x.body(doc, lt)
	}
	addBlock(doc, RoleClosing, x.lines(lt.Closing)...)
	addBlock(doc, RoleSignature, x.lines(lt.Signature)...)
	if copies := copyLines(r.action, r.recipient, loc); len(copies) > 0 {
		addBlock(doc, RoleCopies, copies...)
	}
	return doc
}

// x0 is an expander without values, for texts that have no placeholders.
func x0(lang string, loc *catalogue.Locale) *expander { return &expander{lang: lang, loc: loc} }

func newDocument(kind string, a *catalogue.Action, loc *catalogue.Locale, day time.Time) *Document {
	return &Document{
		Kind: kind, ActionID: a.ID, Reference: a.Reference, Lang: loc.Code, Tag: loc.Tag,
		Dir: loc.Dir, Title: a.Title[loc.Code], Subject: a.Reference, Date: day.Format(time.DateOnly),
	}
}

func addBlock(d *Document, role Role, lines ...Line) {
	d.Blocks = append(d.Blocks, Block{Role: role, Lines: lines})
}

// letterDate is the request's date, or today in the action's time zone.
func letterDate(iso string, now time.Time, loc *time.Location) time.Time {
	if t, err := time.Parse(time.DateOnly, iso); err == nil {
		return t
	}
	y, m, d := now.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func nfcSigner(s Signer) Signer {
	s.Name = strings.TrimSpace(norm.NFC.String(s.Name))
	s.City = strings.TrimSpace(norm.NFC.String(s.City))
	s.Postcode = strings.TrimSpace(norm.NFC.String(s.Postcode))
	s.Country = strings.TrimSpace(norm.NFC.String(s.Country))
	s.Email = strings.TrimSpace(norm.NFC.String(s.Email))
	lines := AddressLines(s.Address)
	for i := range lines {
		lines[i] = norm.NFC.String(lines[i])
	}
	s.Address = lines
	if s.Gender == "" {
		s.Gender = Unspecified
	}
	return s
}

func userRuns(s, lang string) []Run {
	if s == "" {
		return nil
	}
	return []Run{{Text: s, Lang: lang, Kind: User}}
}

func isolated(s, lang string) []Run {
	if s == "" {
		return nil
	}
	return []Run{{Text: s, Lang: lang, Kind: LTRIsolate}}
}

// senderLines is the signer's address block.
func senderLines(s Signer, lang string) []Line {
	lines := []Line{{Runs: userRuns(s.Name, lang)}}
	for _, l := range s.Address {
		lines = append(lines, Line{Runs: userRuns(l, lang)})
	}
	// Postcode and city form one isolate whose direction follows the city:
	// "75500 Karachi" stays one left-to-right unit in an Urdu letter, and
	// the postcode of an Urdu city name reads first from the right.
	if pc := strings.TrimSpace(s.Postcode + " " + s.City); pc != "" {
		lines = append(lines, Line{Runs: userRuns(pc, lang)})
	}
	if s.Country != "" {
		lines = append(lines, Line{Runs: userRuns(s.Country, lang)})
	}
	if s.Email != "" {
		lines = append(lines, Line{Runs: isolated(s.Email, lang)})
	}
	return lines
}

func postalLine(s, lang string, loc *catalogue.Locale) Line {
	kind := Template
	if loc.Dir == RTL && !strings.ContainsFunc(s, isArabicLetter) {
		kind = LTRIsolate
	}
	return Line{Runs: []Run{{Text: s, Lang: lang, Kind: kind}}}
}

// subjectLine is "UA 109/23: <title>".
func subjectLine(a *catalogue.Action, loc *catalogue.Locale) Line {
	x := x0(loc.Code, loc)
	rs := isolated(a.Reference, loc.Code)
	rs = append(rs, x.text(loc.Label("subject_separator"))...)
	rs = append(rs, x.text(a.Title[loc.Code])...)
	return Line{Runs: mergeRuns(rs)}
}

// expander turns parsed template text into runs for one language and
// signer.
type expander struct {
	lang   string
	gender Gender
	loc    *catalogue.Locale
	values map[string][]Run
}

// numeral matches numbers in template text ("3", "1.4", "300'000",
// "109/23"); they become LTR isolates.
var numeral = regexp.MustCompile(`[0-9\x{0660}-\x{0669}\x{06F0}-\x{06F9}]+(?:[.,'’/:\-][0-9\x{0660}-\x{0669}\x{06F0}-\x{06F9}]+)*`)

// text converts literal template text into runs, isolating numbers.
func (x *expander) text(s string) []Run {
	var rs []Run
	last := 0
	for _, m := range numeral.FindAllStringIndex(s, -1) {
		if m[0] > last {
			rs = append(rs, Run{Text: s[last:m[0]], Lang: x.lang, Kind: Template})
		}
		rs = append(rs, Run{Text: x.loc.LocalDigits(s[m[0]:m[1]]), Lang: x.lang, Kind: LTRIsolate})
		last = m[1]
	}
	if last < len(s) {
		rs = append(rs, Run{Text: s[last:], Lang: x.lang, Kind: Template})
	}
	return rs
}

// expand resolves variants for the signer's gender and fills placeholders.
func (x *expander) expand(segs catalogue.Template) []Run {
	var rs []Run
	for _, s := range segs {
		day, fixed := s.FixedDate()
		switch {
		case s.Alts != nil:
			rs = append(rs, x.text(pick(s, x.gender))...)
		case fixed:
			rs = append(rs, dateRuns(x.loc, day)...)
		case s.Placeholder:
			rs = append(rs, x.values[s.Text]...)
		default:
			rs = append(rs, x.text(s.Text)...)
		}
	}
	return mergeRuns(trimRuns(mergeRuns(rs)))
}

// lines expands a short block (salutation, closing, signature); each line
// of its text becomes a Line.
func (x *expander) lines(segs catalogue.Template) []Line {
	var out []Line
	var cur catalogue.Template
	flush := func() {
		if rs := x.expand(cur); len(rs) > 0 {
			out = append(out, Line{Runs: rs})
		}
		cur = nil
	}
	for _, s := range segs {
		if s.Placeholder || s.Alts != nil || !strings.Contains(s.Text, "\n") {
			cur = append(cur, s)
			continue
		}
		parts := strings.Split(s.Text, "\n")
		for i, p := range parts {
			if i > 0 {
				flush()
			}
			if p != "" {
				cur = append(cur, catalogue.Segment{Text: p})
			}
		}
	}
	flush()
	return out
}

func (x *expander) body(doc *Document, lt *catalogue.Letter) {
	for _, part := range lt.Body {
		var lines []Line
		for _, segs := range part.Items {
			lines = append(lines, Line{Runs: x.expand(segs)})
		}
		role := RoleBody
		if part.Bullets {
			role = RoleBullets
		}
		addBlock(doc, role, lines...)
	}
}

// placeDate is "City, date" (the locale's pattern), or the date alone.
func (x *expander) placeDate(city string) Line {
	if city == "" {
		return Line{Runs: x.values["date"]}
	}
	return Line{Runs: x.expand(x.loc.LabelTemplate("place_date"))}
}

// dateRuns writes a date as runs: numbers as LTR isolates, month names and
// separators as template text.
func dateRuns(l *catalogue.Locale, t time.Time) []Run {
	var rs []Run
	for _, p := range l.DateParts(t) {
		kind := Template
		if p.Numeric {
			kind = LTRIsolate
		}
		rs = append(rs, Run{Text: p.Text, Lang: l.Code, Kind: kind})
	}
	return mergeRuns(rs)
}

// pick returns the alternative of a gender variant for g.
func pick(s catalogue.Segment, g Gender) string {
	switch g {
	case Female:
		return s.Alts[0]
	case Male:
		return s.Alts[1]
	default:
		return s.Alts[2]
	}
}

// mergeRuns joins neighbouring template runs of the same language and
// style and drops empty runs. User and LTR runs stay separate: each is one
// isolate.
func mergeRuns(rs []Run) []Run {
	var out []Run
	for _, r := range rs {
		if r.Text == "" {
			continue
		}
		if n := len(out); n > 0 && r.Kind == Template && out[n-1].Kind == Template &&
			out[n-1].Lang == r.Lang && out[n-1].Style == r.Style {
			out[n-1].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	return out
}

// trimRuns removes spaces at the start and end of a line (left over, for
// example, by a variant whose chosen alternative is empty) and doubled
// spaces inside template text.
func trimRuns(rs []Run) []Run {
	for i := range rs {
		if rs[i].Kind == Template {
			rs[i].Text = strings.ReplaceAll(rs[i].Text, "  ", " ")
		}
	}
	if n := len(rs); n > 0 {
		if rs[0].Kind == Template {
			rs[0].Text = strings.TrimLeft(rs[0].Text, " ")
		}
		if rs[n-1].Kind == Template {
			rs[n-1].Text = strings.TrimRight(rs[n-1].Text, " ")
		}
	}
	return rs
}

func isArabicLetter(r rune) bool {
	return r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0x08A0 && r <= 0x08FF
}

// splitParagraphs splits own words at blank lines; the signer's line
// breaks inside a paragraph are kept (renderers set them as forced breaks).
// CR LF and lone CR count as line breaks. Nothing else in the text has a
// meaning.
func splitParagraphs(s string) []string {
	var paras []string
	var cur []string
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	for _, raw := range strings.Split(s, "\n") {
		line := strings.TrimSpace(raw)
		if line == "" {
			if len(cur) > 0 {
				paras = append(paras, strings.Join(cur, "\n"))
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		paras = append(paras, strings.Join(cur, "\n"))
	}
	return paras
}

package letter

import (
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// Compose validates the request (see Validate) and composes the letter.
// now supplies today's date, in the action's time zone, when the request
// has none.
func (c *Catalogue) Compose(req Request, now time.Time) (*Document, error) {
	if err := c.Validate(req); err != nil {
		return nil, err
	}
	a, _ := c.Action(req.ActionID)
	rcpt, _ := a.Recipient(req.Recipient)
	loc, lt := c.locales[req.Lang], a.letters[req.Lang]
	day := letterDate(req.Date, now, a.loc)
	s := nfcSigner(req.Signer)
	x := &expander{lang: req.Lang, gender: s.Gender, loc: loc, values: map[string][]Run{
		"signer":     userRuns(s.Name, req.Lang),
		"city":       userRuns(s.City, req.Lang),
		"date":       loc.dateRuns(day),
		"salutation": x0(req.Lang, loc).text(rcpt.salutation[req.Lang]),
	}}
	doc := newDocument("letter", a, loc, day)
	doc.Author = s.Name
	addBlock(doc, RoleSender, senderLines(s, req.Lang)...)
	addBlock(doc, RoleDate, x.placeDate(s.City))
	addBlock(doc, RoleRecipient, recipientLines(rcpt, loc)...)
	addBlock(doc, RoleSubject, subjectLine(a, loc))
	addBlock(doc, RoleSalutation, x.lines(lt.blocks["salutation"])...)
	if strings.TrimSpace(req.Body) != "" { // a blank body means no own words
		for _, p := range splitParagraphs(norm.NFC.String(req.Body)) {
			addBlock(doc, RoleBody, Line{Runs: userRuns(p, req.Lang)})
		}
	} else {
		x.body(doc, lt)
	}
	addBlock(doc, RoleClosing, x.lines(lt.blocks["closing"])...)
	addBlock(doc, RoleSignature, x.lines(lt.blocks["signature"])...)
	if copies := copyLines(a, rcpt, loc); len(copies) > 0 {
		addBlock(doc, RoleCopies, copies...)
	}
	return doc, nil
}

// x0 is an expander without values, for texts that have no placeholders.
func x0(lang string, loc *Locale) *expander { return &expander{lang: lang, loc: loc} }

func newDocument(kind string, a *Action, loc *Locale, day time.Time) *Document {
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

func postalLine(s, lang string, loc *Locale) Line {
	kind := Template
	if loc.Dir == RTL && !strings.ContainsFunc(s, isArabicLetter) {
		kind = LTRIsolate
	}
	return Line{Runs: []Run{{Text: s, Lang: lang, Kind: kind}}}
}

// subjectLine is "UA 109/23: <title>".
func subjectLine(a *Action, loc *Locale) Line {
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
	loc    *Locale
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
		rs = append(rs, Run{Text: x.loc.digits(s[m[0]:m[1]]), Lang: x.lang, Kind: LTRIsolate})
		last = m[1]
	}
	if last < len(s) {
		rs = append(rs, Run{Text: s[last:], Lang: x.lang, Kind: Template})
	}
	return rs
}

// expand resolves variants for the signer's gender and fills placeholders.
func (x *expander) expand(segs []segment) []Run {
	var rs []Run
	for _, s := range segs {
		switch {
		case s.alts != nil:
			rs = append(rs, x.text(s.pick(x.gender))...)
		case s.ph && s.arg != "":
			day, _ := fixedDate(s.arg)
			rs = append(rs, x.loc.dateRuns(day)...)
		case s.ph:
			rs = append(rs, x.values[s.text]...)
		default:
			rs = append(rs, x.text(s.text)...)
		}
	}
	return mergeRuns(trimRuns(mergeRuns(rs)))
}

// lines expands a short block (salutation, closing, signature); each line
// of its text becomes a Line.
func (x *expander) lines(segs []segment) []Line {
	var out []Line
	var cur []segment
	flush := func() {
		if rs := x.expand(cur); len(rs) > 0 {
			out = append(out, Line{Runs: rs})
		}
		cur = nil
	}
	for _, s := range segs {
		if s.ph || s.alts != nil || !strings.Contains(s.text, "\n") {
			cur = append(cur, s)
			continue
		}
		parts := strings.Split(s.text, "\n")
		for i, p := range parts {
			if i > 0 {
				flush()
			}
			if p != "" {
				cur = append(cur, segment{text: p})
			}
		}
	}
	flush()
	return out
}

func (x *expander) body(doc *Document, lt *letterTemplate) {
	for i, part := range lt.body {
		var lines []Line
		for _, segs := range lt.bodySegs[i] {
			lines = append(lines, Line{Runs: x.expand(segs)})
		}
		role := RoleBody
		if part.bullets {
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
	return Line{Runs: x.expand(x.loc.labels["place_date"])}
}

// dateRuns writes a date as runs: numbers as LTR isolates, month names and
// separators as template text.
func (l *Locale) dateRuns(t time.Time) []Run {
	var rs []Run
	for _, p := range l.dateParts(t) {
		kind := Template
		if p.numeric {
			kind = LTRIsolate
		}
		rs = append(rs, Run{Text: p.text, Lang: l.Code, Kind: kind})
	}
	return mergeRuns(rs)
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

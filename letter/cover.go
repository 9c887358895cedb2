package letter

import (
	"fmt"
	"strconv"

	"github.com/ualetters/ualetters/catalogue"
)

// Cover is a fax cover-sheet request checked against the appeal it
// encloses: the cover's language and locale, with the appeal's action,
// signer and date. Only ResolveCover makes one.
type Cover struct {
	appeal *Resolved
	lang   string
	loc    *catalogue.Locale
}

// ResolveCover checks the cover language (""  means English; it must be a
// language of the action, else a *ValidationError for cover_lang wrapping
// ErrUnknownLanguage) and that the signer's fields can be set in it (else
// a *CoverageError). The signer was checked with the appeal.
func ResolveCover(appeal *Resolved, coverLang string) (*Cover, error) {
	lang := coverLang
	if lang == "" {
		lang = "en"
	}
	var fc fieldCheck
	lt := checkLang(appeal.action, "cover_lang", lang, &fc)
	if err := fc.err(); err != nil {
		return nil, err
	}
	if err := coverage(lang, appeal.signer, ""); err != nil {
		return nil, err
	}
	return &Cover{appeal: appeal, lang: lang, loc: lt.Locale}, nil
}

// ComposeCover composes the fax cover sheet (Document.Kind "cover") for
// rcpt, a recipient of the cover's action, which must have a fax number
// (else an error wrapping ErrNoFax names it). The enclosed appeal is the
// letter to the main addressee; pages is its page count plus the cover's
// (1–999, else a *ValidationError for pages).
func ComposeCover(c *Cover, rcpt *catalogue.Recipient, pages int) (*Document, error) {
	if rcpt.Fax == "" {
		return nil, fmt.Errorf("%w: %s (%s)", ErrNoFax, rcpt.Key, rcpt.Name)
	}
	if pages < 1 || pages > 999 {
		ve := &ValidationError{}
		ve.Add("pages", "total pages including the cover must be 1–999, got %d", pages)
		return nil, ve
	}
	a, lang, loc, s, day := c.appeal.action, c.lang, c.loc, c.appeal.signer, c.appeal.date
	x := &expander{lang: lang, gender: s.Gender, loc: loc, values: map[string][]Run{
		"pages":     isolated(loc.LocalDigits(strconv.Itoa(pages)), lang),
		"addressee": x0(lang, loc).text(a.MainRecipient().Addressee(lang)),
	}}
	doc := newDocument("cover", a, loc, day)
	doc.Author = s.Name
	doc.Title = loc.Label("fax") + ": " + a.Reference
	addBlock(doc, RoleCoverTitle, Line{Runs: x.expand(loc.LabelTemplate("fax"))})
	addField(doc, x, "to", headingLines(rcpt, loc)...)
	addField(doc, x, "fax_number", Line{Runs: isolated(rcpt.FaxDisplay(), lang)})
	addField(doc, x, "from", coverFrom(s, lang)...)
	addField(doc, x, "date", Line{Runs: dateRuns(loc, day)})
	addField(doc, x, "subject", subjectLine(a, loc))
	addField(doc, x, "pages", Line{Runs: x.expand(loc.LabelTemplate("pages_count"))})
	addBlock(doc, RoleCoverMessage, Line{Runs: x.expand(loc.LabelTemplate(coverMessage(rcpt)))})
	return doc, nil
}

// field adds a labelled cover-sheet field.
func addField(d *Document, x *expander, label string, lines ...Line) {
	d.Blocks = append(d.Blocks, Block{Role: RoleCoverField, Label: x.expand(x.loc.LabelTemplate(label)), Lines: lines})
}

// coverFrom is the sender: name, city, country and e-mail if given.
func coverFrom(s Signer, lang string) []Line {
	lines := []Line{{Runs: userRuns(s.Name, lang)}}
	for _, v := range []string{s.City, s.Country} {
		if v != "" {
			lines = append(lines, Line{Runs: userRuns(v, lang)})
		}
	}
	if s.Email != "" {
		lines = append(lines, Line{Runs: isolated(s.Email, lang)})
	}
	return lines
}

// coverMessage picks the note: a forwarding request for recipients that
// forward (the embassy), a copy note for other copies.
func coverMessage(r *catalogue.Recipient) string {
	switch {
	case r.Forward:
		return "forward_request"
	case r.Main():
		return "appeal_note"
	default:
		return "copy_note"
	}
}

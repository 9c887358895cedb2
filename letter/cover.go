package letter

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ComposeCover composes the fax cover sheet (Document.Kind "cover") for
// req.Recipient, which must have a fax number (else an error wrapping
// ErrNoFax names it). The enclosed appeal is the letter to the main
// addressee: compose it with Request.Recipient "" and put its page count
// plus one in req.Pages. The cover is in English unless req.CoverLang names
// another language of the action. Validation follows Validate, except that
// Lang may be empty and Body is not used.
func (c *Catalogue) ComposeCover(req CoverRequest, now time.Time) (*Document, error) {
	a, rcpt, lang, err := c.validateCover(req)
	if err != nil {
		return nil, err
	}
	if rcpt.Fax == "" {
		return nil, fmt.Errorf("%w: %s (%s)", ErrNoFax, rcpt.Key, rcpt.Name)
	}
	loc := c.locales[lang]
	day := letterDate(req.Date, now, a.loc)
	s := nfcSigner(req.Signer)
	x := &expander{lang: lang, gender: s.Gender, loc: loc, values: map[string][]Run{
		"pages":     isolated(loc.digits(strconv.Itoa(req.Pages)), lang),
		"addressee": x0(lang, loc).text(a.MainRecipient().addressee[lang]),
	}}
	doc := newDocument("cover", a, loc, day)
	doc.Author = s.Name
	doc.Title = loc.Label("fax") + ": " + a.Reference
	addBlock(doc, RoleCoverTitle, Line{Runs: x.expand(loc.labels["fax"])})
	addField(doc, x, "to", rcpt.headingLines(loc)...)
	addField(doc, x, "fax_number", Line{Runs: isolated(rcpt.faxDisplay, lang)})
	addField(doc, x, "from", coverFrom(s, lang)...)
	addField(doc, x, "date", Line{Runs: loc.dateRuns(day)})
	addField(doc, x, "subject", subjectLine(a, loc))
	addField(doc, x, "pages", Line{Runs: x.expand(loc.labels["pages_count"])})
	addBlock(doc, RoleCoverMessage, Line{Runs: x.expand(loc.labels[coverMessage(rcpt)])})
	return doc, nil
}

func (c *Catalogue) validateCover(req CoverRequest) (*Action, *Recipient, string, error) {
	a, err := c.Action(req.ActionID)
	if err != nil {
		return nil, nil, "", err
	}
	var fc fieldCheck
	if req.Lang != "" {
		checkLang(a, "lang", req.Lang, &fc)
	}
	lang := req.CoverLang
	if lang == "" {
		lang = "en"
	}
	checkLang(a, "cover_lang", lang, &fc)
	rcpt, rerr := a.Recipient(req.Recipient)
	if rerr != nil {
		fc.cause(ErrUnknownRecipient, "recipient", "%s", strings.TrimPrefix(rerr.Error(), ErrUnknownRecipient.Error()+": "))
	}
	checkSigner(req.Signer, &fc)
	checkDate(req.Date, &fc)
	if req.Pages < 1 || req.Pages > 999 {
		fc.ve.Add("pages", "total pages including the cover must be 1–999, got %d", req.Pages)
	}
	if err := fc.err(); err != nil {
		return nil, nil, "", err
	}
	if err := coverage(lang, req.Signer, ""); err != nil {
		return nil, nil, "", err
	}
	return a, rcpt, lang, nil
}

// field adds a labelled cover-sheet field.
func addField(d *Document, x *expander, label string, lines ...Line) {
	d.Blocks = append(d.Blocks, Block{Role: RoleCoverField, Label: x.expand(x.loc.labels[label]), Lines: lines})
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
func coverMessage(r *Recipient) string {
	switch {
	case r.Forward:
		return "forward_request"
	case r.Main():
		return "appeal_note"
	default:
		return "copy_note"
	}
}

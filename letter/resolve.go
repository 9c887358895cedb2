package letter

import (
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/ualetters/ualetters/catalogue"
)

// Resolved is a letter request checked against its action, holding
// everything Compose needs, each looked up once: the action, its letter
// text and locale in the request's language, the recipient, the signer
// (trimmed, NFC, address split into lines), the date and the own words.
// Only Resolve makes one.
type Resolved struct {
	action    *catalogue.Action
	letter    *catalogue.Letter // in lang, with its locale
	recipient *catalogue.Recipient
	lang      string
	signer    Signer
	date      time.Time
	body      []string // own-words paragraphs; nil for the model letter
}

// Resolve checks req against act, the action req.ActionID names (the
// caller looks it up once, in the catalogue it uses for the whole
// request), and returns the resolved letter, or a *ValidationError naming
// every bad field (wrapping ErrUnknownLanguage and
// catalogue.ErrUnknownRecipient when those fields are bad), or a
// *CoverageError for characters no bundled font covers. now supplies
// today's date, in the action's time zone, when the request has none.
//
// Bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) are
// rejected in the name, which needs none; they are allowed in address lines
// and the body, which renderers lay out as isolates so they cannot reorder
// anything outside the field.
func Resolve(act *catalogue.Action, req Request, now time.Time) (*Resolved, error) {
	var fc fieldCheck
	lt := checkLang(act, "lang", req.Lang, &fc)
	rcpt := checkRecipient(act, req.Recipient, &fc)
	checkSigner(req.Signer, &fc)
	checkDate(req.Date, &fc)
	checkText(&fc.ve, "body", req.Body, MaxBody, true)
	if err := fc.err(); err != nil {
		return nil, err
	}
	if err := coverage(req.Lang, req.Signer, req.Body); err != nil {
		return nil, err
	}
	r := &Resolved{action: act, letter: lt, recipient: rcpt, lang: req.Lang,
		signer: nfcSigner(req.Signer), date: letterDate(req.Date, now, act.Location())}
	if strings.TrimSpace(req.Body) != "" { // a blank body means no own words
		r.body = splitParagraphs(norm.NFC.String(req.Body))
	}
	return r, nil
}

// Action is the action of the letter.
func (r *Resolved) Action() *catalogue.Action { return r.action }

// Lang is the language code of the letter ("ur").
func (r *Resolved) Lang() string { return r.lang }

// ComposeRequest looks the action up in cat, resolves req and composes
// the letter: for callers that hold an action id and nothing else to
// check (tests, benchmarks). An unknown action is an error wrapping
// catalogue.ErrUnknownAction.
func ComposeRequest(cat *catalogue.Catalogue, req Request, now time.Time) (*Document, error) {
	act, err := cat.Action(req.ActionID)
	if err != nil {
		return nil, err
	}
	r, err := Resolve(act, req, now)
	if err != nil {
		return nil, err
	}
	return Compose(r), nil
}

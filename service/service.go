// Package service is the one code path from a letter request to finished
// bytes, shared by the HTTP API and the command line: it checks the
// request, composes the letter from the current catalogue and hands the
// document to the back end of the requested format.
package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/layout"
)

// Source hands out the catalogue in service; *catalogue.Store is one (its
// catalogue can be swapped by a reload while requests run).
type Source interface {
	Current() *catalogue.Catalogue
}

// Service renders letters. It is safe for concurrent use.
type Service struct {
	src      Source
	now      func() time.Time
	be       *backends
	maxPages int
}

// DefaultMaxPages is the default page cap of a letter (WithMaxPages).
const DefaultMaxPages = 10

// Option configures a Service.
type Option func(*Service)

// WithClock replaces time.Now (the default date of a letter is today in
// the action's time zone).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithMaxPages caps the pages of a letter (the appeal of a fax without
// its cover): a longer one fails with *TooLongError before it is rendered.
// 0 or less means DefaultMaxPages.
func WithMaxPages(n int) Option {
	return func(s *Service) {
		if n > 0 {
			s.maxPages = n
		}
	}
}

// New returns a service over the catalogue src.
func New(src Source, opts ...Option) *Service {
	s := &Service{src: src, now: time.Now, be: newBackends(), maxPages: DefaultMaxPages}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Catalogue is the catalogue in service now.
func (s *Service) Catalogue() *catalogue.Catalogue { return s.src.Current() }

// LetterRequest asks for one letter in one format.
type LetterRequest struct {
	letter.Request
	Format Format
	Paper  string // "a4" (default) or "letter"
	Page   int    // page of a PNG preview, 1-based (0 means 1)
}

// Result is a finished document.
type Result struct {
	Body        []byte
	ContentType string
	Filename    string // "UA-109-23-ur.pdf"
	Lang        string // BCP 47 tag of the document language
	Pages       int    // page count where the format fixes it (PDF, TIFF); 0 otherwise

	recyclable bool // Body's storage is this result's alone (see Release)
}

// ErrFormatUnavailable reports a format whose back end is not part of
// this build.
var ErrFormatUnavailable = errors.New("format not available")

// LanguageError reports a language the action is not offered in, with
// the ones it is.
type LanguageError struct {
	Lang      string
	Available []string
}

func (e *LanguageError) Error() string {
	return fmt.Sprintf("the action is not offered in %q; available: %s", e.Lang, strings.Join(e.Available, ", "))
}

func (e *LanguageError) Unwrap() error { return letter.ErrUnknownLanguage }

// Letter checks req, composes the letter and renders it. The action is
// looked up once, in the catalogue in service when the request starts;
// the letter is composed from what letter.Resolve resolved.
func (s *Service) Letter(ctx context.Context, req LetterRequest) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	act, paper, err := s.check(s.src.Current(), &req)
	if err != nil {
		return nil, err
	}
	r, err := s.resolve(act, req.Request)
	if err != nil {
		return nil, err
	}
	doc := letter.Compose(r)
	ld, err := s.layout(ctx, doc, paper, layout.Numbering{})
	if err != nil {
		return nil, err
	}
	// Nothing keeps the layout once the bytes are written. (A fax joins
	// its cover's and letter's pages into one document, so it leaves its
	// layouts to the collector rather than release pages twice.)
	defer ld.Release()
	res, err := s.be.render(ctx, doc, ld, req.Format, paper, req.Page)
	if err != nil {
		return nil, err
	}
	res.Lang = doc.Tag
	res.Filename = Filename(act.ID, req.Lang, "", req.Format)
	return res, nil
}

// check looks up the action and validates the parts of req the renderers
// depend on, and returns the action and paper; resolve checks the letter
// fields (language and font coverage included).
func (s *Service) check(cat *catalogue.Catalogue, req *LetterRequest) (*catalogue.Action, layout.Paper, error) {
	act, err := cat.Action(req.ActionID)
	if err != nil {
		return nil, layout.Paper{}, err
	}
	ve := &letter.ValidationError{}
	if req.Format == "" {
		req.Format = PDF
	}
	if !req.Format.Valid() {
		ve.Add("format", "must be one of %s", strings.Join(FormatNames(), ", "))
	}
	paper, ok := layout.PaperByName(req.Paper)
	if !ok {
		ve.Add("paper", "must be a4 or letter")
	}
	switch {
	case req.Page < 0:
		ve.Add("page", "must be 1 or more")
	case req.Page > 0 && req.Format != PNG:
		ve.Add("page", "only a PNG preview shows one page; add format=png")
	}
	if err := ve.Err(); err != nil {
		return nil, paper, err
	}
	return act, paper, nil
}

// resolve checks the letter fields of req against act. A language the
// action is not offered in is a *LanguageError, whatever else is wrong.
func (s *Service) resolve(act *catalogue.Action, req letter.Request) (*letter.Resolved, error) {
	r, err := letter.Resolve(act, req, s.now())
	switch {
	case errors.Is(err, letter.ErrUnknownLanguage):
		return nil, &LanguageError{Lang: req.Lang, Available: act.LanguageCodes()}
	case err != nil:
		return nil, fmt.Errorf("compose %s/%s: %w", act.ID, req.Lang, err)
	}
	return r, nil
}

// MaxPages is the page cap of a letter.
func (s *Service) MaxPages() int { return s.maxPages }

// TooLongError reports a letter of more pages than the cap; the signer's
// own words (body) are what makes a letter long.
type TooLongError struct{ Pages, Max int }

func (e *TooLongError) Error() string {
	return fmt.Sprintf("the letter would have %d pages; at most %d are allowed: shorten the own words", e.Pages, e.Max)
}

// layout lays out doc within the page cap, stopping early when ctx ends.
func (s *Service) layout(ctx context.Context, doc *letter.Document, paper layout.Paper, num layout.Numbering) (*layout.Document, error) {
	ld, err := s.be.layouter.LayoutWith(doc, paper, layout.Options{Numbering: num, MaxPages: s.maxPages, Check: ctx.Err})
	var tl *layout.TooLongError
	switch {
	case errors.As(err, &tl):
		return nil, &TooLongError{Pages: tl.Pages, Max: tl.Max}
	case err != nil:
		return nil, fmt.Errorf("lay out: %w", err)
	}
	return ld, nil
}

// Filename is the download name of a document: UA-109-23-ur.pdf, or
// UA-109-23-ur-fax-embassy-bern.tiff for a fax to one recipient.
func Filename(actionID, lang, faxTo string, f Format) string {
	name := "UA-" + actionID + "-" + lang
	if faxTo != "" {
		name += "-fax-" + faxTo
	}
	return name + "." + f.Ext()
}

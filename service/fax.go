package service

import (
	"context"
	"fmt"
	"strings"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/layout"
	"github.com/ualetters/ualetters/render/raster"
)

// FaxRequest asks for the fax-ready document for one recipient: a cover
// sheet, then the appeal to the main addressee.
type FaxRequest struct {
	letter.Request        // Recipient: the key of the recipient to fax (required)
	CoverLang      string // language of the cover sheet; "" means English
	Format         Format // PDF or TIFF (Class F); PNG previews one page of a single fax
	Paper          string
	Page           int    // page of a PNG preview, 1-based (0 means 1; page 1 is the cover)
	Resolution     string // TIFF only: "fine" (204 × 196 dpi, default) or "normal" (204 × 98)
	Compression    string // TIFF only: "g4" (T.6, default) or "g3" (T.4 one-dimensional)
}

// FaxResult is a fax-ready document with the number to dial.
type FaxResult struct {
	Result
	Recipient string // recipient key
	Name      string // recipient name, as in the catalogue
	Number    string // E.164
}

// NoFaxError reports a recipient without a fax number, with the ones
// that have one.
type NoFaxError struct {
	Recipient string
	WithFax   []string
}

func (e *NoFaxError) Error() string {
	return fmt.Sprintf("recipient %q has no fax number; recipients with one: %s", e.Recipient, strings.Join(e.WithFax, ", "))
}

func (e *NoFaxError) Unwrap() error { return letter.ErrNoFax }

// faxJob is what every fax of one request shares: the action, the paper,
// the fax options, the resolved appeal and cover, and the laid-out appeal
// to the main addressee.
type faxJob struct {
	act    *catalogue.Action
	req    FaxRequest
	paper  layout.Paper
	opts   raster.FaxOptions
	rcpt   *catalogue.Recipient // the recipient of a single fax; nil for a batch
	cover  *letter.Cover        // the cover sheet, checked once for every recipient
	res    *letter.Resolved     // the appeal, checked once
	appeal *layout.Document     // numbered after a one-page cover
	doc    *letter.Document     // the composed appeal, to number it again after a longer cover
	lang   string               // BCP 47 tag of the appeal
}

// Fax composes the letter and the cover sheet and renders both as one
// document of Format.
func (s *Service) Fax(ctx context.Context, req FaxRequest) (*FaxResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	job, err := s.faxJob(ctx, req, true)
	if err != nil {
		return nil, err
	}
	return s.faxFor(job, job.rcpt)
}

// faxJob checks req, resolves the appeal, the recipient (the /fax form)
// and the cover, then composes and lays out the appeal. one says whether
// the request names one recipient (the /fax form) or none (the batch).
func (s *Service) faxJob(ctx context.Context, req FaxRequest, one bool) (*faxJob, error) {
	act, paper, opts, err := s.checkFax(s.src.Current(), &req, one)
	if err != nil {
		return nil, err
	}
	appeal := req.Request
	appeal.Recipient = "" // the enclosed appeal is addressed to the main addressee
	res, err := s.resolve(act, appeal)
	if err != nil {
		return nil, err
	}
	job := &faxJob{act: act, req: req, paper: paper, opts: opts, res: res}
	if one {
		if job.rcpt, err = faxRecipient(act, req.Recipient); err != nil {
			return nil, err
		}
	}
	if job.cover, err = letter.ResolveCover(res, req.CoverLang); err != nil {
		return nil, fmt.Errorf("compose cover: %w", err)
	}
	job.doc = letter.Compose(res)
	if job.appeal, err = s.layout(ctx, job.doc, paper, layout.Numbering{Before: 1}); err != nil {
		return nil, err
	}
	job.opts.Check = ctx.Err
	job.lang = job.doc.Tag
	return job, nil
}

// faxRecipient is the recipient with the key, which must have a fax number.
func faxRecipient(act *catalogue.Action, key string) (*catalogue.Recipient, error) {
	rcpt, err := act.Recipient(key)
	if err != nil {
		return nil, err
	}
	if rcpt.Fax == "" {
		return nil, &NoFaxError{Recipient: rcpt.Key, WithFax: FaxRecipients(act)}
	}
	return rcpt, nil
}

// faxPages lays out the cover for rcpt and puts it before the appeal,
// whose page numbers count the cover: behind a one-page cover a two-page
// letter is numbered 2 / 3 and 3 / 3. The appeal is laid out for a
// one-page cover once per request and again only after a longer cover.
func (s *Service) faxPages(job *faxJob, rcpt *catalogue.Recipient) (*layout.Document, error) {
	cover, err := s.cover(job, rcpt)
	if err != nil {
		return nil, err
	}
	appeal := job.appeal
	if n := len(cover.Pages); n != 1 {
		appeal, err = s.be.layouter.LayoutNumbered(job.doc, job.paper, layout.Numbering{Before: n})
		if err != nil {
			return nil, fmt.Errorf("lay out: %w", err)
		}
	}
	all := *appeal
	all.Pages = append(append([]layout.Page(nil), cover.Pages...), appeal.Pages...)
	return &all, nil
}

// faxFor renders the fax document for rcpt.
func (s *Service) faxFor(job *faxJob, rcpt *catalogue.Recipient) (*FaxResult, error) {
	all, err := s.faxPages(job, rcpt)
	if err != nil {
		return nil, err
	}
	out, err := s.be.paged(all, job.req.Format, pageOptions{page: job.req.Page, fax: job.opts})
	if err != nil {
		return nil, err
	}
	return &FaxResult{
		Result: Result{Body: out, ContentType: job.req.Format.ContentType(), Lang: job.lang, Pages: len(all.Pages),
			Filename: Filename(job.act.ID, job.req.Lang, rcpt.Key, job.req.Format)},
		Recipient: rcpt.Key, Name: rcpt.Name, Number: rcpt.Fax,
	}, nil
}

// cover lays out the cover sheet for rcpt, whose "N pages" counts itself:
// if the cover does not fit on the one page first assumed, it is composed
// again with its real length.
func (s *Service) cover(job *faxJob, rcpt *catalogue.Recipient) (*layout.Document, error) {
	letterPages, coverPages := len(job.appeal.Pages), 1
	for {
		doc, err := letter.ComposeCover(job.cover, rcpt, letterPages+coverPages)
		if err != nil {
			return nil, fmt.Errorf("compose cover: %w", err)
		}
		ld, err := s.be.layouter.Layout(doc, job.paper)
		if err != nil {
			return nil, fmt.Errorf("lay out cover: %w", err)
		}
		if len(ld.Pages) == coverPages || coverPages > 3 {
			return ld, nil
		}
		coverPages = len(ld.Pages)
	}
}

// FaxRecipients lists the keys of the action's recipients with a fax number.
func FaxRecipients(act *catalogue.Action) []string {
	var keys []string
	for _, r := range act.Recipients {
		if r.Fax != "" {
			keys = append(keys, r.Key)
		}
	}
	return keys
}

// Fax option values (FaxRequest.Resolution and Compression).
var (
	faxResolutions  = map[string]raster.Resolution{"": raster.Fine, "fine": raster.Fine, "normal": raster.Normal}
	faxCompressions = map[string]raster.Compression{"": raster.G4, "g4": raster.G4, "g3": raster.G3}
)

// checkFax validates req. A single fax needs a recipient; a batch must not
// name one (it goes to every recipient with a fax number).
func (s *Service) checkFax(cat *catalogue.Catalogue, req *FaxRequest, one bool) (*catalogue.Action, layout.Paper, raster.FaxOptions, error) {
	var opts raster.FaxOptions
	act, err := cat.Action(req.ActionID)
	if err != nil {
		return nil, layout.Paper{}, opts, err
	}
	ve := &letter.ValidationError{}
	if req.Format == "" {
		req.Format = PDF
	}
	switch {
	case req.Format == PNG && one:
	case req.Format != PDF && req.Format != TIFF:
		ve.Add("format", "a fax is pdf or tiff (png previews one page of a single fax)")
	case req.Page != 0:
		ve.Add("page", "only a PNG preview shows one page; add format=png")
	}
	if req.Page < 0 {
		ve.Add("page", "must be 1 or more")
	}
	paper, ok := layout.PaperByName(req.Paper)
	if !ok {
		ve.Add("paper", "must be a4 or letter")
	}
	switch {
	case one && req.Recipient == "":
		ve.Add("recipient", "required; recipients with a fax number: %s", strings.Join(FaxRecipients(act), ", "))
	case !one && req.Recipient != "":
		ve.Add("recipient", "the batch goes to every recipient with a fax number (%s); fax one with /fax", strings.Join(FaxRecipients(act), ", "))
	}
	opts = faxOptions(req, ve)
	if err := ve.Err(); err != nil {
		return nil, paper, opts, err
	}
	return act, paper, opts, nil
}

// faxOptions reads the TIFF options of req; a PDF or PNG takes none.
func faxOptions(req *FaxRequest, ve *letter.ValidationError) raster.FaxOptions {
	res, okRes := faxResolutions[strings.ToLower(req.Resolution)]
	comp, okComp := faxCompressions[strings.ToLower(req.Compression)]
	notTIFF := req.Format != TIFF
	switch {
	case notTIFF && req.Resolution != "":
		ve.Add("resolution", "only a TIFF fax has a resolution")
	case !okRes:
		ve.Add("resolution", "must be fine (204 × 196 dpi) or normal (204 × 98 dpi)")
	}
	switch {
	case notTIFF && req.Compression != "":
		ve.Add("compression", "only a TIFF fax has a compression")
	case !okComp:
		ve.Add("compression", "must be g4 (ITU-T T.6) or g3 (ITU-T T.4 one-dimensional)")
	}
	return raster.FaxOptions{Resolution: res, Compression: comp}
}

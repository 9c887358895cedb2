package service

import (
	"context"
	"fmt"
	"strings"

	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/layout"
)

// FaxRequest asks for the fax-ready document for one recipient: a cover
// sheet, then the appeal to the main addressee.
type FaxRequest struct {
	letter.Request        // Recipient: the key of the recipient to fax (required)
	CoverLang      string // language of the cover sheet; "" means English
	Format         Format // PDF or TIFF (Class F)
	Paper          string
}

// FaxResult is a fax-ready document with the number to dial.
type FaxResult struct {
	Result
	Recipient string // recipient key
	Number    string // E.164
}

// Fax composes the letter and the cover sheet and renders both as one
// document of Format.
func (s *Service) Fax(ctx context.Context, req FaxRequest) (*FaxResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cat := s.src.Current()
	act, paper, err := s.checkFax(cat, &req)
	if err != nil {
		return nil, err
	}
	rcpt, err := act.Recipient(req.Recipient)
	if err != nil {
		return nil, err
	}
	if rcpt.Fax == "" {
		return nil, fmt.Errorf("%w: %s", letter.ErrNoFax, rcpt.Key)
	}
	appeal := req.Request
	appeal.Recipient = "" // the enclosed appeal is addressed to the main addressee
	doc, err := cat.Compose(appeal, s.now())
	if err != nil {
		return nil, fmt.Errorf("compose %s/%s: %w", req.ActionID, req.Lang, err)
	}
	body, err := s.be.layouter.Layout(doc, paper)
	if err != nil {
		return nil, fmt.Errorf("lay out: %w", err)
	}
	cover, err := s.cover(cat, req, len(body.Pages), paper)
	if err != nil {
		return nil, err
	}
	all := *body
	all.Pages = append(append([]layout.Page(nil), cover.Pages...), body.Pages...)
	out, err := s.be.paged(&all, req.Format, 0)
	if err != nil {
		return nil, err
	}
	return &FaxResult{
		Result: Result{Body: out, ContentType: req.Format.ContentType(), Lang: doc.Tag, Pages: len(all.Pages),
			Filename: Filename(act.ID, req.Lang, rcpt.Key, req.Format)},
		Recipient: rcpt.Key, Number: rcpt.Fax,
	}, nil
}

// cover lays out the cover sheet, whose "N pages" counts itself: if the
// cover does not fit on the one page first assumed, it is composed again
// with its real length.
func (s *Service) cover(cat *letter.Catalogue, req FaxRequest, letterPages int, paper layout.Paper) (*layout.Document, error) {
	coverPages := 1
	for {
		doc, err := cat.ComposeCover(letter.CoverRequest{Request: req.Request, CoverLang: req.CoverLang,
			Pages: letterPages + coverPages}, s.now())
		if err != nil {
			return nil, fmt.Errorf("compose cover: %w", err)
		}
		ld, err := s.be.layouter.Layout(doc, paper)
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
func FaxRecipients(act *letter.Action) []string {
	var keys []string
	for _, r := range act.Recipients {
		if r.Fax != "" {
			keys = append(keys, r.Key)
		}
	}
	return keys
}

func (s *Service) checkFax(cat *letter.Catalogue, req *FaxRequest) (*letter.Action, layout.Paper, error) {
	act, err := cat.Action(req.ActionID)
	if err != nil {
		return nil, layout.Paper{}, err
	}
	ve := &letter.ValidationError{}
	if req.Format == "" {
		req.Format = PDF
	}
	if req.Format != PDF && req.Format != TIFF {
		ve.Add("format", "a fax is pdf or tiff")
	}
	paper, ok := layout.PaperByName(req.Paper)
	if !ok {
		ve.Add("paper", "must be a4 or letter")
	}
	if req.Recipient == "" {
		ve.Add("recipient", "required; recipients with a fax number: %s", strings.Join(FaxRecipients(act), ", "))
	}
	if err := ve.Err(); err != nil {
		return nil, paper, err
	}
	if !act.Offers(req.Lang) {
		return nil, paper, &LanguageError{Lang: req.Lang, Available: act.LanguageCodes()}
	}
	return act, paper, nil
}

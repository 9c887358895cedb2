package api

import (
	"context"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/ualetters/ualetters/service"
)

// faxFormats are the formats of the fax documents: PDF for hosted
// gateways, TIFF Class F for fax modems. A single fax may also be
// previewed one page at a time as PNG.
var (
	faxFormats     = []service.Format{service.PDF, service.TIFF}
	faxViewFormats = []service.Format{service.PDF, service.TIFF, service.PNG}
)

// fax answers POST /v1/actions/{id}/fax: the cover sheet and the appeal
// for one recipient, with the number to dial and the page count.
func (s *Server) fax(c fiber.Ctx) error {
	req, err := s.faxRequest(c, false)
	if err != nil {
		return err
	}
	var fr *service.FaxResult
	_, err = s.render(c, string(req.Format), req.Lang, costClass(req.Format, req.Body), func(ctx context.Context) (*service.Result, error) {
		var err error
		fr, err = s.svc.Fax(ctx, *req)
		if err != nil {
			return nil, err
		}
		return &fr.Result, nil
	})
	if err != nil {
		return err
	}
	c.Set("X-Fax-Number", fr.Number)
	c.Set("X-Fax-Pages", strconv.Itoa(fr.Pages))
	return sendDocument(c, &fr.Result)
}

// faxes answers POST /v1/actions/{id}/faxes: a ZIP with the fax document
// of every recipient that has a fax number, and manifest.json.
//
// The batch takes one heavy render slot, not one per document: its
// documents are rendered one after another on one goroutine, so it never
// uses more than one core at a time, which is what the slots ration. It
// holds its slot longer (the render histogram, labelled faxes-pdf or
// faxes-tiff, shows how long), and the heavy slots are fewer than the
// cores, so batches cannot starve single letters.
func (s *Server) faxes(c fiber.Ctx) error {
	req, err := s.faxRequest(c, true)
	if err != nil {
		return err
	}
	label := "faxes-" + string(req.Format)
	c.Locals(keyFormat, label)
	var batch *service.FaxBatch
	_, err = s.render(c, label, req.Lang, heavy, func(ctx context.Context) (*service.Result, error) {
		var err error
		batch, err = s.svc.Faxes(ctx, *req)
		if err != nil {
			return nil, err
		}
		return &batch.Result, nil
	})
	if err != nil {
		return err
	}
	c.Set("X-Fax-Count", strconv.Itoa(len(batch.Faxes)))
	return sendDocument(c, &batch.Result)
}

// faxRequest reads the fields shared by both fax routes and resolves the
// action, language and format. A batch answers with a ZIP whatever the
// format of its documents, so Accept must allow application/zip and only
// the format field picks the documents' format (PDF by default).
func (s *Server) faxRequest(c fiber.Ctx, batch bool) (*service.FaxRequest, error) {
	in, err := parseLetterInput(c)
	if err != nil {
		return nil, err
	}
	c.Locals(keyPersonal, in.personal())
	if batch && in.Page != 0 {
		return nil, badRequest("page", "a fax batch has no page; preview one fax with /fax and format=png")
	}
	req, err := s.request(c, in)
	if err != nil {
		return nil, err
	}
	format, err := faxFormat(c, in.Format, batch)
	if err != nil {
		return nil, err
	}
	c.Locals(keyFormat, string(format))
	return &service.FaxRequest{
		Request:   req,
		CoverLang: in.CoverLang, Format: format, Paper: in.Paper, Page: in.Page,
		Resolution: in.Resolution, Compression: in.Compression,
	}, nil
}

// faxFormat picks the format of the fax documents.
func faxFormat(c fiber.Ctx, field string, batch bool) (service.Format, error) {
	if !batch {
		return negotiateFormat(c, field, faxViewFormats)
	}
	if c.Get(fiber.HeaderAccept) != "" && c.Accepts(service.ZIPContentType) == "" {
		return "", notAcceptable([]string{"zip"}, "a fax batch is "+service.ZIPContentType+", which Accept does not allow")
	}
	f := service.Format(strings.ToLower(field))
	switch {
	case field == "":
		return service.PDF, nil
	case contains(faxFormats, f):
		return f, nil
	}
	return "", badRequest("format", "the documents of a fax batch are \"pdf\" (default) or \"tiff\"")
}

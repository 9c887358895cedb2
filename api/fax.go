package api

import (
	"strconv"

	"github.com/gofiber/fiber/v3"

	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/service"
)

// faxFormats are the formats of the fax route: PDF for hosted gateways,
// TIFF Class F for fax modems.
var faxFormats = []service.Format{service.PDF, service.TIFF}

// fax answers POST /v1/actions/{id}/fax: the cover sheet and the appeal
// for one recipient, with the number to dial and the page count.
func (s *Server) fax(c fiber.Ctx) error {
	in, err := parseLetterInput(c)
	if err != nil {
		return err
	}
	c.Locals(keyPersonal, in.personal())
	if in.Page != 0 {
		return badRequest("page", "only PNG previews of letters have a page")
	}
	act, err := s.svc.Catalogue().Action(c.Params("id"))
	if err != nil {
		return err
	}
	lang := in.Lang
	if lang == "" {
		lang = negotiateLanguage(act, c.Get(fiber.HeaderAcceptLanguage))
	}
	if act.Offers(lang) {
		c.Locals(keyLang, lang)
	}
	format, err := negotiateFormat(c, in.Format, faxFormats)
	if err != nil {
		return err
	}
	c.Locals(keyFormat, string(format))
	req := service.FaxRequest{
		Request: letter.Request{
			ActionID: act.ID, Lang: lang, Recipient: in.Recipient, Date: in.Date, Body: in.Body,
			Signer: letter.Signer{Name: in.Name, Address: in.Address, Postcode: in.Postcode,
				City: in.City, Country: in.Country, Email: in.Email, Gender: letter.Gender(in.Gender)},
		},
		CoverLang: in.CoverLang, Format: format, Paper: in.Paper,
	}
	var fr *service.FaxResult
	_, err = s.render(c, string(format), lang, func() (*service.Result, error) {
		var err error
		fr, err = s.svc.Fax(c.Context(), req)
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

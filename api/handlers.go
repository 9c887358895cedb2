package api

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/cespare/xxhash/v2"
	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/text/language"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/service"
)

func (s *Server) healthz(c fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"status": "ok"})
}

func (s *Server) readyz(c fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	if err := s.cfg.Ready(); err != nil {
		s.log.Warn("not ready", "cause", err.Error())
		c.Status(fiber.StatusServiceUnavailable)
		return c.JSON(fiber.Map{"status": "not ready"})
	}
	cat := s.svc.Catalogue()
	return c.JSON(fiber.Map{"status": "ready", "actions": len(cat.Actions())})
}

func (s *Server) metricsHandler() fiber.Handler {
	return adaptor.HTTPHandler(promhttp.HandlerFor(s.m.reg, promhttp.HandlerOpts{}))
}

func (s *Server) actions(c fiber.Ctx) error {
	return c.JSON(fiber.Map{"actions": s.views(s.svc.Catalogue().Actions())})
}

func (s *Server) action(c fiber.Ctx) error {
	a, err := s.svc.Catalogue().Action(c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(s.view(a))
}

// letter answers POST /v1/actions/{id}/letter.
func (s *Server) letter(c fiber.Ctx) error {
	in, err := parseLetterInput(c)
	if err != nil {
		return err
	}
	c.Locals(keyPersonal, in.personal())
	if in.CoverLang != "" {
		return badRequest("cover_lang", "only fax requests have a cover sheet")
	}
	if in.Resolution != "" || in.Compression != "" {
		field := "resolution"
		if in.Resolution == "" {
			field = "compression"
		}
		return badRequest(field, "only fax TIFFs have a resolution and a compression; see /fax")
	}
	req, err := s.letterRequest(c, in)
	if err != nil {
		return err
	}
	res, err := s.render(c, string(req.Format), req.Lang, costClass(req.Format, req.Body), func(ctx context.Context) (*service.Result, error) {
		return s.svc.Letter(ctx, *req)
	})
	if err != nil {
		return err
	}
	return sendDocument(c, res)
}

// letterRequest resolves the action, language and format of a request.
func (s *Server) letterRequest(c fiber.Ctx, in *letterInput) (*service.LetterRequest, error) {
	req, err := s.request(c, in)
	if err != nil {
		return nil, err
	}
	format, err := negotiateFormat(c, in.Format, letterFormats)
	if err != nil {
		return nil, err
	}
	c.Locals(keyFormat, string(format))
	return &service.LetterRequest{Request: req, Format: format, Paper: in.Paper, Page: in.Page}, nil
}

// request resolves the action and language of a letter or fax request
// (the language from Accept-Language when the field is absent) and
// returns the letter request its fields describe.
func (s *Server) request(c fiber.Ctx, in *letterInput) (letter.Request, error) {
	act, ok := c.Locals(keyAction).(*catalogue.Action)
	if !ok {
		var err error
		if act, err = s.svc.Catalogue().Action(c.Params("id")); err != nil {
			return letter.Request{}, err
		}
	}
	lang := in.Lang
	if lang == "" {
		lang = negotiateLanguage(act, c.Get(fiber.HeaderAcceptLanguage))
	}
	if act.Offers(lang) {
		c.Locals(keyLang, lang)
	}
	return letter.Request{
		ActionID: act.ID, Lang: lang, Recipient: in.Recipient, Date: in.Date, Body: in.Body,
		Signer: letter.Signer{Name: in.Name, Address: in.Address, Postcode: in.Postcode,
			City: in.City, Country: in.Country, Email: in.Email, Gender: letter.Gender(in.Gender)},
	}, nil
}

// letterFormats are the formats of the letter route, in order of
// preference when Accept allows several.
var letterFormats = []service.Format{service.PDF, service.DOCX, service.PNG}

// negotiateFormat picks the format from the format field or, without it,
// from Accept (PDF when Accept is absent or allows anything).
func negotiateFormat(c fiber.Ctx, field string, offered []service.Format) (service.Format, error) {
	names := make([]string, len(offered))
	types := make([]string, len(offered))
	for i, f := range offered {
		names[i], types[i] = string(f), f.ContentType()
	}
	accept := c.Get(fiber.HeaderAccept)
	if field != "" {
		f := service.Format(strings.ToLower(field))
		if !contains(offered, f) {
			return "", &requestError{status: 400, kind: "invalid-request", avail: names,
				detail: "format must be one of " + joinQuoted(names), fields: fieldList("format", "must be one of "+joinQuoted(names))}
		}
		if accept != "" && c.Accepts(f.ContentType()) == "" {
			return "", notAcceptable(names, "Accept does not allow "+f.ContentType()+", the format asked for")
		}
		return f, nil
	}
	if accept == "" {
		return offered[0], nil
	}
	t := c.Accepts(types...)
	f, ok := service.FormatFor(t)
	if !ok {
		return "", notAcceptable(names, "Accept allows none of "+strings.Join(types, ", "))
	}
	return f, nil
}

func notAcceptable(names []string, detail string) error {
	return &requestError{status: 406, kind: "not-acceptable", detail: detail, avail: names,
		fields: fieldList("Accept", detail)}
}

func contains(fs []service.Format, f service.Format) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

// negotiateLanguage picks the action language that best matches the
// Accept-Language header; English, then the first language, by default.
func negotiateLanguage(act *catalogue.Action, header string) string {
	codes := act.LanguageCodes()
	if len(codes) == 0 {
		return ""
	}
	def := codes[0]
	if act.Offers("en") {
		def = "en"
	}
	if header == "" {
		return def
	}
	tags := make([]language.Tag, 0, len(codes)+1)
	tags = append(tags, language.Make(def))
	for _, l := range act.Languages {
		tags = append(tags, language.Make(l.Tag))
	}
	wanted, _, err := language.ParseAcceptLanguage(header)
	if err != nil {
		return def
	}
	_, i, conf := language.NewMatcher(tags).Match(wanted...)
	if conf == language.No || i == 0 {
		return def
	}
	return codes[i-1]
}

// sendDocument answers with a rendered document, or 304 when the client
// already holds these exact bytes (If-None-Match).
func sendDocument(c fiber.Ctx, res *service.Result) error {
	etag := documentETag(res.Body)
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderCacheControl, "private")
	c.Set(fiber.HeaderVary, "Accept, Accept-Language")
	if res.Lang != "" {
		c.Set(fiber.HeaderContentLanguage, res.Lang)
	}
	if res.Pages > 0 {
		c.Set("X-Pages", strconv.Itoa(res.Pages))
	}
	if etagMatch(c.Get(fiber.HeaderIfNoneMatch), etag) {
		res.Release()
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, res.ContentType)
	c.Set(fiber.HeaderContentDisposition, contentDisposition(res.Filename))
	if res.Recyclable() {
		// The response is written after the handler returns, so the bytes
		// are copied into the server's own pooled body buffer and ours go
		// back for the next letter.
		c.Response().SetBody(res.Body)
		res.Release()
		return nil
	}
	return c.Send(res.Body)
}

// documentETag is a strong validator of a document's bytes: their length
// and 64-bit xxHash. A SHA-256 of a DOCX with embedded fonts (about 1 MB)
// took a quarter of the server's time per DOCX; xxHash reads it about ten
// times faster, and a validator needs no resistance to forgery (a client
// can only fool itself).
func documentETag(body []byte) string {
	b := make([]byte, 0, 32)
	b = append(b, '"')
	b = strconv.AppendInt(b, int64(len(body)), 36)
	b = append(b, '-')
	b = strconv.AppendUint(b, xxhash.Sum64(body), 36)
	return string(append(b, '"'))
}

// etagMatch applies If-None-Match's weak comparison (RFC 9110 13.1.2).
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// contentDisposition builds an RFC 6266 attachment header with an ASCII
// filename and an RFC 8187 filename* for any other name.
func contentDisposition(name string) string {
	ascii := []byte(name)
	for i, b := range ascii {
		if b < 0x20 || b > 0x7e || b == '"' || b == '\\' {
			ascii[i] = '_'
		}
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, encodeExtValue(name))
}

// encodeExtValue percent-encodes every byte that is not an RFC 8187
// attr-char.
func encodeExtValue(s string) string {
	const attr = "!#$&+-.^_`|~"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch < 0x80 && (ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || strings.IndexByte(attr, ch) >= 0) {
			b.WriteByte(ch)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", ch)
	}
	return b.String()
}

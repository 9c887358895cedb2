package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/service"
)

// Problem is an RFC 9457 problem details object, the body of every error
// response (media type application/problem+json).
type Problem struct {
	Type      string              `json:"type"`
	Title     string              `json:"title"`
	Status    int                 `json:"status"`
	Detail    string              `json:"detail,omitempty"`
	Instance  string              `json:"instance,omitempty"`
	Errors    []letter.FieldError `json:"errors,omitempty"`
	Available []string            `json:"available,omitempty"`  // languages or formats on offer (406)
	Chars     []string            `json:"characters,omitempty"` // characters no font covers (422)
	Pages     int                 `json:"pages,omitempty"`      // pages the letter would have (422 too-long)
	MaxPages  int                 `json:"max_pages,omitempty"`  // the page cap (422 too-long)
	RequestID string              `json:"request_id,omitempty"`
}

// Problem types, relative to urn:ualetters:problem: (documented in README).
const problemNS = "urn:ualetters:problem:"

// requestError is an error the API itself finds in a request (bad JSON,
// wrong media type, unsupported Accept …). Its text is safe to show.
type requestError struct {
	status int
	kind   string // problem type suffix
	detail string
	fields []letter.FieldError
	avail  []string
}

func (e *requestError) Error() string { return e.detail }

func badRequest(field, format string, args ...any) *requestError {
	d := fmt.Sprintf(format, args...)
	return &requestError{status: 400, kind: "invalid-request", detail: d,
		fields: []letter.FieldError{{Field: field, Detail: d}}}
}

func newRequestError(status int, kind, field, detail string) *requestError {
	return &requestError{status: status, kind: kind, detail: detail,
		fields: []letter.FieldError{{Field: field, Detail: detail}}}
}

// bodyField names the request body as a whole in field lists.
const bodyField = "$"

// toProblem is the one place that turns an error into what the client
// sees. internal reports whether the error is a fault of the server, whose
// cause belongs in the log and never in the response.
func toProblem(err error) (p Problem, internal bool) {
	var (
		re  *requestError
		ve  *letter.ValidationError
		ue  *fonts.UncoveredError
		ce  *letter.CoverageError
		pe  *service.PageError
		fe  *fiber.Error
		lle *service.LanguageError
		nfe *service.NoFaxError
		tle *service.TooLongError
	)
	switch {
	case errors.As(err, &re):
		p = Problem{Type: problemNS + re.kind, Status: re.status, Detail: re.detail, Errors: re.fields, Available: re.avail}
	case errors.As(err, &ve) && len(ve.Fields) == 1 && errors.Is(err, catalogue.ErrUnknownRecipient):
		p = Problem{Type: problemNS + "unknown-recipient", Status: 404, Detail: ve.Fields[0].Detail, Errors: ve.Fields}
	case errors.As(err, &ve):
		p = Problem{Type: problemNS + "invalid-request", Status: 400,
			Detail: "the request has invalid fields; see errors", Errors: ve.Fields}
	case errors.As(err, &ce):
		p = coverageProblem(ce)
	case errors.As(err, &pe):
		p = fieldProblem(400, "invalid-request", "page", pe.Error())
	case errors.As(err, &ue):
		p = Problem{Type: problemNS + "uncovered-characters", Status: 422,
			Detail: ue.Error(), Chars: runeNames(ue.Runes)}
	case errors.As(err, &lle):
		p = Problem{Type: problemNS + "language-not-offered", Status: 406,
			Detail: lle.Error(), Available: lle.Available,
			Errors: []letter.FieldError{{Field: "lang", Detail: lle.Error()}}}
	case errors.Is(err, letter.ErrUnknownLanguage):
		p = fieldProblem(406, "language-not-offered", "lang", "the action is not offered in this language")
	case errors.Is(err, catalogue.ErrUnknownAction):
		p = fieldProblem(404, "unknown-action", "id", "no action has this id; GET /v1/actions lists them")
	case errors.Is(err, catalogue.ErrUnknownRecipient):
		p = fieldProblem(404, "unknown-recipient", "recipient", "the action has no recipient with this key; GET /v1/actions/{id} lists them")
	case errors.As(err, &nfe):
		p = fieldProblem(422, "no-fax-number", "recipient", nfe.Error())
	case errors.Is(err, service.ErrNoFaxRecipients):
		p = fieldProblem(422, "no-fax-number", "recipient", "no recipient of this action has a fax number")
	case errors.Is(err, letter.ErrNoFax):
		p = fieldProblem(422, "no-fax-number", "recipient", "this recipient has no fax number")
	case errors.Is(err, service.ErrFormatUnavailable):
		p = fieldProblem(501, "format-unavailable", "format", err.Error())
	case errors.Is(err, errOverloaded):
		p = Problem{Type: problemNS + "overloaded", Status: 503, Detail: errOverloaded.Error()}
	case errors.As(err, &tle):
		p = fieldProblem(422, "too-long", "body", tle.Error())
		p.Pages, p.MaxPages = tle.Pages, tle.Max
	case errors.Is(err, errRenderTimeout):
		p = Problem{Type: problemNS + "render-timeout", Status: 503, Detail: errRenderTimeout.Error() + "; try again shortly"}
	case errors.Is(err, errShuttingDown):
		p = Problem{Type: problemNS + "shutting-down", Status: 503, Detail: errShuttingDown.Error() + "; try again shortly"}
	case errors.Is(err, errClientGone):
		p = Problem{Type: problemNS + "client-closed-request", Status: statusClientClosed, Title: "Client Closed Request",
			Detail: errClientGone.Error()}
	case errors.As(err, &fe):
		p = fiberProblem(fe)
	default:
		return Problem{Type: "about:blank", Status: 500, Title: "Internal Server Error",
			Detail: "the letter could not be produced; the error has been logged"}, true
	}
	if p.Title == "" {
		p.Title = statusText(p.Status)
	}
	return p, p.Status >= 500 && p.Status != 503 && p.Status != 501
}

// statusClientClosed is the status logged (and counted) for a request
// whose client left before its document was rendered (nginx's 499); the
// client never sees it.
const statusClientClosed = 499

// coverageProblem names each field and the characters no font covers.
func coverageProblem(ce *letter.CoverageError) Problem {
	p := Problem{Type: problemNS + "uncovered-characters", Status: 422,
		Detail: "no bundled font can set some characters of the request"}
	seen := map[rune]bool{}
	var all []rune
	for _, f := range ce.Fields {
		names := runeNames(f.Runes)
		p.Errors = append(p.Errors, letter.FieldError{Field: f.Field,
			Detail: "no bundled font covers " + strings.Join(names, ", ")})
		for _, r := range f.Runes {
			if !seen[r] {
				seen[r] = true
				all = append(all, r)
			}
		}
	}
	p.Chars = runeNames(all)
	return p
}

func fieldProblem(status int, kind, field, detail string) Problem {
	return Problem{Type: problemNS + kind, Status: status, Detail: detail,
		Errors: []letter.FieldError{{Field: field, Detail: detail}}}
}

// fiberProblem covers the errors fiber raises before a handler runs:
// unknown routes, wrong methods, oversized bodies, timeouts.
func fiberProblem(fe *fiber.Error) Problem {
	switch fe.Code {
	case fiber.StatusNotFound:
		return fieldProblem(404, "not-found", "path", "no such resource; see /openapi.json")
	case fiber.StatusMethodNotAllowed:
		return fieldProblem(405, "method-not-allowed", "method", "this resource does not support the method; see /openapi.json")
	case fiber.StatusRequestEntityTooLarge:
		return fieldProblem(413, "body-too-large", bodyField, "the request body is larger than "+strconv.Itoa(maxBody/1024)+" KiB")
	case fiber.StatusRequestTimeout:
		return Problem{Type: problemNS + "timeout", Status: 408, Detail: "the request was not received in time"}
	case fiber.StatusRequestHeaderFieldsTooLarge:
		return Problem{Type: problemNS + "headers-too-large", Status: 431,
			Detail: "the request line and headers are larger than " + strconv.Itoa(maxHeader/1024) + " KiB"}
	case fiber.StatusNotImplemented:
		return fieldProblem(501, "method-not-implemented", "method", "the server does not know this method; see /openapi.json")
	case fiber.StatusBadRequest:
		return Problem{Type: problemNS + "malformed-request", Status: 400, Detail: "the request is not valid HTTP/1.1"}
	}
	if fe.Code >= 500 {
		return Problem{Type: "about:blank", Status: fe.Code}
	}
	return Problem{Type: "about:blank", Status: fe.Code, Detail: "the request could not be processed"}
}

func statusText(status int) string {
	if t := http.StatusText(status); t != "" {
		return t
	}
	return "Error"
}

// runeNames spells each character as "U+0915 क" for problem bodies.
func runeNames(rs []rune) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = fmt.Sprintf("U+%04X %s", r, string(r))
	}
	return out
}

// sendProblem writes p as application/problem+json.
func sendProblem(c fiber.Ctx, p Problem) error {
	body, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode problem: %w", err)
	}
	if p.Status == 503 {
		c.Set(fiber.HeaderRetryAfter, "1")
	}
	if p.Status == 401 {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="ualetters"`)
	}
	c.Set(fiber.HeaderContentType, "application/problem+json")
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Status(p.Status)
	return c.Send(body)
}

// joinQuoted lists values for error details: "en", "fr".
func joinQuoted(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

func fieldList(field, detail string) []letter.FieldError {
	return []letter.FieldError{{Field: field, Detail: detail}}
}

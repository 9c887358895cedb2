package api

import (
	"mime"
	"net/url"

	"github.com/gofiber/fiber/v3"
)

// dropIgnored removes the form fields the operator chose to ignore
// (Config.IgnoreFields: a CMS's hidden op=Download, a CSRF token) from the
// query string and from a urlencoded body, before the strict parser sees
// them; every other unknown field stays an error. JSON bodies, written by
// programs rather than by CMS forms, stay strict.
func (s *Server) dropIgnored(c fiber.Ctx) error {
	if len(s.ignore) == 0 {
		return c.Next()
	}
	uri := c.Request().URI()
	if q, ok := s.withoutIgnored(string(uri.QueryString())); ok {
		uri.SetQueryString(q)
	}
	if mt, _, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType)); err == nil && mt == fiber.MIMEApplicationForm {
		if b, ok := s.withoutIgnored(string(c.BodyRaw())); ok {
			c.Request().SetBodyRaw([]byte(b))
		}
	}
	return c.Next()
}

// withoutIgnored re-encodes a urlencoded string without the ignored
// fields; ok is false when it holds none (or does not parse: the parser
// then reports the error).
func (s *Server) withoutIgnored(raw string) (string, bool) {
	if raw == "" {
		return "", false
	}
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return "", false
	}
	found := false
	for k := range vals {
		if s.ignore[k] {
			delete(vals, k)
			found = true
		}
	}
	if !found {
		return "", false
	}
	return vals.Encode(), true
}

// IsField reports whether name is a field of the letter or fax routes,
// which the ignore list must not hide.
func IsField(name string) bool {
	for _, f := range fieldNames {
		if f == name {
			return true
		}
	}
	return false
}

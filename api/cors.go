package api

import (
	"strings"

	"github.com/gofiber/fiber/v3"
)

// CORS lets pages on the listed origins (the campaign website) call the
// API with fetch(). Origins are compared exactly ("https://example.org",
// scheme, host and port as the browser sends them); any other origin gets
// no CORS headers, so its browser keeps the answer from the page.

// corsExposed are the response headers a page may read: the file name,
// the page counts, the number to dial, the ETag, whether the action is
// still open, and the request id to quote in a support request.
const corsExposed = "Content-Disposition, Content-Language, ETag, X-Pages, X-Fax-Number, X-Fax-Pages, X-Fax-Count, X-Action-Status, X-Request-ID, Retry-After"

// corsAllowedHeaders are the request headers a page may send.
const corsAllowedHeaders = "Accept, Accept-Language, Authorization, Content-Type, If-None-Match, X-Request-ID"

// corsMaxAge is how long, in seconds, a browser may cache a preflight.
const corsMaxAge = "600"

// cors answers preflight requests for the API routes and adds the CORS
// headers to every answer to an allowed origin. Without configured
// origins it does nothing.
func (s *Server) cors(c fiber.Ctx) error {
	if len(s.origins) == 0 {
		return c.Next()
	}
	c.Vary(fiber.HeaderOrigin)
	origin := c.Get(fiber.HeaderOrigin)
	allowed := origin != "" && s.origins[origin]
	if c.Method() == fiber.MethodOptions && c.Get(fiber.HeaderAccessControlRequestMethod) != "" {
		return s.preflight(c, origin, allowed)
	}
	if allowed {
		c.Set(fiber.HeaderAccessControlAllowOrigin, origin)
		c.Set(fiber.HeaderAccessControlExposeHeaders, corsExposed)
	}
	return c.Next()
}

// preflight answers a browser's OPTIONS request: 204 with the allowed
// method and headers for an allowed origin and a route that takes the
// requested method; 403 without CORS headers for any other origin; the
// usual 404 or 405 problem for other paths and methods.
func (s *Server) preflight(c fiber.Ctx, origin string, allowed bool) error {
	method := corsMethod(c.Path())
	switch {
	case method == "":
		return fiber.ErrNotFound
	case !allowed:
		return newRequestError(403, "origin-not-allowed", fiber.HeaderOrigin,
			"cross-origin requests are not allowed from this origin")
	case !strings.EqualFold(c.Get(fiber.HeaderAccessControlRequestMethod), method):
		c.Set(fiber.HeaderAllow, method)
		return fiber.ErrMethodNotAllowed
	}
	c.Set(fiber.HeaderAccessControlAllowOrigin, origin)
	c.Set(fiber.HeaderAccessControlAllowMethods, method)
	c.Set(fiber.HeaderAccessControlAllowHeaders, corsAllowedHeaders)
	c.Set(fiber.HeaderAccessControlMaxAge, corsMaxAge)
	return c.SendStatus(fiber.StatusNoContent)
}

// corsMethod is the method of the API route at path, "" for paths that
// are not API routes: POST for the letter, fax and batch routes, GET for
// the catalogue.
func corsMethod(path string) string {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) < 2 || parts[0] != "v1" || parts[1] != "actions" {
		return ""
	}
	switch len(parts) {
	case 2, 3:
		return fiber.MethodGet
	case 4:
		switch parts[3] {
		case "letter", "fax", "faxes":
			return fiber.MethodPost
		}
	}
	return ""
}

// setOf makes a set of the non-empty strings.
func setOf(list []string) map[string]bool {
	set := map[string]bool{}
	for _, v := range list {
		if v != "" {
			set[v] = true
		}
	}
	return set
}

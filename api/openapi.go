package api

import (
	_ "embed"
	"strings"

	"github.com/gofiber/fiber/v3"
)

// openAPIDoc describes every route of the service (OpenAPI 3.1); a test
// checks it against the registered routes.
//
//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openapi(c fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, "application/json")
	return c.Send(openAPIDoc)
}

// openAPIPath rewrites fiber's ":id" parameters as OpenAPI's "{id}".
func openAPIPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			parts[i] = "{" + name + "}"
		}
	}
	return strings.Join(parts, "/")
}

package api

import (
	"github.com/gofiber/fiber/v3"

	"github.com/ualetters/ualetters/catalogue"
)

// headerActionStatus tells a client whether the action of a letter or fax
// is still open ("open") or its deadline has passed ("closed"). A closed
// action still renders: a supporter may still want to send the letter,
// but the website should say the appeal is over.
const headerActionStatus = "X-Action-Status"

// actionView is an action as GET /v1/actions shows it: the catalogue
// entry plus whether it is open today.
type actionView struct {
	*catalogue.Action
	Open bool `json:"open"`
}

func (s *Server) view(a *catalogue.Action) actionView {
	return actionView{Action: a, Open: s.svc.Open(a)}
}

func (s *Server) views(as []*catalogue.Action) []actionView {
	out := make([]actionView, len(as))
	for i, a := range as {
		out[i] = s.view(a)
	}
	return out
}

// actionStatus sets X-Action-Status on the answers of the letter and fax
// routes of a known action, and keeps the action for the handler.
func (s *Server) actionStatus(c fiber.Ctx) error {
	if a, err := s.svc.Catalogue().Action(c.Params("id")); err == nil {
		c.Locals(keyAction, a)
		status := "open"
		if !s.svc.Open(a) {
			status = "closed"
		}
		c.Set(headerActionStatus, status)
	}
	return c.Next()
}

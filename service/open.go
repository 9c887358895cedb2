package service

import "github.com/ualetters/ualetters/letter"

// Open reports whether the action still asks for letters today (the
// service's clock); see letter.Action.Open.
func (s *Service) Open(a *letter.Action) bool { return a.Open(s.now()) }

package service

import "github.com/ualetters/ualetters/catalogue"

// Open reports whether the action still asks for letters today (the
// service's clock); see catalogue.Action.Open.
func (s *Service) Open(a *catalogue.Action) bool { return a.Open(s.now()) }

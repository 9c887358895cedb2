package main

import (
	"fmt"
	"io"

	"github.com/ualetters/ualetters/service"
)

// noteClosed tells the user on stderr when the action's deadline has
// passed; the document is made all the same (the API says so in
// X-Action-Status).
func noteClosed(svc *service.Service, actionID string, stderr io.Writer) {
	if a, err := svc.Catalogue().Action(actionID); err == nil && !svc.Open(a) {
		fmt.Fprintf(stderr, "note: %s is closed (its deadline was %s); the document is made all the same\n", a.Reference, a.Deadline)
	}
}

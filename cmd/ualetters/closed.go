package main

import (
	"fmt"
	"io"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/service"
)

// notes tells the user on stderr, after a document was made, what the API
// says in headers: that the action's deadline has passed (the document is
// made all the same; X-Action-Status), and that the letter's translation
// needs a native speaker's review before it is sent.
func notes(svc *service.Service, actionID, lang string, stderr io.Writer) {
	a, err := svc.Catalogue().Action(actionID)
	if err != nil {
		return
	}
	if !svc.Open(a) {
		fmt.Fprintf(stderr, "note: %s is closed (its deadline was %s); the document is made all the same\n", a.Reference, a.Deadline)
	}
	warnNativeReview(a, lang, stderr)
}

// warnNativeReview tells the user when the letter's translation needs a
// native speaker's review before it is sent.
func warnNativeReview(a *catalogue.Action, lang string, stderr io.Writer) {
	for _, l := range a.Languages {
		if l.Code == lang && l.NeedsNativeReview {
			fmt.Fprintf(stderr, "note: the %s letter of %s needs native review before it is sent: %s\n",
				l.EnglishName, a.Reference, l.Note)
		}
	}
}

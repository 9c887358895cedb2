package catalogue_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
)

func closing(t *testing.T, s *catalogue.Store) string {
	t.Helper()
	d, err := letter.ComposeRequest(s.Current(), letter.Request{ActionID: "109-23", Lang: "en", Signer: signer("")}, now)
	if err != nil {
		t.Fatal(err)
	}
	return blocks(d, letter.RoleClosing)[0].Lines[0].Text()
}

func TestReload(t *testing.T) {
	m := copyFS(t)
	s, err := catalogue.NewStore(m)
	if err != nil {
		t.Fatal(err)
	}
	if got := closing(t, s); got != "Yours sincerely," {
		t.Fatalf("closing %q", got)
	}
	// A valid change is served after reload.
	edit(t, m, "actions/109-23/letter.en.yaml", "closing: Yours sincerely,", "closing: Yours faithfully,")
	if err := s.Reload(m); err != nil {
		t.Fatal(err)
	}
	if got := closing(t, s); got != "Yours faithfully," {
		t.Errorf("after valid reload: %q", got)
	}
	// A broken change is refused; the previous catalogue stays in service.
	before := s.Current()
	edit(t, m, "actions/109-23/letter.en.yaml", "closing: Yours faithfully,", "closing: Yours {{truly}},")
	err = s.Reload(m)
	var te *catalogue.TemplateError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "letter.en.yaml:21: unknown placeholder {{truly}}") {
		t.Errorf("broken reload: %v", err)
	}
	if s.Current() != before || closing(t, s) != "Yours faithfully," {
		t.Error("the broken catalogue replaced the working one")
	}
}

func TestNewStoreRefusesBrokenTemplates(t *testing.T) {
	m := copyFS(t)
	delete(m, "locales/ur.yaml")
	if _, err := catalogue.NewStore(m); err == nil || !strings.Contains(err.Error(), `language "ur" has no locale file`) {
		t.Errorf("got %v", err)
	}
}

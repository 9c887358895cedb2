package service

import (
	"context"
	"testing"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/templates"
)

// countingSource hands out one catalogue and counts the requests for it.
type countingSource struct {
	cat   *catalogue.Catalogue
	calls int
}

func (c *countingSource) Current() *catalogue.Catalogue { c.calls++; return c.cat }

// TestOneCatalogueLookupPerRequest: a letter, a fax and a fax batch each
// take the catalogue in service once and work from the action found in it
// (letter.Compose takes only what letter.Resolve resolved), so a reload
// during a request cannot mix two catalogues and nothing is looked up
// twice.
func TestOneCatalogueLookupPerRequest(t *testing.T) {
	cat, err := catalogue.Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	src := &countingSource{cat: cat}
	s := New(src)
	ctx := context.Background()
	for name, run := range map[string]func() error{
		"letter": func() error { _, err := s.Letter(ctx, urduRequest(PDF)); return err },
		"docx":   func() error { _, err := s.Letter(ctx, urduRequest(DOCX)); return err },
		"fax":    func() error { _, err := s.Fax(ctx, faxRequest("embassy-bern", PDF)); return err },
		"batch":  func() error { _, err := s.Faxes(ctx, faxRequest("", PDF)); return err },
	} {
		src.calls = 0
		if err := run(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if src.calls != 1 {
			t.Errorf("%s: the catalogue was taken %d times, want once", name, src.calls)
		}
	}
}

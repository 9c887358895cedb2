package letter_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/internal/templatetest"
	"github.com/ualetters/ualetters/letter"
)

// now is the tests' fixed clock (templatetest.Now).
var now = templatetest.Now

var allLangs = []string{"en", "ur", "sd", "bal", "pnb", "fr", "de"}

func loadCat(t testing.TB) *catalogue.Catalogue { t.Helper(); return templatetest.Load(t) }

func copyFS(t testing.TB) fstest.MapFS { t.Helper(); return templatetest.CopyFS(t) }

func edit(t testing.TB, m fstest.MapFS, file, old, new string) {
	t.Helper()
	templatetest.Edit(t, m, file, old, new)
}

func signer(g letter.Gender) letter.Signer { return templatetest.Signer(g) }

func compose(t testing.TB, c *catalogue.Catalogue, lang string, g letter.Gender) *letter.Document {
	t.Helper()
	d, err := letter.ComposeRequest(c, letter.Request{ActionID: "109-23", Lang: lang, Signer: signer(g)}, now)
	if err != nil {
		t.Fatalf("compose %s %s: %v", lang, g, err)
	}
	return d
}

// docText is the document's text, one line per Line, blocks separated by
// blank lines.
func docText(d *letter.Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		if len(bl.Label) > 0 {
			b.WriteString(letter.Line{Runs: bl.Label}.Text() + ": ")
		}
		for _, l := range bl.Lines {
			b.WriteString(l.Text() + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func blocks(d *letter.Document, role letter.Role) []letter.Block {
	var out []letter.Block
	for _, b := range d.Blocks {
		if b.Role == role {
			out = append(out, b)
		}
	}
	return out
}

// validate resolves req against its action in c: the one check that
// composing relies on.
func validate(c *catalogue.Catalogue, req letter.Request) error {
	act, err := c.Action(req.ActionID)
	if err != nil {
		return err
	}
	_, err = letter.Resolve(act, req, now)
	return err
}

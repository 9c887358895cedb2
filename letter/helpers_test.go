package letter_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/templates"
)

// now is a fixed clock: 20 November 2023, 20:00 UTC, which is already
// 21 November in Karachi.
var now = time.Date(2023, 11, 20, 20, 0, 0, 0, time.UTC)

var allLangs = []string{"en", "ur", "sd", "bal", "pnb", "fr", "de"}

func loadCat(t testing.TB) *catalogue.Catalogue {
	t.Helper()
	c, err := catalogue.Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// copyFS copies the shipped templates into a MapFS the test can change.
func copyFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templates.FS, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// edit replaces old by new in a file of m; old must occur.
func edit(t testing.TB, m fstest.MapFS, file, old, new string) {
	t.Helper()
	s := string(m[file].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	m[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

func signer(g letter.Gender) letter.Signer {
	return letter.Signer{Name: "Amina Khan", Address: []string{"Bahnhofstrasse 1"}, Postcode: "3005",
		City: "Bern", Country: "Switzerland", Email: "amina@example.org", Gender: g}
}

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

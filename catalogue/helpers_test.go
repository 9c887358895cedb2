package catalogue_test

import (
	"io/fs"
	"regexp"
	"strconv"
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

func blocks(d *letter.Document, role letter.Role) []letter.Block {
	var out []letter.Block
	for _, b := range d.Blocks {
		if b.Role == role {
			out = append(out, b)
		}
	}
	return out
}

// atLine replaces "{line}" in want by the line of the shipped file where
// old starts, and "{line-N}" by the line N above it, so that expectations
// follow edits of the templates.
func atLine(t testing.TB, file, old, want string) string {
	t.Helper()
	data, err := fs.ReadFile(templates.FS, file)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), old)
	if i < 0 {
		t.Fatalf("%s does not contain %q", file, old)
	}
	line := 1 + strings.Count(string(data[:i]), "\n")
	return lineRef.ReplaceAllStringFunc(want, func(ref string) string {
		n := 0
		if m := lineRef.FindStringSubmatch(ref); m[1] != "" {
			n, _ = strconv.Atoi(m[1])
		}
		return strconv.Itoa(line - n)
	})
}

var lineRef = regexp.MustCompile(`\{line(?:-([0-9]+))?\}`)

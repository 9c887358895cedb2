package catalogue_test

import (
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/internal/templatetest"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/templates"
)

// now is the tests' fixed clock (templatetest.Now).
var now = templatetest.Now

func loadCat(t testing.TB) *catalogue.Catalogue { t.Helper(); return templatetest.Load(t) }

func copyFS(t testing.TB) fstest.MapFS { t.Helper(); return templatetest.CopyFS(t) }

func edit(t testing.TB, m fstest.MapFS, file, old, new string) {
	t.Helper()
	templatetest.Edit(t, m, file, old, new)
}

func signer(g letter.Gender) letter.Signer { return templatetest.Signer(g) }

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

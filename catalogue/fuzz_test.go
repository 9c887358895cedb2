package catalogue_test

import (
	"io/fs"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ualetters/ualetters/catalogue"
)

// templateFiles lists the shipped template files, sorted.
func templateFiles(t testing.TB, m fstest.MapFS) []string {
	t.Helper()
	var names []string
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// FuzzCheckTemplates replaces one shipped template file (a locale, the
// action's YAML, or a letter text) with arbitrary bytes and runs the same
// check as `ualetters check-templates`. It must not panic; every problem
// names a file of the set and a line inside it; and Load fails
// exactly when problems are reported.
func FuzzCheckTemplates(f *testing.F) {
	base := copyFS(f)
	names := templateFiles(f, base)
	for i, name := range names {
		data := base[name].Data
		f.Add(uint8(i), data)
		f.Add(uint8(i), data[:len(data)/2])
		f.Add(uint8(i), []byte(strings.Replace(string(data), ":", ": [", 1)))
	}
	f.Add(uint8(0), []byte("a: &x [*x, *x]\nb: *x\n"))
	f.Add(uint8(1), []byte("{{name}} {{#x}} {{/y}} {{"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		name := names[int(which)%len(names)]
		m[name] = &fstest.MapFile{Data: data}
		problems := catalogue.CheckTemplates(m)
		for _, p := range problems {
			checkProblem(t, m, p)
		}
		_, err := catalogue.Load(m)
		if (err != nil) != (len(problems) > 0) {
			t.Fatalf("%s: Load error %v, but %d problem(s)", name, err, len(problems))
		}
	})
}

func checkProblem(t *testing.T, m fstest.MapFS, p catalogue.Problem) {
	t.Helper()
	if p.Msg == "" {
		t.Fatalf("problem without a message: %+v", p)
	}
	if p.File == "" {
		return
	}
	if fi, err := fs.Stat(m, p.File); err != nil || fi.IsDir() {
		return // a file that should exist and does not, or a directory
	}
	data, err := fs.ReadFile(m, p.File)
	if err != nil {
		t.Fatalf("problem names unreadable %s: %v", p.File, err)
	}
	if lines := strings.Count(string(data), "\n") + 1; p.Line < 0 || p.Line > lines {
		t.Fatalf("%s: line %d of %d", p.File, p.Line, lines)
	}
}

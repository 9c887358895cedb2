// Package templatetest holds what the tests of the catalogue and of
// letter composition share: a fixed clock, the shipped catalogue, a
// changeable copy of the shipped templates and a model signer.
package templatetest

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

// Now is a fixed clock: 20 November 2023, 20:00 UTC, which is already
// 21 November in Karachi.
var Now = time.Date(2023, 11, 20, 20, 0, 0, 0, time.UTC)

// Load loads the shipped catalogue or fails the test.
func Load(t testing.TB) *catalogue.Catalogue {
	t.Helper()
	c, err := catalogue.Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// CopyFS copies the shipped templates into a MapFS the test can change.
func CopyFS(t testing.TB) fstest.MapFS {
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

// Edit replaces old by new in a file of m; old must occur.
func Edit(t testing.TB, m fstest.MapFS, file, old, new string) {
	t.Helper()
	s := string(m[file].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	m[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

// Signer is the model signer of the tests, with the given gender.
func Signer(g letter.Gender) letter.Signer {
	return letter.Signer{Name: "Amina Khan", Address: []string{"Bahnhofstrasse 1"}, Postcode: "3005",
		City: "Bern", Country: "Switzerland", Email: "amina@example.org", Gender: g}
}

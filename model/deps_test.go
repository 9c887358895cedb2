package model_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// deps lists the packages pattern depends on (go list -deps, tests not
// included). It stats the Go files of the module's packages among them,
// so that go test's cache, which does not see what go list read, reruns
// the test when one of them changes.
func deps(t *testing.T, pattern string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{.Dir}} {{join .GoFiles \" \"}}", pattern).Output()
	if err != nil {
		t.Skipf("go list -deps %s: %v", pattern, err)
	}
	var pkgs []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkgs = append(pkgs, f[0])
		if !strings.HasPrefix(f[0], "github.com/ualetters/ualetters/") {
			continue
		}
		if _, err := os.ReadDir(f[1]); err != nil { // a new file also reruns the test
			t.Fatal(err)
		}
		for _, name := range f[2:] {
			if _, err := os.Stat(filepath.Join(f[1], name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return pkgs
}

// TestRendererDependencies keeps the split of the old package letter: the
// renderers read the document model and never the catalogue, so neither
// YAML nor phone numbers (nor protobuf, which phonenumbers pulls in) are
// linked into them, and the DOCX writer, which leaves shaping to the word
// processor, does not import the shaping engine.
func TestRendererDependencies(t *testing.T) {
	banned := []string{"yaml", "phonenumbers", "protobuf", "ualetters/catalogue", "ualetters/letter"}
	for _, p := range deps(t, "github.com/ualetters/ualetters/render/...") {
		for _, b := range banned {
			if strings.Contains(p, b) {
				t.Errorf("the renderers depend on %s", p)
			}
		}
	}
	for _, p := range deps(t, "github.com/ualetters/ualetters/render/docx") {
		if strings.HasSuffix(p, "/render/text") || strings.Contains(p, "typesetting/harfbuzz") || strings.Contains(p, "typesetting/shaping") {
			t.Errorf("render/docx depends on the shaping engine: %s", p)
		}
	}
	for _, p := range deps(t, "github.com/ualetters/ualetters/model") {
		if strings.Contains(p, ".") && p != "github.com/ualetters/ualetters/model" {
			t.Errorf("model depends on %s; it must need nothing outside the standard library", p)
		}
	}
}

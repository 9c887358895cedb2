package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRenderWarnsNativeReview: rendering the Balochi letter (a draft that
// needs native review) still succeeds, with a warning on stderr; an
// ordinary draft gets none.
func TestRenderWarnsNativeReview(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		lang string
		warn bool
	}{{"bal", true}, {"ur", false}} {
		code, _, stderr := runBin(t, "render", "--lang", tc.lang, "--name", "Amina Rahimi", "--date", "2023-11-20",
			"-o", filepath.Join(dir, tc.lang+".pdf"))
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.lang, code, stderr)
		}
		if got := strings.Contains(stderr, "needs native review"); got != tc.warn {
			t.Errorf("%s: warning %v, want %v: %s", tc.lang, got, tc.warn, stderr)
		}
	}
}

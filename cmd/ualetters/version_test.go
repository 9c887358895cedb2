package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/internal/testtool"
)

// TestVersion: `ualetters version` and `--version` print the same line,
// from the build information.
func TestVersion(t *testing.T) {
	code, out, _ := runBin(t, "version")
	code2, out2, _ := runBin(t, "--version")
	if code != 0 || code2 != 0 || out != out2 || !strings.HasPrefix(out, "ualetters ") || !strings.Contains(out, "revision ") {
		t.Errorf("version: %d %q; --version: %d %q", code, out, code2, out2)
	}
}

// TestHelpListsCommands: --help names every subcommand and the flags of
// serve; `serve -h` still prints only serve's flags.
func TestHelpListsCommands(t *testing.T) {
	code, out, _ := runBin(t, "--help")
	if code != 0 {
		t.Fatalf("--help exit %d", code)
	}
	for _, cmd := range []string{"serve", "render", "fax", "check-templates", "healthcheck", "version", "-addr", "-max-renders"} {
		if !strings.Contains(out, cmd) {
			t.Errorf("--help does not mention %s:\n%s", cmd, out)
		}
	}
	_, _, serveHelp := runBin(t, "serve", "-h")
	if strings.Contains(serveHelp, "check-templates") || !strings.Contains(serveHelp, "-addr") {
		t.Errorf("serve -h:\n%s", serveHelp)
	}
}

// TestTimeZoneDataEmbedded hides the system's time-zone database and
// Go's own copy, then renders a letter whose default date is "today in
// Asia/Karachi": the binary must carry the zone data itself.
func TestTimeZoneDataEmbedded(t *testing.T) {
	unshare := testtool.Need(t, "unshare", "util-linux")
	if err := exec.Command(unshare, "-m", "true").Run(); err != nil {
		t.Skipf("skipping: cannot make a mount namespace here (needs root): %v", err)
	}
	pdf := filepath.Join(t.TempDir(), "letter.pdf")
	script := `mount -t tmpfs none /usr/share/zoneinfo && test ! -e /usr/share/zoneinfo/Asia/Karachi && exec "$0" render -name "Test Person" -o "$1"`
	cmd := exec.Command(unshare, "-m", "sh", "-c", script, bin, pdf)
	cmd.Env = []string{"GOROOT=/nonexistent", "PATH=/usr/bin:/bin:/usr/sbin:/sbin"}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("without system time-zone data: %v\n%s", err, out)
	}
}

// TestRenderNotesClosedAction: UA 109/23's deadline (2024-02-08) has
// passed, so render says so on stderr and still writes the letter.
func TestRenderNotesClosedAction(t *testing.T) {
	out := filepath.Join(t.TempDir(), "letter.pdf")
	code, _, stderr := runBin(t, "render", "-name", "Test Person", "-o", out)
	if code != 0 || !strings.Contains(stderr, "note: UA 109/23 is closed (its deadline was 2024-02-08)") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

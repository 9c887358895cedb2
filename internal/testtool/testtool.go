// Package testtool lets tests use real external tools (poppler, qpdf,
// hb-shape, LibreOffice, libtiff): a test skips with a clear message when
// the tool is missing, unless UALETTERS_REQUIRE_TOOLS=1, where it fails.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Required reports whether missing tools must fail tests instead of
// skipping them (UALETTERS_REQUIRE_TOOLS=1, as set by .ci/run).
func Required() bool { return os.Getenv("UALETTERS_REQUIRE_TOOLS") == "1" }

// Need returns the path of the named executable, or skips the test (fails
// it under UALETTERS_REQUIRE_TOOLS=1) when it is not installed. pkg names
// the Debian package that provides it, for the message.
func Need(t testing.TB, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	missing(t, name+" not found (install Debian package "+pkg+")")
	return ""
}

// NeedPath skips (or fails) the test when a file or directory a tool
// needs, such as a font directory, is missing.
func NeedPath(t testing.TB, path, pkg string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		missing(t, path+" not found (install Debian package "+pkg+")")
	}
}

func missing(t testing.TB, msg string) {
	t.Helper()
	if Required() {
		t.Fatalf("%s; UALETTERS_REQUIRE_TOOLS=1 makes this a failure", msg)
	}
	t.Skipf("skipping: %s; set UALETTERS_REQUIRE_TOOLS=1 to make this a failure", msg)
}

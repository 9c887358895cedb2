package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/templates"
)

// runBin runs the binary and returns its exit code, stdout and stderr.
func runBin(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

func TestRenderCommand(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "letter.pdf")
	body := filepath.Join(dir, "own-words.txt")
	if err := os.WriteFile(body, []byte("Please stop the deportations.\n\nThank you for reading my letter."), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runBin(t, "render", "--action", "109-23", "--lang", "en", "--name", "Amina Rahimi",
		"--address", "Bahnhofstrasse 1", "--city", "Bern", "--gender", "female", "--date", "2023-11-20",
		"--paper", "letter", "--body-file", body, "-o", pdf)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF written: %v", err)
	}
	tool := testtool.Need(t, "pdftotext", "poppler-utils")
	out, err := exec.Command(tool, pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Amina Rahimi", "Please stop the deportations.", "Thank you for reading my letter."} {
		if !strings.Contains(string(out), want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	docx := filepath.Join(dir, "letter.docx")
	if code, _, stderr := runBin(t, "render", "--lang", "en", "--name", "Amina Rahimi", "-o", docx); code != 0 {
		t.Fatalf("docx: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(docx); !bytes.HasPrefix(b, []byte("PK")) {
		t.Error("the .docx output is not a zip file")
	}
}

func TestRenderCommandErrors(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"render", "--lang", "en", "-o", "-"}, 1, "name: required"},
		{[]string{"render", "--lang", "xx", "--name", "A", "-o", "-"}, 1, `not offered in "xx"`},
		{[]string{"render", "--action", "1-1", "--name", "A", "-o", "-"}, 1, "unknown action"},
		{[]string{"render", "--name", "A", "--paper", "a5", "-o", "-"}, 1, "paper"},
		{[]string{"render", "--name", "王秀英", "-o", "-"}, 1, "U+738B"},
		{[]string{"render", "--name", "A", "--body-file", "/nonexistent/words.txt"}, 1, "no such file"},
		{[]string{"render", "--no-such-flag"}, 2, "flag provided but not defined"},
		{[]string{"render", "--name", "A", "stray"}, 2, "takes no arguments"},
		{[]string{"frobnicate"}, 2, "unknown command"},
	}
	for _, tc := range cases {
		code, stdout, stderr := runBin(t, tc.args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d (%s)", tc.args, code, tc.code, stderr)
		}
		if !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: stderr %q lacks %q", tc.args, stderr, tc.want)
		}
		if tc.code == 1 && strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%v: error message is not one line: %q", tc.args, stderr)
		}
		if stdout != "" {
			t.Errorf("%v: wrote %d bytes to stdout on error", tc.args, len(stdout))
		}
	}
}

// copyTemplates copies the templates under test into a fresh directory.
func copyTemplates(t *testing.T) string {
	t.Helper()
	var src fs.FS = templates.FS
	if d := os.Getenv("UALETTERS_TEMPLATES"); d != "" {
		src = os.DirFS(d)
	}
	dir := filepath.Join(t.TempDir(), "templates")
	if err := os.CopyFS(dir, src); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCheckTemplates(t *testing.T) {
	dir := copyTemplates(t)
	if code, stdout, stderr := runBin(t, "check-templates", dir); code != 0 {
		t.Fatalf("shipped templates: exit %d\n%s%s", code, stdout, stderr)
	}
	action := filepath.Join(dir, "actions", "109-23", "action.yaml")
	b, err := os.ReadFile(action)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(b), "fax: 031 350 17 99", "fax: not a number", 1)
	if broken == string(b) {
		t.Fatal("fixture: the embassy fax line is not in action.yaml")
	}
	if err := os.WriteFile(action, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runBin(t, "check-templates", dir)
	if code != 1 {
		t.Fatalf("broken fax number: exit %d, want 1", code)
	}
	line := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(dir) + `/actions/109-23/action\.yaml:[0-9]+: .*fax`)
	if !line.MatchString(stdout) {
		t.Errorf("no file:line: problem naming the fax number:\n%s", stdout)
	}
	// The server refuses to start on the same templates.
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--templates", dir)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("serve on invalid templates: %v, want exit 1\n%s", err, out)
	}
}

// TestSIGHUPReload changes a title on disk and reloads; then breaks the
// YAML and reloads: the server logs the problem and keeps the last good
// catalogue.
func TestSIGHUPReload(t *testing.T) {
	dir := copyTemplates(t)
	action := filepath.Join(dir, "actions", "109-23", "action.yaml")
	orig, err := os.ReadFile(action)
	if err != nil {
		t.Fatal(err)
	}
	s := startServer(t, "--templates", dir)
	const newTitle = "Stop deporting Afghan refugees now"
	changed := strings.Replace(string(orig), "  en: Stop deporting Afghan refugees\n", "  en: "+newTitle+"\n", 1)
	if changed == string(orig) {
		t.Fatal("fixture: English title not found")
	}
	if err := os.WriteFile(action, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	_ = s.cmd.Process.Signal(syscall.SIGHUP)
	waitTitle(t, s, newTitle)
	if err := os.WriteFile(action, []byte("id: [unclosed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_ = s.cmd.Process.Signal(syscall.SIGHUP)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(s.log(), "reload failed") {
		if time.Now().After(deadline) {
			t.Fatalf("no reload failure logged:\n%s", s.log())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := title(t, s); got != newTitle {
		t.Errorf("after a broken reload the title is %q, want the last good %q", got, newTitle)
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	if err := <-s.done; err != nil {
		t.Errorf("exit: %v", err)
	}
}

func title(t *testing.T, s *server) string {
	t.Helper()
	resp, err := http.Get("http://" + s.addr + "/v1/actions/109-23")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a struct{ Title map[string]string }
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatal(err)
	}
	return a.Title["en"]
}

func waitTitle(t *testing.T, s *server, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for title(t, s) != want {
		if time.Now().After(deadline) {
			t.Fatalf("title never became %q:\n%s", want, s.log())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/internal/testtool"
)

// readmeHTML returns the ```html blocks of the README's "Embedding in a
// website" section, in order.
func readmeHTML(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Embedding in a website\n")
	if !ok {
		t.Fatal(`README.md has no "## Embedding in a website" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var blocks []string
	for _, m := range regexp.MustCompile("(?s)```html\n(.*?)```").FindAllStringSubmatch(section, -1) {
		blocks = append(blocks, m[1])
	}
	if len(blocks) != 2 {
		t.Fatalf("%d html blocks in the embedding section, want 2", len(blocks))
	}
	return blocks
}

// sitePage serves one HTML page on its own loopback origin.
func sitePage(t *testing.T, html string) (origin string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(html))
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

type embedCase struct {
	Case, Suggested, File, NoDownload, Message string
	ConsoleErrors                              []string
}

// TestEmbeddingExamples runs the README's two website examples in
// headless Chromium: the page is served on its own origin, the API runs
// with that origin in --cors-origins and the CMS's hidden fields in
// --ignore-fields. The plain form and fetch() must each download the PDF
// under its Content-Disposition name; a problem must reach the page's
// message; the same fetch page on another origin must get nothing.
func TestEmbeddingExamples(t *testing.T) {
	node := testtool.Need(t, "node", "nodejs")
	testtool.NeedPath(t, "/usr/bin/chromium", "chromium")
	testtool.NeedPath(t, "../../tools/node/node_modules/playwright-core", "npm install in tools/node")
	blocks := readmeHTML(t)
	// Origins are known only once the pages listen, so the pages learn the
	// API's address through a late-bound handler.
	var api string
	pages := map[string]string{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	site := "http://" + ln.Addr().String()
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(strings.ReplaceAll(pages[r.URL.Path], "http://localhost:8080", api)))
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	pages["/plain.html"], pages["/fetch.html"] = blocks[0], blocks[1]

	s := startServer(t, "--cors-origins", site, "--ignore-fields", "op,form_token")
	api = "http://" + s.addr
	foreign := sitePage(t, strings.ReplaceAll(blocks[1], "http://localhost:8080", api))

	out := t.TempDir()
	cmd := exec.Command(node, "embed.mjs", site+"/plain.html", site+"/fetch.html", foreign+"/", out)
	cmd.Dir = "../../tools/node"
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("node embed.mjs: %v\n%s", err, stderr.String())
	}
	got := map[string]embedCase{}
	sc := bufio.NewScanner(bytes.NewReader(stdout))
	for sc.Scan() {
		var c embedCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%v: %s", err, sc.Bytes())
		}
		got[c.Case] = c
		t.Logf("%s: downloaded %q, message %q, console %q", c.Case, c.Suggested, c.Message, c.ConsoleErrors)
	}
	checkDownload(t, got["plain"], "UA-109-23-ur.pdf")
	checkDownload(t, got["fetch"], "UA-109-23-en.pdf")
	if m := got["fetch"].Message; !strings.HasPrefix(m, "Downloaded UA-109-23-en.pdf (") && !strings.Contains(m, "appeal has closed") {
		t.Errorf("fetch: page message %q", m)
	}
	if c := got["fetch-problem"]; c.File != "" || !strings.HasPrefix(c.Message, "name: ") {
		t.Errorf("fetch with a bad name: download %q, message %q (want the problem's detail)", c.File, c.Message)
	}
	if c := got["foreign"]; c.File != "" || c.Message != "" || !strings.Contains(strings.Join(c.ConsoleErrors, " "), "CORS") {
		t.Errorf("fetch from another origin: download %q, message %q, console %q", c.File, c.Message, c.ConsoleErrors)
	}
}

func checkDownload(t *testing.T, c embedCase, name string) {
	t.Helper()
	if c.Suggested != name || c.File == "" {
		t.Errorf("%s: downloaded %q (%s), want %s", c.Case, c.Suggested, c.NoDownload, name)
		return
	}
	b, err := os.ReadFile(filepath.Clean(c.File))
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 10000 {
		t.Errorf("%s: %s is not a letter PDF (%d bytes, %v)", c.Case, c.File, len(b), err)
	}
}

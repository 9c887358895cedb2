package main

import (
	"archive/zip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ualetters/ualetters/internal/testtool"
)

// TestUIFlag checks that the letter builder is on by default and that
// --ui=false and UALETTERS_UI=false turn it off.
func TestUIFlag(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  string
		args []string
		want int
	}{
		{"default", "", nil, 200},
		{"flag off", "", []string{"--ui=false"}, 404},
		{"env off", "false", nil, 404},
		{"env off, flag on", "false", []string{"--ui"}, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("UALETTERS_UI", tc.env)
			s := startServer(t, tc.args...)
			for _, path := range []string{"/", "/ui/app.js"} {
				res, err := http.Get("http://" + s.addr + path)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != tc.want {
					t.Errorf("GET %s = %d, want %d", path, res.StatusCode, tc.want)
				}
			}
		})
	}
	t.Setenv("UALETTERS_UI", "maybe")
	if code, _, stderr := runBin(t, "serve", "--addr", "127.0.0.1:0"); code != exitUsage || !strings.Contains(stderr, "UALETTERS_UI") {
		t.Errorf("UALETTERS_UI=maybe: exit %d, %q", code, stderr)
	}
}

// uiResult is what tools/node/ui_e2e.mjs reports.
type uiResult struct {
	Files          map[string]struct{ Path, Suggested string }
	Pages          int
	TypingRequests int // preview requests while a name was typed
	TypingRounds   int // pauses of 300 ms or more while typing, plus one
	PreviewMs      int // last key to the new preview on screen
	Key            *struct {
		Message string
		PDF     struct{ Path string }
	}
}

// TestLetterBuilderInBrowser drives the page in Debian's chromium with
// playwright-core (tools/node/ui_e2e.mjs: labels, live preview, Urdu,
// downloads, the Chinese-name error, keyboard, phone width, no console
// error, no other origin), then opens what the browser downloaded with
// poppler, LibreOffice and libtiff. UALETTERS_UI_SHOTS=DIR keeps the
// screenshots and downloads.
func TestLetterBuilderInBrowser(t *testing.T) {
	node := testtool.Need(t, "node", "nodejs")
	testtool.Need(t, "chromium", "chromium")
	script, _ := filepath.Abs("../../tools/node/ui_e2e.mjs")
	// reading the script makes go test's cache notice when it changes
	if _, err := os.ReadFile(script); err != nil {
		t.Fatal(err)
	}
	testtool.NeedPath(t, filepath.Join(filepath.Dir(script), "node_modules", "playwright-core"), "npm; then run npm ci in tools/node")
	out := t.TempDir()
	if dir := os.Getenv("UALETTERS_UI_SHOTS"); dir != "" {
		out = dir
	}

	t.Run("open", func(t *testing.T) {
		s := startServer(t)
		res := runUIScript(t, node, script, s, filepath.Join(out, "open"))
		t.Logf("typing a name: %d preview requests in %d round(s); last key to new preview %d ms",
			res.TypingRequests, res.TypingRounds, res.PreviewMs)
		pages := checkPDF(t, res.Files["pdf"].Path, "Amina Rahimi")
		if res.Pages != pages {
			t.Errorf("the Urdu preview has %d pages, the PDF (pdfinfo) %d", res.Pages, pages)
		}
		checkPDF(t, filepath.Join(out, "open", "keyboard.pdf"), "Keyboard User")
		checkDOCX(t, res.Files["docx"].Path, "Amina Rahimi")
		checkTIFF(t, res.Files["tiff"].Path, pages+1)
		checkFaxZIP(t, res.Files["zip"].Path)
		for kind, want := range map[string]string{"pdf": "UA-109-23-ur.pdf", "docx": "UA-109-23-ur.docx",
			"tiff": "UA-109-23-ur-fax-interior.tiff", "zip": "UA-109-23-faxes.zip"} {
			if got := res.Files[kind].Suggested; got != want {
				t.Errorf("%s downloaded as %q, want %q", kind, got, want)
			}
		}
	})
	t.Run("api key", func(t *testing.T) {
		t.Setenv("UALETTERS_API_KEYS", "ui-test-key")
		s := startServer(t)
		res := runUIScript(t, node, script, s, filepath.Join(out, "key"), "ui-test-key")
		if res.Key == nil || !strings.Contains(strings.ToLower(res.Key.Message), "bearer") {
			t.Errorf("the 401 message under API key: %+v", res.Key)
		} else {
			checkPDF(t, res.Key.PDF.Path, "Jane Doe")
		}
	})
}

func runUIScript(t *testing.T, node, script string, s *server, out string, args ...string) uiResult {
	t.Helper()
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, append([]string{script, "http://" + s.addr, out}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("ui_e2e.mjs: %v\n%s\nserver log:\n%s", err, stderr.String(), s.log())
	}
	var res uiResult
	if err := json.Unmarshal(stdout, &res); err != nil {
		t.Fatalf("ui_e2e.mjs printed %q: %v", stdout, err)
	}
	return res
}

// checkPDF reads the downloaded PDF with poppler: A4 pages holding name.
// It returns the page count.
func checkPDF(t *testing.T, path, name string) int {
	t.Helper()
	text, err := exec.Command(testtool.Need(t, "pdftotext", "poppler-utils"), path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	if !strings.Contains(string(text), name) {
		t.Errorf("%s: the PDF's text lacks %q", filepath.Base(path), name)
	}
	info, err := exec.Command(testtool.Need(t, "pdfinfo", "poppler-utils"), path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	if !strings.Contains(string(info), "841.89 pts (A4)") {
		t.Errorf("%s is not A4:\n%s", filepath.Base(path), info)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", info)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// checkDOCX converts the downloaded DOCX to text with LibreOffice and
// looks for name.
func checkDOCX(t *testing.T, path, name string) {
	t.Helper()
	soffice := testtool.Need(t, "soffice", "libreoffice-writer")
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir, path)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	text, err := os.ReadFile(filepath.Join(dir, base+".txt"))
	if err != nil {
		t.Fatalf("LibreOffice could not open the DOCX: %v", err)
	}
	if !strings.Contains(string(text), name) {
		t.Errorf("the DOCX's text (LibreOffice) lacks %q", name)
	}
	if !strings.Contains(string(text), "افغان") {
		t.Error("the DOCX's text (LibreOffice) has no Urdu")
	}
}

// checkTIFF asks libtiff about the downloaded fax: Class F, 1728 wide,
// G4, with the cover and the letter's pages.
func checkTIFF(t *testing.T, path string, pages int) {
	t.Helper()
	info, err := exec.Command(testtool.Need(t, "tiffinfo", "libtiff-tools"), path).CombinedOutput()
	if err != nil {
		t.Fatalf("tiffinfo: %v\n%s", err, info)
	}
	s := string(info)
	if !strings.Contains(s, "Image Width: 1728") || !strings.Contains(s, "CCITT Group 4") {
		t.Errorf("the fax TIFF is not 1728 wide G4:\n%s", s)
	}
	if n := strings.Count(s, "TIFF Directory"); n != pages {
		t.Errorf("the fax TIFF has %d pages, want %d (cover and the letter's pages)", n, pages)
	}
}

// checkFaxZIP opens the downloaded batch: one TIFF per fax recipient.
func checkFaxZIP(t *testing.T, path string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	var m struct {
		Format string
		Faxes  []struct{ Recipient string }
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Format != "tiff" || len(m.Faxes) != 3 {
		t.Errorf("manifest: format %q, %d faxes; want tiff and 3", m.Format, len(m.Faxes))
	}
}

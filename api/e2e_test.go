package api

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/internal/testtool"
)

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)

func TestCatalogueRoutes(t *testing.T) {
	ts := start(t, Config{})
	var list struct{ Actions []catalogue.Action }
	ts.getJSON(t, "/v1/actions", &list)
	if len(list.Actions) == 0 || list.Actions[0].ID != "109-23" {
		t.Fatalf("actions: %+v", list.Actions)
	}
	var a catalogue.Action
	ts.getJSON(t, "/v1/actions/109-23", &a)
	if a.Reference != "UA 109/23" || a.Deadline != "2024-02-08" {
		t.Errorf("reference %q deadline %q", a.Reference, a.Deadline)
	}
	if len(a.Languages) < 7 {
		t.Errorf("%d languages, want en fr de ur sd bal pnb", len(a.Languages))
	}
	for _, l := range a.Languages {
		if a.Title[l.Code] == "" {
			t.Errorf("no title in %s", l.Code)
		}
		if l.Status == "" || l.Tag == "" {
			t.Errorf("language %s: status %q tag %q", l.Code, l.Status, l.Tag)
		}
	}
	faxes := map[string]bool{}
	for _, r := range a.Recipients {
		if r.Fax != "" {
			if !e164.MatchString(r.Fax) {
				t.Errorf("recipient %s: fax %q is not E.164", r.Key, r.Fax)
			}
			faxes[r.Fax] = true
		}
	}
	for _, want := range []string{"+41313501799", "+92519202624", "+92519207600"} {
		if !faxes[want] {
			t.Errorf("no recipient with fax %s (have %v)", want, faxes)
		}
	}
	resp, body := ts.do(t, "GET", "/v1/actions/999-99", nil, nil)
	if p := problem(t, resp, body); p.Status != 404 || p.Errors[0].Field != "id" {
		t.Errorf("unknown action: %+v", p)
	}
}

// TestLetters posts a letter in every language of UA 109/23, in both
// formats and all three request spellings, and checks the headers, the
// conditional request and the document's text.
func TestLetters(t *testing.T) {
	ts := start(t, Config{})
	var a catalogue.Action
	ts.getJSON(t, "/v1/actions/109-23", &a)
	const name = "Amina Rahimi"
	type post func(*testing.T, string, map[string]any, map[string]string) (*http.Response, []byte)
	spellings := []struct {
		name string
		send post
	}{{"json", ts.postJSON}, {"form", ts.postForm}, {"query", ts.postQuery}}
	for _, l := range a.Languages {
		for _, format := range []string{"pdf", "docx"} {
			t.Run(l.Code+"/"+format, func(t *testing.T) {
				fields := map[string]any{"lang": l.Code, "format": format, "name": name,
					"address": []string{"Bahnhofstrasse 1"}, "postcode": "3011", "city": "Bern",
					"country": "Switzerland", "gender": "female", "date": "2023-11-20"}
				var etag string
				var first []byte
				for _, sp := range spellings {
					resp, body := sp.send(t, "/v1/actions/109-23/letter", fields, nil)
					if resp.StatusCode != 200 {
						t.Fatalf("%s: status %d: %s", sp.name, resp.StatusCode, body)
					}
					checkDocumentHeaders(t, resp, "UA-109-23-"+l.Code+"."+format, l.Tag, format)
					if etag == "" {
						etag, first = resp.Header.Get("ETag"), body
					} else if resp.Header.Get("ETag") != etag || !bytes.Equal(body, first) {
						t.Errorf("%s: the same fields gave different bytes than JSON", sp.name)
					}
					resp, body = sp.send(t, "/v1/actions/109-23/letter", fields, map[string]string{"If-None-Match": etag})
					if resp.StatusCode != 304 || len(body) != 0 {
						t.Errorf("%s with If-None-Match: status %d, %d bytes; want 304, empty", sp.name, resp.StatusCode, len(body))
					}
				}
				if format == "pdf" {
					if txt := pdfText(t, first); !strings.Contains(txt, name) {
						t.Errorf("PDF text lacks the signer's name %q:\n%s", name, txt)
					}
				} else if txt := docxText(t, first); !strings.Contains(txt, name) {
					t.Errorf("DOCX document.xml lacks the signer's name %q", name)
				}
			})
		}
	}
}

func checkDocumentHeaders(t *testing.T, resp *http.Response, filename, tag, format string) {
	t.Helper()
	wantType := map[string]string{"pdf": "application/pdf",
		"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}[format]
	h := resp.Header
	if h.Get("Content-Type") != wantType {
		t.Errorf("Content-Type %q, want %q", h.Get("Content-Type"), wantType)
	}
	wantCD := `attachment; filename="` + filename + `"; filename*=UTF-8''` + filename
	if h.Get("Content-Disposition") != wantCD {
		t.Errorf("Content-Disposition %q, want %q", h.Get("Content-Disposition"), wantCD)
	}
	if h.Get("Content-Language") != tag {
		t.Errorf("Content-Language %q, want %q", h.Get("Content-Language"), tag)
	}
	if e := h.Get("ETag"); !strings.HasPrefix(e, `"`) || len(e) < 10 {
		t.Errorf("ETag %q is not a strong validator", e)
	}
	if h.Get("Cache-Control") != "private" {
		t.Errorf("Cache-Control %q, want private", h.Get("Cache-Control"))
	}
	if h.Get("X-Request-ID") == "" {
		t.Error("no X-Request-ID")
	}
}

// pdfText extracts a PDF's text with poppler's pdftotext.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	tool := testtool.Need(t, "pdftotext", "poppler-utils")
	path := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// docxText returns the text of word/document.xml (tags included).
func docxText(t *testing.T, docx []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("DOCX is not a zip: %v", err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFax fetches the fax for the embassy in Bern as PDF and TIFF and
// checks the number to dial, the page count and the file name; a
// recipient without a fax number gets 422 naming the field.
func TestFax(t *testing.T) {
	ts := start(t, Config{})
	fields := map[string]any{"lang": "ur", "name": "Amina Rahimi", "city": "Lahore", "recipient": "embassy-bern", "date": "2023-11-20"}
	resp, letterPDF := ts.postForm(t, "/v1/actions/109-23/letter", fields, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("letter: %d", resp.StatusCode)
	}
	_ = letterPDF
	letterPages := resp.Header.Get("X-Pages")
	for _, format := range []string{"pdf", "tiff"} {
		f := merge2(fields, map[string]any{"format": format})
		resp, body := ts.postForm(t, "/v1/actions/109-23/fax", f, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d: %s", format, resp.StatusCode, body)
		}
		if resp.Header.Get("X-Fax-Number") != "+41313501799" {
			t.Errorf("%s: X-Fax-Number %q", format, resp.Header.Get("X-Fax-Number"))
		}
		if want := atoi(letterPages) + 1; atoi(resp.Header.Get("X-Fax-Pages")) != want {
			t.Errorf("%s: X-Fax-Pages %q, want %d (letter %s + cover)", format, resp.Header.Get("X-Fax-Pages"), want, letterPages)
		}
		wantCD := `attachment; filename="UA-109-23-ur-fax-embassy-bern.` + format + `"`
		if !strings.HasPrefix(resp.Header.Get("Content-Disposition"), wantCD) {
			t.Errorf("%s: Content-Disposition %q", format, resp.Header.Get("Content-Disposition"))
		}
		if format == "pdf" {
			txt := pdfText(t, body)
			for _, want := range []string{"Amina Rahimi", "+41 31 350 17 99"} {
				if !strings.Contains(txt, want) {
					t.Errorf("fax PDF lacks %q", want)
				}
			}
		}
	}
	resp, body := ts.postForm(t, "/v1/actions/109-23/fax", merge2(fields, map[string]any{"recipient": "prime-minister"}), nil)
	if p := problem(t, resp, body); p.Status != 422 || !namesField(p, "recipient") {
		t.Errorf("recipient without fax: %s", body)
	}
	resp, body = ts.postForm(t, "/v1/actions/109-23/fax", merge2(fields, map[string]any{"recipient": ""}), nil)
	if p := problem(t, resp, body); p.Status != 400 || !namesField(p, "recipient") {
		t.Errorf("no recipient: %s", body)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

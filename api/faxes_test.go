package api

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"image/png"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/internal/testtool"
)

// batchManifest mirrors manifest.json (decoded independently of the
// service's type, as a client would).
type batchManifest struct {
	Action, Lang, Format, Resolution, Compression string
	Faxes                                         []struct {
		Recipient, Name, Number, File, SHA256 string
		Pages                                 int
	}
}

var faxFields = map[string]any{"lang": "ur", "name": "Amina Rahimi", "city": "Lahore", "country": "Pakistan", "date": "2023-11-20"}

// TestFaxBatchTIFF is the gateway's view of issue 7: every TIFF in the
// batch passes tiffinfo with fax geometry and one directory per page; the
// page count equals X-Fax-Pages of /fax and the page count pdfinfo
// reads from the PDF fax for the same request; each file is exactly what
// /fax returns; the manifest's hashes and numbers are right; the ZIP's
// bytes repeat.
func TestFaxBatchTIFF(t *testing.T) {
	tiffinfo := testtool.Need(t, "tiffinfo", "libtiff-tools")
	pdfinfo := testtool.Need(t, "pdfinfo", "poppler-utils")
	ts := start(t, Config{})
	for _, opt := range []struct{ resolution, compression, wantRes, wantComp string }{
		{"", "", "204, 196", "CCITT Group 4"}, // A4 is 297 mm: 2291 whole lines at 196 dpi
		{"normal", "g3", "204, 98", "CCITT Group 3"},
	} {
		fields := merge2(faxFields, map[string]any{"format": "tiff", "resolution": opt.resolution, "compression": opt.compression})
		if opt.resolution == "" {
			delete(fields, "resolution")
			delete(fields, "compression")
		}
		resp, body := ts.postForm(t, "/v1/actions/109-23/faxes", fields, nil)
		checkBatchHeaders(t, resp, body)
		files, m := readBatch(t, body)
		if m.Format != "tiff" || (opt.resolution != "" && m.Resolution != opt.resolution) {
			t.Errorf("manifest format %q resolution %q", m.Format, m.Resolution)
		}
		for _, e := range m.Faxes {
			single := merge2(fields, map[string]any{"recipient": e.Recipient})
			resp, one := ts.postForm(t, "/v1/actions/109-23/fax", single, nil)
			if resp.StatusCode != 200 || !bytes.Equal(one, files[e.File]) {
				t.Errorf("%s: the batch file is not what /fax returns (status %d)", e.File, resp.StatusCode)
			}
			faxPages := atoi(resp.Header.Get("X-Fax-Pages"))
			// -D makes libtiff decode every strip: a coding error shows
			// up as an error or warning line.
			info := run(t, tiffinfo, "-D", writeTemp(t, e.File, files[e.File]))
			if bad := regexp.MustCompile(`(?i)error|warning|bad code`).FindString(info); bad != "" {
				t.Errorf("%s: libtiff reports %q while decoding:\n%s", e.File, bad, info)
			}
			checkTIFFInfo(t, e.File, info, opt.wantRes, opt.wantComp, faxPages)
			if e.Pages != faxPages || resp.Header.Get("X-Fax-Number") != e.Number {
				t.Errorf("%s: manifest %d pages, %s; /fax %d pages, %s", e.File, e.Pages, e.Number, faxPages, resp.Header.Get("X-Fax-Number"))
			}
			delete(single, "resolution")
			delete(single, "compression")
			resp, pdfBody := ts.postForm(t, "/v1/actions/109-23/fax", merge2(single, map[string]any{"format": "pdf"}), nil)
			if n := pdfPages(t, run(t, pdfinfo, writeTemp(t, "fax.pdf", pdfBody))); resp.StatusCode != 200 || n != faxPages {
				t.Errorf("%s: the PDF fax has %d pages, the TIFF %d", e.File, n, faxPages)
			}
		}
		_, again := ts.postForm(t, "/v1/actions/109-23/faxes", fields, nil)
		if !bytes.Equal(again, body) {
			t.Error("the same batch request gave different bytes")
		}
	}
}

// checkBatchHeaders checks the status and headers of a batch answer.
func checkBatchHeaders(t *testing.T, resp *http.Response, body []byte) {
	t.Helper()
	if resp.StatusCode != 200 {
		t.Fatalf("batch: status %d: %s", resp.StatusCode, body)
	}
	h := resp.Header
	want := `attachment; filename="UA-109-23-faxes.zip"; filename*=UTF-8''UA-109-23-faxes.zip`
	if h.Get("Content-Type") != "application/zip" || h.Get("Content-Disposition") != want {
		t.Errorf("Content-Type %q, Content-Disposition %q", h.Get("Content-Type"), h.Get("Content-Disposition"))
	}
	if h.Get("ETag") == "" || h.Get("Content-Language") != "ur-PK" || h.Get("X-Fax-Count") != "3" {
		t.Errorf("ETag %q, Content-Language %q, X-Fax-Count %q", h.Get("ETag"), h.Get("Content-Language"), h.Get("X-Fax-Count"))
	}
}

// readBatch unpacks a batch, checking sorted names, the manifest's hashes
// and the three fax numbers of UA 109/23.
func readBatch(t *testing.T, body []byte) (map[string][]byte, batchManifest) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], err = io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	if !sort.StringsAreSorted(names) {
		t.Errorf("ZIP entries not sorted: %v", names)
	}
	var m batchManifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	var numbers []string
	for _, e := range m.Faxes {
		sum := sha256.Sum256(files[e.File])
		if files[e.File] == nil || hex.EncodeToString(sum[:]) != e.SHA256 {
			t.Errorf("%s: missing or hash differs from the manifest", e.File)
		}
		if e.Name == "" || e.Recipient == "" {
			t.Errorf("manifest entry without recipient or name: %+v", e)
		}
		numbers = append(numbers, e.Number)
	}
	sort.Strings(numbers)
	if got := strings.Join(numbers, " "); got != "+41313501799 +92519202624 +92519207600" {
		t.Errorf("fax numbers %s", got)
	}
	if len(files) != len(m.Faxes)+1 {
		t.Errorf("%d files for %d faxes", len(files), len(m.Faxes))
	}
	return files, m
}

var tiffField = regexp.MustCompile(`(?m)^\s*(Image Width: \d+ Image Length: \d+|Resolution: [\d, ]+pixels/inch|Bits/Sample: \d+|Compression Scheme: [^\n]+)`)

// checkTIFFInfo reads tiffinfo's report: one directory per page, each
// 1728 pixels wide, as many whole lines as fit in A4 at the resolution
// asked for (297 mm: 2291 lines at 196 dpi, 1145 at 98), 1 bit, coded as
// asked.
func checkTIFFInfo(t *testing.T, name, info, res, comp string, pages int) {
	t.Helper()
	dirs := strings.Count(info, "TIFF Directory at offset")
	if dirs != pages {
		t.Errorf("%s: %d directories, X-Fax-Pages %d", name, dirs, pages)
	}
	lines := "2291"
	if strings.HasSuffix(res, " 98") {
		lines = "1145"
	}
	want := map[string]int{"Image Width: 1728 Image Length: " + lines: dirs, "Resolution: " + res + " pixels/inch": dirs,
		"Bits/Sample: 1": dirs, "Compression Scheme: " + comp: dirs}
	got := map[string]int{}
	for _, m := range tiffField.FindAllStringSubmatch(info, -1) {
		got[strings.TrimSpace(m[1])]++
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %q on %d of %d pages; tiffinfo says %v", name, k, got[k], n, got)
		}
	}
	for p := 0; p < pages; p++ {
		if !strings.Contains(info, "Page Number: "+strconv.Itoa(p)+"-"+strconv.Itoa(pages)) {
			t.Errorf("%s: no directory with page number %d-%d", name, p, pages)
		}
	}
}

func pdfPages(t *testing.T, info string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", info)
	}
	return atoi(m[1])
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", filepath.Base(tool), err, out)
	}
	return string(out)
}

// TestFaxBatchRequests covers the batch's other answers: PDF documents,
// the conditional request, Accept, and fields the batch refuses.
func TestFaxBatchRequests(t *testing.T) {
	ts := start(t, Config{})
	resp, body := ts.postJSON(t, "/v1/actions/109-23/faxes", faxFields, nil)
	checkBatchHeaders(t, resp, body)
	files, m := readBatch(t, body)
	for _, e := range m.Faxes {
		if !bytes.HasPrefix(files[e.File], []byte("%PDF-")) || !strings.HasSuffix(e.File, ".pdf") {
			t.Errorf("default format: %s is not a PDF", e.File)
		}
	}
	resp, _ = ts.postJSON(t, "/v1/actions/109-23/faxes", faxFields, map[string]string{"If-None-Match": resp.Header.Get("ETag")})
	if resp.StatusCode != 304 {
		t.Errorf("If-None-Match: status %d", resp.StatusCode)
	}
	if resp, body := ts.postJSON(t, "/v1/actions/109-23/faxes", faxFields, map[string]string{"Accept": "application/zip"}); resp.StatusCode != 200 {
		t.Errorf("Accept application/zip: %d %s", resp.StatusCode, body)
	}
	bad := []struct {
		name   string
		fields map[string]any
		header map[string]string
		status int
		field  string
	}{
		{"a recipient", map[string]any{"recipient": "interior"}, nil, 400, "recipient"},
		{"docx", map[string]any{"format": "docx"}, nil, 400, "format"},
		{"resolution of a PDF", map[string]any{"resolution": "normal"}, nil, 400, "resolution"},
		{"unknown compression", map[string]any{"format": "tiff", "compression": "jbig"}, nil, 400, "compression"},
		{"a page", map[string]any{"page": "2"}, nil, 400, "page"},
		{"png", map[string]any{"format": "png"}, nil, 400, "format"},
		{"unknown cover language", map[string]any{"cover_lang": "xx"}, nil, 400, "cover_lang"},
		{"Accept without zip", nil, map[string]string{"Accept": "application/pdf"}, 406, "Accept"},
	}
	for _, c := range bad {
		resp, body := ts.postForm(t, "/v1/actions/109-23/faxes", merge2(faxFields, c.fields), c.header)
		if p := problem(t, resp, body); p.Status != c.status || !namesField(p, c.field) {
			t.Errorf("%s: %s", c.name, body)
		}
	}
	resp, body = ts.postForm(t, "/v1/actions/109-23/fax", merge2(faxFields, map[string]any{"recipient": "prime-minister"}), nil)
	if p := problem(t, resp, body); p.Status != 422 || !namesField(p, "recipient") || !strings.Contains(p.Detail, "prime-minister") {
		t.Errorf("/fax to a recipient without a fax number: %s", body)
	}
}

// TestPreviewPages: format=png&page=N previews page N; a page beyond the
// last, and a page of a non-PNG format, are 400 naming page.
func TestPreviewPages(t *testing.T) {
	ts := start(t, Config{})
	resp, _ := ts.postForm(t, "/v1/actions/109-23/letter", faxFields, nil)
	pages := atoi(resp.Header.Get("X-Pages"))
	if resp.StatusCode != 200 || pages < 2 {
		t.Fatalf("letter: status %d, %d pages", resp.StatusCode, pages)
	}
	var previews [][]byte
	for p := 1; p <= pages; p++ {
		resp, body := ts.postQuery(t, "/v1/actions/109-23/letter", merge2(faxFields, map[string]any{"format": "png", "page": strconv.Itoa(p)}), nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("page %d: %d %s", p, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		img, err := png.Decode(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("page %d: %v", p, err)
		}
		if b := img.Bounds(); b.Dx() != 794 || b.Dy() != 1123 { // A4 at 96 dpi
			t.Errorf("page %d: %v, want A4 at 96 dpi", p, b)
		}
		previews = append(previews, body)
	}
	if bytes.Equal(previews[0], previews[1]) {
		t.Error("pages 1 and 2 give the same preview")
	}
	for _, c := range []map[string]any{
		{"format": "png", "page": strconv.Itoa(pages + 1)},
		{"format": "pdf", "page": "1"},
		{"format": "png", "page": "0x"},
	} {
		resp, body := ts.postForm(t, "/v1/actions/109-23/letter", merge2(faxFields, c), nil)
		if p := problem(t, resp, body); p.Status != 400 || !namesField(p, "page") {
			t.Errorf("%v: %s", c, body)
		}
	}
}

// TestFaxBatchAuthAndMetrics: the batch needs an API key like the other
// render routes, and is counted and timed under its own format label.
func TestFaxBatchAuthAndMetrics(t *testing.T) {
	ts := start(t, Config{APIKeys: []string{"k-one"}})
	resp, body := ts.postForm(t, "/v1/actions/109-23/faxes", faxFields, nil)
	if p := problem(t, resp, body); p.Status != 401 {
		t.Errorf("without a key: %s", body)
	}
	resp, body = ts.postForm(t, "/v1/actions/109-23/faxes", merge2(faxFields, map[string]any{"format": "tiff"}),
		map[string]string{"Authorization": "Bearer k-one"})
	if resp.StatusCode != 200 {
		t.Fatalf("with a key: %d %s", resp.StatusCode, body)
	}
	_, m := ts.do(t, "GET", "/metrics", nil, nil)
	for _, want := range []string{
		`ualetters_http_requests_total{format="faxes-tiff",lang="ur",method="POST",route="/v1/actions/:id/faxes",status="200"} 1`,
		`ualetters_render_duration_seconds_count{format="faxes-tiff",lang="ur"} 1`,
		`ualetters_renders_in_flight 0`,
	} {
		if !strings.Contains(string(m), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestFaxPreview: format=png&page=N on /fax previews one page of the fax,
// page 1 being the cover sheet; a page beyond the last is 400 naming page.
func TestFaxPreview(t *testing.T) {
	ts := start(t, Config{})
	fields := merge2(faxFields, map[string]any{"recipient": "embassy-bern", "format": "png"})
	var first []byte
	resp, _ := ts.postForm(t, "/v1/actions/109-23/fax", merge2(fields, map[string]any{"format": "pdf"}), nil)
	pages := atoi(resp.Header.Get("X-Fax-Pages"))
	for p := 1; p <= pages; p++ {
		resp, body := ts.postForm(t, "/v1/actions/109-23/fax", merge2(fields, map[string]any{"page": strconv.Itoa(p)}), nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || atoi(resp.Header.Get("X-Fax-Pages")) != pages {
			t.Fatalf("page %d: %d %s, X-Fax-Pages %s", p, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("X-Fax-Pages"))
		}
		if _, err := png.Decode(bytes.NewReader(body)); err != nil {
			t.Fatalf("page %d: %v", p, err)
		}
		if p == 1 {
			first = body
		} else if bytes.Equal(body, first) {
			t.Errorf("page %d looks like the cover", p)
		}
	}
	for _, c := range []map[string]any{{"page": strconv.Itoa(pages + 1)}, {"format": "tiff", "page": "1"}, {"page": "-1"}} {
		resp, body := ts.postForm(t, "/v1/actions/109-23/fax", merge2(fields, c), nil)
		if p := problem(t, resp, body); p.Status != 400 || !namesField(p, "page") {
			t.Errorf("%v: %s", c, body)
		}
	}
}

package service

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/raster"
)

func faxRequest(recipient string, f Format) FaxRequest {
	return FaxRequest{Request: letter.Request{ActionID: "109-23", Lang: "ur", Recipient: recipient,
		Signer: letter.Signer{Name: "Amina Rahimi", City: "Lahore", Country: "Pakistan", Gender: letter.Female}},
		Format: f}
}

// TestFaxRasterMatchesPDF: the fax pages the rasteriser paints are the
// PDF's pages. The cover sheet (English and Urdu) and every page of the
// real Urdu letter are rendered by poppler (pdftoppm -mono at 204 × 196
// dpi) from the fax PDF and by raster.RenderBilevel from the same
// display list; at least 98% of the ink pixels must agree within one
// pixel.
func TestFaxRasterMatchesPDF(t *testing.T) {
	pdftoppm := testtool.Need(t, "pdftoppm", "poppler-utils")
	s := newTestService(t)
	for _, coverLang := range []string{"en", "ur"} {
		req := faxRequest("embassy-bern", PDF)
		req.CoverLang = coverLang
		res, err := s.Fax(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		job, err := s.faxJob(context.Background(), req, true)
		if err != nil {
			t.Fatal(err)
		}
		rcpt, err := job.act.Recipient(req.Recipient)
		if err != nil {
			t.Fatal(err)
		}
		all, err := s.faxPages(job, rcpt)
		if err != nil {
			t.Fatal(err)
		}
		if len(all.Pages) != res.Pages || res.Pages < 2 {
			t.Fatalf("cover %s: %d laid-out pages, the PDF has %d", coverLang, len(all.Pages), res.Pages)
		}
		path := writeFile(t, "fax-"+coverLang+".pdf", res.Body)
		for i, p := range all.Pages {
			theirs := popplerPage(t, pdftoppm, path, i+1)
			ours := raster.RenderBilevel(p, 204, 196).Gray()
			if theirs.Rect != ours.Rect {
				t.Fatalf("cover %s page %d: poppler %v, ours %v", coverLang, i+1, theirs.Rect, ours.Rect)
			}
			agree := raster.InkAgreement(ours, theirs, 1)
			t.Logf("cover %s, page %d: %.2f%% of ink pixels agree within one pixel, %.2f%% exactly",
				coverLang, i+1, 100*agree, 100*raster.InkAgreement(ours, theirs, 0))
			if agree < 0.98 {
				t.Errorf("cover %s, page %d: only %.2f%% of ink pixels agree within one pixel", coverLang, i+1, 100*agree)
			}
		}
	}
}

// popplerPage rasterises one page of a PDF with pdftoppm -mono at 204 ×
// 196 dpi and reads the PBM it writes.
func popplerPage(t *testing.T, pdftoppm, path string, page int) *image.Gray {
	t.Helper()
	n := strconv.Itoa(page)
	out := filepath.Join(t.TempDir(), "page")
	cmd := exec.Command(pdftoppm, "-mono", "-rx", "204", "-ry", "196", "-f", n, "-l", n, "-singlefile", path, out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, msg)
	}
	b, err := readPBM(out + ".pbm")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readPBM reads a binary PBM (P4: one bit a pixel, 1 is black, rows
// padded to whole bytes) as a grey image.
func readPBM(path string) (*image.Gray, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(bytes.NewReader(data))
	var magic string
	var w, h int
	if _, err := fmt.Fscan(r, &magic, &w, &h); err != nil || magic != "P4" {
		return nil, fmt.Errorf("%s: not a binary PBM (%q, %v)", path, magic, err)
	}
	if _, err := r.ReadByte(); err != nil {
		return nil, err
	}
	stride := (w + 7) / 8
	bits := make([]byte, stride*h)
	if _, err := io.ReadFull(r, bits); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(255)
			if bits[y*stride+x/8]&(0x80>>(x%8)) != 0 {
				v = 0
			}
			g.Pix[y*g.Stride+x] = v
		}
	}
	return g, nil
}

// TestFaxBatch: the batch holds, for each recipient with a fax number,
// exactly the document Fax returns; its manifest names the E.164 numbers
// of UA 109/23 and the SHA-256 of each file; the same request gives the
// same ZIP bytes.
func TestFaxBatch(t *testing.T) {
	s := newTestService(t)
	for _, f := range []Format{TIFF, PDF} {
		req := faxRequest("", f)
		batch, err := s.Faxes(context.Background(), req)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if batch.Filename != "UA-109-23-faxes.zip" || batch.ContentType != "application/zip" {
			t.Errorf("%s: %s as %s", f, batch.Filename, batch.ContentType)
		}
		files := unzip(t, batch.Body)
		var m Manifest
		if err := json.Unmarshal(files[ManifestName], &m); err != nil {
			t.Fatalf("%s: manifest: %v", f, err)
		}
		var numbers []string
		for _, e := range m.Faxes {
			numbers = append(numbers, e.Number)
			sum := sha256.Sum256(files[e.File])
			if hex.EncodeToString(sum[:]) != e.SHA256 {
				t.Errorf("%s: %s: manifest hash %s does not match the file", f, e.File, e.SHA256)
			}
			one := req
			one.Recipient = e.Recipient
			single, err := s.Fax(context.Background(), one)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(single.Body, files[e.File]) || single.Filename != e.File || single.Pages != e.Pages || single.Number != e.Number {
				t.Errorf("%s: %s differs from the single fax for %s (%d vs %d pages)", f, e.File, e.Recipient, e.Pages, single.Pages)
			}
		}
		sort.Strings(numbers)
		if want := []string{"+41313501799", "+92519202624", "+92519207600"}; !equalStrings(numbers, want) {
			t.Errorf("%s: fax numbers %v, want %v", f, numbers, want)
		}
		if len(files) != len(m.Faxes)+1 {
			t.Errorf("%s: %d files in the ZIP for %d faxes", f, len(files), len(m.Faxes))
		}
		again, err := s.Faxes(context.Background(), req)
		if err != nil || !bytes.Equal(again.Body, batch.Body) {
			t.Errorf("%s: the same batch request gave different bytes (%v)", f, err)
		}
	}
}

// unzip reads every entry of a ZIP and checks that the names are sorted
// and the timestamps fixed.
func unzip(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.ModifiedDate != zipEpochDate || f.ModifiedTime != 0 {
			t.Errorf("%s: timestamp %x %x", f.Name, f.ModifiedDate, f.ModifiedTime)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = data
	}
	if !sort.StringsAreSorted(names) {
		t.Errorf("entries not sorted: %v", names)
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFaxErrors(t *testing.T) {
	s := newTestService(t)
	var nfe *NoFaxError
	_, err := s.Fax(context.Background(), faxRequest("prime-minister", PDF))
	if !errors.As(err, &nfe) || !errors.Is(err, letter.ErrNoFax) || nfe.Recipient != "prime-minister" || len(nfe.WithFax) != 3 {
		t.Errorf("recipient without fax: %v", err)
	}
	var ve *letter.ValidationError
	bad := []struct {
		name  string
		req   FaxRequest
		batch bool
		field string
	}{
		{"batch names a recipient", faxRequest("interior", PDF), true, "recipient"},
		{"single without recipient", faxRequest("", PDF), false, "recipient"},
		{"resolution on PDF", withOpts(faxRequest("interior", PDF), "normal", ""), false, "resolution"},
		{"unknown compression", withOpts(faxRequest("interior", TIFF), "", "g5"), false, "compression"},
		{"unknown resolution", withOpts(faxRequest("", TIFF), "superfine", ""), true, "resolution"},
		{"docx fax", faxRequest("", DOCX), true, "format"},
	}
	for _, c := range bad {
		if c.batch {
			_, err = s.Faxes(context.Background(), c.req)
		} else {
			_, err = s.Fax(context.Background(), c.req)
		}
		if !errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Field != c.field {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func withOpts(r FaxRequest, res, comp string) FaxRequest {
	r.Resolution, r.Compression = res, comp
	return r
}

// BenchmarkFaxTIFF: the fax for one recipient (cover sheet + the Urdu
// letter) as TIFF Class F, G4, fine resolution, warm caches.
func BenchmarkFaxTIFF(b *testing.B) {
	s := newTestService(b)
	req := faxRequest("embassy-bern", TIFF)
	res, err := s.Fax(context.Background(), req)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Fax(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Pages), "pages")
}

// BenchmarkPreviewPNG: page 1 of the Urdu letter as a 96 dpi PNG preview,
// warm caches.
func BenchmarkPreviewPNG(b *testing.B) {
	s := newTestService(b)
	req := urduRequest(PNG)
	req.Page = 1
	if _, err := s.Letter(context.Background(), req); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Letter(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

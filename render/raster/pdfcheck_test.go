package raster

import (
	"bufio"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/render/layout"
	"github.com/ualetters/ualetters/render/pdf"
)

// TestMatchesPDF renders the same display list as PDF (render/pdf) and
// rasterises that PDF with poppler (pdftoppm -mono at 204 × 196 dpi): at
// least 98% of the ink pixels must agree with ours within one pixel.
func TestMatchesPDF(t *testing.T) {
	pdftoppm := testtool.Need(t, "pdftoppm", "poppler-utils")
	doc := &layout.Document{Pages: []layout.Page{englishPage(t), urduPage(t)}, Lang: "ur", RTL: true, Title: "raster check"}
	data, err := pdf.Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "letter.pdf")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for i, p := range doc.Pages {
		n := strconv.Itoa(i + 1)
		out := filepath.Join(dir, "page"+n)
		cmd := exec.Command(pdftoppm, "-mono", "-rx", "204", "-ry", "196", "-f", n, "-l", n, "-singlefile", in, out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v: %s", err, msg)
		}
		theirs, err := readPBM(out + ".pbm")
		if err != nil {
			t.Fatal(err)
		}
		ours := RenderBilevel(p, 204, 196).Gray()
		if theirs.Rect != ours.Rect {
			t.Fatalf("page %d: poppler %v, ours %v", i+1, theirs.Rect, ours.Rect)
		}
		agree := InkAgreement(ours, theirs, 1)
		exact := InkAgreement(ours, theirs, 0)
		t.Logf("page %d: %.2f%% of ink pixels agree within one pixel, %.2f%% exactly", i+1, 100*agree, 100*exact)
		if agree < 0.98 {
			t.Errorf("page %d: only %.2f%% of ink pixels agree within one pixel", i+1, 100*agree)
		}
	}
}

// readPBM reads a binary PBM (P4) as a grey image.
func readPBM(path string) (*image.Gray, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	var magic string
	var w, h int
	if _, err := fmt.Fscan(r, &magic, &w, &h); err != nil || magic != "P4" {
		return nil, fmt.Errorf("%s: not a binary PBM (%q, %v)", path, magic, err)
	}
	if _, err := r.ReadByte(); err != nil { // the single whitespace before the data
		return nil, err
	}
	b := NewBitmap(w, h)
	if _, err := io.ReadFull(r, b.Bits); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b.Gray(), nil
}

func TestInkAgreement(t *testing.T) {
	a := RenderBilevel(urduPage(t), 102, 98).Gray()
	if got := InkAgreement(a, a, 0); got != 1 {
		t.Errorf("an image agrees with itself %v", got)
	}
	shifted := image.NewGray(a.Rect)
	for i := range shifted.Pix {
		shifted.Pix[i] = 255
	}
	for y := 0; y < a.Rect.Dy(); y++ {
		copy(shifted.Pix[y*shifted.Stride+1:(y+1)*shifted.Stride], a.Pix[y*a.Stride:(y+1)*a.Stride-1])
	}
	if got := InkAgreement(a, shifted, 1); got != 1 {
		t.Errorf("a one-pixel shift within tolerance 1 agrees %v", got)
	}
	if got := InkAgreement(a, shifted, 0); got > 0.9 {
		t.Errorf("a one-pixel shift with no tolerance agrees %v", got)
	}
	blank := RenderBilevel(layout.Page{Paper: layout.A4}, 102, 98).Gray()
	if got := InkAgreement(a, blank, 3); got != 0 {
		t.Errorf("text vs blank agrees %v", got)
	}
	if got := InkAgreement(blank, blank, 1); got != 1 {
		t.Errorf("blank vs blank agrees %v", got)
	}
}

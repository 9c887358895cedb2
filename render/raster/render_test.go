package raster

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/render/layout"
)

// inkBounds returns the bounding box of the dark pixels of g.
func inkBounds(g *image.Gray) image.Rectangle {
	var r image.Rectangle
	for y := 0; y < g.Rect.Dy(); y++ {
		for x := 0; x < g.Rect.Dx(); x++ {
			if g.Pix[y*g.Stride+x] < 128 {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}

func TestRenderPlacesText(t *testing.T) {
	p := layout.Page{Paper: layout.A4}
	run := shapeRun(t, fonts.SansRegular, "en", false, "HHHH", 20, 100, 200, false)
	p.AddRun(run, layout.Struct{})
	g := Render(p, 144, 144) // 2 pixels per point
	if g.Rect.Dx() != 1191 || g.Rect.Dy() != 1684 {
		t.Fatalf("A4 at 144 dpi is %v", g.Rect)
	}
	ink := inkBounds(g)
	// Noto Sans H: cap height 0.714 em, stems inside the advance.
	capH := 0.714 * 20 * 2
	if ink.Empty() || abs(ink.Max.Y-400) > 1 || abs(400-ink.Min.Y-int(capH)) > 2 {
		t.Errorf("ink %v: want the baseline at y=400 and cap height ≈ %.0f px", ink, capH)
	}
	if ink.Min.X < 200 || ink.Min.X > 210 || float64(ink.Max.X) > 2*(100+run.Width) {
		t.Errorf("ink %v outside the run at x=200…%.0f", ink, 2*(100+run.Width))
	}
	if got := Render(layout.Page{Paper: layout.A4}, 96, 96); !inkBounds(got).Empty() {
		t.Error("a blank page has ink")
	}
}

func abs(v int) int { return max(v, -v) }

func TestHairlinesSurviveBilevel(t *testing.T) {
	p := layout.Page{Paper: layout.A4}
	for _, r := range []layout.Rule{
		{X1: 100, Y1: 100.3, X2: 400, Y2: 100.3, Width: 0.05}, // far below one pixel
		{X1: 50.6, Y1: 200, X2: 50.6, Y2: 300, Width: 0},      // "thinnest line"
		{X1: 100, Y1: 400, X2: 300, Y2: 500, Width: 0.1},      // slanted
	} {
		p.AddRule(r, layout.Artifact)
	}
	p.AddBox(layout.Box{X: 300, Y: 600, W: 100, H: 50, LineWidth: 0.1}, layout.Artifact)
	for _, res := range []Resolution{Fine, Normal} {
		b, err := FaxBitmap(p, res)
		if err != nil {
			t.Fatal(err)
		}
		ky := res.DPIY() / 72
		ox := int(faxOffset(layout.A4))
		col := func(x float64) int { return int(x*204/72) + ox }
		row := func(y float64) int { return int(y * ky) }
		for x := 100.0; x < 400; x += 7 {
			if !columnHasInk(b, col(x), row(100.3)-1, row(100.3)+1) {
				t.Errorf("%v: horizontal hairline missing at x=%g", res, x)
			}
		}
		for y := 200.0; y < 300; y += 3 {
			if !b.Black(col(50.6), row(y)) && !b.Black(col(50.6)-1, row(y)) && !b.Black(col(50.6)+1, row(y)) {
				t.Errorf("%v: vertical hairline missing at y=%g", res, y)
			}
		}
		for x := 101.0; x < 299; x += 2 {
			if !columnHasInk(b, col(x), row(400+(x-100)/2)-2, row(400+(x-100)/2)+2) {
				t.Errorf("%v: slanted hairline missing at x=%g", res, x)
			}
		}
		for x := 300.0; x <= 400; x += 5 {
			if !columnHasInk(b, col(x), row(600)-1, row(600)+1) || !columnHasInk(b, col(x), row(650)-1, row(650)+1) {
				t.Errorf("%v: box edge missing at x=%g", res, x)
			}
		}
	}
}

func columnHasInk(b *Bitmap, x, y0, y1 int) bool {
	for y := y0; y <= y1; y++ {
		if b.Black(x, y) {
			return true
		}
	}
	return false
}

// TestFaxFrameIsShiftedPage: the fax frame is the page painted at 204 dpi,
// centred on the 1728-pixel line, not rescaled, and cut to the whole
// lines that fit in the paper (the page's last, partial line is dropped).
func TestFaxFrameIsShiftedPage(t *testing.T) {
	p := urduPage(t)
	frame, err := FaxBitmap(p, Fine)
	if err != nil {
		t.Fatal(err)
	}
	page := RenderBilevel(p, 204, 196)
	ox := 21 // (1728 − 1686.6) / 2, rounded
	if int(faxOffset(layout.A4)) != ox || frame.Height != 2291 || page.Height != 2292 || page.Width != 1687 {
		t.Fatalf("frame %dx%d, page %dx%d, offset %v", frame.Width, frame.Height, page.Width, page.Height, faxOffset(layout.A4))
	}
	for y := 0; y < frame.Height; y++ {
		for x := 0; x < page.Width; x++ {
			if page.Black(x, y) != frame.Black(x+ox, y) {
				t.Fatalf("pixel (%d,%d) differs from the frame's (%d,%d)", x, y, x+ox, y)
			}
		}
	}
	if inkCount(page) < 5000 {
		t.Fatal("the Urdu page has hardly any ink")
	}
}

func TestBadInputDoesNotPanic(t *testing.T) {
	p := urduPage(t)
	for _, r := range []layout.GlyphRun{
		{Font: fonts.ID(99), Size: 12, Glyphs: []layout.Glyph{{ID: 3, X: 10, Y: 10}}},
		{Font: fonts.SansRegular, Size: 12, Glyphs: []layout.Glyph{{ID: 65535, X: 10, Y: 10}}},
		{Font: fonts.SansRegular, Size: 1e30, Glyphs: []layout.Glyph{{ID: 40, X: 10, Y: 10}}},
		{Font: fonts.SansRegular, Size: 12, Glyphs: []layout.Glyph{{ID: 40, X: -1e300, Y: 1e300}}},
	} {
		p.AddRun(r, layout.Struct{})
	}
	for _, r := range []layout.Rule{
		{X1: -1e300, Y1: 3, X2: 1e300, Y2: 3, Width: 1e300},
		{X1: -1e300, Y1: 3, X2: 1e300, Y2: 7, Width: 1e300}, {X1: 0, Y1: 0, X2: 1e4, Y2: 1e4, Width: 1e4},
	} {
		p.AddRule(r, layout.Artifact)
	}
	p.AddBox(layout.Box{X: 1, Y: 1, W: -1e308, H: 1e308, LineWidth: 2, Fill: true}, layout.Artifact)
	_ = Render(p, 96, 96)
	if _, err := FaxBitmap(p, Fine); err != nil {
		t.Fatal(err)
	}
	for _, dpi := range []float64{0, -1, 1e9} {
		if g := Render(p, dpi, dpi); !g.Rect.Empty() {
			t.Errorf("dpi %g gave a %v image", dpi, g.Rect)
		}
		if err := PNG(&bytes.Buffer{}, p, dpi); err == nil {
			t.Errorf("PNG at %g dpi: no error", dpi)
		}
	}
}

// TestConcurrentRendering: renders share the outline cache; run with -race.
func TestConcurrentRendering(t *testing.T) {
	pages := []layout.Page{englishPage(t), urduPage(t)}
	want := [2][]byte{}
	for i, p := range pages {
		want[i] = RenderBilevel(p, 204, 98).Bits
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := RenderBilevel(pages[i%2], 204, 98).Bits; !bytes.Equal(got, want[i%2]) {
				t.Error("concurrent render differs")
			}
		}()
	}
	wg.Wait()
}

func TestPNG(t *testing.T) {
	p := urduPage(t)
	var buf bytes.Buffer
	if err := PNG(&buf, p, 96); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 794 || img.Bounds().Dy() != 1123 {
		t.Fatalf("preview is %v, want 794x1123", img.Bounds())
	}
	g := image.NewGray(img.Bounds())
	draw.Draw(g, g.Rect, img, image.Point{}, draw.Src)
	if want := Render(p, 96, 96); !bytes.Equal(g.Pix, want.Pix) {
		t.Error("the PNG preview differs from Render's image")
	}
	// The ink must fill the union of the glyphs' outline boxes (font data,
	// independent of the rasteriser), give or take a pixel.
	ink, want := inkBounds(g), outlineBounds(p, 96.0/72)
	if ink.Empty() || !ink.In(want.Inset(-1)) || !want.Inset(2).In(ink) {
		t.Errorf("ink %v, glyph boxes %v", ink, want)
	}
	if dir := os.Getenv("RASTER_PREVIEW_DIR"); dir != "" {
		for name, pg := range map[string]layout.Page{"urdu": p, "english": englishPage(t)} {
			var out bytes.Buffer
			if err := PNG(&out, pg, 110); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name+".png"), out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := png.Encode(&out, mustFax(t, pg).Gray()); err != nil {
				t.Fatal(err)
			}
			f, _ := os.Create(filepath.Join(dir, name+"-fax.png"))
			_ = png.Encode(f, mustFax(t, pg).Gray())
			_ = f.Close()
		}
	}
}

func mustFax(t *testing.T, p layout.Page) *Bitmap {
	b, err := FaxBitmap(p, Fine)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTiffinfo runs libtiff's tiffinfo on multi-page fax TIFFs; -D makes
// it decode every strip, so libtiff's CCITT decoder checks the data too.
func TestTiffinfo(t *testing.T) {
	tiffinfo := testtool.Need(t, "tiffinfo", "libtiff-tools")
	pages := []layout.Page{englishPage(t), urduPage(t), {Paper: layout.Letter}}
	for _, tc := range []struct {
		opts   FaxOptions
		scheme string
		dpiY   int
	}{
		{FaxOptions{}, "CCITT Group 4", 196},
		{FaxOptions{Resolution: Normal}, "CCITT Group 4", 98},
		{FaxOptions{Compression: G3}, "CCITT Group 3", 196},
		{FaxOptions{Resolution: Normal, Compression: G3}, "CCITT Group 3", 98},
	} {
		path := filepath.Join(t.TempDir(), "fax.tiff")
		var buf bytes.Buffer
		if err := WriteFax(&buf, pages, tc.opts); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(tiffinfo, "-D", path)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || strings.TrimSpace(stderr.String()) != "" {
			t.Fatalf("tiffinfo: %v: %s", err, stderr.String())
		}
		info := string(out)
		dirs := strings.Count(info, "TIFF Directory at offset")
		if dirs != len(pages) {
			t.Errorf("%+v: %d directories, want %d:\n%s", tc.opts, dirs, len(pages), info)
		}
		for i, want := range map[string]int{
			`Image Width: (\d+)`:                                 len(pages),
			`Resolution: 204, (\d+) pixels/inch`:                 len(pages),
			`Bits/Sample: (\d+)`:                                 len(pages),
			`Compression Scheme: ` + regexp.QuoteMeta(tc.scheme): len(pages),
			`Photometric Interpretation: min-is-white`:           len(pages),
			`FillOrder: msb-to-lsb`:                              len(pages),
			`Page Number: (\d+)-` + strconv.Itoa(len(pages)):     len(pages),
		} {
			if got := regexp.MustCompile(i).FindAllString(info, -1); len(got) != want {
				t.Errorf("%+v: %q matched %d times, want %d:\n%s", tc.opts, i, len(got), want, info)
			}
		}
		for _, m := range regexp.MustCompile(`Image Width: (\d+)`).FindAllStringSubmatch(info, -1) {
			if m[1] != "1728" {
				t.Errorf("width %s", m[1])
			}
		}
		for _, m := range regexp.MustCompile(`Resolution: 204, (\d+) pixels/inch`).FindAllStringSubmatch(info, -1) {
			if m[1] != strconv.Itoa(tc.dpiY) {
				t.Errorf("vertical resolution %s, want %d", m[1], tc.dpiY)
			}
		}
		for _, m := range regexp.MustCompile(`Bits/Sample: (\d+)`).FindAllStringSubmatch(info, -1) {
			if m[1] != "1" {
				t.Errorf("bits per sample %s", m[1])
			}
		}
		checkLibtiffDecode(t, path, pages, tc.opts.Resolution)
	}
}

// outlineBounds is the union of the page's glyph boxes in pixels at k
// pixels per point.
func outlineBounds(p layout.Page, k float64) image.Rectangle {
	var r image.Rectangle
	for _, run := range p.Runs {
		s := run.Size / run.Font.Upem() * k
		for _, g := range run.Glyphs {
			o := glyphOutline(run.Font, g.ID)
			if o.empty() {
				continue
			}
			x0, x1 := g.X*k+float64(o.minX)*s, g.X*k+float64(o.maxX)*s
			y0, y1 := g.Y*k-float64(o.maxY)*s, g.Y*k-float64(o.minY)*s
			r = r.Union(image.Rect(int(x0), int(y0), int(x1)+1, int(y1)+1))
		}
	}
	return r
}

// checkLibtiffDecode has libtiff (tiffcp) decompress the fax TIFF into one
// uncompressed strip per page and compares those bits with the bitmaps.
func checkLibtiffDecode(t *testing.T, path string, pages []layout.Page, res Resolution) {
	tiffcp := testtool.Need(t, "tiffcp", "libtiff-tools")
	raw := filepath.Join(t.TempDir(), "raw.tiff")
	if msg, err := exec.Command(tiffcp, "-c", "none", "-r", "100000", path, raw).CombinedOutput(); err != nil {
		t.Fatalf("tiffcp: %v: %s", err, msg)
	}
	data, err := os.ReadFile(raw)
	if err != nil {
		t.Fatal(err)
	}
	got := readTIFF(t, data)
	if len(got) != len(pages) {
		t.Fatalf("libtiff copied %d pages, want %d", len(got), len(pages))
	}
	for i, pg := range got {
		want := mustFaxRes(t, pages[i], res)
		if c := pg.tags[259][0]; c != 1 || pg.tags[262][0] != 0 {
			t.Fatalf("tiffcp output: compression %d, photometric %v", c, pg.tags[262])
		}
		if !bytes.Equal(pg.strip, want.Bits) {
			t.Errorf("page %d: libtiff's decoding differs from the bitmap", i+1)
		}
	}
}

func mustFaxRes(t *testing.T, p layout.Page, res Resolution) *Bitmap {
	b, err := FaxBitmap(p, res)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

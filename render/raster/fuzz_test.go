package raster

import (
	"bytes"
	"testing"

	"github.com/ualetters/ualetters/render/layout"
)

// FuzzCCITT encodes arbitrary bitmaps with the G4 (T.6) and G3 (T.4 1-D)
// coders and decodes them with golang.org/x/image/ccitt: the decoded image
// must be the bitmap, pixel for pixel.
func FuzzCCITT(f *testing.F) {
	f.Add(uint16(1727), false, bytes.Repeat([]byte{0xAA, 0x0F, 0xF0, 0x00, 0xFF}, 400))
	f.Add(uint16(0), true, []byte{0x80, 0, 0x80})
	f.Add(uint16(8), false, []byte{0xFF, 0xFF, 0x00, 0x81})
	f.Add(uint16(2559), true, bytes.Repeat([]byte{0xFF}, 700))
	f.Fuzz(func(t *testing.T, w uint16, g3 bool, bits []byte) {
		width := 1 + int(w)%2560
		b := NewBitmap(width, min(len(bits)/((width+7)/8), 64))
		copy(b.Bits, bits)
		for y := 0; y < b.Height; y++ { // padding bits are not part of the image
			for x := width; x < b.Stride*8; x++ {
				b.Bits[y*b.Stride+x>>3] &^= 0x80 >> uint(x&7)
			}
		}
		if b.Height == 0 {
			return
		}
		c, strip := G4, encodeG4(b)
		if g3 {
			c, strip = G3, encodeG3(b)
		}
		if err := sameGray(decode(t, strip, b.Width, b.Height, c), b.Gray()); err != nil {
			t.Fatalf("%v %dx%d: %v", c, b.Width, b.Height, err)
		}
	})
}

// FuzzFaxTIFF draws arbitrary boxes and rules on one or more pages and
// writes them as a fax TIFF: the file must have one directory per page
// with the fax width, and each page's strip must decode to the page's
// bitmap.
func FuzzFaxTIFF(f *testing.F) {
	f.Add([]byte{10, 20, 200, 40, 1, 0, 90, 90, 90, 90, 3}, uint8(1), false, false)
	f.Add([]byte{0, 0, 255, 255, 255, 255, 255, 255}, uint8(2), true, true)
	f.Add([]byte{}, uint8(0), true, false)
	f.Fuzz(func(t *testing.T, shapes []byte, npages uint8, g3, normal bool) {
		pages := fuzzPages(shapes, 1+int(npages)%3)
		opts := FaxOptions{Resolution: Fine, Compression: G4}
		if g3 {
			opts.Compression = G3
		}
		if normal {
			opts.Resolution = Normal
		}
		var buf bytes.Buffer
		if err := WriteFax(&buf, pages, opts); err != nil {
			t.Fatal(err)
		}
		got := readTIFF(t, buf.Bytes())
		if len(got) != len(pages) {
			t.Fatalf("%d directories, want %d", len(got), len(pages))
		}
		for i, pg := range got {
			want, err := FaxBitmap(pages[i], opts.Resolution)
			if err != nil {
				t.Fatal(err)
			}
			w, h := int(pg.tags[256][0]), int(pg.tags[257][0])
			if w != FaxWidth || h != want.Height {
				t.Fatalf("page %d: %dx%d, want %dx%d", i+1, w, h, FaxWidth, want.Height)
			}
			if err := sameGray(decode(t, pg.strip, w, h, opts.Compression), want.Gray()); err != nil {
				t.Fatalf("page %d: %v", i+1, err)
			}
		}
	})
}

// fuzzPages turns bytes into pages of boxes and rules: five bytes a shape
// (kind, x, y, width, height, in units of 1/255 of the page).
func fuzzPages(shapes []byte, n int) []layout.Page {
	pages := make([]layout.Page, n)
	for i := range pages {
		pages[i].Paper = layout.A4
	}
	for k := 0; k+5 <= len(shapes) && k < 5*64; k += 5 {
		p := &pages[(k/5)%n]
		s := shapes[k : k+5]
		x, y := float64(s[1])/255*p.Paper.Width, float64(s[2])/255*p.Paper.Height
		w, h := float64(s[3])/255*p.Paper.Width, float64(s[4])/255*p.Paper.Height
		switch s[0] % 3 {
		case 0:
			p.AddBox(layout.Box{X: x, Y: y, W: w, H: h, Fill: true}, layout.Artifact)
		case 1:
			p.AddBox(layout.Box{X: x, Y: y, W: w, H: h, LineWidth: float64(s[0]%7) / 2}, layout.Artifact)
		default:
			p.AddRule(layout.Rule{X1: x, Y1: y, X2: x + w, Y2: y + h/4, Width: float64(s[0]%5) / 2}, layout.Artifact)
		}
	}
	return pages
}

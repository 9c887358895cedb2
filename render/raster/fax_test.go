package raster

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"math/rand/v2"
	"testing"

	"golang.org/x/image/ccitt"

	"github.com/ualetters/ualetters/render/layout"
)

// tiffPage is one directory of a TIFF as the tests read it back.
type tiffPage struct {
	tags  map[uint16][]uint32 // SHORT and LONG values; RATIONAL as num, den
	strip []byte
}

// readTIFF parses a little-endian TIFF independently of the writer.
func readTIFF(t *testing.T, data []byte) []tiffPage {
	t.Helper()
	if len(data) < 8 || string(data[:4]) != "II*\x00" {
		t.Fatalf("not a little-endian TIFF: % x", data[:min(8, len(data))])
	}
	le := binary.LittleEndian
	var pages []tiffPage
	for off := le.Uint32(data[4:]); off != 0; {
		if int(off)+2 > len(data) || len(pages) > 1000 {
			t.Fatalf("directory offset %d out of range", off)
		}
		n := int(le.Uint16(data[off:]))
		pg := tiffPage{tags: map[uint16][]uint32{}}
		prev := -1
		for i := 0; i < n; i++ {
			e := data[int(off)+2+12*i:]
			tag, typ, count, val := le.Uint16(e), le.Uint16(e[2:]), le.Uint32(e[4:]), e[8:12]
			if int(tag) <= prev {
				t.Errorf("tags not in ascending order: %d after %d", tag, prev)
			}
			prev = int(tag)
			switch {
			case typ == tShort && count <= 2:
				for j := 0; j < int(count); j++ {
					pg.tags[tag] = append(pg.tags[tag], uint32(le.Uint16(val[2*j:])))
				}
			case typ == tLong && count == 1:
				pg.tags[tag] = []uint32{le.Uint32(val)}
			case typ == tRational && count == 1:
				p := le.Uint32(val)
				pg.tags[tag] = []uint32{le.Uint32(data[p:]), le.Uint32(data[p+4:])}
			default:
				t.Fatalf("tag %d: unexpected type %d count %d", tag, typ, count)
			}
		}
		so, sc := pg.tags[273][0], pg.tags[279][0]
		pg.strip = data[so : so+sc]
		pages = append(pages, pg)
		off = le.Uint32(data[int(off)+2+12*n:])
	}
	return pages
}

// decode decodes a CCITT strip with golang.org/x/image/ccitt.
func decode(t *testing.T, strip []byte, w, h int, c Compression) *image.Gray {
	t.Helper()
	sf := ccitt.Group4
	if c == G3 {
		sf = ccitt.Group3
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	if err := ccitt.DecodeIntoGray(g, bytes.NewReader(strip), ccitt.MSB, sf, nil); err != nil {
		t.Fatalf("ccitt decode (%v %dx%d): %v", c, w, h, err)
	}
	return g
}

func (c Compression) String() string { return map[Compression]string{G4: "G4", G3: "G3"}[c] }
func (r Resolution) String() string  { return map[Resolution]string{Fine: "fine", Normal: "normal"}[r] }

// sameGray reports the first differing pixel of two grey images.
func sameGray(a, b *image.Gray) error {
	if a.Rect != b.Rect {
		return fmt.Errorf("sizes differ: %v vs %v", a.Rect, b.Rect)
	}
	for y := 0; y < a.Rect.Dy(); y++ {
		ra := a.Pix[y*a.Stride : y*a.Stride+a.Rect.Dx()]
		rb := b.Pix[y*b.Stride : y*b.Stride+b.Rect.Dx()]
		if !bytes.Equal(ra, rb) {
			for x := range ra {
				if ra[x] != rb[x] {
					return fmt.Errorf("pixel (%d,%d): %d vs %d", x, y, ra[x], rb[x])
				}
			}
		}
	}
	return nil
}

func inkCount(b *Bitmap) int {
	n := 0
	for y := 0; y < b.Height; y++ {
		for x := 0; x < b.Width; x++ {
			if b.Black(x, y) {
				n++
			}
		}
	}
	return n
}

// TestFaxRoundTrip writes real text pages as fax TIFFs and decodes every
// page's strip with golang.org/x/image/ccitt: the result must be exactly
// the rasteriser's bitmap.
func TestFaxRoundTrip(t *testing.T) {
	pages := []layout.Page{englishPage(t), urduPage(t)}
	for _, c := range []Compression{G4, G3} {
		for _, res := range []Resolution{Fine, Normal} {
			t.Run(c.String()+"-"+res.String(), func(t *testing.T) {
				var buf bytes.Buffer
				if err := WriteFax(&buf, pages, FaxOptions{Resolution: res, Compression: c}); err != nil {
					t.Fatal(err)
				}
				got := readTIFF(t, buf.Bytes())
				if len(got) != len(pages) {
					t.Fatalf("%d directories, want %d", len(got), len(pages))
				}
				for i, pg := range got {
					want, err := FaxBitmap(pages[i], res)
					if err != nil {
						t.Fatal(err)
					}
					if n := inkCount(want); n < 5000 {
						t.Fatalf("page %d has only %d ink pixels; the test page is not rendering", i+1, n)
					}
					w, h := int(pg.tags[256][0]), int(pg.tags[257][0])
					if w != FaxWidth || h != want.Height {
						t.Fatalf("page %d: %dx%d, want %dx%d", i+1, w, h, FaxWidth, want.Height)
					}
					if err := sameGray(decode(t, pg.strip, w, h, c), want.Gray()); err != nil {
						t.Errorf("page %d: decoded strip differs from the bitmap: %v", i+1, err)
					}
				}
			})
		}
	}
}

// faxLinesWant is the page length in scan lines that HylaFAX 6.0.7's
// tiffcheck accepts without re-rendering: whole lines that fit in the
// paper's length in whole millimetres (A4 297 mm: 2,291.8 and 1,145.9
// lines; Letter 279 mm: 2,152.9 and 1,076.4). TestTiffcheck asks
// tiffcheck itself.
var faxLinesWant = map[string]map[uint32]uint32{
	"a4":     {196: 2291, 98: 1145},
	"letter": {196: 2152, 98: 1076},
}

// TestFaxTags checks the directory entries TIFF Class F readers rely on.
func TestFaxTags(t *testing.T) {
	pages := []layout.Page{englishPage(t), urduPage(t), {Paper: layout.Letter}}
	for _, tc := range []struct {
		opts             FaxOptions
		compression, opt uint16
		dpiY             uint32
	}{
		{FaxOptions{}, 4, 293, 196},
		{FaxOptions{Resolution: Normal, Compression: G3}, 3, 292, 98},
	} {
		var buf bytes.Buffer
		if err := WriteFax(&buf, pages, tc.opts); err != nil {
			t.Fatal(err)
		}
		for i, pg := range readTIFF(t, buf.Bytes()) {
			want := map[uint16][]uint32{
				254: {2}, 256: {1728}, 258: {1}, 259: {uint32(tc.compression)}, 262: {0}, 266: {1},
				277: {1}, 282: {204, 1}, 283: {tc.dpiY, 1}, tc.opt: {0}, 296: {2},
				297: {uint32(i), uint32(len(pages))}, 278: pg.tags[257],
			}
			for tag, v := range want {
				if fmt.Sprint(pg.tags[tag]) != fmt.Sprint(v) {
					t.Errorf("%+v page %d tag %d = %v, want %v", tc.opts, i+1, tag, pg.tags[tag], v)
				}
			}
			if h, wantH := pg.tags[257][0], faxLinesWant[pages[i].Paper.Name][tc.dpiY]; h != wantH {
				t.Errorf("page %d (%s): %d lines, want %d", i+1, pages[i].Paper.Name, h, wantH)
			}
		}
	}
}

// TestCodecEdgeCases encodes synthetic bitmaps that stress the coders
// (runs at line ends, lines starting black, widths that are not a multiple
// of 8, runs longer than the largest make-up code) and decodes them with
// golang.org/x/image/ccitt.
func TestCodecEdgeCases(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cases := map[string]*Bitmap{}
	for _, w := range []int{1, 7, 9, 13, 64, 65, 1727, 1728, 2600, 5200} {
		white := NewBitmap(w, 5)
		black := fill(NewBitmap(w, 5), func(x, y int) bool { return true })
		checker := fill(NewBitmap(w, 6), func(x, y int) bool { return (x+y)%2 == 0 })
		stripes := fill(NewBitmap(w, 4), func(x, y int) bool { return x%2 == 1 })
		startBlack := fill(NewBitmap(w, 4), func(x, y int) bool { return x < 3+y })
		endBlack := fill(NewBitmap(w, 4), func(x, y int) bool { return x >= w-1-y })
		random := fill(NewBitmap(w, 40), func(x, y int) bool { return rng.IntN(7) == 0 })
		blobs := fill(NewBitmap(w, 40), func(x, y int) bool { return (x/5+y/3)%4 == 0 || (x*7+y*y)%31 < 3 })
		for name, b := range map[string]*Bitmap{"white": white, "black": black, "checker": checker,
			"stripes": stripes, "start-black": startBlack, "end-black": endBlack, "random": random, "blobs": blobs} {
			cases[fmt.Sprintf("%s-%d", name, w)] = b
		}
	}
	// Every run length of either colour, to check each code word.
	runs := NewBitmap(5200, 2*2601)
	for n := 0; n <= 2600; n++ {
		for x := n; x < n+n%5+1; x++ { // white run of n, then black
			runs.Set(x, 2*n, true)
		}
		for x := 0; x < n; x++ { // black run of n, then white
			runs.Set(x, 2*n+1, true)
		}
	}
	cases["every-run"] = runs
	cases["zero-height"] = NewBitmap(1728, 0)
	for name, b := range cases {
		for _, c := range []Compression{G4, G3} {
			enc := encodeG4
			if c == G3 {
				enc = encodeG3
			}
			got := decode(t, enc(b), b.Width, b.Height, c)
			if err := sameGray(got, b.Gray()); err != nil {
				t.Errorf("%s %v: %v", name, c, err)
			}
		}
	}
}

func fill(b *Bitmap, f func(x, y int) bool) *Bitmap {
	for y := 0; y < b.Height; y++ {
		for x := 0; x < b.Width; x++ {
			b.Set(x, y, f(x, y))
		}
	}
	return b
}

func TestWriteFaxErrors(t *testing.T) {
	var buf bytes.Buffer
	for name, tc := range map[string]struct {
		pages []layout.Page
		opts  FaxOptions
	}{
		"no pages":        {nil, FaxOptions{}},
		"bad resolution":  {[]layout.Page{{Paper: layout.A4}}, FaxOptions{Resolution: 7}},
		"bad compression": {[]layout.Page{{Paper: layout.A4}}, FaxOptions{Compression: -1}},
		"no paper":        {[]layout.Page{{}}, FaxOptions{}},
		"huge paper":      {[]layout.Page{{Paper: layout.Paper{Width: 595, Height: 1e9}}}, FaxOptions{}},
	} {
		if err := WriteFax(&buf, tc.pages, tc.opts); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestFaxDeterministic(t *testing.T) {
	pages := []layout.Page{urduPage(t)}
	var a, b bytes.Buffer
	if err := WriteFax(&a, pages, FaxOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteFax(&b, pages, FaxOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same pages gave different TIFF bytes")
	}
}

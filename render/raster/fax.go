package raster

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"io"
	"math"

	"github.com/ualetters/ualetters/render/layout"
)

// Resolution is a fax vertical resolution; horizontally fax always has
// 1728 pixels across a 215 mm scan line, 204 dpi.
type Resolution int

// The fax resolutions.
const (
	Fine   Resolution = iota // 204 × 196 dpi (the default)
	Normal                   // 204 × 98 dpi
)

// Compression is the CCITT coding of the fax TIFF.
type Compression int

// The fax codings.
const (
	G4 Compression = iota // ITU-T T.6 (MMR), TIFF Compression 4 (the default)
	G3                    // ITU-T T.4 one-dimensional (MH), TIFF Compression 3
)

// FaxOptions choose the resolution and coding of a fax TIFF; the zero value
// is fine resolution with Group 4 coding.
type FaxOptions struct {
	Resolution  Resolution
	Compression Compression
	// Check, when set, is called before each page; WriteFax stops with its
	// error (a cancelled request, a deadline) and writes nothing.
	Check func() error
}

// Fax geometry.
const (
	FaxWidth = 1728 // pixels per scan line
	FaxDPIX  = 204
)

// DPIY returns the vertical resolution in lines per inch.
func (r Resolution) DPIY() float64 {
	if r == Normal {
		return 98
	}
	return 196
}

func (o FaxOptions) validate() error {
	if o.Resolution != Fine && o.Resolution != Normal {
		return fmt.Errorf("%w: unknown fax resolution %d", ErrBadPage, o.Resolution)
	}
	if o.Compression != G4 && o.Compression != G3 {
		return fmt.Errorf("%w: unknown fax compression %d", ErrBadPage, o.Compression)
	}
	return nil
}

// FaxBitmap paints a page into the fax frame: 1728 pixels wide and as many
// whole lines as fit in the paper's length at the chosen resolution
// (FaxLines).
//
// Mapping: the page is painted at exactly 204 dpi across (never scaled, so
// it prints at its true size) and centred on the scan line, the offset
// rounded to a whole pixel; the frame is therefore RenderBilevel's bitmap
// at 204 × 196 (or 98) dpi shifted sideways. A4 (1687 pixels) gets 21
// white pixels on the left and about 20 on the right; Letter (1734 pixels)
// loses its outermost 3 pixels (0.4 mm of margin) on each side, the way a
// fax machine's 215 mm scan line crops a 216 mm sheet.
func FaxBitmap(p layout.Page, res Resolution) (*Bitmap, error) {
	if err := (FaxOptions{Resolution: res}).validate(); err != nil {
		return nil, err
	}
	ox := faxOffset(p.Paper)
	frame := image.Pt(FaxWidth, FaxLines(p.Paper, res))
	c, err := newCanvas(p.Paper, FaxDPIX, res.DPIY(), frame, ox, true)
	if err != nil {
		return nil, err
	}
	if err := c.paint(p); err != nil {
		return nil, err
	}
	return threshold(c.a), nil
}

// FaxLines is the number of scan lines of a fax page: the whole lines that
// fit in the paper's length counted in whole millimetres, the way fax
// gateways measure it. HylaFAX's tiffcheck takes the page length in whole
// millimetres (A4 297, Letter 279) and asks to re-render every page that
// is longer: 2,292 lines at 196 lpi are 297.02 mm. A4 gets 2,291 (fine)
// and 1,145 (normal) lines, Letter 2,152 and 1,076; the last 0.4 mm of a
// Letter page, inside its bottom margin, is not sent.
func FaxLines(paper layout.Paper, res Resolution) int {
	// The tolerances keep exact lengths (A4's 297 mm) from losing a
	// millimetre or a line to floating-point error.
	mm := math.Floor(paper.Height/72*25.4 + 1e-3)
	return int(math.Floor(mm*res.DPIY()/25.4 + 1e-6))
}

// faxOffset is the whole-pixel shift that centres the paper on the scan
// line.
func faxOffset(paper layout.Paper) float64 {
	return math.Round((FaxWidth - paper.Width*FaxDPIX/72) / 2)
}

// WriteFax writes the pages as one TIFF Class F file (RFC 2306): one
// directory per page, 1728 pixels wide, 1 bit per pixel, min-is-white,
// MSB-first fill order, one strip per page coded with T.6 (Compression 4)
// or T.4 one-dimensional coding (Compression 3, each line starting with an
// EOL, no fill bits, no RTC).
func WriteFax(w io.Writer, pages []layout.Page, opts FaxOptions) error {
	if err := opts.validate(); err != nil {
		return err
	}
	if len(pages) == 0 {
		return fmt.Errorf("%w: a fax needs at least one page", ErrBadPage)
	}
	if len(pages) > math.MaxUint16 {
		return fmt.Errorf("%w: %d pages is more than a TIFF page number holds", ErrBadPage, len(pages))
	}
	t := tiffWriter{buf: bytes.NewBuffer(make([]byte, 0, 64<<10))}
	t.header()
	for i, p := range pages {
		if opts.Check != nil {
			if err := opts.Check(); err != nil {
				return err
			}
		}
		b, err := FaxBitmap(p, opts.Resolution)
		if err != nil {
			return fmt.Errorf("fax page %d: %w", i+1, err)
		}
		var strip []byte
		if opts.Compression == G3 {
			strip = encodeG3(b)
		} else {
			strip = encodeG4(b)
		}
		t.page(b, strip, opts, i, len(pages))
	}
	if _, err := w.Write(t.buf.Bytes()); err != nil {
		return fmt.Errorf("raster: write fax TIFF: %w", err)
	}
	return nil
}

// tiffWriter lays out a little-endian TIFF in memory: the header, then per
// page its strip, its directory and the directory's out-of-line values.
type tiffWriter struct {
	buf        *bytes.Buffer
	nextIFDPos int // where the offset of the next directory goes
}

// TIFF field types.
const (
	tShort    = 3
	tLong     = 4
	tRational = 5
)

type tiffEntry struct {
	tag, typ uint16
	count    uint32
	value    uint32 // the value itself (left-justified) or an offset
}

func (t *tiffWriter) header() {
	t.buf.WriteString("II*\x00")
	t.nextIFDPos = t.buf.Len()
	t.u32(0)
}

func (t *tiffWriter) u16(v uint16) { _ = binary.Write(t.buf, binary.LittleEndian, v) }
func (t *tiffWriter) u32(v uint32) { _ = binary.Write(t.buf, binary.LittleEndian, v) }

func (t *tiffWriter) page(b *Bitmap, strip []byte, opts FaxOptions, n, total int) {
	stripOff := t.buf.Len()
	t.buf.Write(strip)
	if t.buf.Len()%2 == 1 {
		t.buf.WriteByte(0) // directories start on a word boundary
	}
	compression, optTag := uint32(4), uint16(293) // T6Options
	if opts.Compression == G3 {
		compression, optTag = 3, 292 // T4Options: 1-D, no uncompressed mode, no fill bits
	}
	entries := []tiffEntry{
		{254, tLong, 1, 2},                              // NewSubfileType: one page of a multi-page document
		{256, tLong, 1, uint32(b.Width)},                // ImageWidth
		{257, tLong, 1, uint32(b.Height)},               // ImageLength
		{258, tShort, 1, 1},                             // BitsPerSample
		{259, tShort, 1, compression},                   // Compression
		{262, tShort, 1, 0},                             // PhotometricInterpretation: min-is-white
		{266, tShort, 1, 1},                             // FillOrder: most significant bit first
		{273, tLong, 1, uint32(stripOff)},               // StripOffsets
		{277, tShort, 1, 1},                             // SamplesPerPixel
		{278, tLong, 1, uint32(b.Height)},               // RowsPerStrip: one strip per page
		{279, tLong, 1, uint32(len(strip))},             // StripByteCounts
		{282, tRational, 1, 0},                          // XResolution (value below)
		{283, tRational, 1, 0},                          // YResolution (value below)
		{optTag, tLong, 1, 0},                           // T4Options / T6Options
		{296, tShort, 1, 2},                             // ResolutionUnit: inch
		{297, tShort, 2, uint32(n) | uint32(total)<<16}, // PageNumber: n (from 0), N
		{327, tShort, 1, 0},                             // CleanFaxData: no lines were damaged
	}
	ifd := t.buf.Len()
	extra := ifd + 2 + 12*len(entries) + 4
	entries[11].value = uint32(extra)
	entries[12].value = uint32(extra + 8)
	binary.LittleEndian.PutUint32(t.buf.Bytes()[t.nextIFDPos:], uint32(ifd))
	t.u16(uint16(len(entries)))
	for _, e := range entries {
		t.u16(e.tag)
		t.u16(e.typ)
		t.u32(e.count)
		t.u32(e.value)
	}
	t.nextIFDPos = t.buf.Len()
	t.u32(0)
	t.u32(FaxDPIX)
	t.u32(1)
	t.u32(uint32(opts.Resolution.DPIY()))
	t.u32(1)
}

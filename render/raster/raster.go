// Package raster paints the layout's display list (render/layout) into
// pixels: anti-aliased grey images for PNG previews and bilevel bitmaps for
// fax, which it writes as TIFF Class F with its own CCITT T.4/T.6 encoders.
// Glyphs are filled from their TrueType outlines with
// golang.org/x/image/vector, so the pixels show exactly the pages the PDF
// back end writes, not a re-layout.
package raster

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"math"
	"sync"

	"golang.org/x/image/vector"

	"github.com/go-text/typesetting/font/opentype"

	"github.com/ualetters/ualetters/render/layout"
)

// Limits that keep a bad page or resolution from exhausting memory.
const (
	MaxDPI      = 2400
	maxPixels   = 1 << 27
	maxFontSize = 1000 // points; larger runs are not painted
	maxCoord    = 1e5  // points; slanted rules further out are not painted
)

// ErrBadPage reports a page or resolution the rasteriser cannot paint.
var ErrBadPage = errors.New("raster: bad page")

// Render paints a page at dpiX × dpiY pixels per inch, anti-aliased, black
// ink on white paper. The image covers the whole paper. A resolution outside
// (0, MaxDPI], a paper without a sane size or a page whose display list
// does not match its runs, rules and boxes gives an empty image; PNG and
// WriteFax report those cases as errors.
func Render(p layout.Page, dpiX, dpiY float64) *image.Gray {
	c, err := newCanvas(p.Paper, dpiX, dpiY, image.Point{}, 0, false)
	if err != nil || c.paint(p) != nil {
		return image.NewGray(image.Rectangle{})
	}
	return toGray(c.a)
}

// RenderBilevel paints a page at dpiX × dpiY as a bilevel bitmap: a pixel
// is ink when at least half of it is covered, and rules and box edges are
// snapped to whole pixels and never thinner than one, so no hairline is
// lost. A bad resolution or paper gives an empty bitmap.
func RenderBilevel(p layout.Page, dpiX, dpiY float64) *Bitmap {
	b, err := renderBilevel(p, dpiX, dpiY)
	if err != nil {
		return NewBitmap(0, 0)
	}
	return b
}

func renderBilevel(p layout.Page, dpiX, dpiY float64) (*Bitmap, error) {
	c, err := newCanvas(p.Paper, dpiX, dpiY, image.Point{}, 0, true)
	if err != nil {
		return nil, err
	}
	if err := c.paint(p); err != nil {
		return nil, err
	}
	return threshold(c.a), nil
}

// canvas is one page being painted: a coverage image (0 paper, 255 ink) and
// the mapping from points to pixels, x' = x·kx + ox, y' = y·ky + oy.
type canvas struct {
	a      *image.Alpha
	kx, ky float64
	ox, oy float64
	snap   bool // bilevel output: snap rules to pixels, at least one wide
}

// newCanvas sizes a canvas for the paper at the given resolution. A
// positive frame width (the fax scan line) or height (the fax page length)
// replaces the paper's rounded pixel size; ox shifts the page sideways
// inside the frame.
func newCanvas(paper layout.Paper, dpiX, dpiY float64, frame image.Point, ox float64, snap bool) (*canvas, error) {
	if !(dpiX > 0 && dpiX <= MaxDPI && dpiY > 0 && dpiY <= MaxDPI) {
		return nil, fmt.Errorf("%w: resolution %gx%g dpi is outside (0, %d]", ErrBadPage, dpiX, dpiY, MaxDPI)
	}
	if !(paper.Width > 0 && paper.Height > 0 && paper.Width < 14400 && paper.Height < 14400) {
		return nil, fmt.Errorf("%w: paper %gx%g pt", ErrBadPage, paper.Width, paper.Height)
	}
	kx, ky := dpiX/72, dpiY/72
	w := int(math.Round(paper.Width * kx))
	if frame.X > 0 {
		w = frame.X
	}
	h := int(math.Round(paper.Height * ky))
	if frame.Y > 0 {
		h = frame.Y
	}
	if w <= 0 || h <= 0 || w*h > maxPixels {
		return nil, fmt.Errorf("%w: %dx%d pixels", ErrBadPage, w, h)
	}
	return &canvas{a: image.NewAlpha(image.Rect(0, 0, w, h)), kx: kx, ky: ky, ox: ox, snap: snap}, nil
}

// paint draws the page's items in the display list's order; ink only adds.
func (c *canvas) paint(p layout.Page) error {
	g := glyphPainters.Get().(*glyphPainter)
	defer glyphPainters.Put(g)
	if err := p.Paint(canvasPainter{c, g}); err != nil {
		return fmt.Errorf("%w: %w", ErrBadPage, err)
	}
	return nil
}

// canvasPainter paints display list items on a canvas.
type canvasPainter struct {
	c *canvas
	g *glyphPainter
}

func (cp canvasPainter) Run(r *layout.GlyphRun, _ layout.Item) error {
	cp.c.run(cp.g, r)
	return nil
}

func (cp canvasPainter) Rule(r layout.Rule, _ layout.Item) error {
	cp.c.rule(cp.g, r)
	return nil
}

func (cp canvasPainter) Box(b layout.Box, _ layout.Item) error {
	cp.c.box(b)
	return nil
}

// glyphPainter is the scratch state for filling one path: a rasterizer and
// a coverage buffer sized to the path's bounding box.
type glyphPainter struct {
	z    vector.Rasterizer
	mask image.Alpha
}

var glyphPainters = sync.Pool{New: func() any { return new(glyphPainter) }}

// begin prepares the painter for a path whose pixels are r.
func (g *glyphPainter) begin(r image.Rectangle) {
	w, h := r.Dx(), r.Dy()
	g.z.Reset(w, h)
	g.z.DrawOp = draw.Src
	if cap(g.mask.Pix) < w*h {
		g.mask.Pix = make([]byte, w*h)
	}
	g.mask.Pix = g.mask.Pix[:w*h]
	g.mask.Stride = w
	g.mask.Rect = image.Rect(0, 0, w, h)
}

// end fills the path and adds its coverage to the canvas at r (saturating,
// so overlapping parts of joined glyphs stay solid).
func (g *glyphPainter) end(c *canvas, r image.Rectangle) {
	g.z.Draw(&g.mask, g.mask.Rect, image.Opaque, image.Point{})
	w := r.Dx()
	for y := 0; y < r.Dy(); y++ {
		src := g.mask.Pix[y*w : y*w+w]
		o := c.a.PixOffset(r.Min.X, r.Min.Y+y)
		dst := c.a.Pix[o : o+w]
		i := 0
		for ; i+8 <= w; i += 8 { // where the page is still blank, copy
			s := binary.LittleEndian.Uint64(src[i:])
			if s == 0 {
				continue
			}
			if binary.LittleEndian.Uint64(dst[i:]) == 0 {
				binary.LittleEndian.PutUint64(dst[i:], s)
				continue
			}
			addSat(dst[i:i+8], src[i:i+8])
		}
		addSat(dst[i:], src[i:])
	}
}

// addSat adds coverage, saturating at full.
func addSat(dst, src []byte) {
	for i, s := range src {
		dst[i] = byte(min(int(dst[i])+int(s), 255))
	}
}

// run paints the glyphs of one run from their outlines.
func (c *canvas) run(g *glyphPainter, run *layout.GlyphRun) {
	if !run.Font.Valid() || !(run.Size > 0 && run.Size <= maxFontSize) {
		return
	}
	scale := run.Size / run.Font.Upem()
	sx, sy := float32(scale*c.kx), float32(scale*c.ky)
	for _, gl := range run.Glyphs {
		o := glyphOutline(run.Font, gl.ID)
		if o.empty() || !finite(gl.X) || !finite(gl.Y) {
			continue
		}
		px, py := gl.X*c.kx+c.ox, gl.Y*c.ky+c.oy
		r := c.clip(px+float64(o.minX*sx), py-float64(o.maxY*sy), px+float64(o.maxX*sx), py-float64(o.minY*sy))
		if r.Empty() {
			continue
		}
		g.begin(r)
		tx, ty := float32(px-float64(r.Min.X)), float32(py-float64(r.Min.Y))
		addOutline(&g.z, o, tx, ty, sx, sy)
		g.end(c, r)
	}
}

// clip returns the whole pixels touched by a device-space box, inside the
// canvas.
func (c *canvas) clip(x0, y0, x1, y1 float64) image.Rectangle {
	if !(finite(x0) && finite(y0) && finite(x1) && finite(y1)) {
		return image.Rectangle{}
	}
	b := c.a.Rect
	r := image.Rect(
		int(math.Floor(math.Max(x0, -1))), int(math.Floor(math.Max(y0, -1))),
		int(math.Ceil(math.Min(x1, float64(b.Max.X+1)))), int(math.Ceil(math.Min(y1, float64(b.Max.Y+1)))))
	return r.Intersect(b)
}

// addOutline adds a glyph path to z: font units scaled by (sx, -sy), then
// translated by (tx, ty).
func addOutline(z *vector.Rasterizer, o *outline, tx, ty, sx, sy float32) {
	pts := o.pts
	pt := func(i int) (float32, float32) { return tx + pts[2*i]*sx, ty - pts[2*i+1]*sy }
	k := 0
	open := false
	for _, op := range o.ops {
		switch op {
		case opentype.SegmentOpMoveTo:
			if open {
				z.ClosePath()
			}
			z.MoveTo(pt(k))
			open = true
			k++
		case opentype.SegmentOpLineTo:
			z.LineTo(pt(k))
			k++
		case opentype.SegmentOpQuadTo:
			bx, by := pt(k)
			cx, cy := pt(k + 1)
			z.QuadTo(bx, by, cx, cy)
			k += 2
		case opentype.SegmentOpCubeTo:
			bx, by := pt(k)
			cx, cy := pt(k + 1)
			dx, dy := pt(k + 2)
			z.CubeTo(bx, by, cx, cy, dx, dy)
			k += 3
		}
	}
	if open {
		z.ClosePath()
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

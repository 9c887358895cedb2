package raster

import (
	"image"
	"math"

	"github.com/ualetters/ualetters/render/layout"
)

// rule paints a straight line with butt ends. Horizontal and vertical
// rules (all the layout draws) are rectangles; any other is filled as a
// quadrilateral. A width of zero or less means the thinnest line the
// device can show: one pixel.
func (c *canvas) rule(g *glyphPainter, r layout.Rule) {
	if !(finite(r.X1) && finite(r.Y1) && finite(r.X2) && finite(r.Y2) && finite(r.Width)) {
		return
	}
	hw := math.Max(r.Width, 0) / 2
	switch {
	case r.Y1 == r.Y2 && r.X1 != r.X2:
		hw = math.Max(hw, 0.5/c.ky) // at least one pixel high
		c.rect(math.Min(r.X1, r.X2), r.Y1-hw, math.Max(r.X1, r.X2), r.Y1+hw)
	case r.X1 == r.X2 && r.Y1 != r.Y2:
		hw = math.Max(hw, 0.5/c.kx) // at least one pixel wide
		c.rect(r.X1-hw, math.Min(r.Y1, r.Y2), r.X1+hw, math.Max(r.Y1, r.Y2))
	case r.X1 != r.X2:
		c.slantedRule(g, r)
	}
}

// slantedRule fills a rule that is neither horizontal nor vertical, at
// least one pixel wide (one and a half when bilevel, so that thresholding
// keeps it connected).
func (c *canvas) slantedRule(g *glyphPainter, r layout.Rule) {
	if max(math.Abs(r.X1), math.Abs(r.Y1), math.Abs(r.X2), math.Abs(r.Y2), r.Width) > maxCoord {
		return
	}
	x1, y1 := r.X1*c.kx+c.ox, r.Y1*c.ky+c.oy
	x2, y2 := r.X2*c.kx+c.ox, r.Y2*c.ky+c.oy
	dx, dy := x2-x1, y2-y1
	n := math.Hypot(dx, dy)
	w := math.Max(r.Width*(c.kx+c.ky)/2, 1)
	if c.snap {
		w = math.Max(w, 1.5)
	}
	nx, ny := -dy/n*w/2, dx/n*w/2 // half-width normal
	box := c.clip(math.Min(x1, x2)-w, math.Min(y1, y2)-w, math.Max(x1, x2)+w, math.Max(y1, y2)+w)
	if box.Empty() {
		return
	}
	g.begin(box)
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	z := &g.z
	z.MoveTo(float32(x1+nx-ox), float32(y1+ny-oy))
	z.LineTo(float32(x2+nx-ox), float32(y2+ny-oy))
	z.LineTo(float32(x2-nx-ox), float32(y2-ny-oy))
	z.LineTo(float32(x1-nx-ox), float32(y1-ny-oy))
	z.ClosePath()
	g.end(c, box)
}

// box paints a filled and/or stroked rectangle; the stroke is centred on
// the rectangle's edges.
func (c *canvas) box(b layout.Box) {
	if !(finite(b.X) && finite(b.Y) && finite(b.W) && finite(b.H) && finite(b.LineWidth)) {
		return
	}
	x0, x1 := math.Min(b.X, b.X+b.W), math.Max(b.X, b.X+b.W)
	y0, y1 := math.Min(b.Y, b.Y+b.H), math.Max(b.Y, b.Y+b.H)
	if b.Fill {
		c.rect(x0, y0, x1, y1)
	}
	if h := b.LineWidth / 2; b.LineWidth > 0 {
		c.rect(x0-h, y0-h, x1+h, y0+h) // top
		c.rect(x0-h, y1-h, x1+h, y1+h) // bottom
		c.rect(x0-h, y0+h, x0+h, y1-h) // left
		c.rect(x1-h, y0+h, x1+h, y1-h) // right
	}
}

// rect fills an axis-aligned rectangle given in points. Anti-aliased, edge
// pixels get their covered fraction; bilevel, the edges snap to the nearest
// pixel boundary and the rectangle keeps at least one pixel each way.
func (c *canvas) rect(x0, y0, x1, y1 float64) {
	x0, x1 = x0*c.kx+c.ox, x1*c.kx+c.ox
	y0, y1 = y0*c.ky+c.oy, y1*c.ky+c.oy
	if c.snap {
		ix0, ix1 := snapSpan(x0, x1)
		iy0, iy1 := snapSpan(y0, y1)
		r := image.Rect(ix0, iy0, ix1, iy1).Intersect(c.a.Rect)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := c.a.Pix[c.a.PixOffset(r.Min.X, y):c.a.PixOffset(r.Max.X, y)]
			for i := range row {
				row[i] = 255
			}
		}
		return
	}
	r := c.clip(x0, y0, x1, y1)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		cy := overlap(float64(y), y0, y1)
		for x := r.Min.X; x < r.Max.X; x++ {
			v := cy * overlap(float64(x), x0, x1) * 255
			o := c.a.PixOffset(x, y)
			c.a.Pix[o] = byte(math.Min(float64(c.a.Pix[o])+math.Round(v), 255))
		}
	}
}

// snapSpan rounds [a, b] to pixel boundaries, keeping at least one pixel:
// the one holding the span's middle.
func snapSpan(a, b float64) (int, int) {
	clamp := func(v float64) float64 { return math.Min(math.Max(v, -2), 1<<24) } // far from int overflow
	a, b = clamp(a), clamp(b)
	i0, i1 := int(math.Round(a)), int(math.Round(b))
	if i1 <= i0 {
		i0 = int(math.Floor((a + b) / 2))
		i1 = i0 + 1
	}
	return i0, i1
}

// overlap is the length of [p, p+1] ∩ [a, b].
func overlap(p, a, b float64) float64 {
	return math.Max(0, math.Min(p+1, b)-math.Max(p, a))
}

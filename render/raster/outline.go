package raster

import (
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"

	"github.com/ualetters/ualetters/fonts"
)

// outline is one glyph's path in font units (y up), flattened into an op
// list and a coordinate list, with the bounding box of its points (the
// control points of a quadratic or cubic curve bound the curve).
type outline struct {
	ops                    []opentype.SegmentOp
	pts                    []float32 // x, y pairs: 1 per move/line, 2 per quad, 3 per cube
	minX, minY, maxX, maxY float32
}

func (o *outline) empty() bool { return len(o.ops) == 0 }

// glyphOutline returns a glyph's outline from the font registry, which
// keeps every outline loaded for the life of the process: the fonts are
// embedded and immutable, and a letter uses a few hundred distinct glyphs.
// Unknown glyph ids give an empty outline. It is safe for concurrent use.
func glyphOutline(id fonts.ID, gid uint16) *outline {
	return fonts.Glyph(fonts.GlyphOutlines, id, gid, loadOutline)
}

// loadOutline reads a glyph's outline with the font's shared face and
// reports the bytes it takes.
func loadOutline(id fonts.ID, gid uint16) (*outline, int) {
	var o *outline
	id.WithFace(func(face *font.Face) { o = flatten(face.GlyphData(font.GID(gid))) })
	return o, o.bytes()
}

// bytes is the heap the outline takes: the struct and its two slices.
func (o *outline) bytes() int { return 80 + cap(o.ops) + 4*cap(o.pts) }

// flatten turns go-text's glyph data into an outline.
func flatten(glyph font.GlyphData) *outline {
	o := &outline{}
	data, ok := glyph.(font.GlyphOutline)
	if !ok {
		return o
	}
	first := true
	for _, s := range data.Segments {
		o.ops = append(o.ops, s.Op)
		for _, p := range s.ArgsSlice() {
			o.pts = append(o.pts, p.X, p.Y)
			if first {
				o.minX, o.maxX, o.minY, o.maxY = p.X, p.X, p.Y, p.Y
				first = false
			}
			o.minX, o.maxX = min(o.minX, p.X), max(o.maxX, p.X)
			o.minY, o.maxY = min(o.minY, p.Y), max(o.maxY, p.Y)
		}
	}
	return o
}

package pdf

import (
	"bytes"
	"hash/fnv"
	"math"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"

	"github.com/ualetters/ualetters/fonts"
)

// glyphForm is a glyph outline as the content of a form XObject: PDF
// path operators in font units (y up), filled with the nonzero rule that
// TrueType outlines use, and its bounding box. Silent glyphs are drawn
// this way, as paths rather than text (see content.drawSilent). Only the
// compressed operators are kept: the cache holds them for the life of the
// process.
type glyphForm struct {
	z    []byte // the operators Flate-compressed; empty without outline
	dict string // the form's dictionary before /Length: type, bounding box (font units), filter
	sum  uint64 // FNV-1a of z, to find glyphs of the same outline
}

// empty reports a glyph without outline (a space): nothing to draw.
func (g *glyphForm) empty() bool { return len(g.z) == 0 }

// glyphOutline returns the form of a glyph from the font registry, which
// keeps every form built for the life of the process (the fonts are
// bundled and immutable); a glyph without outline (a space) has an empty
// path.
func glyphOutline(id fonts.ID, gid uint16) *glyphForm {
	return fonts.Glyph(fonts.GlyphForms, id, gid, loadGlyphForm)
}

// bytes is the heap the form takes: the struct, the compressed operators
// and the dictionary.
func (g *glyphForm) bytes() int { return 48 + cap(g.z) + len(g.dict) }

// loadGlyphForm builds a glyph's form from its outline, read with the
// font's shared face, and reports the bytes it takes.
func loadGlyphForm(id fonts.ID, gid uint16) (*glyphForm, int) {
	var data gofont.GlyphOutline
	id.WithFace(func(face *gofont.Face) { data, _ = face.GlyphData(gofont.GID(gid)).(gofont.GlyphOutline) })
	g := formOf(data)
	return g, g.bytes()
}

// formOf turns an outline into a form.
func formOf(data gofont.GlyphOutline) *glyphForm {
	path, bbox := pathOf(data.Segments)
	g := &glyphForm{}
	if len(path) > 0 {
		z := getZ(levelForm)
		g.z = bytes.Clone(z.compress(path))
		putZ(z)
		h := fnv.New64a()
		h.Write(g.z)
		g.sum = h.Sum64()
		dict := append([]byte(nil), "/Subtype/Form/BBox["...)
		for i, v := range bbox {
			if i > 0 {
				dict = append(dict, ' ')
			}
			dict = appendNum(dict, v, 0)
		}
		g.dict = string(append(dict, "]/Filter/FlateDecode"...))
	}
	return g
}

// pathOf converts outline segments to PDF path operators in whole font
// units and returns them with their bounding box. Quadratic curves
// (TrueType) become the equivalent cubic ones, which simplify then merges
// and straightens within outlineTolerance.
func pathOf(segs []opentype.Segment) ([]byte, [4]float64) {
	var w pathWriter
	var contour []pathSeg
	var cur point
	pt := func(p opentype.SegmentPoint) point { return point{float64(p.X), float64(p.Y)} }
	for _, s := range segs {
		a := s.Args
		switch s.Op {
		case opentype.SegmentOpMoveTo:
			w.contour(simplify(contour))
			cur = pt(a[0])
			contour = append(contour[:0], pathSeg{op: 'm', c: cubic{cur, cur, cur, cur}})
		case opentype.SegmentOpLineTo:
			end := pt(a[0])
			contour = append(contour, pathSeg{op: 'l', c: line(cur, end)})
			cur = end
		case opentype.SegmentOpQuadTo:
			q, end := pt(a[0]), pt(a[1])
			contour = append(contour, pathSeg{op: 'c', c: cubic{cur, cur.add(q.sub(cur).scale(2.0 / 3)), end.add(q.sub(end).scale(2.0 / 3)), end}})
			cur = end
		case opentype.SegmentOpCubeTo:
			end := pt(a[2])
			contour = append(contour, pathSeg{op: 'c', c: cubic{cur, pt(a[0]), pt(a[1]), end}})
			cur = end
		}
	}
	w.contour(simplify(contour))
	if len(w.path) == 0 {
		return nil, [4]float64{}
	}
	return append(w.path, 'f'), w.bbox
}

// pathWriter accumulates path operators and their bounding box.
type pathWriter struct {
	path []byte
	bbox [4]float64
}

// contour writes a contour's segments and widens the bounding box to hold
// their points (a curve lies inside its control points' hull).
func (w *pathWriter) contour(segs []pathSeg) {
	if len(w.path) == 0 && len(segs) > 0 {
		w.bbox = [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	}
	for _, s := range segs {
		pts := s.c[3:]
		if s.op == 'c' {
			pts = s.c[1:]
		}
		for _, p := range pts {
			w.path = appendNum(w.path, p.x, 0)
			w.path = append(w.path, ' ')
			w.path = appendNum(w.path, p.y, 0)
			w.path = append(w.path, ' ')
			w.bbox = [4]float64{min(w.bbox[0], p.x), min(w.bbox[1], p.y), max(w.bbox[2], p.x), max(w.bbox[3], p.y)}
		}
		w.path = append(w.path, s.op, '\n')
	}
}

package raster

import (
	"sync"

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

type glyphKey struct {
	font fonts.ID
	gid  uint16
}

// outlines caches glyph outlines for the life of the process: the fonts are
// embedded and immutable, and a letter uses a few hundred distinct glyphs.
var outlines sync.Map // glyphKey → *outline

// faces holds one go-text face per font for loading outlines; a face is not
// safe for concurrent use, so each is guarded by its own lock.
var faces struct {
	sync.Mutex
	m map[fonts.ID]*font.Face
}

// validFont reports whether id names a bundled font.
func validFont(id fonts.ID) bool { return id >= 0 && int(id) < len(fonts.All()) }

// glyphOutline returns the cached outline of a glyph; unknown glyph ids give
// an empty outline. It is safe for concurrent use.
func glyphOutline(id fonts.ID, gid uint16) *outline {
	k := glyphKey{id, gid}
	if o, ok := outlines.Load(k); ok {
		return o.(*outline)
	}
	o := loadOutline(id, gid)
	actual, _ := outlines.LoadOrStore(k, o)
	return actual.(*outline)
}

func loadOutline(id fonts.ID, gid uint16) *outline {
	faces.Lock()
	defer faces.Unlock()
	if faces.m == nil {
		faces.m = map[fonts.ID]*font.Face{}
	}
	face := faces.m[id]
	if face == nil {
		face = id.NewFace()
		faces.m[id] = face
	}
	o := &outline{}
	data, ok := face.GlyphData(font.GID(gid)).(font.GlyphOutline)
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

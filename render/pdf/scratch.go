package pdf

import "sync"

// scratch is the working memory of one render that does not outlive it:
// a page's content, compressed streams, the glyph tables of its fonts.
// Renders take it from a pool, so a letter's garbage is mostly its output.
type scratch struct {
	content []byte
	cuts    []int
	runes   []rune
	zbuf    []byte
	tables  []glyphTables
}

// glyphTables are a font's per-glyph tables (fontUse.use, speak, formOf),
// sized to its glyph count, and the list of glyphs it used (fontUse.list).
type glyphTables struct {
	use    []uint8
	speak  []uint16
	formOf []uint16
	list   []uint16
	layer  map[rune]uint16 // fontUse.layerCID
	seen   map[uint64]int  // fontUse.seen
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// tablesFor returns zeroed glyph tables for a font of n glyphs. Tables
// come back zeroed from release, which clears only the glyphs listed as
// used instead of the font's thousands.
func (s *scratch) tablesFor(n int) glyphTables {
	var t glyphTables
	if k := len(s.tables); k > 0 {
		t, s.tables = s.tables[k-1], s.tables[:k-1]
	}
	if t.layer == nil {
		t.layer, t.seen = make(map[rune]uint16, 128), make(map[uint64]int, 256)
	}
	if cap(t.use) < n {
		return glyphTables{use: make([]uint8, n), speak: make([]uint16, n), formOf: make([]uint16, n), layer: t.layer, seen: t.seen}
	}
	return glyphTables{use: t.use[:n], speak: t.speak[:n], formOf: t.formOf[:n], list: t.list[:0], layer: t.layer, seen: t.seen}
}

// release gives the fonts' tables back and the scratch to the pool.
func (s *scratch) release(used []*fontUse) {
	for _, f := range used {
		for _, g := range f.list { // assign and addForm write only these
			f.use[g], f.speak[g], f.formOf[g] = 0, 0, 0
		}
		clear(f.layerCID)
		clear(f.seen)
		s.tables = append(s.tables, glyphTables{use: f.use[:cap(f.use)], speak: f.speak[:cap(f.speak)],
			formOf: f.formOf[:cap(f.formOf)], list: f.list, layer: f.layerCID, seen: f.seen})
	}
	scratches.Put(s)
}

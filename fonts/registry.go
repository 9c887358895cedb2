package fonts

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/go-text/typesetting/font"

	"github.com/ualetters/ualetters/internal/lru"
)

// The registry is the one holder of per-font data in the process: one
// entry per bundled font with its file, its parsed form and the caches the
// renderers fill for it on first use. Every such cache is named here, with
// the bound on what it can hold; the renderers supply the code that fills
// it (Value, Glyph) and keep no per-font state of their own
// (TestRegistryOnlyHolder). Nothing here grows past its bound: a
// font has a fixed number of glyphs and each cache holds at most one value
// per font or per glyph.

// Cache names one per-font cache of the registry.
type Cache int

// The per-font caches. Their bounds (cacheInfos) are ceilings measured
// with every entry filled: TestParsedBytes, and TestFontDataBytes,
// TestFontPartBytes, TestOutlineBytes and TestGlyphCacheBound in the
// renderers, fill them and check the heap taken against the bytes counted.
const (
	// Parsed: the font file, go-text's parsed font and the shared face
	// (fonts).
	Parsed Cache = iota
	// PDFFont: the font parsed for embedding in PDF, with its
	// descriptor metrics (render/pdf).
	PDFFont
	// DOCXPart: the obfuscated and deflated font part (render/docx).
	DOCXPart
	// HyphenGlyph: the glyph and advance of "-" (render/text).
	HyphenGlyph
	// BodyHeight: the median ink height of small letters (render/text).
	BodyHeight
	// GlyphOutlines: each glyph's flattened outline (render/raster).
	GlyphOutlines
	// GlyphForms: each glyph's outline as a compressed PDF form XObject
	// (render/pdf).
	GlyphForms
	numCaches
)

// cacheInfos names each cache and bounds it: the ceiling measured with
// every entry filled for all seven fonts (15,441 glyphs), rounded up.
var cacheInfos = [numCaches]struct {
	name  string
	bound int // bytes
}{
	Parsed:        {"font_files", 11 << 20},          // 10.8 MB: 3.1 MB of files, 7.4 MB parsed, 0.3 MB of faces
	PDFFont:       {"font_pdf", 512 << 10},           // 498 KB
	DOCXPart:      {"font_docx_parts", 3 << 19},      // 1.40 MB compressed
	HyphenGlyph:   {"font_hyphen_glyphs", 1 << 10},   // 16 bytes a font
	BodyHeight:    {"font_body_heights", 1 << 10},    // 8 bytes a font
	GlyphOutlines: {"font_glyph_outlines", 13 << 20}, // 13.05 MB, every glyph
	GlyphForms:    {"font_glyph_forms", 6 << 20},     // 5.2 MiB counted, 5.4 MiB of heap, every glyph
}

// Name is the cache's name on /metrics.
func (c Cache) Name() string { return cacheInfos[c].name }

// Caches lists every per-font cache of the registry.
func Caches() []Cache {
	cs := make([]Cache, numCaches)
	for i := range cs {
		cs[i] = Cache(i)
	}
	return cs
}

// entry is one bundled font's data and caches.
type entry struct {
	data    []byte
	font    *font.Font
	nGlyphs int
	values  [numCaches]valueCell
	glyphs  [numCaches]glyphCells
	face    lockedFace
}

// valueCell holds one value computed once per font.
type valueCell struct {
	once sync.Once
	v    any
	err  error
}

// glyphCells holds one value per glyph, allocated on first use.
type glyphCells struct {
	once  sync.Once
	cells []atomic.Pointer[any]
}

// lockedFace is the font's shared go-text face; a face is not safe for
// concurrent use, so it is only reached through WithFace.
type lockedFace struct {
	sync.Mutex
	face *font.Face
}

type cacheCounters struct {
	hits, misses, entries, bytes atomic.Int64
}

type registry struct {
	once    sync.Once
	err     error
	entries [count]entry
	stats   [numCaches]cacheCounters
}

// reg is the process's font registry: the bundled fonts are embedded and
// immutable, so every part of the program shares one.
var reg registry

// Load parses every bundled font; it is cheap after the first call.
func Load() error {
	reg.once.Do(func() { reg.err = reg.load() })
	return reg.err
}

func (r *registry) load() error {
	for id := range r.entries {
		data, err := files.ReadFile(infos[id].file)
		if err != nil {
			return fmt.Errorf("fonts: read %s: %w", infos[id].file, err)
		}
		face, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("fonts: parse %s: %w", infos[id].file, err)
		}
		n, err := numGlyphs(data)
		if err != nil {
			return fmt.Errorf("fonts: %s: %w", infos[id].file, err)
		}
		r.entries[id] = entry{data: data, font: face.Font, nGlyphs: n}
		r.stats[Parsed].entries.Add(1)
		r.stats[Parsed].misses.Add(1) // read once; later reads of a parsed font are not counted
		r.stats[Parsed].bytes.Add(int64(len(data)) + parsedOverhead*int64(n))
	}
	return nil
}

// parsedOverhead is the heap go-text's parsed font takes per glyph beyond
// the file, measured (TestParsedBytes) and rounded up.
const parsedOverhead = 480

// faceBytes is what a shared face takes: go-text keeps the extents of
// every glyph it measures, 20 bytes a glyph.
func faceBytes(nGlyphs int) int64 { return 128 + 20*int64(nGlyphs) }

// numGlyphs reads the glyph count from the font's maxp table.
func numGlyphs(data []byte) (int, error) {
	if len(data) < 12 {
		return 0, fmt.Errorf("no table directory")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			break
		}
		if string(data[rec:rec+4]) != "maxp" {
			continue
		}
		off := int(binary.BigEndian.Uint32(data[rec+8:]))
		if off+6 > len(data) {
			break
		}
		return int(binary.BigEndian.Uint16(data[off+4:])), nil
	}
	return 0, fmt.Errorf("no maxp table")
}

func (id ID) entry() *entry {
	if err := Load(); err != nil {
		panic(err) // the fonts are embedded: failure means a broken build
	}
	return &reg.entries[id]
}

// Valid reports whether id names a bundled font.
func (id ID) Valid() bool { return id >= 0 && id < count }

// NumGlyphs is the number of glyphs in the font.
func (id ID) NumGlyphs() int { return id.entry().nGlyphs }

// WithFace calls f with the font's shared face, holding its lock: for
// work on a miss of a cache (outlines), not for every glyph drawn.
func (id ID) WithFace(f func(*font.Face)) {
	e := id.entry()
	e.face.Lock()
	defer e.face.Unlock()
	if e.face.face == nil {
		e.face.face = font.NewFace(e.font)
		reg.stats[Parsed].bytes.Add(faceBytes(e.nGlyphs))
	}
	f(e.face.face)
}

// Value returns the font's value in cache c, computing it with fill on the
// first call for that font (fill also reports the bytes the value takes);
// an error from fill is kept and returned on every call. T must be the
// same type in every call for c. Safe for concurrent use.
func Value[T any](c Cache, id ID, fill func(ID) (T, int, error)) (T, error) {
	var zero T
	if !id.Valid() {
		return zero, fmt.Errorf("fonts: unknown font %d", int(id))
	}
	cell := &id.entry().values[c]
	st := &reg.stats[c]
	missed := false
	cell.once.Do(func() {
		missed = true
		v, n, err := fill(id)
		cell.v, cell.err = v, err
		if err == nil {
			st.entries.Add(1)
			st.bytes.Add(int64(n))
		}
	})
	tally(st, missed)
	if cell.err != nil {
		return zero, cell.err
	}
	return cell.v.(T), nil
}

// Glyph returns glyph gid's value in the font's cache c, computing it with
// fill on first use (fill also reports the bytes the value takes). A glyph
// id the font does not have is filled on every call and not kept. T must
// be the same type in every call for c. Safe for concurrent use; two
// goroutines missing the same glyph at once both fill it, and the first
// value stored is the one every caller gets.
func Glyph[T any](c Cache, id ID, gid uint16, fill func(ID, uint16) (T, int)) T {
	e := id.entry()
	if int(gid) >= e.nGlyphs {
		v, _ := fill(id, gid)
		return v
	}
	g := &e.glyphs[c]
	st := &reg.stats[c]
	g.once.Do(func() {
		g.cells = make([]atomic.Pointer[any], e.nGlyphs)
		st.bytes.Add(int64(8 * e.nGlyphs))
	})
	cell := &g.cells[gid]
	if p := cell.Load(); p != nil {
		tally(st, false)
		return (*p).(T)
	}
	v, n := fill(id, gid)
	var boxed any = v
	if cell.CompareAndSwap(nil, &boxed) {
		st.entries.Add(1)
		st.bytes.Add(int64(n) + boxBytes)
	}
	tally(st, true)
	return (*cell.Load()).(T)
}

// boxBytes is what keeping a glyph's value takes beyond the value: the
// interface it is boxed in.
const boxBytes = 16

func tally(st *cacheCounters, missed bool) {
	if missed {
		st.misses.Add(1)
	} else {
		st.hits.Add(1)
	}
}

// Stats reports one per-font cache over every font: what it holds
// against its measured ceiling, and how often it answered.
func Stats(c Cache) lru.Stats {
	st := &reg.stats[c]
	return lru.Stats{
		Hits: uint64(st.hits.Load()), Misses: uint64(st.misses.Load()),
		Entries: int(st.entries.Load()), Bytes: int(st.bytes.Load()), MaxBytes: cacheInfos[c].bound,
	}
}

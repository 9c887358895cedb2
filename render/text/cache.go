package text

import (
	"strconv"
	"strings"
	"unsafe"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/internal/lru"
)

// Cache holds shaped runs keyed by font, shaping parameters and text, and
// laid-out paragraphs keyed by their whole input and width (the template
// paragraphs of a letter repeat from request to request). Runs are shaped
// in font units, so one entry serves every font size. Each kind is bounded
// by the bytes it holds (values and keys) and evicts the least recently
// used entries. A Cache is safe for concurrent use.
type Cache struct {
	runs  *lru.Cache[string, []ShapedGlyph]
	paras *lru.Cache[string, []Line]
}

// NewCache returns a cache holding at most maxBytes of shaped runs and as
// many of laid-out paragraphs; maxBytes <= 0 disables caching.
func NewCache(maxBytes int) *Cache {
	return &Cache{runs: lru.New[string, []ShapedGlyph](maxBytes), paras: lru.New[string, []Line](maxBytes)}
}

// NewCacheSizes returns a cache holding at most runBytes of shaped runs
// and paraBytes of laid-out paragraphs.
func NewCacheSizes(runBytes, paraBytes int) *Cache {
	return &Cache{runs: lru.New[string, []ShapedGlyph](runBytes), paras: lru.New[string, []Line](paraBytes)}
}

// NewRunCache returns a cache of shaped runs only: paragraphs are laid
// out afresh every time (for measuring the engine itself).
func NewRunCache(maxBytes int) *Cache {
	return &Cache{runs: lru.New[string, []ShapedGlyph](maxBytes), paras: lru.New[string, []Line](0)}
}

// RunStats reports the shaped-run cache's hits, misses and bytes.
func (c *Cache) RunStats() lru.Stats { return c.runs.Stats() }

// ParagraphStats reports the same for laid-out paragraphs.
func (c *Cache) ParagraphStats() lru.Stats { return c.paras.Stats() }

func runKey(id fonts.ID, p ShapingParams, text []rune) string {
	var b strings.Builder
	b.Grow(len(text)*2 + 16)
	b.WriteString(strconv.Itoa(int(id)))
	b.WriteByte('|')
	b.WriteString(p.Script)
	b.WriteByte('|')
	b.WriteString(p.Language)
	if p.RTL {
		b.WriteString("|r|")
	} else {
		b.WriteString("|l|")
	}
	for _, r := range text {
		b.WriteRune(r)
	}
	return b.String()
}

// Shape returns the glyphs of text, from the cache when it has them. The
// returned slice is shared and must not be modified.
func (c *Cache) Shape(id fonts.ID, p ShapingParams, text []rune) []ShapedGlyph {
	if c == nil || c.runs.Stats().MaxBytes <= 0 {
		return ShapeUnits(id, p, text)
	}
	key := runKey(id, p, text)
	if g, ok := c.runs.Get(key); ok {
		return g
	}
	g := ShapeUnits(id, p, text)
	c.runs.Put(key, g, len(key)+cap(g)*int(unsafe.Sizeof(ShapedGlyph{})))
	return g
}

// paragraphKey identifies a paragraph layout: every input that changes it.
func paragraphKey(p Paragraph, width float64) string {
	var b strings.Builder
	n := 64
	for _, s := range p.Spans {
		n += len(s.Lang) + len(s.Text) + 3
	}
	b.Grow(n)
	b.WriteString(p.Lang)
	b.WriteByte(byte('0' + boolInt(p.RTL)))
	b.WriteByte(byte('0' + p.Align))
	b.WriteString(strconv.FormatFloat(p.Size, 'g', -1, 64))
	b.WriteByte('/')
	b.WriteString(strconv.FormatFloat(p.LatinSize, 'g', -1, 64))
	b.WriteByte('|')
	b.WriteString(strconv.FormatFloat(width, 'g', -1, 64))
	for _, s := range p.Spans {
		b.WriteByte(0)
		b.WriteString(s.Lang)
		b.WriteByte(byte('0' + s.Isolation))
		b.WriteByte(byte('0' + boolInt(s.Bold) + 2*boolInt(s.Italic) + 4*boolInt(s.Hyphenate)))
		b.WriteString(s.Text)
	}
	return b.String()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// linesBytes estimates the bytes a paragraph's lines hold: their runs,
// glyphs and the text the glyphs and runs carry.
func linesBytes(lines []Line) int {
	n := cap(lines) * int(unsafe.Sizeof(Line{}))
	for _, l := range lines {
		n += cap(l.Runs) * int(unsafe.Sizeof(Run{}))
		for _, r := range l.Runs {
			n += len(r.Text) + cap(r.Glyphs)*int(unsafe.Sizeof(Glyph{}))
			for _, g := range r.Glyphs {
				n += len(g.Chars)
			}
		}
	}
	return n
}

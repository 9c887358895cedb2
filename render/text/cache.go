package text

import (
	"container/list"
	"strconv"
	"strings"
	"sync"

	"github.com/ualetters/ualetters/fonts"
)

// Cache holds shaped runs keyed by font, shaping parameters and text, and
// laid-out paragraphs keyed by their whole input and width (the template
// paragraphs of a letter repeat from request to request). Runs are shaped
// in font units, so one entry serves every font size. Each kind is bounded
// by the number of glyphs it holds and evicts the least recently used
// entries. A Cache is safe for concurrent use.
type Cache struct {
	runs  lru[[]ShapedGlyph]
	paras lru[[]Line]
}

// NewCache returns a cache holding at most maxGlyphs shaped glyphs (about
// 24 bytes each) and as many laid-out glyphs (about 56 bytes each), plus
// their keys; maxGlyphs <= 0 disables caching.
func NewCache(maxGlyphs int) *Cache {
	return &Cache{runs: newLRU[[]ShapedGlyph](maxGlyphs), paras: newLRU[[]Line](maxGlyphs)}
}

// NewRunCache returns a cache of shaped runs only: paragraphs are laid
// out afresh every time (for measuring the engine itself).
func NewRunCache(maxGlyphs int) *Cache {
	return &Cache{runs: newLRU[[]ShapedGlyph](maxGlyphs), paras: newLRU[[]Line](0)}
}

// CacheStats counts lookups and what a cache holds.
type CacheStats struct {
	Hits, Misses uint64
	Glyphs       int
}

// Stats reports the shaped-run cache's hits, misses and glyphs held.
func (c *Cache) Stats() (hits, misses uint64, glyphs int) {
	s := c.runs.stats()
	return s.Hits, s.Misses, s.Glyphs
}

// ParagraphStats reports the same for laid-out paragraphs.
func (c *Cache) ParagraphStats() CacheStats { return c.paras.stats() }

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
	if c == nil || c.runs.max <= 0 {
		return ShapeUnits(id, p, text)
	}
	key := runKey(id, p, text)
	if g, ok := c.runs.get(key); ok {
		return g
	}
	g := ShapeUnits(id, p, text)
	c.runs.put(key, g, len(g))
	return g
}

// paragraphKey identifies a paragraph layout: every input that changes it.
func paragraphKey(p Paragraph, width float64) string {
	var b strings.Builder
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

func lineGlyphs(lines []Line) int {
	n := 0
	for _, l := range lines {
		for _, r := range l.Runs {
			n += len(r.Glyphs)
		}
	}
	return n
}

// lru is a least-recently-used map bounded by the total weight of its values.
type lru[V any] struct {
	mu           sync.Mutex
	max, weight  int
	order        *list.List // front: most recently used
	entries      map[string]*list.Element
	hits, misses uint64
}

type lruEntry[V any] struct {
	key    string
	value  V
	weight int
}

func newLRU[V any](max int) lru[V] {
	return lru[V]{max: max, order: list.New(), entries: map[string]*list.Element{}}
}

func (c *lru[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		c.order.MoveToFront(el)
		c.hits++
		return el.Value.(*lruEntry[V]).value, true
	}
	c.misses++
	var zero V
	return zero, false
}

func (c *lru[V]) put(key string, v V, weight int) {
	if weight > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; ok {
		return
	}
	c.entries[key] = c.order.PushFront(&lruEntry[V]{key: key, value: v, weight: weight})
	c.weight += weight
	for c.weight > c.max {
		el := c.order.Back()
		e := el.Value.(*lruEntry[V])
		c.order.Remove(el)
		delete(c.entries, e.key)
		c.weight -= e.weight
	}
}

func (c *lru[V]) stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Hits: c.hits, Misses: c.misses, Glyphs: c.weight}
}

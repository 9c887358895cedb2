package text

import (
	"container/list"
	"strconv"
	"strings"
	"sync"

	"github.com/ualetters/ualetters/fonts"
)

// Cache holds shaped runs keyed by font, shaping parameters and text. Runs
// are shaped in font units, so one entry serves every font size. The cache
// is bounded by the number of glyphs it holds and evicts the least recently
// used runs; it is safe for concurrent use.
type Cache struct {
	mu        sync.Mutex
	maxGlyphs int
	glyphs    int
	order     *list.List // front: most recently used
	entries   map[string]*list.Element
	hits      uint64
	misses    uint64
}

type cacheEntry struct {
	key    string
	glyphs []ShapedGlyph
}

// NewCache returns a cache holding at most maxGlyphs glyphs (about 24 bytes
// each plus the key text); maxGlyphs <= 0 disables caching.
func NewCache(maxGlyphs int) *Cache {
	return &Cache{maxGlyphs: maxGlyphs, order: list.New(), entries: map[string]*list.Element{}}
}

func cacheKey(id fonts.ID, p ShapingParams, text []rune) string {
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
	if c == nil || c.maxGlyphs <= 0 {
		return ShapeUnits(id, p, text)
	}
	key := cacheKey(id, p, text)
	c.mu.Lock()
	if el, ok := c.entries[key]; ok {
		c.order.MoveToFront(el)
		c.hits++
		g := el.Value.(*cacheEntry).glyphs
		c.mu.Unlock()
		return g
	}
	c.misses++
	c.mu.Unlock()

	g := ShapeUnits(id, p, text)
	c.put(key, g)
	return g
}

func (c *Cache) put(key string, g []ShapedGlyph) {
	if len(g) > c.maxGlyphs {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; ok {
		return
	}
	c.entries[key] = c.order.PushFront(&cacheEntry{key: key, glyphs: g})
	c.glyphs += len(g)
	for c.glyphs > c.maxGlyphs {
		el := c.order.Back()
		e := el.Value.(*cacheEntry)
		c.order.Remove(el)
		delete(c.entries, e.key)
		c.glyphs -= len(e.glyphs)
	}
}

// Stats reports cache hits, misses and the glyphs held.
func (c *Cache) Stats() (hits, misses uint64, glyphs int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses, c.glyphs
}

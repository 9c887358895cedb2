package pdf

import (
	"hash/fnv"
	"slices"
	"sync"

	"github.com/ualetters/ualetters/fonts"
)

// fontFile is a subset font file, Flate-compressed, ready to embed.
type fontFile struct {
	id     fonts.ID
	gids   []uint16
	zdata  []byte
	length int // uncompressed length (/Length1)
}

// fileCache keeps the most recently built subset font files: letters from
// one template in one language use the same glyphs of the script font, so
// most requests skip subsetting and compressing it. Bounded; safe for
// concurrent use.
type fileCache struct {
	mu    sync.Mutex
	max   int
	byKey map[uint64]*fontFile
	order []uint64 // keys, least recently used first
}

var subsets = &fileCache{max: 64, byKey: map[uint64]*fontFile{}}

func subsetKey(id fonts.ID, gids []uint16) uint64 {
	h := fnv.New64a()
	b := []byte{byte(id), 0}
	h.Write(b[:1])
	for _, g := range gids {
		b[0], b[1] = byte(g>>8), byte(g)
		h.Write(b)
	}
	return h.Sum64()
}

// get returns the compressed subset of font f with the given glyphs,
// building it on a miss.
func (c *fileCache) get(f *fontUse) (*fontFile, error) {
	key := subsetKey(f.id, f.gids)
	c.mu.Lock()
	e := c.byKey[key]
	if e != nil && e.id == f.id && slices.Equal(e.gids, f.gids) {
		c.touch(key)
		c.mu.Unlock()
		return e, nil
	}
	c.mu.Unlock()

	raw, err := f.data.subset(f.gids)
	if err != nil {
		return nil, err
	}
	z := getZ(levelFont)
	e = &fontFile{id: f.id, gids: slices.Clone(f.gids), zdata: slices.Clone(z.compress(raw)), length: len(raw)}
	putZ(z)

	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[key]; !ok {
		c.order = append(c.order, key)
	} else {
		c.touch(key)
	}
	c.byKey[key] = e
	for len(c.order) > c.max {
		delete(c.byKey, c.order[0])
		c.order = c.order[1:]
	}
	return e, nil
}

// touch moves key to the most recently used end.
func (c *fileCache) touch(key uint64) {
	if i := slices.Index(c.order, key); i >= 0 {
		c.order = append(slices.Delete(c.order, i, i+1), key)
	}
}

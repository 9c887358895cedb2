package pdf

import (
	"bytes"
	"hash/adler32"
	"hash/fnv"
	"hash/maphash"
	"slices"
	"unsafe"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/internal/lru"
)

// Cache keeps what repeats from letter to letter, whoever signs them:
// subset font files for a glyph set, and the compressed form of stream
// pieces (a template paragraph's content, a font's ToUnicode CMap). Keys
// are the inputs themselves (glyph ids, raw bytes), checked on every hit,
// so a cached document is byte for byte the one built afresh. Each part is
// bounded in bytes. A nil *Cache caches nothing. Safe for concurrent use.
type Cache struct {
	subsets  *lru.Cache[uint64, *fontFile]
	segments *lru.Cache[segKey, *segment]
	seed     maphash.Seed
}

// NewCache returns a cache holding at most subsetBytes of subset font
// files and segmentBytes of compressed stream pieces (raw and compressed
// bytes both count).
func NewCache(subsetBytes, segmentBytes int) *Cache {
	return &Cache{
		subsets:  lru.New[uint64, *fontFile](subsetBytes),
		segments: lru.New[segKey, *segment](segmentBytes),
		seed:     maphash.MakeSeed(),
	}
}

// SubsetStats reports the subset font cache.
func (c *Cache) SubsetStats() lru.Stats { return c.subsets.Stats() }

// SegmentStats reports the compressed stream piece cache.
func (c *Cache) SegmentStats() lru.Stats { return c.segments.Stats() }

// fontFile is a subset font file, Flate-compressed, ready to embed.
type fontFile struct {
	id     fonts.ID
	gids   []uint16
	zdata  []byte
	length int // uncompressed length (/Length1)
}

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

// subset returns the compressed subset of font f with its glyphs,
// building it on a miss: letters from one template in one language use
// the same glyphs of the script font, so most requests skip subsetting
// and compressing it.
func (c *Cache) subset(f *fontUse) (*fontFile, error) {
	var key uint64
	if c != nil {
		key = subsetKey(f.id, f.gids)
		if e, ok := c.subsets.Get(key); ok && e.id == f.id && slices.Equal(e.gids, f.gids) {
			return e, nil
		}
	}
	raw, err := f.data.subset(f.gids)
	if err != nil {
		return nil, err
	}
	z := getZ(levelFont)
	e := &fontFile{id: f.id, gids: slices.Clone(f.gids), zdata: slices.Clone(z.compress(raw)), length: len(raw)}
	putZ(z)
	if c != nil {
		c.subsets.Put(key, e, len(e.zdata)+2*len(e.gids)+int(unsafe.Sizeof(*e)))
	}
	return e, nil
}

// segKey identifies a stream piece by a hash of its bytes and their
// length; the bytes themselves are compared on a hit.
type segKey struct {
	hash uint64
	n    int
}

// segment is a piece of a stream and its compressed form: raw Deflate
// blocks ending in a sync flush, so pieces can be joined (see zseg.go),
// and the Adler-32 of the raw bytes, which appendZlib combines into the
// stream's.
type segment struct {
	raw, z []byte
	adler  uint32
}

// compressed returns the Deflate blocks of piece and its Adler-32, from
// the cache when it holds the same bytes. The blocks must not be
// modified.
func (c *Cache) compressed(piece []byte) ([]byte, uint32) {
	if c == nil {
		return deflatePiece(piece), adler32.Checksum(piece)
	}
	key := segKey{maphash.Bytes(c.seed, piece), len(piece)}
	if s, ok := c.segments.Get(key); ok && bytes.Equal(s.raw, piece) {
		return s.z, s.adler
	}
	s := &segment{raw: slices.Clone(piece), z: deflatePiece(piece), adler: adler32.Checksum(piece)}
	c.segments.Put(key, s, len(s.raw)+len(s.z)+int(unsafe.Sizeof(*s)))
	return s.z, s.adler
}

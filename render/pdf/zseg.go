package pdf

import (
	"bytes"
	"encoding/binary"
	"slices"
	"sync"

	"github.com/klauspost/compress/flate"
)

// A Flate stream can be built from pieces compressed on their own: each
// piece is raw Deflate blocks closed by a sync flush (an empty stored
// block, so the piece ends on a byte boundary and is not final), and
// back-references never leave the piece. Joined, the pieces decode as one
// stream; a final empty block, and the zlib header and Adler-32 of the
// whole, make it the zlib stream that /FlateDecode reads (RFC 1950, 1951).
// So a page's content is compressed paragraph by paragraph (a block's
// lines, such as a signature's name and address lines, each count as
// one; short ones are joined) and the paragraphs that repeat from letter
// to letter come from the Cache.

// zlibHeader is CMF 0x78 (Deflate, 32 KiB window) and FLG 0x01 (fastest
// compression, no dictionary, check bits): 0x7801 is a multiple of 31.
var zlibHeader = []byte{0x78, 0x01}

// finalBlock is an empty final block with fixed Huffman codes: BFINAL 1,
// BTYPE 01, end-of-block code 0000000.
var finalBlock = []byte{0x03, 0x00}

// minPiece is the smallest piece worth compressing alone; shorter pieces
// join the next one (each piece costs its own Huffman tables).
const minPiece = 512

type pieceWriter struct {
	out bytes.Buffer
	w   *flate.Writer
}

var pieceWriters = sync.Pool{New: func() any {
	p := &pieceWriter{}
	p.w, _ = flate.NewWriter(&p.out, levelStream) // levelStream is a valid level
	return p
}}

// deflatePiece compresses piece as raw Deflate blocks ending in a sync
// flush.
func deflatePiece(piece []byte) []byte {
	p := pieceWriters.Get().(*pieceWriter)
	defer pieceWriters.Put(p)
	p.out.Reset()
	p.w.Reset(&p.out)
	p.w.Write(piece) // writes to a bytes.Buffer cannot fail
	p.w.Flush()
	return slices.Clone(p.out.Bytes())
}

// appendZlib appends the zlib stream of data to dst, compressing data in
// pieces cut at the offsets in cuts (ascending; pieces shorter than
// minPiece join the next).
func (c *Cache) appendZlib(dst, data []byte, cuts []int) []byte {
	dst = append(dst, zlibHeader...)
	start, sum := 0, uint32(1) // the Adler-32 of no bytes
	for _, cut := range append(cuts, len(data)) {
		if cut-start < minPiece && cut < len(data) || cut <= start {
			continue
		}
		z, adler := c.compressed(data[start:cut])
		dst = append(dst, z...)
		sum = adlerJoin(sum, adler, cut-start)
		start = cut
	}
	dst = append(dst, finalBlock...)
	return binary.BigEndian.AppendUint32(dst, sum)
}

// adlerMod is the modulus of Adler-32 (RFC 1950): the largest prime
// below 65536.
const adlerMod = 65521

// adlerJoin returns the Adler-32 of A followed by B from a, the checksum
// of A, and b, that of B, which is n bytes long, so that a cached piece
// is not read again for the stream's checksum. Adler-32 is s2<<16 | s1
// with s1 = 1 + the sum of the bytes and s2 the sum of the successive s1
// values, both mod 65521. Appending B adds B's byte sum to s1; each of
// B's n steps adds A's s1 once more to s2, on top of B's own s2 (which
// counted from s1 = 1, hence the -n and -1 terms below).
func adlerJoin(a, b uint32, n int) uint32 {
	a1, a2 := uint64(a&0xffff), uint64(a>>16)
	b1, b2 := uint64(b&0xffff), uint64(b>>16)
	k := uint64(n % adlerMod)
	s1 := (a1 + b1 + adlerMod - 1) % adlerMod
	s2 := (a2 + b2 + k*a1 + adlerMod - k) % adlerMod
	return uint32(s2<<16 | s1)
}

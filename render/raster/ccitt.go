package raster

import (
	"encoding/binary"
	"math/bits"
)

// bitWriter packs code words into bytes, most significant bit first
// (TIFF FillOrder 1).
type bitWriter struct {
	buf  []byte
	acc  uint64 // pending bits, right-aligned
	nacc uint   // number of pending bits (< 8 after each put)
}

func (w *bitWriter) put(c code) {
	w.acc = w.acc<<c.n | uint64(c.v)
	w.nacc += uint(c.n)
	for w.nacc >= 8 {
		w.nacc -= 8
		w.buf = append(w.buf, byte(w.acc>>w.nacc))
	}
}

// flush pads the last byte with zero bits.
func (w *bitWriter) flush() {
	if w.nacc > 0 {
		w.buf = append(w.buf, byte(w.acc<<(8-w.nacc)))
		w.acc, w.nacc = 0, 0
	}
}

// putRun writes the make-up and terminating codes of one run (T.4 §4.1.1).
func (w *bitWriter) putRun(n int, black bool) {
	term, makeup := whiteTerm, whiteMakeup
	if black {
		term, makeup = blackTerm, blackMakeup
	}
	for n > 2560 {
		w.put(extMakeup[len(extMakeup)-1])
		n -= 2560
	}
	if n >= 64 {
		m := n / 64 // 1 ... 40
		if m <= len(makeup) {
			w.put(makeup[m-1])
		} else {
			w.put(extMakeup[m-len(makeup)-1])
		}
		n -= m * 64
	}
	w.put(term[n])
}

// changes appends to dst the changing elements of one packed row (T.4
// §4.2.1.3.1): the positions whose colour differs from the pixel before,
// with an imaginary white pixel before the first. Even entries are changes
// to black, odd ones changes to white. Three sentinels equal to width end
// the list so that b1, b2, a1 and a2 can always be read.
func changes(dst []int32, row []byte, width int) []int32 {
	black := false
	x := 0
	for {
		x = nextChange(row, x, width, black)
		if x >= width {
			break
		}
		dst = append(dst, int32(x))
		black = !black
	}
	w := int32(width)
	return append(dst, w, w, w)
}

// nextChange returns the first position at or after x whose pixel is not
// the given colour, or width.
func nextChange(row []byte, x, width int, black bool) int {
	var flip byte
	if black {
		flip = 0xff
	}
	for x < width {
		b := (row[x>>3] ^ flip) << uint(x&7)
		if b != 0 {
			x += bits.LeadingZeros8(b)
			break
		}
		x = (x | 7) + 1
		// Skip whole 8-byte words of the same colour.
		for x+64 <= width && x&7 == 0 && allBytes(row[x>>3:x>>3+8], flip) {
			x += 64
		}
	}
	return min(x, width)
}

func allBytes(b []byte, v byte) bool {
	return binary.LittleEndian.Uint64(b) == uint64(v)*0x0101010101010101
}

// encodeG4 codes a bitmap with T.6 (MMR) and ends it with EOFB.
func encodeG4(b *Bitmap) []byte {
	w := bitWriter{buf: make([]byte, 0, b.Height*8)}
	wd := int32(b.Width)
	ref := []int32{wd, wd, wd} // the imaginary all-white line above the first
	var cur []int32
	for y := 0; y < b.Height; y++ {
		cur = changes(cur[:0], b.Bits[y*b.Stride:(y+1)*b.Stride], b.Width)
		encodeLine2D(&w, ref, cur, b.Width)
		ref, cur = cur, ref
	}
	w.put(codeEOL)
	w.put(codeEOL)
	w.flush()
	return w.buf
}

// encodeLine2D codes one line against its reference line (T.4 §4.2.1.3.4,
// T.6 §2.2), both given as change lists with sentinels.
func encodeLine2D(w *bitWriter, ref, cur []int32, width int) {
	a0 := int32(-1)
	black := false // colour of a0
	ai, bi := 0, 0
	for int(a0) < width {
		// a1: the first change on the coding line right of a0.
		for cur[ai] <= a0 && int(cur[ai]) < width {
			ai++
		}
		a1 := cur[ai]
		// b1: the first change on the reference line right of a0 and of the
		// colour opposite to a0's (even entries turn black).
		for bi > 0 && ref[bi-1] > a0 {
			bi--
		}
		for ref[bi] <= a0 && int(ref[bi]) < width {
			bi++
		}
		if (bi&1 == 1) != black {
			bi++
		}
		b1, b2 := ref[bi], ref[bi+1]
		switch {
		case b2 < a1: // pass mode
			w.put(codePass)
			a0 = b2
		case a1-b1 >= -3 && a1-b1 <= 3: // vertical mode
			w.put(codeVert[a1-b1+3])
			a0 = a1
			black = !black
		default: // horizontal mode
			a2 := cur[ai+1]
			w.put(codeHoriz)
			w.putRun(int(a1-max(a0, 0)), black)
			w.putRun(int(a2-a1), !black)
			a0 = a2
		}
	}
}

// encodeG3 codes a bitmap with T.4 one-dimensional coding (Modified
// Huffman): each line starts with an EOL, as TIFF Class F expects, and the
// data ends after the last line without RTC (libtiff's Class F mode). No
// fill bits are inserted (T4Options bit 2 is clear).
func encodeG3(b *Bitmap) []byte {
	w := bitWriter{buf: make([]byte, 0, b.Height*16)}
	var cur []int32
	for y := 0; y < b.Height; y++ {
		cur = changes(cur[:0], b.Bits[y*b.Stride:(y+1)*b.Stride], b.Width)
		w.put(codeEOL)
		prev := int32(0)
		black := false
		for _, c := range cur[:len(cur)-2] { // the first sentinel closes the last run
			w.putRun(int(c-prev), black)
			prev = c
			black = !black
		}
	}
	if b.Height == 0 { // an empty image is just the return-to-control signal
		for range 6 {
			w.put(codeEOL)
		}
	}
	w.flush()
	return w.buf
}

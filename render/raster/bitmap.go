package raster

import (
	"encoding/binary"
	"image"
)

// Bitmap is a bilevel image as fax machines see it: one bit per pixel, rows
// padded to whole bytes, the most significant bit first, 1 for ink (black)
// and 0 for paper (white); the layout of a TIFF Class F strip before
// compression (PhotometricInterpretation 0, FillOrder 1).
type Bitmap struct {
	Width, Height int
	Stride        int // bytes per row
	Bits          []byte
}

// NewBitmap returns an all-white bitmap.
func NewBitmap(width, height int) *Bitmap {
	stride := (width + 7) / 8
	return &Bitmap{Width: width, Height: height, Stride: stride, Bits: make([]byte, stride*height)}
}

// Black reports whether the pixel at (x, y) is ink; pixels outside the
// bitmap are paper.
func (b *Bitmap) Black(x, y int) bool {
	if x < 0 || y < 0 || x >= b.Width || y >= b.Height {
		return false
	}
	return b.Bits[y*b.Stride+x>>3]&(0x80>>uint(x&7)) != 0
}

// Set makes the pixel at (x, y) ink or paper; pixels outside are ignored.
func (b *Bitmap) Set(x, y int, black bool) {
	if x < 0 || y < 0 || x >= b.Width || y >= b.Height {
		return
	}
	m := byte(0x80) >> uint(x&7)
	if black {
		b.Bits[y*b.Stride+x>>3] |= m
	} else {
		b.Bits[y*b.Stride+x>>3] &^= m
	}
}

// Gray returns the bitmap as a grey image: 0 for ink, 255 for paper.
func (b *Bitmap) Gray() *image.Gray {
	g := image.NewGray(image.Rect(0, 0, b.Width, b.Height))
	for y := 0; y < b.Height; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+b.Width]
		for x := range row {
			row[x] = 255
			if b.Bits[y*b.Stride+x>>3]&(0x80>>uint(x&7)) != 0 {
				row[x] = 0
			}
		}
	}
	return g
}

// threshold packs a coverage image into a bitmap: a pixel is ink when at
// least half of it is covered (coverage ≥ 128, the byte's top bit).
func threshold(a *image.Alpha) *Bitmap {
	w, h := a.Rect.Dx(), a.Rect.Dy()
	b := NewBitmap(w, h)
	for y := 0; y < h; y++ {
		src := a.Pix[y*a.Stride : y*a.Stride+w]
		dst := b.Bits[y*b.Stride : (y+1)*b.Stride]
		x := 0
		for ; x+8 <= w; x += 8 {
			if v := binary.BigEndian.Uint64(src[x:]); v != 0 {
				dst[x>>3] = topBits(v)
			}
		}
		for i, c := range src[x:] {
			if c >= 128 {
				dst[x>>3] |= 0x80 >> uint(i)
			}
		}
	}
	return b
}

// topBits gathers the top bit of each of the eight bytes of v, the first
// (most significant) byte's into the result's most significant bit. The
// multiplication moves the bit of byte k to bit 63−k without carries.
func topBits(v uint64) byte {
	return byte((v & 0x8080808080808080) * 0x0002040810204081 >> 56)
}

// toGray turns a coverage image into black ink on white paper, in place.
func toGray(a *image.Alpha) *image.Gray {
	pix := a.Pix
	for len(pix) >= 8 { // 255 − c is c XOR 0xff
		binary.LittleEndian.PutUint64(pix, ^binary.LittleEndian.Uint64(pix))
		pix = pix[8:]
	}
	for i, c := range pix {
		pix[i] = ^c
	}
	return &image.Gray{Pix: a.Pix, Stride: a.Stride, Rect: a.Rect}
}

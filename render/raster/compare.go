package raster

import "image"

// InkAgreement measures how well two renderings of the same page agree:
// the share of ink pixels (grey value below 128) in either image that have
// an ink pixel in the other within tolerancePx pixels (a square window).
// Both images are compared from their top left corners over the area they
// share. Two blank pages agree fully (1).
func InkAgreement(a, b *image.Gray, tolerancePx int) float64 {
	w := min(a.Rect.Dx(), b.Rect.Dx())
	h := min(a.Rect.Dy(), b.Rect.Dy())
	tolerancePx = max(tolerancePx, 0)
	inkA := inkMask(a, w, h)
	inkB := inkMask(b, w, h)
	matchedA, totalA := matched(inkA, inkB, w, h, tolerancePx)
	matchedB, totalB := matched(inkB, inkA, w, h, tolerancePx)
	if totalA+totalB == 0 {
		return 1
	}
	return float64(matchedA+matchedB) / float64(totalA+totalB)
}

func inkMask(g *image.Gray, w, h int) []bool {
	m := make([]bool, w*h)
	for y := 0; y < h; y++ {
		row := g.Pix[(y)*g.Stride : (y)*g.Stride+w]
		for x, v := range row {
			m[y*w+x] = v < 128
		}
	}
	return m
}

// matched counts the ink pixels of a with ink in b within t pixels.
func matched(a, b []bool, w, h, t int) (n, total int) {
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if !a[y*w+x] {
				continue
			}
			total++
			if near(b, w, h, x, y, t) {
				n++
			}
		}
	}
	return n, total
}

func near(b []bool, w, h, x, y, t int) bool {
	for yy := max(y-t, 0); yy <= min(y+t, h-1); yy++ {
		for xx := max(x-t, 0); xx <= min(x+t, w-1); xx++ {
			if b[yy*w+xx] {
				return true
			}
		}
	}
	return false
}

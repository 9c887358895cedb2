package text

import (
	"sort"
	"strings"

	"github.com/ualetters/ualetters/fonts"
)

// piece is the part of one item that falls on a line.
type piece struct {
	item   *item
	glyphs []ShapedGlyph // the item's glyphs whose cluster is on the line
	start  int           // first paragraph rune of the piece
	end    int
	hyphen bool // a hyphen follows the piece (a word broken at the line end)
}

// buildLine lays out the runes [a, b) as one line of the given box width:
// it cuts the items, reorders the pieces visually (UAX #9 rule L2),
// positions the glyphs, justifies and aligns.
func (pa *para) buildLine(a, b int, width float64, last bool) Line {
	return pa.buildLineHyphen(a, b, width, last, false)
}

// buildLineHyphen is buildLine; with hyphen, the line ends in a word
// broken at a hyphenation point and a hyphen is set after it.
func (pa *para) buildLineHyphen(a, b int, width float64, last, hyphen bool) Line {
	pieces := pa.cut(a, b)
	if hyphen && len(pieces) > 0 {
		pieces[len(pieces)-1].hyphen = true // logical order: the last piece ends the word
	}
	reorder(pieces)
	line := Line{Last: last, Hyphenated: hyphen, start: a, end: b}
	natural, spaces, spaceAdv := 0.0, 0, 0.0
	for _, pc := range pieces {
		scale := pa.sizeOf(pc.item.font) / pc.item.font.Upem()
		for _, g := range pc.glyphs {
			natural += float64(g.XAdvance) * scale
			if isSpace(pa.runes[pc.item.index[g.Cluster]]) {
				spaces++
				spaceAdv = float64(g.XAdvance) * scale
			}
		}
		if pc.hyphen {
			_, adv := hyphenGlyph(pc.item.font)
			natural += adv * scale
		}
	}
	extra, offset := 0.0, 0.0
	align := pa.effectiveAlign(last)
	switch {
	case align == Justify && spaces > 0:
		extra = (width - natural) / float64(spaces)
		if pa.capSpaces() && extra > maxSpaceEm*pa.Size-spaceAdv {
			// Never wider than maxSpaceEm: the line stays a little short.
			extra = max(0, maxSpaceEm*pa.Size-spaceAdv)
			if pa.RTL {
				offset = width - natural - extra*float64(spaces)
			}
		}
	case natural > width && spaces > 0:
		// A line set tight (total fit with shrinkRatio above 0): its
		// spaces shrink so that it fits.
		extra = (width - natural) / float64(spaces)
	case align == Center:
		offset = (width - natural) / 2
	case pa.RTL != (align == End):
		offset = width - natural // right side: start of RTL, end of LTR
	}
	x := offset
	for _, pc := range pieces {
		run := pa.placeRun(pc, x, extra)
		asc, desc := lineMetrics(pc.item.font, pa.sizeOf(pc.item.font))
		line.Ascent = max(line.Ascent, asc)
		line.Descent = max(line.Descent, desc)
		x += run.Width
		line.Runs = append(line.Runs, run)
	}
	line.Width = x - offset
	if len(line.Runs) == 0 {
		line.Ascent, line.Descent = lineMetrics(fonts.ScriptFont(pa.Lang), pa.Size)
	}
	return line
}

// effectiveAlign is the alignment of a line: justified lines become
// start-aligned on the last line.
func (pa *para) effectiveAlign(last bool) Align {
	if pa.Align == Justify && last {
		return Start
	}
	return pa.Align
}

// cut returns, in logical order, the pieces of the items on [a, b).
func (pa *para) cut(a, b int) []piece {
	var out []piece
	for k := range pa.items {
		it := &pa.items[k]
		if it.end <= a || it.start >= b {
			continue
		}
		pc := piece{item: it, start: max(a, it.start), end: min(b, it.end), glyphs: it.glyphsIn(a, b)}
		if len(pc.glyphs) > 0 {
			out = append(out, pc)
		}
	}
	return out
}

// glyphsIn returns the item's glyphs whose cluster starts in the paragraph
// runes [a, b). HarfBuzz keeps clusters monotonic (increasing left to
// right, decreasing right to left), so they are one contiguous stretch.
func (it *item) glyphsIn(a, b int) []ShapedGlyph {
	rtl := it.level&1 == 1
	before := func(i, bound int) bool { // glyph i lies before the bound in output order
		idx := it.index[it.glyphs[i].Cluster]
		if rtl {
			return idx >= bound
		}
		return idx < bound
	}
	lo, hi := sort.Search(len(it.glyphs), func(i int) bool { return !before(i, a) }), 0
	if rtl {
		lo = sort.Search(len(it.glyphs), func(i int) bool { return !before(i, b) })
		hi = sort.Search(len(it.glyphs), func(i int) bool { return !before(i, a) })
	} else {
		hi = sort.Search(len(it.glyphs), func(i int) bool { return !before(i, b) })
	}
	return it.glyphs[lo:hi]
}

// reorder applies rule L2: from the highest level down to the lowest odd
// level, reverse every maximal sequence of pieces at that level or higher.
func reorder(pieces []piece) {
	if len(pieces) == 0 {
		return
	}
	hi, lo := uint8(0), uint8(255)
	for _, p := range pieces {
		hi = max(hi, p.item.level)
		lo = min(lo, p.item.level)
	}
	if lo&1 == 0 {
		lo++
	}
	for lvl := hi; lvl >= lo && lvl > 0; lvl-- {
		for i := 0; i < len(pieces); {
			if pieces[i].item.level < lvl {
				i++
				continue
			}
			j := i
			for j < len(pieces) && pieces[j].item.level >= lvl {
				j++
			}
			for l, r := i, j-1; l < r; l, r = l+1, r-1 {
				pieces[l], pieces[r] = pieces[r], pieces[l]
			}
			i = j
		}
	}
}

// placeRun positions a piece's glyphs from x, adding extra to each space.
func (pa *para) placeRun(pc piece, x, extra float64) Run {
	it := pc.item
	size := pa.sizeOf(it.font)
	scale := size / it.font.Upem()
	run := Run{Font: it.font, Size: size, X: x, Lang: it.lang, RTL: it.level&1 == 1, Level: it.level}
	run.Glyphs = make([]Glyph, len(pc.glyphs))
	seen := map[int]bool{}
	pen := x
	for i, g := range pc.glyphs {
		adv := float64(g.XAdvance) * scale
		if isSpace(pa.runes[it.index[g.Cluster]]) {
			adv += extra
		}
		gl := Glyph{ID: g.GID, X: pen + float64(g.XOffset)*scale, Y: -float64(g.YOffset) * scale, Advance: adv}
		if !seen[g.Cluster] {
			seen[g.Cluster] = true
			gl.Chars = pa.clusterText(it, g.Cluster)
		}
		run.Glyphs[i] = gl
		pen += adv
	}
	run.Text = pa.text(pc.start, pc.end)
	if pc.hyphen {
		gid, adv := hyphenGlyph(it.font)
		run.Glyphs = append(run.Glyphs, Glyph{ID: gid, X: pen, Advance: adv * scale, Chars: "-"})
		pen += adv * scale
		run.Text += "-"
	}
	run.Width = pen - x
	return run
}

// clusterText is the text of the cluster starting at shaped index c: up to
// the next cluster start in logical order.
func (pa *para) clusterText(it *item, c int) string {
	var b strings.Builder
	for k := c; k < it.clusterEnd[c]; k++ {
		b.WriteRune(pa.runes[it.index[k]])
	}
	return b.String()
}

// text is the logical text of [a, b) without characters set without glyphs.
func (pa *para) text(a, b int) string {
	var sb strings.Builder
	for i := a; i < b; i++ {
		if !dropped(pa.runes[i]) {
			sb.WriteRune(pa.runes[i])
		}
	}
	return sb.String()
}

package text

import (
	"github.com/go-text/typesetting/segmenter"
)

// segment is a stretch of text between two line-break opportunities.
type segment struct {
	start, end  int     // rune range, trailing spaces included
	contentEnd  int     // end without the trailing spaces
	width       float64 // advance width without the trailing spaces
	spacesWidth float64 // advance of the trailing spaces
}

// segments splits the paragraph at UAX #14 break opportunities.
func (pa *para) segments() []segment {
	var seg segmenter.Segmenter
	seg.Init(pa.runes)
	var out []segment
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		s := segment{start: l.Offset, end: l.Offset + len(l.Text)}
		s.contentEnd = s.end
		for s.contentEnd > s.start && (isSpace(pa.runes[s.contentEnd-1]) || dropped(pa.runes[s.contentEnd-1])) {
			s.contentEnd--
		}
		s.width = pa.width(s.start, s.contentEnd)
		s.spacesWidth = pa.width(s.contentEnd, s.end)
		out = append(out, s)
	}
	return out
}

func (pa *para) width(a, b int) float64 {
	w := 0.0
	for i := a; i < b; i++ {
		w += pa.adv[i]
	}
	return w
}

// splitLong breaks a segment wider than the line at grapheme boundaries,
// the last resort for a single word longer than the line.
func (pa *para) splitLong(s segment, width float64) []segment {
	var seg segmenter.Segmenter
	seg.Init(pa.runes[s.start:s.contentEnd])
	var out []segment
	cur := segment{start: s.start}
	it := seg.GraphemeIterator()
	for it.Next() {
		g := it.Grapheme()
		a, b := s.start+g.Offset, s.start+g.Offset+len(g.Text)
		w := pa.width(a, b)
		if cur.width+w > width && a > cur.start {
			cur.end, cur.contentEnd = a, a
			out = append(out, cur)
			cur = segment{start: a}
		}
		cur.width += w
	}
	cur.end, cur.contentEnd = s.end, s.contentEnd
	cur.spacesWidth = s.spacesWidth
	return append(out, cur)
}

// breakLines fills lines greedily: a segment goes on the current line if
// its text (without trailing spaces) still fits.
func (pa *para) breakLines(width float64) []Line {
	var segs []segment
	for _, s := range pa.segments() {
		if s.width > width {
			segs = append(segs, pa.splitLong(s, width)...)
			continue
		}
		segs = append(segs, s)
	}
	var lines []Line
	lineStart, lineEnd := -1, 0
	lineWidth, pending := 0.0, 0.0 // pending: trailing spaces of the last segment
	flush := func(last bool) {
		lines = append(lines, pa.buildLine(segs[lineStart].start, lineEnd, width, last))
	}
	for i, s := range segs {
		if lineStart >= 0 && lineWidth+pending+s.width > width {
			flush(false)
			lineStart = -1
		}
		if lineStart < 0 {
			lineStart, lineWidth, pending = i, 0, 0
		}
		lineWidth += pending + s.width
		pending = s.spacesWidth
		lineEnd = s.contentEnd
	}
	if lineStart >= 0 {
		flush(true)
	}
	if len(lines) == 0 {
		return []Line{emptyLine(pa.Paragraph)}
	}
	return lines
}

package layout

import (
	"fmt"
	"slices"
	"sync"

	"github.com/ualetters/ualetters/model"
	"github.com/ualetters/ualetters/render/text"
)

type placed struct {
	box      box
	baseline float64
}

// paginate distributes the lines over pages, breaking only where a line
// allows a break before it; a chain of kept lines longer than a page is
// broken where it overflows.
func paginate(boxes []box, paper Paper) [][]placed {
	top, bottom := Margin, paper.Height-Margin-footerGap
	var pages [][]placed
	for start := 0; start < len(boxes); {
		end := fit(boxes, start, top, bottom)
		if end < len(boxes) {
			if brk := breakBefore(boxes, start, end); brk > start {
				end = brk
			}
		}
		pages = append(pages, place(boxes[start:end], top))
		start = end
	}
	return pages
}

// fit returns the index of the first box from start that does not fit.
func fit(boxes []box, start int, top, bottom float64) int {
	y := top
	for i := start; i < len(boxes); i++ {
		b := boxes[i]
		if i > start {
			y += b.spaceBefore
		}
		if y+b.line.Height() > bottom && i > start {
			return i
		}
		y += b.line.Height()
	}
	return len(boxes)
}

// breakBefore returns the last index in (start, end] before which a page
// may break, or start if there is none.
func breakBefore(boxes []box, start, end int) int {
	for i := end; i > start; i-- {
		if !boxes[i].keepPrev {
			return i
		}
	}
	return start
}

func place(boxes []box, top float64) []placed {
	out := make([]placed, len(boxes))
	y := top
	for i, b := range boxes {
		if i > 0 {
			y += b.spaceBefore
		}
		out[i] = placed{box: b, baseline: y + b.line.Ascent}
		y += b.line.Height()
	}
	return out
}

// placeLine turns a text line into glyph runs at absolute positions, in
// reading order.
func placeLine(l text.Line, left, baseline float64, docTag, docLang string, rtl bool, arena *[]Glyph) []GlyphRun {
	runs := make([]GlyphRun, len(l.Runs))
	defer readingOrder(runs, rtl)
	n := 0
	for _, r := range l.Runs {
		n += len(r.Glyphs)
	}
	var glyphs []Glyph
	if arena != nil && len(*arena) >= n {
		glyphs, *arena = (*arena)[:n:n], (*arena)[n:]
	} else {
		glyphs = make([]Glyph, n) // one allocation for the line's glyphs
	}
	for i, r := range l.Runs {
		gr := GlyphRun{
			Font: r.Font, Size: r.Size, Baseline: baseline, X: left + r.X, Width: r.Width,
			Text: r.Text, Lang: tagFor(r.Lang, docTag, docLang), RTL: r.RTL,
			Glyphs: glyphs[:len(r.Glyphs):len(r.Glyphs)],
		}
		glyphs = glyphs[len(r.Glyphs):]
		for j, g := range r.Glyphs {
			gr.Glyphs[j] = Glyph{ID: g.ID, X: left + g.X, Y: baseline + g.Y, Advance: g.Advance, Chars: g.Chars}
		}
		runs[i] = gr
	}
	return runs
}

// readingOrder puts a line's runs, given in visual order, in logical
// order. In a right-to-left paragraph the line is reversed, then each
// stretch of left-to-right runs (a name, a number) turned back; in a
// left-to-right paragraph only the stretches of right-to-left runs are
// reversed.
func readingOrder(runs []GlyphRun, rtl bool) {
	if rtl {
		slices.Reverse(runs)
	}
	for i := 0; i < len(runs); {
		j := i
		for j < len(runs) && runs[j].RTL != rtl {
			j++
		}
		slices.Reverse(runs[i:j])
		i = j + 1
	}
}

// addRuns appends runs to a page, all with one structure.
// newPage returns a page with room for the runs of the placed lines pg
// (and a footer), and one slice with room for all their glyphs, which
// placeLine carves up.
func newPage(paper Paper, pg []placed) (Page, []Glyph) {
	runs, glyphs := 4, 0
	count := func(l *text.Line) {
		runs += len(l.Runs)
		for _, r := range l.Runs {
			glyphs += len(r.Glyphs)
		}
	}
	for i := range pg {
		count(&pg[i].box.line)
		if m := pg[i].box.marker; m != nil {
			count(m)
		}
	}
	g := newGlyphs(glyphs)
	return Page{Paper: paper, Runs: make([]GlyphRun, 0, runs), Items: make([]Item, 0, runs+8), glyphs: g}, g
}

// glyphStores recycles pages' glyph storage (a one-page letter's is
// about 36 KB, the largest thing layout allocates); Document.Release
// hands it back.
var glyphStores = sync.Pool{}

// newGlyphs returns zeroed storage for n glyphs.
func newGlyphs(n int) []Glyph {
	if p, ok := glyphStores.Get().(*[]Glyph); ok && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]Glyph, n)
}

// Release hands the pages' glyph storage back for later documents. The
// document must not be used afterwards: its pages are gone. A document
// that is never released is simply collected.
func (d *Document) Release() {
	for i := range d.Pages {
		g := d.Pages[i].glyphs
		if g == nil {
			continue
		}
		clear(g) // zeroed for newGlyphs, and no text kept alive
		g = g[:0]
		glyphStores.Put(&g)
	}
	d.Pages = nil
}

func addRuns(p *Page, runs []GlyphRun, st Struct) {
	for _, r := range runs {
		p.AddRun(r, st)
	}
}

// tagFor is the BCP 47 tag of a run's language: the document's own tag for
// its language, the plain code otherwise.
func tagFor(lang, docTag, docLang string) string {
	if lang == "" || lang == docLang {
		return docTag
	}
	return lang
}

// footer lays out "UA 109/23" on the start side and "n / N" on the end side.
func (l *Layouter) footer(doc *model.Document, paper Paper, n, total int) ([]GlyphRun, error) {
	width := paper.Width - 2*Margin
	baseline := paper.Height - Margin + 6
	mk := func(s string, align text.Align) ([]GlyphRun, error) {
		p := text.Paragraph{Lang: doc.Lang, RTL: doc.RTL(), Size: text.MatchedSize(doc.Lang, footerSize), LatinSize: footerSize, Align: align,
			Spans: []text.Span{{Text: s, Lang: "en", Isolation: text.LeftToRight}}}
		lines, err := l.engine.Layout(p, width)
		if err != nil {
			return nil, fmt.Errorf("layout: footer: %w", err)
		}
		return placeLine(lines[0], Margin, baseline, doc.Tag, doc.Lang, doc.RTL(), nil), nil
	}
	ref, err := mk(doc.Reference, text.Start)
	if err != nil {
		return nil, err
	}
	num, err := mk(fmt.Sprintf("%d / %d", n, total), text.End)
	if err != nil {
		return nil, err
	}
	return append(ref, num...), nil
}

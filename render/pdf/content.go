package pdf

import (
	"fmt"
	"math"
	"unicode"

	"github.com/ualetters/ualetters/render/layout"
)

// content builds one page's content stream. Text state (font, size, rise)
// persists across text objects, so it is tracked to emit only changes.
type content struct {
	b      []byte
	height float64 // page height, to flip y
	lang   string  // document language
	font   *fontUse
	size   float64
	rise   float64
	tz     float64 // horizontal scaling, percent
	tr     int     // text rendering mode
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func (c *content) boxes(boxes []layout.Box) error {
	for i, bx := range boxes {
		if !finite(bx.X, bx.Y, bx.W, bx.H, bx.LineWidth) || bx.LineWidth < 0 {
			return fmt.Errorf("box %d: bad geometry", i)
		}
		stroke := bx.LineWidth > 0
		if !stroke && !bx.Fill {
			continue
		}
		if stroke {
			c.b = appendNum(c.b, bx.LineWidth, 3)
			c.b = append(c.b, " w "...)
		}
		c.b = c.nums(bx.X, c.height-bx.Y-bx.H, bx.W, bx.H)
		c.b = append(c.b, "re "...)
		switch {
		case stroke && bx.Fill:
			c.b = append(c.b, "B\n"...)
		case stroke:
			c.b = append(c.b, "S\n"...)
		default:
			c.b = append(c.b, "f\n"...)
		}
	}
	return nil
}

func (c *content) rules(rules []layout.Rule) error {
	for i, r := range rules {
		if !finite(r.X1, r.Y1, r.X2, r.Y2, r.Width) || r.Width < 0 {
			return fmt.Errorf("rule %d: bad geometry", i)
		}
		if r.Width == 0 {
			continue
		}
		c.b = appendNum(c.b, r.Width, 3)
		c.b = append(c.b, " w "...)
		c.b = c.nums(r.X1, c.height-r.Y1)
		c.b = append(c.b, "m "...)
		c.b = c.nums(r.X2, c.height-r.Y2)
		c.b = append(c.b, "l S\n"...)
	}
	return nil
}

// nums writes numbers with two decimals, each followed by a space.
func (c *content) nums(vs ...float64) []byte {
	for _, v := range vs {
		c.b = appendNum(c.b, v, 2)
		c.b = append(c.b, ' ')
	}
	return c.b
}

// run writes one glyph run. Every glyph lands exactly on its display-list
// position: x through TJ adjustments relative to where the previous
// glyph's advance left the pen, y through the text rise.
//
// A left-to-right run is wrapped in one /ActualText span with its logical
// text. A right-to-left run cannot be: text extractors (poppler among
// them) spread a span's text left to right across its glyphs and then
// read right-to-left text backwards, and Nastaliq's cascade puts a word's
// glyphs on several heights. So its visible glyphs get an empty
// /ActualText (they yield no text: Nastaliq's dotless letter bodies are
// shared by several letters, so no per-glyph ToUnicode entry could be
// right) and the text follows as an invisible layer: each character in
// logical order in its own /ActualText span on a blank glyph laid on the
// baseline over its cluster, so extraction, search and screen readers
// get the logical text in logical order.
func (c *content) run(r *layout.GlyphRun, f *fontUse) error {
	if len(r.Glyphs) == 0 {
		return nil
	}
	if !finite(r.Size, r.Baseline, r.X) || r.Size <= 0 || r.Size > 10000 {
		return fmt.Errorf("bad font size %v, baseline %v or x %v", r.Size, r.Baseline, r.X)
	}
	for i := range r.Glyphs {
		if g := &r.Glyphs[i]; !finite(g.X, g.Y, g.Advance) {
			return fmt.Errorf("glyph %d: bad position", i)
		}
	}
	lang := r.Lang != "" && r.Lang != c.lang
	if r.RTL && lang {
		c.b = append(c.b, "/Span<</Lang"...)
		c.b = appendTextString(c.b, r.Lang)
		c.b = append(c.b, ">>BDC\n"...)
	}
	c.b = append(c.b, "/Span<<"...)
	if lang && !r.RTL {
		c.b = append(c.b, "/Lang"...)
		c.b = appendTextString(c.b, r.Lang)
	}
	if r.RTL {
		c.actualText("")
	} else {
		c.actualText(r.Text)
	}
	c.b = append(c.b, "BT\n"...)
	c.state(f, r.Size, 100, 0)
	t := textPos{f: f, k: r.Size / 1000, y0: round2(c.height - r.Baseline), pen: round2(r.Glyphs[0].X)}
	c.b = c.nums(t.pen, t.y0)
	c.b = append(c.b, "Td\n"...)
	for i := range r.Glyphs {
		c.show(&r.Glyphs[i], &t)
	}
	c.endTJ(&t)
	c.b = append(c.b, "ET\nEMC\n"...)
	if r.RTL {
		c.textLayer(r, f)
		if lang {
			c.b = append(c.b, "EMC\n"...)
		}
	}
	return nil
}

// state sets the font, size, horizontal scaling and rendering mode,
// writing only what changed (text state outlives text objects).
func (c *content) state(f *fontUse, size, tz float64, tr int) {
	if c.font != f || c.size != size {
		c.font, c.size = f, size
		c.b = append(c.b, f.name...)
		c.b = append(c.b, ' ')
		c.b = appendNum(c.b, size, 3)
		c.b = append(c.b, " Tf\n"...)
	}
	if tz != c.tz {
		c.tz = tz
		c.b = appendNum(c.b, tz, 2)
		c.b = append(c.b, " Tz\n"...)
	}
	if tr != c.tr {
		c.tr = tr
		c.b = appendNum(c.b, float64(tr), 0)
		c.b = append(c.b, " Tr\n"...)
	}
}

// actualText writes the /ActualText entry and ends the span's dictionary.
func (c *content) actualText(s string) {
	c.b = append(c.b, "/ActualText<FEFF"...)
	c.b = appendUTF16Hex(c.b, s)
	c.b = append(c.b, ">>>BDC\n"...)
}

// textLayer writes a right-to-left run's characters in logical order as
// invisible .notdef glyphs (rendering mode 3), each in its own
// /ActualText span and stretched with Tz over its share of its cluster.
func (c *content) textLayer(r *layout.GlyphRun, f *fontUse) {
	chars := carriers(r)
	if len(chars) == 0 {
		return
	}
	w0 := f.widths[0] * r.Size / 1000
	if w0 <= 0 {
		w0 = r.Size / 2 // scale a zero-width .notdef as if it were half an em
	}
	c.b = append(c.b, "BT\n"...)
	c.state(f, r.Size, c.tz, 3)
	if c.rise != 0 {
		c.rise = 0
		c.b = append(c.b, "0 Ts\n"...)
	}
	x, y := 0.0, round2(c.height-r.Baseline)
	for i, ch := range chars {
		c.b = append(c.b, "/Span<<"...)
		c.actualText(string(ch.r))
		nx := round2(ch.x)
		if i == 0 {
			c.b = c.nums(nx, y)
		} else {
			c.b = c.nums(nx-x, 0)
		}
		x = nx
		c.b = append(c.b, "Td "...)
		c.state(f, r.Size, round2(100*max(ch.w, 0.01)/w0), 3)
		c.b = append(c.b, "<0000>Tj EMC\n"...)
	}
	c.b = append(c.b, "ET\n"...)
}

// carrier is one character of the text layer: its left edge and width.
type carrier struct {
	r    rune
	x, w float64
}

// carriers splits a right-to-left run into its clusters in logical order
// and gives each character an equal share of its cluster's advance, right
// to left.
func carriers(r *layout.GlyphRun) []carrier {
	pens := make([]float64, len(r.Glyphs)+1)
	pens[0] = r.X
	for i, g := range r.Glyphs {
		pens[i+1] = pens[i] + g.Advance
	}
	var out []carrier
	hi := len(r.Glyphs) // the cluster ends (right edge) at pens[hi]
	for i := len(r.Glyphs) - 1; i >= 0; i-- {
		g := &r.Glyphs[i]
		if g.Chars == "" {
			continue
		}
		// the cluster is glyphs (lo, i] visually: up to the next glyph
		// (to the left) that starts a cluster
		lo := i
		for lo > 0 && r.Glyphs[lo-1].Chars == "" {
			lo--
		}
		right, left := pens[min(hi, i+1)], pens[lo]
		if hi != len(r.Glyphs) {
			right = pens[hi]
		}
		n := float64(utf8Count(g.Chars))
		w := (right - left) / n
		j := 0.0
		for _, ch := range g.Chars {
			j++
			out = append(out, carrier{r: ch, x: right - j*w, w: w})
		}
		hi = lo
		i = lo
	}
	insetWords(out, r.Size)
	return out
}

// insetWords pulls each word's characters in from the word's ends, so
// that the gap between words in the text layer is clearly wider than any
// gap inside a word even where the font's word space is narrow (Nastaliq's
// is 0.132 em and shrinks further after some letters): extractors find
// word boundaries by these gaps.
func insetWords(cs []carrier, size float64) {
	for i := 0; i < len(cs); {
		if unicode.IsSpace(cs[i].r) {
			i++
			continue
		}
		j := i
		for j < len(cs) && !unicode.IsSpace(cs[j].r) {
			j++
		}
		// cs[i:j] is a word, right to left
		right, left := cs[i].x+cs[i].w, cs[j-1].x
		if width := right - left; width > 0 {
			d := min(0.12*size, 0.1*width)
			k := (width - 2*d) / width
			for n := i; n < j; n++ {
				cs[n].x = left + d + (cs[n].x-left)*k
				cs[n].w *= k
			}
		}
		i = j
	}
}

// textPos tracks the pen inside a TJ sequence.
type textPos struct {
	f         *fontUse
	k         float64 // font size / 1000
	y0        float64 // baseline in PDF coordinates, as written by Td
	pen       float64 // x where the next glyph will be drawn
	open, hex bool    // inside a TJ array, inside its hex string
	started   bool    // a glyph has been drawn
}

// show draws one glyph at its exact position.
func (c *content) show(g *layout.Glyph, t *textPos) {
	rise := round2(c.height - g.Y - t.y0)
	if rise != c.rise {
		c.endTJ(t)
		c.rise = rise
		c.b = appendNum(c.b, rise, 2)
		c.b = append(c.b, " Ts\n"...)
	}
	if !t.open {
		c.b = append(c.b, '[')
		t.open = true
	}
	// TJ numbers are thousandths of the font size, positive to the left.
	if adj := math.Round((t.pen-g.X)/t.k*10) / 10; adj != 0 && t.started {
		if t.hex {
			c.b = append(c.b, '>')
			t.hex = false
		}
		c.b = appendNum(c.b, adj, 1)
		t.pen -= adj * t.k
	}
	if !t.hex {
		c.b = append(c.b, '<')
		t.hex = true
	}
	cid := t.f.cid[g.ID]
	c.b = appendHex16(c.b, cid)
	t.pen += t.f.widths[cid] * t.k
	t.started = true
}

// endTJ closes an open TJ array.
func (c *content) endTJ(t *textPos) {
	if !t.open {
		return
	}
	if t.hex {
		c.b = append(c.b, '>')
	}
	c.b = append(c.b, "]TJ\n"...)
	t.open, t.hex = false, false
}

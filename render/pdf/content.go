package pdf

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"golang.org/x/text/unicode/bidi"

	"github.com/ualetters/ualetters/render/layout"
)

// content builds one page's content stream. Text state (font, size, rise)
// persists across text objects, so it is tracked to emit only changes.
type content struct {
	b        []byte
	cuts     []int   // offsets in b where a paragraph starts (compression pieces)
	runes    []rune  // scratch for a text layer's characters
	height   float64 // page height, to flip y
	fontName string  // current font resource
	size     float64
	rise     float64
	tz       float64 // horizontal scaling, percent
	tr       int     // text rendering mode
	ltrEnd   float64 // baseline of the last layer piece if it ran left to right in a right-to-left line, else NaN
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// errGeometry reports a rule or box with a coordinate that is not finite
// or a negative line width.
var errGeometry = errors.New("bad geometry")

// box writes a stroked and/or filled rectangle.
func (c *content) box(bx layout.Box) error {
	if !finite(bx.X, bx.Y, bx.W, bx.H, bx.LineWidth) || bx.LineWidth < 0 {
		return errGeometry
	}
	stroke := bx.LineWidth > 0
	if !stroke && !bx.Fill {
		return nil
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
	return nil
}

// rule writes a stroked line.
func (c *content) rule(r layout.Rule) error {
	if !finite(r.X1, r.Y1, r.X2, r.Y2, r.Width) || r.Width < 0 {
		return errGeometry
	}
	if r.Width == 0 {
		return nil
	}
	c.b = appendNum(c.b, r.Width, 3)
	c.b = append(c.b, " w "...)
	c.b = c.nums(r.X1, c.height-r.Y1)
	c.b = append(c.b, "m "...)
	c.b = c.nums(r.X2, c.height-r.Y2)
	c.b = append(c.b, "l S\n"...)
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
// A speaking run (Latin text in a left-to-right line) is wrapped in an
// /ActualText span with its logical text; its glyphs also map to their
// clusters' text.
//
// A silent run carries no text in its glyphs: Arabic-script glyphs cannot
// (Nastaliq's dotless letter bodies are shared by several letters, and
// the cascade puts a word's glyphs on several heights, so readers that go
// by glyph positions and per-glyph Unicode values, MuPDF and pdf.js, read
// garbage), and the Latin runs of a right-to-left line must not, so that
// the line's text comes in one logical sequence. Its glyphs are drawn as
// paths (see drawSilent) and its text follows as a layer (see textLayer).
func (c *content) run(r *layout.GlyphRun, f *fontUse, m mode) error {
	if !finite(r.Size, r.Baseline, r.X) || r.Size <= 0 || r.Size > 10000 {
		return fmt.Errorf("bad font size %v, baseline %v or x %v", r.Size, r.Baseline, r.X)
	}
	for i := range r.Glyphs {
		if g := &r.Glyphs[i]; !finite(g.X, g.Y, g.Advance) {
			return fmt.Errorf("glyph %d: bad position", i)
		}
	}
	if m != speaking {
		c.drawSilent(r, f)
		c.textLayer(r, f, m == mirrored)
		return nil
	}
	c.b = append(c.b, "/Span<<"...)
	c.actualText(r.Text)
	c.b = append(c.b, "BT\n"...)
	c.state(f, r.Size, 100, 0)
	t := textPos{f: f, cids: f.speak, k: r.Size / 1000, y0: round2(c.height - r.Baseline), pen: round2(r.Glyphs[0].X)}
	c.b = c.nums(t.pen, t.y0)
	c.b = append(c.b, "Td\n"...)
	for i := range r.Glyphs {
		c.show(&r.Glyphs[i], &t)
	}
	c.endTJ(&t)
	c.b = append(c.b, "ET\nEMC\n"...)
	return nil
}

// drawSilent draws the glyphs of a silent run as paths: each glyph's
// outline is a form XObject in font units, placed by a matrix that scales
// it to the run's size and moves it from the previous glyph's origin.
// Readers find no text in them, so none extracts a character per glyph:
// MuPDF 1.21 reads every glyph drawn as text, whatever its rendering mode
// and /ActualText, and a glyph of a PDF/A-2u font must map to some
// Unicode value. Offsets are in tenths of a font unit, accumulated
// exactly, so every glyph lands within 0.01 pt of its position.
func (c *content) drawSilent(r *layout.GlyphRun, f *fontUse) {
	k := math.Round(r.Size/f.data.upem*1e8) / 1e8 // as written
	x0, y0 := round2(r.Glyphs[0].X), round2(c.height-r.Glyphs[0].Y)
	c.b = append(c.b, "q "...)
	c.b = appendNum(c.b, k, 8)
	c.b = append(c.b, " 0 0 "...)
	c.b = appendNum(c.b, k, 8)
	c.b = append(c.b, ' ')
	c.b = c.nums(x0, y0)
	c.b = append(c.b, "cm\n"...)
	var ux, uy float64 // pen in tenths of a font unit from (x0, y0)
	for _, g := range r.Glyphs {
		if f.formOf[g.ID] == 0 {
			continue // no outline
		}
		dx := math.Round((g.X-x0)/k*10) - ux
		dy := math.Round((c.height-g.Y-y0)/k*10) - uy
		if dx != 0 || dy != 0 {
			c.b = append(c.b, "1 0 0 1 "...)
			c.b = appendScaled(c.b, int64(dx), 10)
			c.b = append(c.b, ' ')
			c.b = appendScaled(c.b, int64(dy), 10)
			c.b = append(c.b, " cm "...)
			ux, uy = ux+dx, uy+dy
		}
		c.b = f.appendFormName(c.b, g.ID)
		c.b = append(c.b, " Do\n"...)
	}
	c.b = append(c.b, "Q\n"...)
}

// setFont selects a font resource and size unless they are current.
func (c *content) setFont(name string, size float64) {
	if c.fontName == name && c.size == size {
		return
	}
	c.fontName, c.size = name, size
	c.b = append(c.b, name...)
	c.b = append(c.b, ' ')
	c.b = appendNum(c.b, size, 3)
	c.b = append(c.b, " Tf\n"...)
}

// state sets the font, size, horizontal scaling and rendering mode,
// writing only what changed (text state outlives text objects).
func (c *content) state(f *fontUse, size, tz float64, tr int) {
	if f != nil {
		c.setFont(f.name, size)
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

// textLayer writes the text of a silent run: its characters in logical
// order, each drawn with the blank glyph (the font's space, no outline),
// evenly spread over the run's width on its baseline. What the three
// readers need (measured with poppler pdftotext, MuPDF and pdf.js):
//   - logical order in the content stream: MuPDF reads characters in the
//     order they are drawn along the writing direction and does not
//     reorder right-to-left text;
//   - in a line with right-to-left text the layer is mirrored (text
//     matrix -1 0 0 1): characters advance leftwards along the writing
//     direction, so MuPDF keeps the line together and pdf.js, which turns
//     the matrix round, sees the gaps of spaces ahead of it; poppler
//     orders by position. A left-to-right run in such a line (a name, a
//     number) must have its characters lie left to right, as poppler
//     wants them: a run of several words is not mirrored but advances
//     rightwards from its left edge as one piece, so that pdf.js, which
//     drops space characters and measures gaps in the glyph's own frame,
//     sees its spaces; a single word keeps the mirrored matrix and steps
//     back after each character (see steppedLayer); a right-to-left piece
//     after either that starts with a bracket gets a U+200F first (see
//     runNeedsRLM);
//   - pdf.js reverses every text chunk that holds right-to-left
//     characters (it takes chunks to be in visual order), so each
//     character must be a chunk of its own: pdf.js ends a chunk at every
//     marked-content operator, so each character is wrapped in /C BMC …
//     EMC (plain marked content without MCID, which the structure tree
//     does not see; a font-size change would do the same for pdf.js but
//     makes poppler break words);
//   - the normal rendering mode: MuPDF drops invisible (mode 3) text.
func (c *content) textLayer(r *layout.GlyphRun, f *fontUse, mirror bool) {
	c.runes = appendLogicalChars(c.runes[:0], r)
	text := c.runes
	if len(text) == 0 {
		return
	}
	y := round2(c.height - r.Baseline)
	afterLTR := c.ltrEnd == y
	c.ltrEnd = math.NaN()
	if mirror && r.RTL && afterLTR && runNeedsRLM(r) {
		c.runes = append(c.runes, 0)
		copy(c.runes[1:], c.runes)
		c.runes[0] = rlm
		text = c.runes
	}
	left, width := r.X, r.Width
	if width <= 0 {
		left, width = glyphExtent(r)
	}
	// Scale the blank glyph to fill the run.
	tz := round2(100 * width / float64(len(text)) / (r.Size * f.widths[f.speak[f.blank]] / 1000))
	if tz <= 0 {
		tz = 1
	}
	c.b = append(c.b, "BT\n"...)
	c.state(nil, r.Size, tz, 0)
	if c.rise != 0 {
		c.rise = 0
		c.b = append(c.b, "0 Ts\n"...)
	}
	if mirror && !r.RTL && !slices.Contains(text, ' ') {
		c.steppedLayer(text, f, r.Size, left+width/float64(len(text)), y)
		c.ltrEnd = y
		return
	}
	if !mirror || !r.RTL {
		c.ltrLayer(text, f, r.Size, left, y, mirror)
		if mirror {
			c.ltrEnd = y
		}
		return
	}
	c.b = append(c.b, "-1 0 0 1 "...)
	c.b = c.nums(left+width, y)
	c.b = append(c.b, "Tm\n"...)
	c.setFont(f.layerName, r.Size)
	for _, ch := range text {
		c.b = append(c.b, "/C BMC<"...)
		c.b = appendHex16(c.b, f.layerCID[ch])
		c.b = append(c.b, ">Tj EMC\n"...)
	}
	c.b = append(c.b, "ET\n"...)
}

// steppedLayer writes a left-to-right word (a number, an acronym, an
// e-mail address) of a right-to-left line in the mirrored layer, the pen
// stepping back after each character so that the characters lie left to
// right: pdf.js then finds the gap of the space before the word and
// MuPDF keeps a number on the line of the words around it, which a piece
// advancing rightwards loses in both (measured: "انہیں12" in pdf.js, the
// number on a line of its own in MuPDF).
func (c *content) steppedLayer(text []rune, f *fontUse, size, x, y float64) {
	c.b = append(c.b, "-1 0 0 1 "...)
	c.b = c.nums(x, y)
	c.b = append(c.b, "Tm\n"...)
	c.setFont(f.layerName, size)
	back := appendNum(nil, 2*f.widths[f.speak[f.blank]], 2)
	for _, ch := range text {
		c.b = append(c.b, "/C BMC[<"...)
		c.b = appendHex16(c.b, f.layerCID[ch])
		c.b = append(c.b, '>')
		c.b = append(c.b, back...)
		c.b = append(c.b, "]TJ EMC\n"...)
	}
	c.b = append(c.b, "ET\n"...)
}

// ltrLayer writes the text of a left-to-right run from its left edge,
// advancing rightwards. Inside a right-to-left line it is one marked
// piece, so pdf.js keeps it apart from the mirrored characters around it.
func (c *content) ltrLayer(text []rune, f *fontUse, size, left, y float64, inRTL bool) {
	c.setFont(f.layerName, size)
	c.b = c.nums(left, y)
	c.b = append(c.b, "Td\n"...)
	if inRTL {
		c.b = append(c.b, "/C BMC"...)
	}
	c.b = append(c.b, '<')
	for _, ch := range text {
		c.b = appendHex16(c.b, f.layerCID[ch])
	}
	c.b = append(c.b, ">Tj"...)
	if inRTL {
		c.b = append(c.b, " EMC"...)
	}
	c.b = append(c.b, "\nET\n"...)
}

// rlm is U+200F RIGHT-TO-LEFT MARK.
const rlm = '\u200F'

// runNeedsRLM reports whether a right-to-left run that follows a
// left-to-right one in its line starts with neutral characters other
// than spaces (a closing bracket, a comma): poppler's bidi counts the
// neutrals next to a left-to-right piece as left to right and puts them
// before it, so that "(Amnesty International) UNHCR" came out as "UNHCR
// )Amnesty International". A mark of right-to-left class before them, on
// the layer, keeps them in place. Spaces alone are left as they are (a
// space on the wrong side of a word changes no word).
func runNeedsRLM(r *layout.GlyphRun) bool {
	for i := range r.Glyphs {
		j := i
		if r.RTL {
			j = len(r.Glyphs) - 1 - i
		}
		for _, ch := range r.Glyphs[j].Chars {
			if need, decided := rlmDecides(ch); decided {
				return need
			}
		}
	}
	return false
}

// rlmDecides classifies the next character for runNeedsRLM: a strong
// character or a number ends the leading neutrals without a mark, a
// neutral other than a space asks for one, a space decides nothing.
func rlmDecides(ch rune) (need, decided bool) {
	p, _ := bidi.LookupRune(ch)
	switch p.Class() {
	case bidi.R, bidi.AL, bidi.L, bidi.EN, bidi.AN:
		return false, true
	case bidi.WS:
		return false, false
	}
	return true, true
}

// appendLogicalChars appends the text of a run's clusters in logical
// order: the Chars of its glyphs, from the right end for right-to-left
// runs.
func appendLogicalChars(out []rune, r *layout.GlyphRun) []rune {
	for i := range r.Glyphs {
		j := i
		if r.RTL {
			j = len(r.Glyphs) - 1 - i
		}
		for _, ch := range r.Glyphs[j].Chars {
			out = append(out, ch)
		}
	}
	return out
}

// glyphExtent is the horizontal extent of a run's pen positions.
func glyphExtent(r *layout.GlyphRun) (left, width float64) {
	left = r.Glyphs[0].X
	right := left
	for _, g := range r.Glyphs {
		left = min(left, g.X)
		right = max(right, g.X+g.Advance)
	}
	return left, right - left
}

// textPos tracks the pen inside a TJ sequence.
type textPos struct {
	f         *fontUse
	cids      []uint16 // glyph id -> CID for this run
	k         float64  // font size / 1000
	y0        float64  // baseline in PDF coordinates, as written by Td
	pen       float64  // x where the next glyph will be drawn
	open, hex bool     // inside a TJ array, inside its hex string
	started   bool     // a glyph has been drawn
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
	cid := t.cids[g.ID]
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

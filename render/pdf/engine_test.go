package pdf

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/render/layout"
	"github.com/ualetters/ualetters/render/text"
)

// TestPDFMatchesTextEngine lays out one Urdu paragraph with the text
// engine (Nastaliq with its cascade, a Latin name, a phone number, a
// justified last-line-right paragraph), writes it to PDF and reads the
// content stream back: every visible glyph must be drawn where the engine
// put it, within 0.01 pt, x and y (the y offsets carry the cascade), with
// one consistent code per glyph id.
func TestPDFMatchesTextEngine(t *testing.T) {
	p := text.Paragraph{Lang: "ur", RTL: true, Size: 12, Align: text.Justify, Spans: []text.Span{
		{Text: "محترم جناب "}, {Text: "Anwaar-ul-Haq Kakar", Isolation: text.FirstStrong},
		{Text: "، میں حکومتِ پاکستان کے 3 اکتوبر 2023 کے فیصلے پر اپنی گہری تشویش کا اظہار کرنے کے لیے لکھ رہی ہوں۔ میرا فون نمبر "},
		{Text: "0300-1234567", Isolation: text.LeftToRight},
		{Text: " ہے اور میں چاہتی ہوں کہ افغان پناہ گزینوں کی گرفتاریاں فوراً بند کی جائیں۔"},
	}}
	const left, width, top = 72.0, 380.0, 90.0
	lines, err := text.NewEngine(nil).Layout(p, width)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) < 3 {
		t.Fatalf("want a paragraph of several lines, got %d", len(lines))
	}
	page := layout.Page{Paper: layout.A4}
	type want struct {
		font     fonts.ID
		gid      uint16
		x, y, dy float64
	}
	var wants []want
	y := top
	for _, l := range lines {
		baseline := y + l.Ascent
		for _, r := range l.Runs {
			gr := layout.GlyphRun{Font: r.Font, Size: r.Size, Baseline: baseline, X: left + r.X, Width: r.Width,
				Text: r.Text, Lang: "ur-PK", RTL: r.RTL}
			for _, g := range r.Glyphs {
				gr.Glyphs = append(gr.Glyphs, layout.Glyph{ID: g.ID, X: left + g.X, Y: baseline + g.Y, Advance: g.Advance, Chars: g.Chars})
				// every run of a right-to-left line is silent: its glyphs
				// are drawn as forms, those without outline not at all
				if !glyphOutline(r.Font, g.ID).empty() {
					wants = append(wants, want{r.Font, g.ID, left + g.X, layout.A4.Height - (baseline + g.Y), g.Y})
				}
			}
			page.AddRun(gr, layout.Struct{})
		}
		y += l.Height()
	}
	b := render(t, &layout.Document{Pages: []layout.Page{page}, Lang: "ur-PK", RTL: true})
	var got []drawn
	for _, d := range interpret(t, contents(t, b)[0], fontWidths(t, b)) {
		if !d.invisible {
			got = append(got, d)
		}
	}
	if len(got) != len(wants) {
		t.Fatalf("PDF draws %d glyphs, the engine placed %d", len(got), len(wants))
	}
	type fontGlyph struct {
		font string
		gid  uint16
	}
	codeOf := map[fontGlyph]uint16{}
	forms := glyphFormData(t, b)
	raised := 0
	for i, w := range wants {
		d := got[i]
		if math.Abs(d.x-w.x) > 0.01 || math.Abs(d.y-w.y) > 0.01 {
			t.Errorf("glyph %d (gid %d): PDF (%.3f, %.3f), engine (%.3f, %.3f)", i, w.gid, d.x, d.y, w.x, w.y)
		}
		key := fontGlyph{d.font, w.gid}
		if c, ok := codeOf[key]; ok && c != d.cid {
			t.Errorf("glyph %d: gid %d drawn with codes %d and %d", i, w.gid, c, d.cid)
		}
		codeOf[key] = d.cid
		// every glyph here is silent (a right-to-left paragraph): a form
		// holding the glyph's own outline
		if fn := "/G" + strings.TrimPrefix(d.font, "/F") + "." + strconv.Itoa(int(d.cid)); !d.form || !bytes.Equal(forms[fn], inflate(t, glyphOutline(w.font, w.gid).z)) {
			t.Errorf("glyph %d (gid %d): drawn as form %v %s, not its outline", i, w.gid, d.form, fn)
		}
		if w.dy != 0 {
			raised++
		}
	}
	if raised < 50 {
		t.Errorf("only %d glyphs off the baseline: the Nastaliq cascade is not exercised", raised)
	}
	t.Logf("%d lines, %d glyphs compared, %d off the baseline", len(lines), len(wants), raised)
}

package raster

import (
	"strings"
	"testing"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/render/layout"
	"github.com/ualetters/ualetters/render/text"
)

// Test pages are built the way the layout engine builds them: text shaped
// with HarfBuzz (text.ShapeUnits) and its glyphs placed at absolute
// positions in points.

const (
	englishLine = "Stop deporting Afghan refugees (UA 109/23)"
	urduLine    = "افغان پناہ گزینوں کی ملک بدری فوری طور پر بند کی جائے"
)

var urduParagraph = []string{
	"محترم وزیر اعظم،",
	"میں آپ کو پاکستان میں مقیم افغان پناہ گزینوں کے بارے میں لکھ رہا ہوں۔",
	"حکومت نے غیر رجسٹرڈ افغان پناہ گزینوں کو ملک بدر کرنے کا اعلان کیا ہے۔",
	"ان میں خواتین، بچے، صحافی اور انسانی حقوق کے محافظ شامل ہیں۔",
	"افغانستان واپس بھیجے جانے والوں کو سنگین خطرات کا سامنا ہے۔",
	"میں آپ سے مطالبہ کرتا ہوں کہ ملک بدری فوری طور پر روک دی جائے۔",
	"گرفتار کیے گئے پناہ گزینوں کو رہا کیا جائے اور ان کے خاندان یکجا رکھے جائیں۔",
	"اقوام متحدہ کے ادارے کو حراستی مراکز تک رسائی دی جائے۔",
}

// shapeRun shapes one line and places it with its pen starting at x (or,
// right-aligned, ending at x) on the given baseline.
func shapeRun(t testing.TB, id fonts.ID, lang string, arabic bool, s string, size, x, baseline float64, rightAligned bool) layout.GlyphRun {
	t.Helper()
	p := text.ParamsFor(lang, arabic, arabic)
	shaped := text.ShapeUnits(id, p, []rune(s))
	if len(shaped) == 0 {
		t.Fatalf("shaping %q gave no glyphs", s)
	}
	scale := size / id.Upem()
	width := 0.0
	for _, g := range shaped {
		width += float64(g.XAdvance) * scale
	}
	if rightAligned {
		x -= width
	}
	run := layout.GlyphRun{Font: id, Size: size, Baseline: baseline, X: x, Width: width, Text: s, Lang: lang, RTL: p.RTL}
	pen := x
	for _, g := range shaped {
		run.Glyphs = append(run.Glyphs, layout.Glyph{
			ID:      g.GID,
			X:       pen + float64(g.XOffset)*scale,
			Y:       baseline - float64(g.YOffset)*scale,
			Advance: float64(g.XAdvance) * scale,
		})
		pen += float64(g.XAdvance) * scale
	}
	return run
}

// englishPage is a cover-sheet-like page: a heading, body lines, a rule and
// a box.
func englishPage(t testing.TB) layout.Page {
	p := layout.Page{Paper: layout.A4}
	p.AddRun(shapeRun(t, fonts.SansBold, "en", false, "FAX", 28, 72, 100, false), layout.Struct{})
	p.AddRun(shapeRun(t, fonts.SansRegular, "en", false, englishLine, 12, 72, 140, false), layout.Struct{})
	words := strings.Fields("On 3 October 2023 the Pakistani government announced its decision to deport unregistered Afghan refugees back to danger in Afghanistan by 1 November in brazen breach of its international obligations")
	for i := 0; i < 24; i++ {
		line := strings.Join(words[i%10:i%10+12], " ")
		p.AddRun(shapeRun(t, fonts.SansRegular, "en", false, line, 11, 72, 180+float64(i)*18, false), layout.Struct{})
	}
	p.AddRule(layout.Rule{X1: 72, Y1: 110, X2: 523, Y2: 110, Width: 0.2}, layout.Artifact)
	p.AddBox(layout.Box{X: 72, Y: 640, W: 451, H: 80, LineWidth: 1}, layout.Artifact)
	return p
}

// urduPage is a letter page in Nastaliq, right-aligned at the right margin,
// with an English line (a Latin run in an RTL letter).
func urduPage(t testing.TB) layout.Page {
	p := layout.Page{Paper: layout.A4}
	right := layout.A4.Width - 72
	p.AddRun(shapeRun(t, fonts.NastaliqRegular, "ur", true, urduLine, 16, right, 110, true), layout.Struct{})
	p.AddRun(shapeRun(t, fonts.SansRegular, "ur", false, englishLine, 11, 72, 150, false), layout.Struct{})
	y := 200.0
	for i := 0; i < 2; i++ {
		for _, l := range urduParagraph {
			p.AddRun(shapeRun(t, fonts.NastaliqRegular, "ur", true, l, 13, right, y, true), layout.Struct{})
			y += 34
		}
	}
	return p
}

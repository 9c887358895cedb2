package pdf

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/render/layout"
	"github.com/ualetters/ualetters/render/text"
)

// shaped is a shaped run with glyph positions relative to its left edge
// and baseline.
type shaped struct {
	font  fonts.ID
	size  float64
	text  string
	lang  string
	rtl   bool
	glyph []layout.Glyph
	width float64
}

// shape shapes s with HarfBuzz and converts font units to points: the
// glyphs come in visual order with the shaper's offsets applied, and each
// cluster's characters sit on its first glyph in logical order.
func shape(id fonts.ID, lang string, s string, size float64) shaped {
	runes := []rune(s)
	arabic := id.Arabic()
	sg := text.ShapeUnits(id, text.ParamsFor(lang, arabic, arabic), runes)
	k := size / id.Upem()
	out := shaped{font: id, size: size, text: s, lang: lang, rtl: arabic}
	if !arabic && (lang == "ur" || lang == "pnb") {
		out.lang = "en"
	}
	starts := make([]int, 0, len(sg))
	for _, g := range sg {
		starts = append(starts, g.Cluster)
	}
	slices.Sort(starts)
	starts = slices.Compact(starts)
	clusterText := func(c int) string {
		i, _ := slices.BinarySearch(starts, c)
		end := len(runes)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		return string(runes[c:end])
	}
	pen := 0.0
	for _, g := range sg {
		out.glyph = append(out.glyph, layout.Glyph{
			ID: g.GID, X: pen + float64(g.XOffset)*k, Y: -float64(g.YOffset) * k,
			Advance: float64(g.XAdvance) * k,
		})
		pen += float64(g.XAdvance) * k
	}
	out.width = pen
	// The first glyph of a cluster in logical order: the leftmost for
	// left-to-right text, the rightmost for right-to-left.
	seen := map[int]bool{}
	for j := range sg {
		i := j
		if arabic {
			i = len(sg) - 1 - j
		}
		if c := sg[i].Cluster; !seen[c] {
			seen[c] = true
			out.glyph[i].Chars = clusterText(c)
		}
	}
	return out
}

// place turns a shaped run into a display-list run at x, baseline.
func (s shaped) place(x, baseline float64) layout.GlyphRun {
	r := layout.GlyphRun{Font: s.font, Size: s.size, Baseline: baseline, X: x, Width: s.width,
		Text: s.text, Lang: s.lang, RTL: s.rtl}
	for _, g := range s.glyph {
		g.X += x
		g.Y += baseline
		r.Glyphs = append(r.Glyphs, g)
	}
	return r
}

// page is a test page filler: lines go down from the top margin and are
// right-aligned for right-to-left text.
type page struct {
	paper      layout.Paper
	left, righ float64
	y          float64
	pages      []layout.Page
}

func newPager(p layout.Paper) *page {
	return &page{paper: p, left: 72, righ: p.Width - 72, y: 72, pages: []layout.Page{{Paper: p}}}
}

func (p *page) cur() *layout.Page { return &p.pages[len(p.pages)-1] }

func (p *page) newPage() {
	p.pages = append(p.pages, layout.Page{Paper: p.paper})
	p.y = 72
}

// line sets runs (in logical order) on one line, separated by gap points,
// aligned right when rtl.
func (p *page) line(rtl bool, lead, gap float64, runs ...shaped) {
	if p.y+lead > p.paper.Height-72 {
		p.newPage()
	}
	p.y += lead
	total := gap * float64(len(runs)-1)
	for _, r := range runs {
		total += r.width
	}
	x := p.left
	if rtl {
		x = p.righ - total
		slices.Reverse(runs)
	}
	for _, r := range runs {
		p.cur().AddRun(r.place(x, p.y), layout.Struct{})
		x += r.width + gap
	}
}

// paragraph breaks words greedily into lines of the text width.
func (p *page) paragraph(id fonts.ID, lang string, size, lead float64, words []string) {
	rtl := id.Arabic()
	for len(words) > 0 {
		n := 1
		for n < len(words) && shape(id, lang, strings.Join(words[:n+1], " "), size).width <= p.righ-p.left {
			n++
		}
		p.line(rtl, lead, 0, shape(id, lang, strings.Join(words[:n], " "), size))
		words = words[n:]
	}
}

func readLines(t testing.TB, name string) []string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

const urduName = "Anwaar-ul-Haq Kakar"

// urduLetter is a one-page Urdu letter: salutation with a Latin name in
// Noto Sans, three paragraphs of Nastaliq, a footer rule.
func urduLetter(t testing.TB) *layout.Document {
	p := newPager(layout.A4)
	p.line(true, 30, 4, shape(fonts.NastaliqRegular, "ur", "محترم جناب", 12),
		shape(fonts.SansRegular, "ur", urduName, 10), shape(fonts.NastaliqRegular, "ur", "صاحب،", 12))
	for _, para := range readLines(t, "letter-ur.txt") {
		p.paragraph(fonts.NastaliqRegular, "ur", 12, 30, strings.Fields(para))
	}
	p.line(true, 36, 0, shape(fonts.NastaliqBold, "ur", "آپ کا مخلص،", 12))
	p.cur().AddRule(layout.Rule{X1: 72, Y1: 790, X2: p.righ, Y2: 790, Width: 0.5}, layout.Artifact)
	return &layout.Document{Pages: p.pages, Lang: "ur", RTL: true, Title: "افغان پناہ گزینوں کی ملک بدری بند کریں",
		Subject: "UA 109/23", Author: "Amina Khan", Keywords: "Amnesty, Urgent Action"}
}

// englishLetter is an English letter with a bold subject line, a box and
// a second page.
func englishLetter(t testing.TB, twoPages bool) *layout.Document {
	p := newPager(layout.Letter)
	p.line(false, 14, 0, shape(fonts.SansBold, "en", "Stop deporting Afghan refugees", 11))
	p.cur().AddBox(layout.Box{X: 70, Y: 74, W: 300, H: 16, LineWidth: 0.75}, layout.Artifact)
	p.line(false, 28, 0, shape(fonts.SansRegular, "en", "Dear Prime Minister,", 11))
	for _, para := range readLines(t, "letter-en.txt") {
		p.paragraph(fonts.SansRegular, "en", 11, 15, strings.Fields(para))
		p.y += 6
	}
	if twoPages {
		p.newPage()
		p.line(false, 15, 0, shape(fonts.SansItalic, "en", "Yours sincerely,", 11))
		p.cur().AddBox(layout.Box{X: 72, Y: 120, W: 20, H: 10, Fill: true}, layout.Artifact)
	}
	return &layout.Document{Pages: p.pages, Lang: "en", Title: "Stop deporting Afghan refugees",
		Subject: "UA 109/23", Date: "2023-11-20"}
}

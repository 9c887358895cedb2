package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/text"
)

var urduSentences = []string{
	"پاکستانی حکومت کی جانب سے افغان مہاجرین کو زبردستی ملک بدر کرنے کے فیصلے پر میں اپنی گہری تشویش کا اظہار کرتی ہوں۔",
	"دہائیوں سے ہزاروں افغان مہاجرین نے پاکستان کو اپنا گھر بنایا ہے۔",
	"یہ فیصلہ افغان خواتین اور لڑکیوں کے انسانی حقوق کے لیے ایک سنگین خطرہ ہے۔",
	"حراستی مراکز تک میڈیا، وکلاء اور سول سوسائٹی کو رسائی کی اجازت نہیں ہے۔",
	"میں آپ سے مطالبہ کرتی ہوں کہ جبری واپسی کو فوری طور پر روکا جائے۔",
}

// ownWords builds an own-words body of about n words in paragraphs of
// varying length.
func ownWords(n int) []letter.Line {
	var lines []letter.Line
	words, k := 0, 0
	for words < n {
		var b strings.Builder
		for s := 0; s < 1+k%7; s++ {
			sent := urduSentences[(k+s)%len(urduSentences)]
			b.WriteString(sent + " ")
			words += len(strings.Fields(sent))
		}
		lines = append(lines, letter.Line{Runs: []letter.Run{{Text: strings.TrimSpace(b.String()), Lang: "ur", Kind: letter.User}}})
		k++
	}
	return lines
}

func testLetter(body []letter.Line) *letter.Document {
	run := func(s string) []letter.Run { return []letter.Run{{Text: s, Lang: "ur"}} }
	user := func(s string) []letter.Run { return []letter.Run{{Text: s, Lang: "ur", Kind: letter.User}} }
	return &letter.Document{
		Kind: "letter", Reference: "UA 109/23", Lang: "ur", Tag: "ur-PK", Dir: letter.RTL,
		Blocks: []letter.Block{
			{Role: letter.RoleSender, Lines: []letter.Line{{Runs: user("Maria Muster")}, {Runs: user("8001 Zürich")}}},
			{Role: letter.RoleSalutation, Lines: []letter.Line{{Runs: run("محترم وزیر اعظم،")}}},
			{Role: letter.RoleBody, Lines: body},
			{Role: letter.RoleClosing, Lines: []letter.Line{{Runs: run("مخلص،")}}},
			{Role: letter.RoleSignature, Lines: []letter.Line{{Runs: user("Maria Muster")}}},
		},
	}
}

func TestPaginationRules(t *testing.T) {
	l := New(text.NewEngine(text.NewCache(8 << 20)))
	for _, paper := range []Paper{A4, Letter} {
		doc := testLetter(ownWords(1500))
		boxes, err := l.boxes(doc, paper, nil)
		if err != nil {
			t.Fatal(err)
		}
		pages := paginate(boxes, paper)
		if len(pages) < 3 {
			t.Fatalf("%s: 1,500 words on %d pages", paper.Name, len(pages))
		}
		n := 0
		bottom := paper.Height - Margin - footerGap
		for pi, pg := range pages {
			first, last := pg[0].box, pg[len(pg)-1].box
			if pi > 0 && first.lineCount > 1 && first.lineNo == first.lineCount-1 {
				t.Errorf("%s page %d starts with a widow line", paper.Name, pi+1)
			}
			if pi < len(pages)-1 && last.lineCount > 1 && last.lineNo == 0 {
				t.Errorf("%s page %d ends with an orphan line", paper.Name, pi+1)
			}
			end := pg[len(pg)-1]
			if end.baseline+end.box.line.Descent > bottom+0.01 {
				t.Errorf("%s page %d overflows: %.1f > %.1f", paper.Name, pi+1, end.baseline+end.box.line.Descent, bottom)
			}
			for k, p := range pg {
				if p.box.block != boxes[n].block || p.box.para != boxes[n].para || p.box.lineNo != boxes[n].lineNo {
					t.Fatalf("%s: line %d placed out of order", paper.Name, n)
				}
				n++
				if doc.Blocks[p.box.block].Role == letter.RoleClosing && k < 2 {
					t.Errorf("%s: closing on page %d has %d lines of text before it", paper.Name, pi+1, k)
				}
			}
		}
		if n != len(boxes) {
			t.Errorf("%s: placed %d of %d lines", paper.Name, n, len(boxes))
		}
	}
}

func TestFootersOnEveryPage(t *testing.T) {
	l := New(text.NewEngine(nil))
	out, err := l.Layout(testLetter(ownWords(900)), A4)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range out.Pages {
		var texts []string
		for _, r := range p.Runs {
			if r.Baseline > A4.Height-Margin {
				texts = append(texts, r.Text)
			}
		}
		want := []string{"UA 109/23", pageLabel(i+1, len(out.Pages))}
		if strings.Join(texts, "|") != strings.Join(want, "|") {
			t.Errorf("page %d footer = %q, want %q", i+1, texts, want)
		}
	}
}

func pageLabel(n, total int) string { return fmt.Sprintf("%d / %d", n, total) }

func TestRTLMirrorsAlignment(t *testing.T) {
	l := New(text.NewEngine(nil))
	out, err := l.Layout(testLetter(ownWords(40)), A4)
	if err != nil {
		t.Fatal(err)
	}
	right := A4.Width - Margin
	for _, r := range out.Pages[0].Runs {
		if r.Text == "مخلص،" && abs(r.X+r.Width-right) > 0.01 {
			t.Errorf("closing of an RTL letter ends at %.2f, want the right margin %.2f", r.X+r.Width, right)
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// TestReadingOrder checks the run order of mixed lines against the
// visual order the text engine gives: right-to-left base with a name and
// a number in it, and a left-to-right line with an Urdu name.
func TestReadingOrder(t *testing.T) {
	mk := func(spec string) []GlyphRun {
		var rs []GlyphRun
		for _, f := range strings.Fields(spec) {
			rs = append(rs, GlyphRun{Text: f, RTL: f[0] == 'r'})
		}
		return rs
	}
	texts := func(rs []GlyphRun) string {
		var s []string
		for _, r := range rs {
			s = append(s, r.Text)
		}
		return strings.Join(s, " ")
	}
	for _, c := range []struct {
		visual, logical string
		rtl             bool
	}{
		// visual left to right: r3 L1 L2 r2 r1 reads r1 r2 L1 L2 r3
		{"r3 L1 L2 r2 r1", "r1 r2 L1 L2 r3", true},
		{"L1 L2", "L1 L2", true},
		{"L1 r2 r1 L2", "L1 r1 r2 L2", false},
		{"r1", "r1", false},
	} {
		rs := mk(c.visual)
		readingOrder(rs, c.rtl)
		if got := texts(rs); got != c.logical {
			t.Errorf("visual %q (rtl %v): got %q, want %q", c.visual, c.rtl, got, c.logical)
		}
	}
}

// TestRunStructure checks what every run says about its place in the
// document: footers are artifacts, other runs name their block, role and
// paragraph, the bullet mark is a label, and block order on the pages is
// the composed order.
func TestRunStructure(t *testing.T) {
	doc := testLetter(ownWords(60))
	doc.Blocks = append(doc.Blocks[:3], append([]letter.Block{{Role: letter.RoleBullets, Lines: []letter.Line{
		{Runs: []letter.Run{{Text: "پہلا مطالبہ", Lang: "ur"}}}, {Runs: []letter.Run{{Text: "دوسرا مطالبہ", Lang: "ur"}}}}}},
		doc.Blocks[3:]...)...)
	out, err := New(text.NewEngine(nil)).Layout(doc, A4)
	if err != nil {
		t.Fatal(err)
	}
	last, labels := -1, 0
	for _, p := range out.Pages {
		for _, it := range p.Items {
			r, st := p.Runs[it.Index], it.Struct
			if r.Baseline > A4.Height-Margin {
				if !st.Artifact {
					t.Errorf("footer %q is not an artifact", r.Text)
				}
				continue
			}
			if st.Artifact || st.Block < last || doc.Blocks[st.Block].Role != st.Role || st.Para >= len(doc.Blocks[st.Block].Lines) {
				t.Errorf("run %q: structure %+v after block %d", r.Text, st, last)
			}
			last = st.Block
			if st.Label {
				labels++
				if st.Role != letter.RoleBullets || r.Text != "•" {
					t.Errorf("label run %q in %s", r.Text, st.Role)
				}
			}
		}
	}
	if labels != 2 {
		t.Errorf("%d bullet labels, want 2", labels)
	}
}

package text

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/internal/testtool"
)

// bidiCases are the paragraphs whose levels and visual order are checked
// against the UAX #9 reference (GNU FriBidi) and, in pure Go, against the
// visual order written out by hand.
var bidiCases = []struct {
	name string
	para Paragraph
	// visual is the text in visual order, left to right, words joined by
	// "|": right-to-left words appear reversed, brackets unmirrored (the
	// shaper mirrors their glyphs).
	visual string
}{
	{
		name: "urdu with latin name",
		para: urdu(Span{Text: "محترم جناب "}, Span{Text: "Anwaar-ul-Haq Kakar", Isolation: FirstStrong}, Span{Text: "، آداب"}),
		// The name is one left-to-right unit inside right-to-left text.
		visual: rev("آداب") + "|،Anwaar-ul-Haq|Kakar|" + rev("جناب") + "|" + rev("محترم"),
	},
	{
		name:   "urdu with western digits and a date",
		para:   urdu(Span{Text: "مورخہ "}, Span{Text: "3 اکتوبر 2023", Isolation: FirstStrong}, Span{Text: " کو 14 لاکھ"}),
		visual: rev("لاکھ") + "|14|" + rev("کو") + "|2023|" + rev("اکتوبر") + "|3|" + rev("مورخہ"),
	},
	{
		// A fixed date of the letter text as package letter composes it:
		// numbers as LTR isolates, the month and the year mark ء (locale
		// year_mark) as Urdu text. ء stands left of the year.
		name: "urdu date with year mark",
		para: urdu(Span{Text: "1", Isolation: LeftToRight}, Span{Text: " نومبر "}, Span{Text: "2023", Isolation: LeftToRight},
			Span{Text: "ء سے"}),
		visual: rev("سے") + "|ء2023|" + rev("نومبر") + "|1",
	},
	{
		name:   "urdu with a phone number",
		para:   urdu(Span{Text: "فون "}, Span{Text: "0300-1234567", Isolation: LeftToRight}, Span{Text: " پر"}),
		visual: rev("پر") + "|0300-1234567|" + rev("فون"),
	},
	{
		name: "urdu with brackets",
		para: urdu(Span{Text: "اقوام متحدہ (یو این) کا ادارہ"}),
		// Brackets resolve to right-to-left and are mirrored by the shaper.
		visual: rev("ادارہ") + "|" + rev("کا") + "|)" + rev("این") + "|" + rev("یو") + "(|" + rev("متحدہ") + "|" + rev("اقوام"),
	},
	{
		name: "user field with RLO",
		para: urdu(Span{Text: "نام: "}, Span{Text: "abc\u202Edef", Isolation: FirstStrong}, Span{Text: " شکریہ"}),
		// The override reverses "def" inside the field only.
		visual: rev("شکریہ") + "|abcfed|:" + rev("نام"),
	},
	{
		name:   "english with urdu name and number",
		para:   Paragraph{Lang: "en", Size: 12, Spans: []Span{{Text: "Dear "}, {Text: "علی 12", Isolation: FirstStrong}, {Text: ", thanks"}}},
		visual: "Dear|12|" + rev("علی") + ",|thanks",
	},
	{
		name: "english with RLO in name",
		para: Paragraph{Lang: "en", Size: 12, Spans: []Span{{Text: "Name "}, {Text: "\u202Eevil", Isolation: FirstStrong}, {Text: " end 2023"}}},
		// U+202E reverses the field's own text but cannot move "end 2023".
		visual: "Name|live|end|2023",
	},
	{
		name: "urdu own words with a phone number and a date",
		para: urdu(Span{Text: "آپ "}, Span{Text: "فون نمبر 0300-1234567 پر، 20-11-2023 کو 10:30 بجے", Isolation: FirstStrong}),
		// Tailoring: digit groups joined by - / . : read as typed.
		visual: rev("بجے") + "|10:30|" + rev("کو") + "|20-11-2023|" + rev("پر،") + "|0300-1234567|" + rev("نمبر") + "|" + rev("فون") + "|" + rev("آپ"),
	},
	{
		name:   "urdu template text with a date",
		para:   urdu(Span{Text: "مورخہ 2023/11/20 کو"}),
		visual: rev("کو") + "|2023/11/20|" + rev("مورخہ"),
	},
	{
		name:   "urdu with a latin id and digits",
		para:   urdu(Span{Text: "فوری اپیل UA 109/23 کے تحت"}),
		visual: rev("تحت") + "|" + rev("کے") + "|UA|109/23|" + rev("اپیل") + "|" + rev("فوری"),
	},
	{
		name: "urdu with a bracketed latin name (N0)",
		para: urdu(Span{Text: "یہ رپورٹ (Amnesty International) UNHCR کے ساتھ"}),
		// The brackets take the paragraph direction and mirror.
		visual: rev("ساتھ") + "|" + rev("کے") + "|UNHCR|)Amnesty|International(|" + rev("رپورٹ") + "|" + rev("یہ"),
	},
	{
		name:   "english with brackets around urdu (N0)",
		para:   Paragraph{Lang: "en", Size: 12, Spans: []Span{{Text: "abc (def ابج) ابج"}}},
		visual: "abc|(def|" + rev("ابج") + ")|" + rev("ابج"),
	},
}

func urdu(spans ...Span) Paragraph { return Paragraph{Lang: "ur", RTL: true, Size: 12, Spans: spans} }

// visualOrder returns, for a single-line layout, the paragraph rune indexes
// in visual order (left to right) as the glyph clusters show them.
func visualOrder(t *testing.T, pa *para, line Line) []int {
	t.Helper()
	var order []int
	used := map[*item]bool{}
	for _, run := range line.Runs {
		it := pa.itemAtRun(run, used)
		var idx []int
		seen := map[int]bool{}
		for _, g := range it.glyphs {
			if !seen[g.Cluster] {
				seen[g.Cluster] = true
				cl := []int{}
				for k := g.Cluster; k < it.clusterEnd[g.Cluster]; k++ {
					cl = append(cl, it.index[k])
				}
				if it.level&1 == 1 {
					reverseInts(cl)
				}
				idx = append(idx, cl...)
			}
		}
		order = append(order, idx...)
	}
	return order
}

func (pa *para) itemAtRun(r Run, used map[*item]bool) *item {
	for k := range pa.items {
		it := &pa.items[k]
		if !used[it] && it.font == r.Font && pa.text(it.start, it.end) == r.Text {
			used[it] = true
			return it
		}
	}
	return nil
}

func reverseInts(s []int) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

func layoutOne(t *testing.T, p Paragraph) (*para, Line) {
	t.Helper()
	pa, err := newPara(p)
	if err != nil {
		t.Fatal(err)
	}
	NewEngine(nil).shape(pa)
	lines := pa.breakLines(10000)
	if len(lines) != 1 {
		t.Fatalf("want one line, got %d", len(lines))
	}
	return pa, lines[0]
}

// visualWords renders the visual order as words (spaces split words).
func visualWords(pa *para, order []int) string {
	var b strings.Builder
	for _, i := range order {
		b.WriteRune(pa.runes[i])
	}
	return strings.Join(strings.Fields(b.String()), "|")
}

func TestBidiVisualOrder(t *testing.T) {
	for _, c := range bidiCases {
		t.Run(c.name, func(t *testing.T) {
			pa, line := layoutOne(t, c.para)
			got := visualWords(pa, visualOrder(t, pa, line))
			if got != c.visual {
				t.Errorf("visual order\n got %s\nwant %s", got, c.visual)
			}
		})
	}
}

func rev(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// TestBidiAgainstFriBidi compares the resolved levels and the visual order
// with GNU FriBidi (Debian libfribidi-bin), a UAX #9 reference
// implementation, given the same text with the isolates written out.
func TestBidiAgainstFriBidi(t *testing.T) {
	tool := testtool.Need(t, "fribidi", "libfribidi-bin")
	for _, c := range bidiCases {
		t.Run(c.name, func(t *testing.T) {
			pa, line := layoutOne(t, c.para)
			input, logical := withIsolates(pa)
			levels, vtol := runFriBidi(t, tool, input, c.para.RTL)
			for k, idx := range logical {
				if idx >= 0 && !isIgnorableIndex(pa, idx) && levels[k] != int(pa.levels[idx]) {
					t.Errorf("rune %d %q: level %d, FriBidi %d", idx, pa.runes[idx], pa.levels[idx], levels[k])
				}
			}
			var want []int
			for _, k := range vtol {
				if idx := logical[k]; idx >= 0 && !isIgnorableIndex(pa, idx) {
					want = append(want, idx)
				}
			}
			got := visualOrder(t, pa, line)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("visual order\n got %v\nwant %v (FriBidi)", got, want)
			}
		})
	}
}

func isIgnorableIndex(pa *para, i int) bool { return pa.font[i] < 0 }

// withIsolates writes the paragraph with FSI/LRI … PDI around isolated
// spans, and LRI … PDI around the digit groups the engine keeps left to
// right (the documented tailoring, written out in UAX #9 terms); logical
// maps each input rune to the paragraph rune (-1: added).
func withIsolates(pa *para) (string, []int) {
	var b strings.Builder
	var logical []int
	n := 0
	add := func(r rune, idx int) { b.WriteRune(r); logical = append(logical, idx) }
	for _, s := range pa.Spans {
		switch s.Isolation {
		case FirstStrong:
			add('\u2068', -1)
		case LeftToRight:
			add('\u2066', -1)
		}
		for _, r := range s.Text {
			for _, u := range pa.numbers {
				if u.start == n {
					add('\u2066', -1)
				}
			}
			add(r, n)
			n++
			for _, u := range pa.numbers {
				if u.end == n {
					add('\u2069', -1)
				}
			}
		}
		if s.Isolation != Inline {
			add('\u2069', -1)
		}
	}
	return b.String(), logical
}

func runFriBidi(t *testing.T, tool, input string, rtl bool) (levels, vtol []int) {
	t.Helper()
	dir := "--ltr"
	if rtl {
		dir = "--rtl"
	}
	cmd := exec.Command(tool, "--nopad", "--nobreak", "--novisual", "--levels", "--vtol", dir)
	cmd.Stdin = strings.NewReader(input + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("fribidi: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 {
		t.Fatalf("fribidi output: %q", out)
	}
	return ints(t, lines[1]), ints(t, lines[0])
}

func ints(t *testing.T, s string) []int {
	var out []int
	for _, f := range strings.Fields(s) {
		n, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("fribidi number %q: %v", f, err)
		}
		out = append(out, n)
	}
	return out
}

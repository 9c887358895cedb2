package text

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/fonts"
)

const urduText = "پاکستانی حکومت کی جانب سے 3 اکتوبر 2023 کو چودہ لاکھ سے زائد غیر رجسٹرڈ افغان مہاجرین کو زبردستی ملک بدر کرنے کے فیصلے پر میں اپنی گہری تشویش کا اظہار کرنے کے لیے لکھ رہا ہوں۔ یہ فیصلہ افغان آبادی کو درپیش شدید انسانی حقوق اور انسانی بحران کے دوران سامنے آیا ہے۔ دہائیوں سے ہزاروں افغان مہاجرین نے پاکستان کو اپنا گھر بنایا ہے۔"

const englishText = "I am writing to express my deep concern regarding the decision made by the Pakistani government on 3 October 2023 to forcibly deport more than 1.4 million unregistered Afghan refugees from Pakistan. This decision comes amidst a severe human rights and humanitarian crisis facing the Afghan population."

func lineEnds(l Line) (left, right float64) {
	left, right = math.Inf(1), math.Inf(-1)
	for _, r := range l.Runs {
		left = math.Min(left, r.X)
		right = math.Max(right, r.X+r.Width)
	}
	return left, right
}

func TestLineBreaking(t *testing.T) {
	e := NewEngine(NewCache(1 << 16))
	for _, tc := range []struct {
		name  string
		para  Paragraph
		width float64
	}{
		{"urdu", Paragraph{Lang: "ur", RTL: true, Size: 12, Spans: []Span{{Text: urduText}}}, 300},
		{"urdu with name", Paragraph{Lang: "ur", RTL: true, Size: 12, Spans: []Span{{Text: string([]rune(urduText)[:110])}, {Text: " Anwaar-ul-Haq Kakar ", Isolation: FirstStrong}, {Text: string([]rune(urduText)[110:])}}}, 250},
		{"english", Paragraph{Lang: "en", Size: 11, Spans: []Span{{Text: englishText}}}, 280},
		{"sindhi", Paragraph{Lang: "sd", RTL: true, Size: 12, Spans: []Span{{Text: "مان توهان کي پاڪستاني حڪومت جي فيصلي بابت پنهنجي ڳڻتي ظاهر ڪرڻ لاءِ لکي رهيو آهيان ۽ اهو فيصلو افغان آبادي لاءِ خطرناڪ آهي."}}}, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, err := e.Layout(tc.para, tc.width)
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) < 3 {
				t.Fatalf("want several lines, got %d", len(lines))
			}
			var words []string
			for i, l := range lines {
				left, right := lineEnds(l)
				if left < -0.005 || right > tc.width+0.005 {
					t.Errorf("line %d spans %.3f..%.3f, box is 0..%.1f", i, left, right, tc.width)
				}
				last := i == len(lines)-1
				if l.Last != last {
					t.Errorf("line %d: Last = %v", i, l.Last)
				}
				if !last && math.Abs(l.Width-tc.width) > 0.01 {
					t.Errorf("justified line %d is %.3f wide, want %.1f", i, l.Width, tc.width)
				}
				if last && tc.para.RTL && math.Abs(right-tc.width) > 0.01 {
					t.Errorf("last RTL line ends at %.3f, want the right edge %.1f", right, tc.width)
				}
				if last && !tc.para.RTL && math.Abs(left) > 0.01 {
					t.Errorf("last LTR line starts at %.3f, want 0", left)
				}
				words = append(words, strings.Fields(logicalText(l, tc.para.RTL))...)
			}
			var want []string
			for _, s := range tc.para.Spans {
				want = append(want, strings.Fields(s.Text)...)
			}
			if strings.Join(words, " ") != strings.Join(want, " ") {
				t.Errorf("words broken or lost:\n got %q\nwant %q", words, want)
			}
		})
	}
}

// logicalText returns a line's text in logical order: runs are visual, so
// right-to-left paragraphs read them from the right.
func logicalText(l Line, rtl bool) string {
	var parts []string
	for _, r := range l.Runs {
		parts = append(parts, r.Text)
	}
	if rtl {
		for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
			parts[i], parts[j] = parts[j], parts[i]
		}
	}
	return strings.Join(parts, "")
}

func TestLongWordBreaksAtGraphemes(t *testing.T) {
	e := NewEngine(nil)
	long := strings.Repeat("Ausländerbehörde", 6)
	lines, err := e.Layout(Paragraph{Lang: "de", Size: 11, Spans: []Span{{Text: "Die " + long + " ist zuständig."}}}, 150)
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for i, l := range lines {
		left, right := lineEnds(l)
		if left < -0.005 || right > 150.005 {
			t.Errorf("line %d overflows: %.2f..%.2f", i, left, right)
		}
		for _, r := range l.Runs {
			got.WriteString(r.Text)
		}
	}
	if strings.ReplaceAll(got.String(), " ", "") != strings.ReplaceAll("Die "+long+" ist zuständig.", " ", "") {
		t.Errorf("text changed: %q", got.String())
	}
	if len(lines) < 4 {
		t.Errorf("long word not split: %d lines", len(lines))
	}
}

func TestUncoveredCharactersAreNamed(t *testing.T) {
	e := NewEngine(nil)
	_, err := e.Layout(Paragraph{Lang: "ur", RTL: true, Size: 12, Spans: []Span{
		{Text: "محترم "}, {Text: "Ali 李小龍 😀 Khan 李", Isolation: FirstStrong}}}, 300)
	var ue *fonts.UncoveredError
	if !errors.As(err, &ue) {
		t.Fatalf("want *fonts.UncoveredError, got %v", err)
	}
	want := []rune{'李', '小', '龍', '😀'}
	if string(ue.Runes) != string(want) {
		t.Errorf("uncovered = %q, want %q", string(ue.Runes), string(want))
	}
	for _, s := range []string{"U+674E", "U+1F600", "😀"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not name %s", err, s)
		}
	}
}

func TestNastaliqLineHeight(t *testing.T) {
	lines, err := NewEngine(nil).Layout(Paragraph{Lang: "ur", RTL: true, Size: 10, Spans: []Span{{Text: "یہ خط"}}}, 200)
	if err != nil {
		t.Fatal(err)
	}
	if h := lines[0].Height(); h < 25 {
		t.Errorf("Nastaliq line height %.2f pt at 10 pt, want at least 2.5 em", h)
	}
}

func TestCacheIsBounded(t *testing.T) {
	const bound = 20000
	c := NewCache(bound)
	p := ParamsFor("en", false, false)
	for i := 0; i < 50; i++ {
		c.Shape(fonts.SansRegular, p, []rune(strings.Repeat("x", 20)+string(rune('a'+i%26))+strings.Repeat("y", i)))
	}
	if s := c.RunStats(); s.Bytes > bound || s.Entries < 2 {
		t.Errorf("cache holds %d bytes in %d entries, bound is %d", s.Bytes, s.Entries, bound)
	}
	c.Shape(fonts.SansRegular, p, []rune("hello"))
	c.Shape(fonts.SansRegular, p, []rune("hello"))
	if s := c.RunStats(); s.Hits != 1 {
		t.Errorf("hits = %d, want 1", s.Hits)
	}
}

func TestTabIsASpace(t *testing.T) {
	for _, p := range []Paragraph{
		{Lang: "en", Size: 11, Spans: []Span{{Text: "Ali\tKhan", Isolation: FirstStrong}}},
		{Lang: "ur", RTL: true, Size: 11, Spans: []Span{{Text: "علی\tخان", Isolation: FirstStrong}}},
	} {
		lines, err := NewEngine(nil).Layout(p, 300)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range lines[0].Runs {
			for _, g := range r.Glyphs {
				if g.ID == 0 {
					t.Errorf("%q: .notdef glyph drawn for a tab", p.Spans[0].Text)
				}
			}
		}
	}
}

// TestWholeWordFallback: a word with a letter Nastaliq lacks (Sindhi ڪ in
// an Urdu letter) is set entirely in Naskh, so it stays joined; the words
// around it keep Nastaliq.
func TestWholeWordFallback(t *testing.T) {
	items, err := Items(Paragraph{Lang: "ur", RTL: true, Size: 12, Spans: []Span{{Text: "میرا ملڪ پاکستان"}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.Font.String()+":"+strings.TrimSpace(it.Text))
	}
	want := []string{"NotoNastaliqUrdu:میرا", "NotoNaskhArabic:ملڪ", "NotoNastaliqUrdu:پاکستان"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("items\n got %q\nwant %q", got, want)
	}
	// Joined: the first letter of ملڪ takes its initial form, as hb-shape
	// gives it for the whole word in Naskh.
	glyphs := ShapeUnits(fonts.NaskhRegular, ParamsFor("ur", true, true), []rune("ملڪ"))
	alone := ShapeUnits(fonts.NaskhRegular, ParamsFor("ur", true, true), []rune("م"))
	if glyphs[len(glyphs)-1].GID == alone[0].GID {
		t.Errorf("م in ملڪ has its isolated glyph %d: the word is not joined", alone[0].GID)
	}
}

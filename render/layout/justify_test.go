package layout

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/text"
	"github.com/ualetters/ualetters/templates"
)

// justifiedStats measures the justified lines of a letter (every line of
// a justified paragraph but its last): the widest interword space in em,
// the number of lines, of hyphenated lines and the longest run of
// hyphenated lines in a row.
type justifiedStats struct {
	lines, justified, hyphenated, hyphenRun int
	maxSpace                                float64 // em
}

func measureJustified(boxes []box) justifiedStats {
	var s justifiedStats
	run := 0
	for _, b := range boxes {
		s.lines++
		if b.line.Hyphenated {
			s.hyphenated++
			run++
			s.hyphenRun = max(s.hyphenRun, run)
		} else {
			run = 0
		}
		if b.line.Last || b.lineCount < 2 {
			continue
		}
		s.justified++
		for _, r := range b.line.Runs {
			for _, g := range r.Glyphs {
				if g.Chars == " " {
					s.maxSpace = max(s.maxSpace, g.Advance/r.Size)
				}
			}
		}
	}
	return s
}

// latinLetters composes the model letter of UA 109/23 in en, fr and de,
// and the same text sent as the signer's own words.
func latinLetters(t testing.TB) map[string]*letter.Document {
	cat, err := catalogue.Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2023, 11, 20, 12, 0, 0, 0, time.UTC)
	out := map[string]*letter.Document{}
	for _, lang := range []string{"en", "fr", "de"} {
		req := letter.Request{ActionID: "109-23", Lang: lang, Date: "2023-11-20",
			Signer: letter.Signer{Name: "Maria Musterfrau-Hinterhuber", City: "Zürich", Email: "maria.musterfrau-hinterhuber@example.org"}}
		doc, err := letter.ComposeRequest(cat, req, now)
		if err != nil {
			t.Fatal(err)
		}
		out[lang+" model"] = doc
		var body []string
		for _, b := range doc.Blocks {
			if b.Role == letter.RoleBody {
				for _, l := range b.Lines {
					body = append(body, l.Text())
				}
			}
		}
		req.Body = strings.Join(body, "\n\n") + "\n\nAntwort bitte an maria.musterfrau-hinterhuber@example.org oder https://example.org/menschenrechtsverteidigerinnen"
		if doc, err = letter.ComposeRequest(cat, req, now); err != nil {
			t.Fatal(err)
		}
		out[lang+" own words"] = doc
	}
	return out
}

// TestJustifiedSpacing: on the justified lines of the en, fr and de
// letters (model and own words, A4 and Letter) no interword space is wider
// than 0.65 em and at most two hyphenated lines follow each other.
func TestJustifiedSpacing(t *testing.T) {
	l := New(text.NewEngine(text.NewCache(8 << 20)))
	for name, doc := range latinLetters(t) {
		for _, paper := range []Paper{A4, Letter} {
			boxes, err := l.boxes(doc, paper, nil)
			if err != nil {
				t.Fatal(err)
			}
			s := measureJustified(boxes)
			t.Logf("%s %s: %d lines, %d justified, %d hyphenated (at most %d in a row), widest space %.3f em",
				name, paper.Name, s.lines, s.justified, s.hyphenated, s.hyphenRun, s.maxSpace)
			if s.maxSpace > 0.65+1e-9 {
				t.Errorf("%s %s: a space of %.3f em", name, paper.Name, s.maxSpace)
			}
			if s.hyphenRun > 2 {
				t.Errorf("%s %s: %d hyphenated lines in a row", name, paper.Name, s.hyphenRun)
			}
			checkNoHyphenIn(t, name, boxes, "Musterfrau", "example.org", "menschenrechtsverteidigerinnen")
		}
	}
}

// checkNoHyphenIn fails if a hyphenated line ends inside one of the words.
func checkNoHyphenIn(t *testing.T, name string, boxes []box, words ...string) {
	t.Helper()
	for i, b := range boxes {
		if !b.line.Hyphenated || i+1 >= len(boxes) {
			continue
		}
		end := lineText(b.line)
		next := lineText(boxes[i+1].line)
		joined := strings.TrimSuffix(end, "-") + next
		for _, w := range words {
			k := strings.Index(joined, w)
			if k >= 0 && k < len(end)-1 && k+len(w) > len(end)-1 {
				t.Errorf("%s: %q hyphenated: %q / %q", name, w, end, next)
			}
		}
	}
}

func lineText(l text.Line) string {
	var b strings.Builder
	for _, r := range l.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// TestGreedyVersusTotalFit logs, for the en, fr and de letters on A4,
// lines and the widest space that first-fit and total-fit breaking give
// (before the 0.65 em cap: the space a justified line would need).
func TestGreedyVersusTotalFit(t *testing.T) {
	docs := latinLetters(t)
	for _, name := range []string{"en model", "fr model", "de model", "en own words", "fr own words", "de own words"} {
		var row []string
		for _, b := range []text.Breaking{text.FirstFit, text.TotalFit} {
			l := New(text.NewEngineBreaking(nil, b))
			boxes, err := l.boxes(docs[name], A4, nil)
			if err != nil {
				t.Fatal(err)
			}
			s := measureJustified(boxes)
			row = append(row, fmt.Sprintf("%d lines, %d hyphenated, needed space up to %.2f em", s.lines, s.hyphenated, neededSpace(boxes)))
		}
		t.Logf("%-13s first fit: %s | total fit: %s", name, row[0], row[1])
	}
}

// neededSpace is the widest space a justified line would need to fill its
// width: the capped lines fall short of the width by the rest.
func neededSpace(boxes []box) float64 {
	widest := 0.0
	for _, b := range boxes {
		if b.line.Last || b.lineCount < 2 {
			continue
		}
		spaces, space, size := 0, 0.0, 0.0
		for _, r := range b.line.Runs {
			size = r.Size
			for _, g := range r.Glyphs {
				if g.Chars == " " {
					spaces++
					space = g.Advance
				}
			}
		}
		if spaces > 0 {
			widest = max(widest, (space+(b.width-b.line.Width)/float64(spaces))/size)
		}
	}
	return widest
}

// BenchmarkBreaking lays out the German model letter (A4, no cache) with
// first-fit and with total-fit breaking: compare the two in one run. The
// first layout, outside the timing, parses the German patterns (about
// 0.15 s, once per process).
func BenchmarkBreaking(b *testing.B) {
	doc := latinLetters(b)["de model"]
	for _, c := range []struct {
		name string
		br   text.Breaking
	}{{"first-fit", text.FirstFit}, {"total-fit", text.TotalFit}} {
		b.Run(c.name, func(b *testing.B) {
			l := New(text.NewEngineBreaking(nil, c.br))
			if _, err := l.Layout(doc, A4); err != nil { // loads the patterns once
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := l.Layout(doc, A4); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

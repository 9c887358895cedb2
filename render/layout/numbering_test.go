package layout

import (
	"strings"
	"testing"

	"github.com/ualetters/ualetters/render/text"
)

// TestNumberingCountsSurroundingPages: behind a two-page cover and before
// one more page, a letter's footers read 3 / N+3 … N+2 / N+3; the pages
// themselves are laid out exactly as without numbering.
func TestNumberingCountsSurroundingPages(t *testing.T) {
	l := New(text.NewEngine(nil))
	doc := testLetter(ownWords(900))
	plain, err := l.Layout(doc, A4)
	if err != nil {
		t.Fatal(err)
	}
	out, err := l.LayoutNumbered(doc, A4, Numbering{Before: 2, After: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Pages) != len(plain.Pages) || len(out.Pages) < 2 {
		t.Fatalf("%d pages numbered, %d plain", len(out.Pages), len(plain.Pages))
	}
	total := len(out.Pages) + 3
	for i, p := range out.Pages {
		var footer []string
		for _, r := range p.Runs {
			if r.Baseline > A4.Height-Margin {
				footer = append(footer, r.Text)
			}
		}
		if want := "UA 109/23|" + pageLabel(i+3, total); strings.Join(footer, "|") != want {
			t.Errorf("page %d footer %q, want %q", i+1, footer, want)
		}
		if len(p.Runs) != len(plain.Pages[i].Runs) {
			t.Errorf("page %d: %d runs numbered, %d plain", i+1, len(p.Runs), len(plain.Pages[i].Runs))
		}
	}
}

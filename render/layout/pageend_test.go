package layout

import (
	"fmt"
	"testing"
	"time"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/text"
	"github.com/ualetters/ualetters/templates"
)

// TestLastPageHoldsClosingAndSignature composes the model letter of UA
// 109/23 in all seven languages, on A4 and Letter, with 0 to 6 address
// lines, with and without e-mail and country, and checks that the last page
// holds every line of the closing and the signature (never the copy list
// alone).
func TestLastPageHoldsClosingAndSignature(t *testing.T) {
	cat, err := catalogue.Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	l := New(text.NewEngine(text.NewCache(8 << 20)))
	now := time.Date(2023, 11, 20, 12, 0, 0, 0, time.UTC)
	n, multi := 0, 0
	for _, lang := range []string{"en", "fr", "de", "ur", "sd", "bal", "pnb"} {
		for _, paper := range []Paper{A4, Letter} {
			for lines := 0; lines <= 6; lines++ {
				for _, extra := range []bool{false, true} {
					req := pageEndRequest(lang, lines, extra)
					doc, err := letter.ComposeRequest(cat, req, now)
					if err != nil {
						t.Fatalf("%s: %v", lang, err)
					}
					boxes, err := l.boxes(doc, paper, nil)
					if err != nil {
						t.Fatal(err)
					}
					pages := paginate(boxes, paper)
					n++
					if len(pages) > 1 {
						multi++
					}
					name := fmt.Sprintf("%s %s, %d address lines, e-mail and country %v", lang, paper.Name, lines, extra)
					checkLastPage(t, name, doc, boxes, pages)
				}
			}
		}
	}
	t.Logf("%d letters, %d on more than one page", n, multi)
}

func pageEndRequest(lang string, lines int, extra bool) letter.Request {
	s := letter.Signer{Name: "Maria Muster", City: "Zürich", Postcode: "8001"}
	for i := 0; i < lines; i++ {
		s.Address = append(s.Address, fmt.Sprintf("Address line %d", i+1))
	}
	if extra {
		s.Email, s.Country = "maria.muster@example.org", "Switzerland"
	}
	return letter.Request{ActionID: "109-23", Lang: lang, Signer: s, Date: "2023-11-20"}
}

// checkLastPage fails unless every box of the closing and signature blocks
// is on the last page.
func checkLastPage(t *testing.T, name string, doc *letter.Document, boxes []box, pages [][]placed) {
	t.Helper()
	want := map[int]bool{}
	for i, b := range doc.Blocks {
		if b.Role == letter.RoleClosing || b.Role == letter.RoleSignature {
			want[i] = true
		}
	}
	total := 0
	for _, b := range boxes {
		if want[b.block] {
			total++
		}
	}
	onLast := 0
	for _, p := range pages[len(pages)-1] {
		if want[p.box.block] {
			onLast++
		}
	}
	if total == 0 || onLast != total {
		t.Errorf("%s: %d of %d closing and signature lines on the last page (%d pages)", name, onLast, total, len(pages))
	}
}

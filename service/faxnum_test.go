package service

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/internal/testtool"
)

// TestFaxPageNumbersCountTheCover reads each page of a fax PDF back with
// poppler: the letter's footers count the cover sheet, so the pages of a
// three-page fax are numbered 2 / 3 and 3 / 3, while the letter on its own
// counts only its own pages (1 / 2). (The letter alone and the letter in
// the fax have different address blocks and salutations, so their page
// counts need not match: the Urdu ones take 4 and 3 pages.)
func TestFaxPageNumbersCountTheCover(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	s := newTestService(t)
	for _, lang := range []string{"en", "ur"} {
		req := faxRequest("interior", PDF)
		req.Lang = lang
		fax, err := s.Fax(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		file := writeFile(t, "fax-"+lang+".pdf", fax.Body)
		if fax.Pages < 3 {
			t.Fatalf("%s: the fax has %d pages; the test wants a letter of two pages or more", lang, fax.Pages)
		}
		for p := 2; p <= fax.Pages; p++ {
			n := strconv.Itoa(p)
			page := runTool(t, pdftotext, "-f", n, "-l", n, "-enc", "UTF-8", file, "-")
			if want := fmt.Sprintf("%d / %d", p, fax.Pages); !strings.Contains(page, want) {
				t.Errorf("%s: page %d does not say %q:\n%s", lang, p, want, lastLines(page))
			}
		}
		letter, err := s.Letter(context.Background(), LetterRequest{Request: req.Request, Format: PDF})
		if err != nil {
			t.Fatal(err)
		}
		page := runTool(t, pdftotext, "-f", "1", "-l", "1", writeFile(t, "letter.pdf", letter.Body), "-")
		if want := fmt.Sprintf("1 / %d", letter.Pages); !strings.Contains(page, want) {
			t.Errorf("%s: the letter alone does not say %q on page 1:\n%s", lang, want, lastLines(page))
		}
	}
}

func lastLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-3):], "\n")
}

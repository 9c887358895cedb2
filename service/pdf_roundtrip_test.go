package service

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/letter"
)

// These tests check the PDF letters of every language the way a reader
// sees them, with the real tools: qpdf validates the file, pdffonts lists
// the fonts, and pdftotext (poppler) must give back the composed text word
// for word in logical order.

var pdfLangs = []string{"en", "fr", "de", "ur", "sd", "bal", "pnb"}

func pdfRequest(lang, paper, body string) LetterRequest {
	return LetterRequest{Request: letter.Request{ActionID: "109-23", Lang: lang, Body: body,
		Signer: letter.Signer{Name: "Ayesha Khan", Address: []string{"House 12, Street 4"}, Postcode: "75500",
			City: "Karachi", Country: "Pakistan", Email: "ayesha@example.org", Gender: letter.Female}},
		Format: PDF, Paper: paper}
}

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runTool(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", filepath.Base(tool), args, err, out)
	}
	return string(out)
}

func TestPDFLettersAreValid(t *testing.T) {
	qpdf := testtool.Need(t, "qpdf", "qpdf")
	pdffonts := testtool.Need(t, "pdffonts", "poppler-utils")
	s := newTestService(t)
	for _, lang := range pdfLangs {
		for _, paper := range []string{"a4", "letter"} {
			res, err := s.Letter(context.Background(), pdfRequest(lang, paper, ""))
			if err != nil {
				t.Fatalf("%s/%s: %v", lang, paper, err)
			}
			path := writeFile(t, lang+"-"+paper+".pdf", res.Body)
			if out := runTool(t, qpdf, "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
				t.Errorf("%s/%s: qpdf --check:\n%s", lang, paper, out)
			}
			checkFonts(t, lang+"/"+paper, runTool(t, pdffonts, path))
		}
	}
}

// checkFonts requires every font embedded, subset and with a Unicode map.
func checkFonts(t *testing.T, name, out string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("%s: pdffonts lists no fonts:\n%s", name, out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" || !strings.Contains(f[0], "+") {
			t.Errorf("%s: font not embedded+subset+unicode: %s", name, l)
		}
	}
}

func TestPDFTextRoundTrip(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	s := newTestService(t)
	for _, lang := range pdfLangs {
		t.Run(lang, func(t *testing.T) {
			req := pdfRequest(lang, "a4", "")
			checkRoundTrip(t, s, pdftotext, req)
		})
	}
}

// TestLongOwnWordsPaginate sends about 1,500 words of Urdu as own words:
// they must run over several pages, each with its "n / N" footer, and
// come back from the PDF complete and in order.
func TestLongOwnWordsPaginate(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	s := newTestService(t)
	body := longUrdu(1500)
	if n := len([]rune(body)); n > 20000 {
		t.Fatalf("test body has %d characters, over the API limit", n)
	}
	res := checkRoundTrip(t, s, pdftotext, pdfRequest("ur", "a4", body))
	if res.Pages < 3 {
		t.Errorf("1,500 words on %d pages", res.Pages)
	}
	text := runTool(t, pdftotext, "-enc", "UTF-8", writeFile(t, "long.pdf", res.Body), "-")
	for p := 1; p <= res.Pages; p++ {
		if !strings.Contains(text, fmt.Sprintf("%d / %d", p, res.Pages)) {
			t.Errorf("footer %d / %d missing", p, res.Pages)
		}
	}
}

func longUrdu(words int) string {
	sentences := []string{
		"افغان پناہ گزینوں کی جبری واپسی فوری طور پر روکی جائے۔",
		"پاکستان نے چالیس برس تک لاکھوں افغانوں کی میزبانی کی ہے اور یہ روایت قابلِ تعریف ہے۔",
		"خواتین اور لڑکیوں کو طالبان کے زیرِ انتظام افغانستان میں تعلیم اور کام کے حق سے محروم رکھا جا رہا ہے۔",
		"حراستی مراکز تک وکلاء، صحافیوں اور اہلِ خانہ کو رسائی دی جائے۔",
		"بین الاقوامی قانون کے تحت کسی کو ایسے ملک واپس نہیں بھیجا جا سکتا جہاں اسے سنگین خطرہ ہو۔",
		"سردیوں کے موسم میں بے گھر ہونے والے خاندانوں کی مشکلات کئی گنا بڑھ جاتی ہیں۔",
	}
	var b strings.Builder
	n, k := 0, 0
	for n < words {
		s := sentences[k%len(sentences)]
		b.WriteString(s)
		n += len(strings.Fields(s))
		k++
		if k%5 == 0 {
			b.WriteString("\n\n")
		} else {
			b.WriteString(" ")
		}
	}
	return strings.TrimSpace(b.String())
}

func checkRoundTrip(t *testing.T, s *Service, pdftotext string, req LetterRequest) *Result {
	t.Helper()
	res, err := s.Letter(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := letter.ComposeRequest(s.Catalogue(), req.Request, s.now())
	if err != nil {
		t.Fatal(err)
	}
	got := extractedWords(runTool(t, pdftotext, "-layout", "-enc", "UTF-8", writeFile(t, "letter.pdf", res.Body), "-"), doc.Reference)
	want := sourceWords(doc)
	dehyphenate(got, want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("%s: %d words extracted, %d in the source\n%s", req.Lang, len(got), len(want), firstDiff(want, got))
	}
	return res
}

// dehyphenate undoes hyphenation at line ends: a word pdftotext gives as
// "peo-ple." (it joins the hyphenated line ends) where the source has
// "people." is taken as the source word. Only a hyphen whose removal gives
// exactly the source word counts, so real hyphens must still match.
func dehyphenate(got, want []string) {
	for i := range min(len(got), len(want)) {
		if got[i] == want[i] {
			continue
		}
		for k := strings.IndexByte(got[i], '-'); k > 0; {
			if got[i][:k]+got[i][k+1:] == want[i] {
				got[i] = want[i]
				break
			}
			next := strings.IndexByte(got[i][k+1:], '-')
			if next < 0 {
				break
			}
			k += 1 + next
		}
	}
}

// sourceWords is the composed letter's text, block by block, normalised.
func sourceWords(doc *letter.Document) []string {
	var parts []string
	for _, b := range doc.Blocks {
		for _, r := range b.Label {
			parts = append(parts, r.Text)
		}
		for _, l := range b.Lines {
			parts = append(parts, l.Text(), "\n")
		}
	}
	return strings.Fields(normalizeText(strings.Join(parts, "")))
}

// extractedWords normalises pdftotext's output and drops what the layout
// adds: page footers and bullet marks.
func extractedWords(s, reference string) []string {
	var kept []string
	for _, line := range strings.Split(s, "\n") {
		if !isFooter(line, reference) {
			kept = append(kept, line)
		}
	}
	// A line that ends in a hyphen after a letter was broken after the
	// hyphen of a compound ("non-" / "refoulement"): join it to the next.
	s = lineEndHyphen.ReplaceAllString(strings.Join(kept, "\n"), "$1-")
	s = strings.ReplaceAll(s, "•", "")
	return strings.Fields(normalizeText(s))
}

var lineEndHyphen = regexp.MustCompile(`(\pL)-[ \t]*\n[ \t]*`)

var pageNumber = regexp.MustCompile(`\d+ / \d+`)

// isFooter reports whether a line of pdftotext output is a page footer:
// the UA reference and "n / N", in either order, and nothing else.
func isFooter(line, reference string) bool {
	n := normalizeText(line)
	if !pageNumber.MatchString(n) {
		return false
	}
	rest := strings.TrimSpace(pageNumber.ReplaceAllString(n, ""))
	return rest == "" || rest == reference
}

// normalizeText applies NFC, removes the bidi marks pdftotext adds around
// right-to-left lines (U+202A–U+202E) and evens out the spacing that
// pdftotext guesses between scripts.
func normalizeText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return -1
		}
		return r
	}, norm.NFC.String(s))
	// pdftotext reorders right-to-left lines with a simplified bidi that
	// attaches neutral punctuation (the Arabic comma, full stop, colon)
	// to the nearest left-to-right text or number; words are compared
	// without the punctuation that touches Arabic letters.
	s = arabicComma.ReplaceAllString(s, " ")
	s = punctBeforeArabic.ReplaceAllString(s, " $1")
	s = punctAfterArabic.ReplaceAllString(s, "$1 ")
	s = scriptChange.ReplaceAllString(s, "$1 $2")
	s = scriptChange2.ReplaceAllString(s, "$1 $2")
	return strings.Join(strings.Fields(s), " ")
}

var (
	arabicComma       = regexp.MustCompile(`\s*،\s*`)
	punctBeforeArabic = regexp.MustCompile(`[.:؛]\s*(\p{Arabic})`)
	punctAfterArabic  = regexp.MustCompile(`(\p{Arabic})\s*[.:؛]`)
	scriptChange      = regexp.MustCompile(`([\p{Latin}\d])([\p{Arabic}])`)
	scriptChange2     = regexp.MustCompile(`([\p{Arabic}])([\p{Latin}\d])`)
)

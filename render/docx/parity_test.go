package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/layout"
	"github.com/ualetters/ualetters/render/pdf"
	"github.com/ualetters/ualetters/render/text"
	"github.com/ualetters/ualetters/templates"
)

// parityCase is one letter rendered both ways.
type parityCase struct {
	name     string
	doc      *letter.Document
	paper    layout.Paper
	pdfPages int          // pages of our PDF layout
	docx     string       // path of the DOCX file
	ours     string       // path of our PDF
	laidOut  map[int]bool // line ends of our layout (lineEnds)
}

// TestLibreOfficeParity renders the model letter and an own-words letter
// of every language on A4 and Letter as DOCX and as our PDF layout, and
// converts the DOCX files with LibreOffice (fontconfig limited to DejaVu,
// so only the embedded fonts set the text) in one soffice run. Each DOCX
// must take as many pages in LibreOffice as in our PDF, and LibreOffice's
// text must hold every word. A longer Urdu own-words letter is also
// checked for kashidas and read back by OCR.
func TestLibreOfficeParity(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice parity: slow")
	}
	soffice := testtool.Need(t, "soffice", "libreoffice-writer")
	pdfinfo := testtool.Need(t, "pdfinfo", "poppler-utils")
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	cat, err := catalogue.Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	lay := layout.New(text.NewEngine(text.NewCache(32 << 20)))
	var cases []parityCase
	for _, lang := range langs {
		for _, paper := range []layout.Paper{layout.A4, layout.Letter} {
			for kind, doc := range map[string]*letter.Document{"model": composed(t, cat, lang), "own": composedOwn(t, cat, lang)} {
				c := parityCase{name: fmt.Sprintf("%s-%s-%s", lang, paper.Name, kind), doc: doc, paper: paper}
				ld, err := lay.Layout(doc, paper)
				if err != nil {
					t.Fatalf("%s: layout: %v", c.name, err)
				}
				c.pdfPages = len(ld.Pages)
				c.docx = writeDOCX(t, dir, c.name, doc, paper, nil)
				c.ours = writeOurPDF(t, dir, c.name, ld)
				c.laidOut = layoutLineEnds(ld, doc)
				cases = append(cases, c)
			}
		}
	}
	// The Urdu letter with four paragraphs of own words (357 words) is
	// also checked for kashidas and read back by OCR.
	urLong := composedFrom(t, cat, "ur", "ur-long.txt")
	long := parityCase{name: "ur-a4-long", doc: urLong, paper: layout.A4}
	ld, err := lay.Layout(urLong, layout.A4)
	if err != nil {
		t.Fatal(err)
	}
	long.pdfPages = len(ld.Pages)
	long.docx = writeDOCX(t, dir, long.name, urLong, layout.A4, nil)
	long.ours = writeOurPDF(t, dir, long.name, ld)
	long.laidOut = layoutLineEnds(ld, urLong)
	cases = append(cases, long)
	unjustified := writeDOCX(t, dir, "ur-a4-long-start", urLong, layout.A4, func(b []byte) []byte {
		return bytes.ReplaceAll(b, []byte(`<w:jc w:val="both"/>`), nil)
	})
	inputs := []string{unjustified}
	for _, c := range cases {
		inputs = append(inputs, c.docx)
	}
	out := convertWithLibreOffice(t, soffice, dir, inputs)
	keep := os.Getenv("DOCX_PDF_DIR") // keep the PDFs to look at them
	for _, c := range cases {
		got := filepath.Join(out, c.name+".pdf")
		if keep != "" {
			copyFile(t, got, filepath.Join(keep, c.name+".pdf"))
			copyFile(t, c.ours, filepath.Join(keep, c.name+"-ours.pdf"))
		}
		t.Run(c.name, func(t *testing.T) {
			pages := pdfPages(t, pdfinfo, got)
			ours, lo := lineEnds(run(t, pdftotext, "-bbox", c.ours, "-"), c.doc), lineEnds(run(t, pdftotext, "-bbox", got, "-"), c.doc)
			t.Logf("%s: LibreOffice %d pages, our PDF %d; %d of our %d line ends at the same word in LibreOffice (which has %d)",
				c.name, pages, c.pdfPages, lineAgreement(ours, lo), len(ours), len(lo))
			if !maps.Equal(ours, c.laidOut) {
				t.Errorf("line ends read from our PDF %v differ from our layout's %v: the measure is wrong", sortedKeys(ours), sortedKeys(c.laidOut))
			}
			if pages != c.pdfPages {
				t.Errorf("LibreOffice sets %d pages, our PDF %d", pages, c.pdfPages)
			}
			checkWords(t, run(t, pdftotext, got, "-"), c.doc)
		})
	}
	t.Run("kashida", func(t *testing.T) {
		checkNoKashida(t, filepath.Join(out, "ur-a4-long.pdf"), filepath.Join(out, "ur-a4-long-start.pdf"))
	})
	t.Run("ocr", func(t *testing.T) {
		b, err := pdf.Render(ld)
		if err != nil {
			t.Fatal(err)
		}
		ourPDF := filepath.Join(dir, "ur-a4-long-ours.pdf")
		if err := os.WriteFile(ourPDF, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if keep != "" {
			copyFile(t, ourPDF, filepath.Join(keep, "ur-a4-long-ours.pdf"))
		}
		compareOCR(t, dir, filepath.Join(out, "ur-a4-long.pdf"), ourPDF, urLong)
	})
}

// writeOurPDF writes our PDF of a laid-out letter to dir/name-ours.pdf.
func writeOurPDF(t *testing.T, dir, name string, ld *layout.Document) string {
	t.Helper()
	b, err := pdf.Render(ld)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	path := filepath.Join(dir, name+"-ours.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeDOCX renders a letter to dir/name.docx, passing document.xml and
// styles.xml through edit when it is not nil.
func writeDOCX(t *testing.T, dir, name string, doc *letter.Document, paper layout.Paper, edit func([]byte) []byte) string {
	t.Helper()
	b, err := Render(doc, Options{Paper: paper})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if edit != nil {
		b = rewriteParts(t, b, edit, "word/document.xml", "word/styles.xml")
	}
	path := filepath.Join(dir, name+".docx")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// rewriteParts copies a package, passing the named parts through edit.
func rewriteParts(t *testing.T, b []byte, edit func([]byte) []byte, names ...string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if f.Name == n {
				data = edit(data)
			}
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// convertWithLibreOffice converts DOCX files to PDF in one soffice run
// that sees only the DejaVu fonts; it returns the output directory.
func convertWithLibreOffice(t *testing.T, soffice, dir string, inputs []string) string {
	t.Helper()
	out := filepath.Join(dir, "pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--norestore",
		"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", out}, inputs...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+noNotoFontconfig(t, dir), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	return out
}

func pdfPages(t *testing.T, pdfinfo, path string) int {
	t.Helper()
	for _, line := range strings.Split(run(t, pdfinfo, path), "\n") {
		var n int
		if _, err := fmt.Sscanf(line, "Pages: %d", &n); err == nil {
			return n
		}
	}
	t.Fatalf("pdfinfo %s: no page count", path)
	return 0
}

func copyFile(t *testing.T, from, to string) {
	if b, err := os.ReadFile(from); err == nil {
		_ = os.WriteFile(to, b, 0o644)
	}
}

// checkNoKashida: LibreOffice draws the justified Urdu letter with as many
// glyphs as the same letter without justification. Kashida justification
// inserts tatweel glyphs (about 400 more in this letter before the
// embedded Nastaliq lost its tatweel width); spaces add none.
func checkNoKashida(t *testing.T, justified, unjustified string) {
	mutool := testtool.Need(t, "mutool", "mupdf-tools")
	count := func(path string) int {
		return strings.Count(run(t, mutool, "trace", path), "<g ")
	}
	j, u := count(justified), count(unjustified)
	t.Logf("glyphs drawn: %d justified, %d unjustified", j, u)
	if j == 0 || j != u {
		t.Errorf("LibreOffice drew %d glyphs in the justified letter and %d without justification: kashidas inserted", j, u)
	}
}

// compareOCR reads LibreOffice's rendering and our PDF of the Urdu
// own-words letter with tesseract (urd, 300 dpi) and compares the share of
// the signer's Urdu words that OCR misses, measured the same way on both
// (ocrMissing). Tesseract often moves the space of a Nastaliq word
// boundary ("پاکستا نکو" for "پاکستان کو"), so a word counts as read when
// its letters occur, in order and unused by another word, in the OCR text
// with the spaces taken out; the strict count of whole OCR words is
// logged beside it. LibreOffice may miss at most 1.5 points more.
func compareOCR(t *testing.T, dir, loPDF, ourPDF string, doc *letter.Document) {
	tesseract := testtool.Need(t, "tesseract", "tesseract-ocr tesseract-ocr-urd")
	pdftoppm := testtool.Need(t, "pdftoppm", "poppler-utils")
	if !strings.Contains(run(t, tesseract, "--list-langs"), "\nurd") {
		testtool.NeedPath(t, "/usr/share/tesseract-ocr/5/tessdata/urd.traineddata", "tesseract-ocr-urd")
	}
	words := ownWords(doc)
	ocr := func(name, path string) (joined, strict float64) {
		prefix := filepath.Join(dir, name)
		run(t, pdftoppm, "-r", "300", "-gray", "-png", path, prefix)
		pages, _ := filepath.Glob(prefix + "-*.png")
		var all strings.Builder
		for _, p := range pages {
			all.WriteString(run(t, tesseract, p, "-", "-l", "urd"))
		}
		return ocrMissing(words, all.String()), ocrMissingStrict(words, all.String())
	}
	lo, loStrict := ocr("lo", loPDF)
	ours, oursStrict := ocr("ours", ourPDF)
	t.Logf("OCR misses of %d Urdu words: LibreOffice %.1f%%, our PDF %.1f%% (whole OCR words: %.1f%%, %.1f%%)",
		len(words), lo, ours, loStrict, oursStrict)
	if lo > ours+1.5 {
		t.Errorf("OCR misses %.1f%% of LibreOffice's rendering, %.1f%% of our PDF: more than 1.5 points apart", lo, ours)
	}
}

// ownWords lists the Arabic-script words of the letter's user-written
// body paragraphs.
func ownWords(doc *letter.Document) []string {
	var words []string
	for _, b := range doc.Blocks {
		if b.Role != letter.RoleBody {
			continue
		}
		for _, l := range b.Lines {
			for _, r := range l.Runs {
				if r.Kind != letter.User {
					continue
				}
				for _, w := range ocrTokens(r.Text) {
					if strings.IndexFunc(w, fonts.IsArabicScript) >= 0 {
						words = append(words, w)
					}
				}
			}
		}
	}
	return words
}

// ocrTokens splits text into words: NFC, punctuation removed, and the
// Arabic and Farsi Yeh and Kaf folded into their Urdu forms (tesseract's
// urd model returns either).
func ocrTokens(s string) []string {
	fold := strings.NewReplacer("ي", "ی", "ك", "ک", "ى", "ی", "ه", "ہ")
	s = fold.Replace(norm.NFC.String(s))
	return strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || r == '۔' || r == '،' || fonts.Ignorable(r)
	})
}

// ocrMissing returns the percentage of words whose letters the OCR text
// does not hold in order once the spaces are taken out. Longer words are
// matched first, and each match uses up its letters, so a short word
// cannot be "found" inside a longer one already counted.
func ocrMissing(words []string, ocr string) float64 {
	if len(words) == 0 {
		return 0
	}
	text := strings.Join(ocrTokens(ocr), "")
	sorted := append([]string(nil), words...)
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	missing := 0
	for _, w := range sorted {
		i := strings.Index(text, w)
		if i < 0 {
			missing++
			continue
		}
		text = text[:i] + "|" + text[i+len(w):]
	}
	return 100 * float64(missing) / float64(len(words))
}

// ocrMissingStrict returns the percentage of words that are not among the
// OCR text's words, each occurrence counted once.
func ocrMissingStrict(words []string, ocr string) float64 {
	if len(words) == 0 {
		return 0
	}
	have := map[string]int{}
	for _, w := range ocrTokens(ocr) {
		have[w]++
	}
	missing := 0
	for _, w := range words {
		if have[w] > 0 {
			have[w]--
			continue
		}
		missing++
	}
	return 100 * float64(missing) / float64(len(words))
}

func TestOCRMissing(t *testing.T) {
	words := ocrTokens("پاکستان کو اپنا گھر، کو")
	cases := []struct {
		ocr            string
		joined, strict float64
	}{
		{"پاکستان کو اپنا گھر کو", 0, 0},
		{"پاکستا نکو اپنا گھر کو", 0, 40},
		{"پاکستان اپنا", 60, 60}, // "کو" inside "پاکستان" is not free to count
		{"", 100, 100},
	}
	for _, c := range cases {
		if got := ocrMissing(words, c.ocr); got != c.joined {
			t.Errorf("ocrMissing(%q) = %.1f, want %.1f", c.ocr, got, c.joined)
		}
		if got := ocrMissingStrict(words, c.ocr); got != c.strict {
			t.Errorf("ocrMissingStrict(%q) = %.1f, want %.1f", c.ocr, got, c.strict)
		}
	}
}

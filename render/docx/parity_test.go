package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
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
	lo       string       // path of LibreOffice's PDF (set for OCR)
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
	newCase := func(name string, doc *letter.Document, paper layout.Paper) parityCase {
		c := parityCase{name: name, doc: doc, paper: paper}
		ld, err := lay.Layout(doc, paper)
		if err != nil {
			t.Fatalf("%s: layout: %v", c.name, err)
		}
		c.pdfPages = len(ld.Pages)
		c.docx = writeDOCX(t, dir, c.name, doc, paper, nil)
		c.ours = writeOurPDF(t, dir, c.name, ld)
		c.laidOut = layoutLineEnds(ld, doc)
		return c
	}
	var cases []parityCase
	for _, lang := range langs {
		for _, paper := range []layout.Paper{layout.A4, layout.Letter} {
			for kind, doc := range map[string]*letter.Document{"model": composed(t, cat, lang), "own": composedOwn(t, cat, lang)} {
				cases = append(cases, newCase(fmt.Sprintf("%s-%s-%s", lang, paper.Name, kind), doc, paper))
			}
		}
	}
	// Five Urdu letters of own words by different signers are read back
	// by OCR; the one with four paragraphs (357 words) is also checked
	// for kashidas.
	var ocrCases []parityCase
	for _, l := range ocrLetters {
		c := newCase("ur-a4-"+strings.TrimSuffix(l.file, ".txt"), composedBy(t, cat, "ur", l.file, l.signer), layout.A4)
		ocrCases = append(ocrCases, c)
		cases = append(cases, c)
	}
	long := ocrCases[0]
	unjustified := writeDOCX(t, dir, long.name+"-start", long.doc, layout.A4, func(b []byte) []byte {
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
		checkNoKashida(t, filepath.Join(out, long.name+".pdf"), filepath.Join(out, long.name+"-start.pdf"))
	})
	t.Run("ocr", func(t *testing.T) {
		for i := range ocrCases {
			ocrCases[i].lo = filepath.Join(out, ocrCases[i].name+".pdf")
		}
		compareOCR(t, dir, ocrCases)
	})
}

// ocrLetters are the Urdu own-words letters read back by OCR: five texts
// (testdata/ownwords) by five signers, two of them men (the template's
// verbs change with the signer's gender), one with an Urdu-script name.
var ocrLetters = []struct {
	file   string
	signer letter.Signer
}{
	{"ur-long.txt", letter.Signer{Name: "Ayesha Khan", Address: []string{"House 12, Street 5"}, Postcode: "75500", City: "Karachi", Country: "Pakistan", Gender: letter.Female}},
	{"ur.txt", letter.Signer{Name: "Sana Mirza", Address: []string{"45-B Gulberg III"}, Postcode: "54660", City: "Lahore", Country: "Pakistan", Gender: letter.Female}},
	{"ur-student.txt", letter.Signer{Name: "Mahnoor Afridi", City: "Peshawar", Country: "Pakistan", Email: "mahnoor@example.org", Gender: letter.Female}},
	{"ur-lawyer.txt", letter.Signer{Name: "کامران بلوچ", Address: []string{"Jinnah Road"}, City: "Quetta", Country: "Pakistan", Gender: letter.Male}},
	{"ur-shopkeeper.txt", letter.Signer{Name: "Naveed Siddiqui", City: "Karachi", Country: "Pakistan", Gender: letter.Male}},
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

// ocrDPI are the resolutions OCR reads each rendering at. Tesseract's
// reading of Nastaliq is unstable: the same PDF at 295, 300 and 305 dpi
// missed 35.0%, 26.3% and 30.7% of a letter's words, so one resolution
// says little about a gap of 1.5 points; three are averaged, and their
// spread on our PDF is the measure's noise.
var ocrDPI = []int{290, 300, 310}

// compareOCR reads LibreOffice's rendering and our PDF of each Urdu
// own-words letter with tesseract (urd) at each of ocrDPI and compares
// the share of the signer's Urdu words that OCR misses, measured the same
// way on both (ocrMissing). Tesseract often moves the space of a Nastaliq
// word boundary ("پاکستا نکو" for "پاکستان کو"), so a word counts as read
// when its letters occur, in order and unused by another word, in the OCR
// text with the spaces taken out; the strict count of whole OCR words and
// the share of letters missed (ocrMissingLetters) are logged beside it.
// Averaged over the letters and resolutions, LibreOffice may miss at most
// 1.5 points more than our PDF; in each letter, at most 1.5 points or the
// spread of our own PDF's readings, whichever is more.
func compareOCR(t *testing.T, dir string, cases []parityCase) {
	tesseract := testtool.Need(t, "tesseract", "tesseract-ocr tesseract-ocr-urd")
	pdftoppm := testtool.Need(t, "pdftoppm", "poppler-utils")
	if !strings.Contains(run(t, tesseract, "--list-langs"), "\nurd") {
		testtool.NeedPath(t, "/usr/share/tesseract-ocr/5/tessdata/urd.traineddata", "tesseract-ocr-urd")
	}
	texts := ocrAll(t, tesseract, pdftoppm, dir, cases)
	if t.Failed() {
		return
	}
	var sumLO, sumOurs float64
	for i, c := range cases {
		words := ownWords(c.doc)
		var lo, ours, loLetters, oursLetters []float64
		for _, d := range ocrDPI {
			l, o := texts[ocrKey{i, 0, d}], texts[ocrKey{i, 1, d}]
			lo, ours = append(lo, ocrMissing(words, l)), append(ours, ocrMissing(words, o))
			loLetters, oursLetters = append(loLetters, ocrMissingLetters(words, l)), append(oursLetters, ocrMissingLetters(words, o))
		}
		l, o, spread := mean(lo), mean(ours), slices.Max(ours)-slices.Min(ours)
		sumLO, sumOurs = sumLO+l, sumOurs+o
		t.Logf("%s: OCR misses of %d Urdu words at %v dpi: LibreOffice %.1f%% %.1f, our PDF %.1f%% %.1f (letters: %.1f%%, %.1f%%)",
			c.name, len(words), ocrDPI, l, lo, o, ours, mean(loLetters), mean(oursLetters))
		if l > o+max(1.5, spread) {
			t.Errorf("%s: OCR misses %.1f%% of LibreOffice's rendering, %.1f%% of our PDF (whose readings spread over %.1f points)", c.name, l, o, spread)
		}
	}
	n := float64(len(cases))
	t.Logf("average of %d letters: LibreOffice %.1f%%, our PDF %.1f%%", len(cases), sumLO/n, sumOurs/n)
	if sumLO/n > sumOurs/n+1.5 {
		t.Errorf("on average OCR misses %.1f%% of LibreOffice's renderings, %.1f%% of our PDFs: more than 1.5 points apart", sumLO/n, sumOurs/n)
	}
}

// ocrKey names one OCR reading: a case, LibreOffice's (0) or our (1)
// rendering, and the resolution.
type ocrKey struct{ c, which, dpi int }

// ocrAll reads every case's two renderings at every resolution, two
// single-threaded tesseracts at a time.
func ocrAll(t *testing.T, tesseract, pdftoppm, dir string, cases []parityCase) map[ocrKey]string {
	texts := map[ocrKey]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, c := range cases {
		for which, path := range []string{c.lo, c.ours} {
			for _, d := range ocrDPI {
				wg.Add(1)
				go func(k ocrKey, path string) {
					defer wg.Done()
					sem <- struct{}{}
					defer func() { <-sem }()
					text := ocrPDF(t, tesseract, pdftoppm, filepath.Join(dir, fmt.Sprintf("ocr-%d-%d-%d", k.c, k.which, k.dpi)), path, k.dpi)
					mu.Lock()
					texts[k] = text
					mu.Unlock()
				}(ocrKey{i, which, d}, path)
			}
		}
	}
	wg.Wait()
	return texts
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// ocrPDF renders every page of a PDF at dpi in grey and returns
// tesseract's Urdu reading of them (one thread per tesseract).
func ocrPDF(t *testing.T, tesseract, pdftoppm, prefix, path string, dpi int) string {
	if out, err := exec.Command(pdftoppm, "-r", strconv.Itoa(dpi), "-gray", "-png", path, prefix).CombinedOutput(); err != nil {
		t.Errorf("pdftoppm %s: %v\n%s", path, err, out)
		return ""
	}
	pages, _ := filepath.Glob(prefix + "-*.png")
	sort.Strings(pages)
	var all strings.Builder
	for _, p := range pages {
		cmd := exec.Command(tesseract, p, "-", "-l", "urd")
		cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
		out, err := cmd.Output()
		if err != nil {
			t.Errorf("tesseract %s: %v", p, err)
			return ""
		}
		all.Write(out)
	}
	return all.String()
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

// ocrMissingLetters returns the percentage of the words' letters that are
// not in the OCR text: the letters of the words, joined, against the OCR
// text's letters, by the longest common subsequence.
func ocrMissingLetters(words []string, ocr string) float64 {
	src := []rune(strings.Join(words, ""))
	if len(src) == 0 {
		return 0
	}
	var got []rune
	for _, w := range ocrTokens(ocr) {
		if strings.IndexFunc(w, fonts.IsArabicScript) >= 0 {
			got = append(got, []rune(w)...)
		}
	}
	return 100 * float64(len(src)-lcs(src, got)) / float64(len(src))
}

// lcs is the length of the longest common subsequence of a and b.
func lcs(a, b []rune) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
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
	// 18 letters; the OCR text reads ن as ت and lacks the ک of کو: 2 missed.
	if got, want := ocrMissingLetters(words, "پاکستات و اپنا گھر کو"), 100*2/18.0; math.Abs(got-want) > 1e-9 {
		t.Errorf("ocrMissingLetters = %.2f, want %.2f", got, want)
	}
}

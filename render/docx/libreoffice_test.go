package docx

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/templates"
)

// composed returns the catalogue's UA 109/23 letter in a language.
func composed(t testing.TB, cat *catalogue.Catalogue, lang string) *letter.Document {
	t.Helper()
	doc, err := letter.ComposeRequest(cat, letter.Request{
		ActionID: "109-23", Lang: lang, Date: "2026-01-15",
		Signer: letter.Signer{Name: "Ayesha Khan", Address: []string{"House 12, Street 5"},
			Postcode: "75500", City: "Karachi", Country: "Pakistan", Email: "ayesha@example.org", Gender: letter.Female},
	}, time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatalf("compose %s: %v", lang, err)
	}
	return doc
}

// composedOwn returns the UA 109/23 letter in a language with the own
// words of testdata/ownwords (two paragraphs of the model letter's
// translation; Urdu adds a sentence with a Latin name and numbers).
func composedOwn(t testing.TB, cat *catalogue.Catalogue, lang string) *letter.Document {
	return composedFrom(t, cat, lang, lang+".txt")
}

// composedFrom returns the letter with the own words of a file in
// testdata/ownwords.
func composedFrom(t testing.TB, cat *catalogue.Catalogue, lang, file string) *letter.Document {
	return composedBy(t, cat, lang, file, letter.Signer{Name: "Ayesha Khan", Address: []string{"House 12, Street 5"},
		Postcode: "75500", City: "Karachi", Country: "Pakistan", Email: "ayesha@example.org", Gender: letter.Female})
}

// composedBy returns the letter of a signer with the own words of a file
// in testdata/ownwords.
func composedBy(t testing.TB, cat *catalogue.Catalogue, lang, file string, signer letter.Signer) *letter.Document {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "ownwords", file))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := letter.ComposeRequest(cat, letter.Request{
		ActionID: "109-23", Lang: lang, Date: "2026-01-15", Body: string(body), Signer: signer,
	}, time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatalf("compose %s: %v", lang, err)
	}
	return doc
}

// noNotoFontconfig writes a fontconfig file that sees only DejaVu, so
// LibreOffice can set Noto text only with the fonts embedded in the DOCX.
func noNotoFontconfig(t *testing.T, dir string) string {
	const dejavu = "/usr/share/fonts/truetype/dejavu"
	testtool.NeedPath(t, dejavu, "fonts-dejavu-core")
	conf := filepath.Join(dir, "fonts.conf")
	body := fmt.Sprintf(`<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>
`, dejavu, filepath.Join(dir, "fccache"))
	if err := os.WriteFile(conf, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return conf
}

// TestLibreOffice converts the composed letter of every language (and the
// Urdu sample with a phone number) to PDF in one soffice run with no Noto
// font installed, then checks the PDF's fonts and text.
func TestLibreOffice(t *testing.T) {
	soffice := testtool.Need(t, "soffice", "libreoffice-writer")
	pdffonts := testtool.Need(t, "pdffonts", "poppler-utils")
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	cat, err := catalogue.Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	docs := map[string]*letter.Document{"ur-sample": sampleDoc("ur")}
	var inputs []string
	for _, lang := range langs {
		docs[lang] = composed(t, cat, lang)
	}
	for name, doc := range docs {
		b, err := Render(doc, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		in := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(in, b, 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--norestore",
		"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", filepath.Join(dir, "pdf")}, inputs...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+noNotoFontconfig(t, dir), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	keep := os.Getenv("DOCX_PDF_DIR") // keep the PDFs to look at them
	for name, doc := range docs {
		pdf := filepath.Join(dir, "pdf", name+".pdf")
		if keep != "" {
			if b, err := os.ReadFile(pdf); err == nil {
				_ = os.WriteFile(filepath.Join(keep, name+".pdf"), b, 0o644)
			}
		}
		t.Run(name, func(t *testing.T) {
			if _, err := os.Stat(pdf); err != nil {
				t.Fatalf("LibreOffice wrote no PDF: %v", err)
			}
			checkPDFFonts(t, run(t, pdffonts, pdf), doc.Lang)
			text := run(t, pdftotext, pdf, "-")
			checkWords(t, dropKashidaText(text), doc)
			if name == "ur-sample" && !strings.Contains(text, "0300-1234567") {
				t.Errorf("phone number reordered: %q", text)
			}
			// pdftotext drops the spaces of the small footer text.
			pages := strings.Count(text, "\f")
			if !strings.Contains(squash(text), fmt.Sprintf("1/%d", pages)) {
				t.Errorf("no page number \"1 / %d\" in the footer: %q", pages, text)
			}
		})
	}
}

func run(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

// checkPDFFonts: the script font is embedded in the PDF although no Noto
// font is installed, and no fallback font set any of the text.
func checkPDFFonts(t *testing.T, listing, lang string) {
	want := []string{fonts.SansRegular.PostScriptName()}
	if script := fonts.ScriptFont(lang); script != fonts.SansRegular {
		want = append(want, script.PostScriptName())
	}
	for _, ps := range want {
		found := false
		for _, line := range strings.Split(listing, "\n") {
			f := strings.Fields(line)
			if len(f) > 4 && strings.Contains(f[0], "+"+ps) && f[len(f)-5] == "yes" {
				found = true
			}
		}
		if !found {
			t.Errorf("%s is not embedded in the PDF:\n%s", ps, listing)
		}
	}
	if strings.Contains(listing, "DejaVu") {
		t.Errorf("LibreOffice fell back to DejaVu:\n%s", listing)
	}
}

// kashidaText is the text LibreOffice's PDF export can give the tatweel
// glyphs it inserts to justify Naskh lines: pdftotext then reads "درش-ان"
// or "درش,,ان" where the page shows the word درشان with a stretched join
// (seen in the Balochi letter once its recipient heading is in Arabic
// script; before, the same kashidas came out as spaces, which squash
// drops). No template has "-" or "," between two Arabic letters.
var kashidaText = regexp.MustCompile(`(\p{Arabic}\p{Mn}*)[\x{202A}\x{202C}]*(?:-|,,)[\x{202A}\x{202C}]*(\p{Arabic})`)

// dropKashidaText removes kashidaText, also where two follow each other.
func dropKashidaText(s string) string {
	for {
		t := kashidaText.ReplaceAllString(s, "$1$2")
		if t == s {
			return t
		}
		s = t
	}
}

// squash prepares text for comparison: NFC, without whitespace and
// without bidi controls (the isolates we write, the embeddings pdftotext
// adds).
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if fonts.Ignorable(r) || r == ' ' || r == '\u00A0' || r == '\f' || r == '\v' {
			return -1
		}
		return r
	}, norm.NFC.String(s))
}

// sourceWords lists the words of the document's text and header. Each run
// is a separate bidi isolate or script, laid out apart from its
// neighbours, so words are cut at run boundaries too ("Karachi" + "،").
func sourceWords(doc *letter.Document) []string {
	var words []string
	add := func(runs []letter.Run) {
		for _, r := range runs {
			for _, w := range strings.Fields(r.Text) {
				if w = squash(w); w != "" {
					words = append(words, w)
				}
			}
		}
	}
	add([]letter.Run{{Text: doc.Reference}})
	for _, b := range doc.Blocks {
		add(b.Label)
		for _, l := range b.Lines {
			add(l.Runs)
		}
	}
	return words
}

// checkWords: every word of the letter comes back from pdftotext.
//
// Latin words and numbers must come back exactly (pdftotext drops the
// hyphen of a word broken at its hyphen). pdftotext reads Arabic-script
// glyphs by position, so in Nastaliq's cascades (and at some Naskh marks)
// it swaps letters inside a word or moves a raised letter to another line.
// An Arabic-script word counts as found when it comes back exactly, or
// when its letters come back close together in another order; at most 5%
// of the words may have letters moved further than that. Every letter of
// the source must be in the PDF text as often as in the letter, and at
// least 75% of the words must come back exactly. (How many come back in
// order depends on how pdftotext groups Naskh glyphs by position: the
// Balochi model letter gives 82% at 13 pt and 79% at 12 pt, the PDF's
// size, with every word found.)
func checkWords(t *testing.T, text string, doc *letter.Document) {
	flat := squash(text)
	var exact, near int
	var moved, missing []string
	for _, w := range sourceWords(doc) {
		arabic := strings.IndexFunc(w, fonts.IsArabicScript) >= 0
		switch {
		case strings.Contains(flat, w), strings.Contains(w, "-") && strings.Contains(flat, strings.ReplaceAll(w, "-", "")):
			exact++
		case arabic && lettersNear(flat, w):
			near++
		case arabic:
			moved = append(moved, w)
		default:
			missing = append(missing, w)
		}
	}
	total := exact + near + len(moved) + len(missing)
	t.Logf("%s: %d words: %d exact, %d with letters reordered, %d with letters moved by pdftotext %q",
		doc.Lang, total, exact, near, len(moved), moved)
	if len(missing) > 0 {
		t.Errorf("%d words missing from the PDF text: %q", len(missing), missing)
	}
	if len(moved)*100 > total*5 {
		t.Errorf("%d of %d words lost their letters' order", len(moved), total)
	}
	if exact*100 < total*75 {
		t.Errorf("only %d of %d words come back exactly", exact, total)
	}
	src := map[rune]int{}
	for _, w := range sourceWords(doc) {
		for _, r := range w {
			src[r]++
		}
	}
	got := map[rune]int{}
	for _, r := range flat {
		got[r]++
	}
	for r, n := range src {
		if got[r] < n && r != '-' {
			t.Errorf("%q occurs %d times in the text, %d times in the PDF", r, n, got[r])
		}
	}
}

// lettersNear reports whether the letters of w all occur in some window of
// the text twice w's length (pdftotext kept the word's letters together
// but not in order). Combining marks are left out: pdftotext places them
// by their own offsets, often lines away; the letter count checks them.
func lettersNear(flat, w string) bool {
	word := []rune(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, w))
	if len(word) == 0 {
		return true
	}
	text := []rune(flat)
	span := 2 * len(word)
	for i := 0; i+len(word) <= len(text); i++ {
		if text[i] != word[0] && !containsRune(word, text[i]) {
			continue
		}
		end := min(i+span, len(text))
		if sameLetters(text[i:end], word) {
			return true
		}
	}
	return false
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// sameLetters reports whether window holds every rune of word (with
// multiplicity).
func sameLetters(window, word []rune) bool {
	need := map[rune]int{}
	for _, r := range word {
		need[r]++
	}
	for _, r := range window {
		if need[r] > 0 {
			need[r]--
		}
	}
	for _, n := range need {
		if n > 0 {
			return false
		}
	}
	return true
}

package pdf

import (
	"bytes"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/internal/lru"
	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/render/layout"
)

func render(t testing.TB, doc *layout.Document) []byte {
	t.Helper()
	b, err := Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeTemp writes b to a file in a test temporary directory.
func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

func letters(t *testing.T) map[string]*layout.Document {
	return map[string]*layout.Document{"ur": urduLetter(t), "en": englishLetter(t, true)}
}

func TestQPDFCheck(t *testing.T) {
	qpdf := testtool.Need(t, "qpdf", "qpdf")
	for name, doc := range letters(t) {
		path := writeTemp(t, name+".pdf", render(t, doc))
		out := run(t, qpdf, "--check", path)
		if !strings.Contains(out, "No syntax or stream encoding errors found") {
			t.Errorf("%s: qpdf --check:\n%s", name, out)
		}
	}
}

func TestFontsEmbeddedSubsetUnicode(t *testing.T) {
	pdffonts := testtool.Need(t, "pdffonts", "poppler-utils")
	want := map[string][]string{
		"ur": {"NotoNastaliqUrdu", "NotoNastaliqUrdu-Bold", "NotoSans-Regular"},
		"en": {"NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic"},
	}
	line := regexp.MustCompile(`^([A-Z]{6})\+(\S+)\s+CID TrueType\s+Identity-H\s+(\S+)\s+(\S+)\s+(\S+)`)
	for name, doc := range letters(t) {
		out := run(t, pdffonts, writeTemp(t, name+".pdf", render(t, doc)))
		found := map[string]bool{}
		for _, l := range strings.Split(out, "\n")[2:] {
			if strings.TrimSpace(l) == "" {
				continue
			}
			m := line.FindStringSubmatch(l)
			if m == nil {
				t.Errorf("%s: unexpected pdffonts line %q", name, l)
				continue
			}
			if m[3] != "yes" || m[4] != "yes" || m[5] != "yes" {
				t.Errorf("%s: font %s emb/sub/uni = %s/%s/%s, want yes/yes/yes", name, m[2], m[3], m[4], m[5])
			}
			found[m[2]] = true
		}
		for _, f := range want[name] {
			if !found[f] {
				t.Errorf("%s: font %s missing from pdffonts output:\n%s", name, f, out)
			}
		}
	}
}

// normalize makes text comparable: NFC, whitespace collapsed.
// normalize makes extracted and source text comparable: NFC, whitespace
// collapsed. It also undoes two simplifications of poppler's own bidi
// reordering (it assumes visual order and reverses right-to-left
// stretches by character class), which are not properties of the file:
// it marks the reordered stretches with the embedding controls
// U+202A-U+202C, it classes the Arabic comma with numbers and so moves it
// to the far side of the following space, and it drops the space after a
// left-to-right name inside right-to-left text. So the controls go,
// spacing around Arabic commas is made uniform and a space separates
// Latin from Arabic letters.
func normalize(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E {
			return -1
		}
		return r
	}, norm.NFC.String(s))
	s = arabicComma.ReplaceAllString(s, "، ")
	s = latinArabic.ReplaceAllString(s, "$1 $2")
	s = arabicLatin.ReplaceAllString(s, "$1 $2")
	return strings.Join(strings.Fields(s), " ")
}

var (
	arabicComma = regexp.MustCompile(`\s*،\s*`)
	latinArabic = regexp.MustCompile(`(\p{Latin})(\p{Arabic})`)
	arabicLatin = regexp.MustCompile(`(\p{Arabic})(\p{Latin})`)
)

// logicalText is every run's text in logical order, line by line.
func wantWords(t *testing.T, doc *layout.Document, name string) []string {
	var words []string
	switch name {
	case "ur":
		words = append(words, strings.Fields("محترم جناب "+urduName+" صاحب،")...)
		for _, p := range readLines(t, "letter-ur.txt") {
			words = append(words, strings.Fields(p)...)
		}
		words = append(words, strings.Fields("آپ کا مخلص،")...)
	case "en":
		words = append(words, strings.Fields("Stop deporting Afghan refugees Dear Prime Minister,")...)
		for _, p := range readLines(t, "letter-en.txt") {
			words = append(words, strings.Fields(p)...)
		}
		words = append(words, "Yours", "sincerely,")
	}
	return strings.Fields(normalize(strings.Join(words, " ")))
}

// TestTextRoundTrip extracts the text with poppler and requires every word
// of the source, in logical order, with nothing garbled in between.
func TestTextRoundTrip(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	for name, doc := range letters(t) {
		path := writeTemp(t, name+".pdf", render(t, doc))
		got := strings.Fields(normalize(run(t, pdftotext, "-enc", "UTF-8", path, "-")))
		want := wantWords(t, doc, name)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: pdftotext text differs from the source\n got: %s\nwant: %s", name,
				strings.Join(got, " "), strings.Join(want, " "))
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Errorf("%s: first difference at word %d: got %q, want %q", name, i, got[i], want[i])
					break
				}
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	for name, doc := range letters(t) {
		a, b := render(t, doc), render(t, doc)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders differ", name)
		}
	}
	// A different document gets a different /ID.
	id := regexp.MustCompile(`/ID\[<([0-9A-F]{32})>`)
	a := id.FindSubmatch(render(t, urduLetter(t)))
	b := id.FindSubmatch(render(t, englishLetter(t, false)))
	if a == nil || b == nil || bytes.Equal(a[1], b[1]) {
		t.Errorf("document IDs missing or equal: %q %q", a, b)
	}
}

func TestConcurrentRenders(t *testing.T) {
	docs := []*layout.Document{urduLetter(t), englishLetter(t, true)}
	want := [][]byte{render(t, docs[0]), render(t, docs[1])}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			got, err := Render(docs[i%2])
			if err != nil || !bytes.Equal(got, want[i%2]) {
				t.Errorf("concurrent render %d differs (err %v)", i, err)
			}
		})
	}
	wg.Wait()
}

// TestSize holds the size goals: a one-page Urdu letter within
// 100 KB, an English one within 40 KB. The Urdu test letter measured
// 50.9 KB with its glyphs as text, 117.4 KB with one exact outline form
// per glyph, 89.5 KB with simplified outlines shared between glyphs of
// the same shape (see curve.go and fontUse.addForm).
func TestSize(t *testing.T) {
	for _, c := range []struct {
		name  string
		doc   *layout.Document
		limit int
	}{{"ur", urduLetter(t), 100 << 10}, {"en", englishLetter(t, false), 40 << 10}} {
		if n := len(c.doc.Pages); n != 1 {
			t.Fatalf("%s: test letter has %d pages, want 1", c.name, n)
		}
		size := len(render(t, c.doc))
		t.Logf("%s one-page letter: %d bytes", c.name, size)
		if size > c.limit {
			t.Errorf("%s one-page letter is %d bytes, limit %d", c.name, size, c.limit)
		}
	}
}

func TestMetadata(t *testing.T) {
	pdfinfo := testtool.Need(t, "pdfinfo", "poppler-utils")
	doc := urduLetter(t)
	doc.Date = "2023-11-20T10:30:00+05:00"
	b := render(t, doc)
	out := run(t, pdfinfo, writeTemp(t, "ur.pdf", b))
	for _, want := range []string{"Title:           " + doc.Title, "Subject:         UA 109/23",
		"Author:          Amina Khan", "Producer:        ualetters", "Creator:         ualetters",
		"Tagged:          yes", "Pages:           1", "PDF version:     1.7"} {
		if !strings.Contains(out, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "CreationDate:") {
		t.Errorf("pdfinfo shows no creation date:\n%s", out)
	}
	meta := run(t, pdfinfo, "-meta", writeTemp(t, "ur2.pdf", b))
	for _, want := range []string{"<rdf:li>ur</rdf:li>", "<pdf:Producer>ualetters</pdf:Producer>",
		">" + doc.Title + "<", "<rdf:li>UA 109/23</rdf:li>", "2023-11-20T10:30:00+05:00"} {
		if !strings.Contains(meta, want) {
			t.Errorf("XMP lacks %q:\n%s", want, meta)
		}
	}
	for _, want := range []string{"/Lang(ur)", "/Direction/R2L", "/MarkInfo<</Marked true>>"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("PDF lacks %s", want)
		}
	}
	// The Latin name is marked as English text inside the Urdu letter: a
	// Span element with /Lang in the structure tree, its marked content
	// tagged Span.
	if !regexp.MustCompile(`/S/Span/P \d+ 0 R/Lang\(en\)`).Match(b) {
		t.Errorf("structure tree has no English span for the name")
	}
	if c := contents(t, b)[0]; !regexp.MustCompile(`/Span<</MCID \d+>>BDC\n`).Match(c) {
		t.Errorf("content has no marked Span for the name")
	}
	en := render(t, englishLetter(t, false))
	if bytes.Contains(en, []byte("/Direction/R2L")) || bytes.Contains(contents(t, en)[0], []byte("/Lang")) {
		t.Errorf("English letter has R2L direction or needless span /Lang")
	}
	undated := urduLetter(t)
	if bytes.Contains(render(t, undated), []byte("CreationDate")) {
		t.Errorf("undated document has a CreationDate")
	}
}

func TestBadInput(t *testing.T) {
	good := func() *layout.Document { return englishLetter(t, false) }
	cases := map[string]func(*layout.Document){
		"bad font":     func(d *layout.Document) { d.Pages[0].Runs[0].Font = fonts.ID(99) },
		"bad glyph":    func(d *layout.Document) { d.Pages[0].Runs[0].Glyphs[0].ID = 65000 },
		"NaN x":        func(d *layout.Document) { d.Pages[0].Runs[0].Glyphs[1].X = math.NaN() },
		"zero size":    func(d *layout.Document) { d.Pages[0].Runs[0].Size = 0 },
		"bad paper":    func(d *layout.Document) { d.Pages[0].Paper.Height = -1 },
		"bad date":     func(d *layout.Document) { d.Date = "20/11/2023" },
		"inf rule":     func(d *layout.Document) { d.Pages[0].AddRule(layout.Rule{X2: math.Inf(1), Width: 1}, layout.Artifact) },
		"negative box": func(d *layout.Document) { d.Pages[0].Boxes[0].LineWidth = -1 },
	}
	for name, spoil := range cases {
		d := good()
		spoil(d)
		if b, err := Render(d); err == nil {
			t.Errorf("%s: no error (%d bytes)", name, len(b))
		}
	}
	if _, err := Render(nil); !errors.Is(err, ErrEmpty) {
		t.Errorf("nil document: err %v, want ErrEmpty", err)
	}
	if _, err := Render(&layout.Document{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("no pages: err %v, want ErrEmpty", err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, good()); err != nil || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-1.7")) {
		t.Errorf("Write: err %v, %d bytes", err, buf.Len())
	}
}

func TestRenderUrduPNG(t *testing.T) {
	pdftoppm := testtool.Need(t, "pdftoppm", "poppler-utils")
	dir := os.Getenv("UALETTERS_PDF_PNG_DIR") // keep the image to look at it
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, "ur.pdf")
	if err := os.WriteFile(path, render(t, urduLetter(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, pdftoppm, "-png", "-r", "80", path, filepath.Join(dir, "ur"))
	if _, err := os.Stat(filepath.Join(dir, "ur-1.png")); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkRenderUrduPage(b *testing.B) {
	benchRender(b, urduLetter(b))
}

func BenchmarkRenderEnglishPage(b *testing.B) {
	benchRender(b, englishLetter(b, false))
}

func benchRender(b *testing.B, doc *layout.Document) {
	c := NewCache(16<<20, 16<<20)
	if _, err := c.Render(doc); err != nil { // warm: fonts parsed, pools and cache filled
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.Render(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderUrduPageNoCache measures the path where nothing repeats:
// subsetting and compressing the fonts and every stream on every render.
func BenchmarkRenderUrduPageNoCache(b *testing.B) {
	doc := urduLetter(b)
	render(b, doc)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCacheSameBytes renders the same documents without a cache, into an
// empty cache and from the warm cache, and with other documents going
// through the cache in between: every render of a document gives the same
// bytes. Then it fills a small cache past its bounds.
func TestCacheSameBytes(t *testing.T) {
	docs := []*layout.Document{urduLetter(t), englishLetter(t, false)}
	c := NewCache(1<<20, 1<<20)
	for i, doc := range docs {
		want := render(t, doc)
		for pass := range 3 {
			got, err := c.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("document %d, pass %d through the cache: %d bytes differ from the uncached %d", i, pass, len(got), len(want))
			}
			if _, err := c.Render(docs[1-i]); err != nil {
				t.Fatal(err)
			}
		}
	}
	if s := c.SegmentStats(); s.Hits == 0 || s.Misses == 0 {
		t.Errorf("segment cache never hit or never missed: %+v", s)
	}
	if s := c.SubsetStats(); s.Hits == 0 {
		t.Errorf("subset cache never hit: %+v", s)
	}

	small := NewCache(64<<10, 64<<10)
	words := strings.Fields(readLines(t, "letter-ur.txt")[0])
	for i := range 40 {
		p := newPager(layout.A4)
		p.line(true, 30, 0, shape(fonts.NastaliqRegular, "ur", words[i%len(words)]+" "+words[(i*7+3)%len(words)], 12))
		doc := &layout.Document{Pages: p.pages, Lang: "ur", RTL: true}
		want := render(t, doc)
		if got, err := small.Render(doc); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("small cache, document %d: %v, same bytes %v", i, err, bytes.Equal(got, want))
		}
	}
	for name, s := range map[string]lru.Stats{"subsets": small.SubsetStats(), "segments": small.SegmentStats()} {
		if s.Bytes > 64<<10 || s.Entries == 0 {
			t.Errorf("%s: %d bytes in %d entries, bound %d", name, s.Bytes, s.Entries, 64<<10)
		}
	}
}

package text_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/render/text"
)

// The golden shaping test: testdata/shaping/golden.jsonl holds what real
// HarfBuzz (Debian's hb-shape) outputs for every item of every corpus
// entry; go-text must produce the same glyphs. See testdata/shaping/README.md.

const shapingDir = "../../testdata/shaping"

type goldenHeader struct {
	HBShape string `json:"hb_shape"`
	Entries int    `json:"entries"`
	Items   int    `json:"items"`
	Glyphs  int    `json:"glyphs"`
}

type goldenItem struct {
	Entry     int           `json:"entry"`
	Lang      string        `json:"lang"`
	Text      string        `json:"text"`
	Item      int           `json:"item"`
	Font      string        `json:"font"`
	Script    string        `json:"script"`
	Language  string        `json:"language"`
	Direction string        `json:"direction"`
	ItemText  string        `json:"item_text"`
	Glyphs    []goldenGlyph `json:"glyphs"`
}

type goldenGlyph struct {
	G  int `json:"g"`
	Cl int `json:"cl"`
	Ax int `json:"ax"`
	Dx int `json:"dx"`
	Dy int `json:"dy"`
}

type corpusEntry struct {
	line  int
	lang  string
	raw   string
	spans []text.Span
}

var corpusLangs = map[string]bool{"ur": true, "pnb": true, "sd": true, "bal": true, "en": true, "fr": true, "de": true}

func (e corpusEntry) paragraph() text.Paragraph {
	rtl := e.lang == "ur" || e.lang == "pnb" || e.lang == "sd" || e.lang == "bal"
	return text.Paragraph{Spans: e.spans, Lang: e.lang, RTL: rtl, Size: 12}
}

// readShapingCorpus parses corpus.tsv the way testdata/shaping/gen does; the test
// checks the golden file's entries against it, so the two cannot drift.
func readShapingCorpus(path string) ([]corpusEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	defer f.Close()
	var entries []corpusEntry
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lang, raw, ok := strings.Cut(line, "\t")
		if !ok || !corpusLangs[lang] || raw == "" {
			return nil, fmt.Errorf("%s:%d: want lang<TAB>text", path, n)
		}
		spans, err := corpusSpans(raw)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		entries = append(entries, corpusEntry{line: n, lang: lang, raw: raw, spans: spans})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read corpus: %w", err)
	}
	return entries, nil
}

// corpusSpans splits an entry at its isolates: [[…]] left to right,
// {{…}} first strong; the rest is inline text.
func corpusSpans(raw string) ([]text.Span, error) {
	var spans []text.Span
	for rest := raw; rest != ""; {
		a, b := strings.Index(rest, "[["), strings.Index(rest, "{{")
		i := a
		if a < 0 || (b >= 0 && b < a) {
			i = b
		}
		if i < 0 {
			spans = append(spans, text.Span{Text: rest})
			break
		}
		if i > 0 {
			spans = append(spans, text.Span{Text: rest[:i]})
		}
		iso, closer := text.LeftToRight, "]]"
		if rest[i] == '{' {
			iso, closer = text.FirstStrong, "}}"
		}
		end := strings.Index(rest[i+2:], closer)
		if end <= 0 {
			return nil, errors.New("unclosed or empty isolate " + rest[i:i+2])
		}
		spans = append(spans, text.Span{Text: rest[i+2 : i+2+end], Isolation: iso})
		rest = rest[i+2+end+2:]
	}
	return spans, nil
}

func readGolden(path string) (goldenHeader, []goldenItem, error) {
	var h goldenHeader
	f, err := os.Open(path)
	if err != nil {
		return h, nil, fmt.Errorf("open golden: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	if !sc.Scan() {
		return h, nil, errors.New("golden file is empty")
	}
	if err := json.Unmarshal(sc.Bytes(), &h); err != nil {
		return h, nil, fmt.Errorf("golden header: %w", err)
	}
	var items []goldenItem
	for n := 2; sc.Scan(); n++ {
		var it goldenItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return h, nil, fmt.Errorf("golden line %d: %w", n, err)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return h, nil, fmt.Errorf("read golden: %w", err)
	}
	return h, items, nil
}

func goldenFont(name string) (fonts.ID, bool) {
	for _, id := range fonts.All() {
		if id.FileName() == name {
			return id, true
		}
	}
	return 0, false
}

func goldenDirection(rtl bool) string {
	if rtl {
		return "rtl"
	}
	return "ltr"
}

// goldenStats counts what the test compared.
type goldenStats struct {
	entries, items, glyphs int
	perLang                map[string]int
	itemDiffs, glyphDiffs  int
	maxAdvanceDelta        int
}

func TestGoldenShaping(t *testing.T) {
	entries, err := readShapingCorpus(filepath.Join(shapingDir, "corpus.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	h, golden, err := readGolden(filepath.Join(shapingDir, "golden.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if h.Entries != len(entries) || h.Items != len(golden) {
		t.Fatalf("golden.jsonl was made from %d entries / %d items but the corpus has %d entries and the file %d items: run testdata/shaping/regen.sh",
			h.Entries, h.Items, len(entries), len(golden))
	}
	byEntry := map[int][]goldenItem{}
	for _, g := range golden {
		byEntry[g.Entry] = append(byEntry[g.Entry], g)
	}
	st := goldenStats{perLang: map[string]int{}}
	for n, e := range entries {
		compareGoldenEntry(t, n+1, e, byEntry[n+1], &st)
	}
	t.Logf("hb-shape reference: %s", h.HBShape)
	t.Logf("compared %d entries %v, %d items, %d glyphs; items differing: %d, glyphs differing: %d, largest advance difference: %d units",
		st.entries, st.perLang, st.items, st.glyphs, st.itemDiffs, st.glyphDiffs, st.maxAdvanceDelta)
	if st.glyphs != h.Glyphs {
		t.Errorf("compared %d glyphs, golden header says %d", st.glyphs, h.Glyphs)
	}
	if st.items < 400 || len(st.perLang) < 7 {
		t.Errorf("corpus too small: %d items over %d languages", st.items, len(st.perLang))
	}
}

// compareGoldenEntry itemizes one entry, checks the items against the golden
// ones and compares the glyphs of each.
func compareGoldenEntry(t *testing.T, n int, e corpusEntry, want []goldenItem, st *goldenStats) {
	t.Helper()
	where := fmt.Sprintf("corpus.tsv:%d (%s %q)", e.line, e.lang, e.raw)
	if len(want) == 0 || want[0].Text != e.raw || want[0].Lang != e.lang {
		t.Errorf("%s: golden entry %d does not match the corpus: run testdata/shaping/regen.sh", where, n)
		return
	}
	items, err := text.Items(e.paragraph())
	if err != nil {
		t.Errorf("%s: itemize: %v", where, err)
		return
	}
	st.entries++
	st.perLang[e.lang]++
	if len(items) != len(want) {
		t.Errorf("%s: the itemizer gives %d items %s, the golden file %d %s: the itemizer changed; review and run testdata/shaping/regen.sh",
			where, len(items), goldenDescribeItems(items), len(want), goldenDescribe(want))
		return
	}
	for k, it := range items {
		g := want[k]
		if it.Font.FileName() != g.Font || it.Params.Script != g.Script || it.Params.Language != g.Language ||
			goldenDirection(it.Params.RTL) != g.Direction || it.Text != g.ItemText {
			t.Errorf("%s item %d: the itemizer gives %s, the golden file %s: the itemizer changed; review and run testdata/shaping/regen.sh",
				where, k, goldenDescribeItems(items[k:k+1]), goldenDescribe(want[k:k+1]))
			continue
		}
		compareGoldenGlyphs(t, fmt.Sprintf("%s item %d %q", where, k, it.Text), it, g.Glyphs, st)
	}
}

// compareGoldenGlyphs asserts identical glyph ids, clusters and offsets, and
// advances within one font unit.
func compareGoldenGlyphs(t *testing.T, where string, it text.ShapedItem, want []goldenGlyph, st *goldenStats) {
	t.Helper()
	id, ok := goldenFont(it.Font.FileName())
	if !ok {
		t.Fatalf("%s: unknown font %s", where, it.Font.FileName())
	}
	got := text.ShapeUnits(id, it.Params, []rune(it.Text))
	st.items++
	st.glyphs += len(want)
	if len(got) != len(want) {
		st.itemDiffs++
		st.glyphDiffs += len(want)
		t.Errorf("%s: go-text gives %d glyphs, hb-shape %d\n go-text  %s\n hb-shape %s", where, len(got), len(want), goldenFmtGot(got), goldenFmtWant(want))
		return
	}
	bad := 0
	for i, g := range got {
		w := want[i]
		da := goldenAbs(int(g.XAdvance) - w.Ax)
		st.maxAdvanceDelta = max(st.maxAdvanceDelta, da)
		if int(g.GID) != w.G || g.Cluster != w.Cl || int(g.XOffset) != w.Dx || int(g.YOffset) != w.Dy || da > 1 {
			bad++
		}
	}
	if bad > 0 {
		st.itemDiffs++
		st.glyphDiffs += bad
		t.Errorf("%s: %d of %d glyphs differ from hb-shape\n go-text  %s\n hb-shape %s", where, bad, len(want), goldenFmtGot(got), goldenFmtWant(want))
	}
}

func goldenAbs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func goldenFmtGot(gs []text.ShapedGlyph) string {
	var b strings.Builder
	for _, g := range gs {
		fmt.Fprintf(&b, "[%d=%d@%d,%d+%d]", g.GID, g.Cluster, g.XOffset, g.YOffset, g.XAdvance)
	}
	return b.String()
}

func goldenFmtWant(gs []goldenGlyph) string {
	var b strings.Builder
	for _, g := range gs {
		fmt.Fprintf(&b, "[%d=%d@%d,%d+%d]", g.G, g.Cl, g.Dx, g.Dy, g.Ax)
	}
	return b.String()
}

func goldenDescribeItems(items []text.ShapedItem) string {
	var parts []string
	for _, it := range items {
		parts = append(parts, fmt.Sprintf("{%s %s/%s/%s %q}", it.Font.FileName(), it.Params.Script, it.Params.Language, goldenDirection(it.Params.RTL), it.Text))
	}
	return strings.Join(parts, " ")
}

func goldenDescribe(items []goldenItem) string {
	var parts []string
	for _, it := range items {
		parts = append(parts, fmt.Sprintf("{%s %s/%s/%s %q}", it.Font, it.Script, it.Language, it.Direction, it.ItemText))
	}
	return strings.Join(parts, " ")
}

// TestGoldenRegenerates runs the generator in check mode: hb-shape on this
// machine must still produce exactly the committed golden file. It needs
// hb-shape (libharfbuzz-bin) and the go command.
func TestGoldenRegenerates(t *testing.T) {
	testtool.Need(t, "hb-shape", "libharfbuzz-bin")
	if testing.Short() {
		t.Skip("skipping the hb-shape regeneration in -short mode")
	}
	cmd := exec.Command("bash", filepath.Join(shapingDir, "regen.sh"), "--check")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("regen.sh --check: %v\n%s", err, out)
	}
	t.Logf("%s", strings.TrimSpace(string(out)))
}

package text_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/internal/shapingcorpus"
	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/render/text"
)

// The golden shaping test: testdata/shaping/golden.jsonl holds what real
// HarfBuzz (Debian's hb-shape) outputs for every item of every corpus
// entry; go-text must produce the same glyphs. See testdata/shaping/README.md.

const shapingDir = "../../testdata/shaping"

func goldenFont(name string) (fonts.ID, bool) {
	for _, id := range fonts.All() {
		if id.FileName() == name {
			return id, true
		}
	}
	return 0, false
}

// goldenStats counts what the test compared.
type goldenStats struct {
	entries, items, glyphs int
	perLang                map[string]int
	itemDiffs, glyphDiffs  int
	maxAdvanceDelta        int
}

func TestGoldenShaping(t *testing.T) {
	entries, err := shapingcorpus.Read(filepath.Join(shapingDir, "corpus.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	h, golden, err := shapingcorpus.ReadGolden(filepath.Join(shapingDir, "golden.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if h.Entries != len(entries) || h.Items != len(golden) {
		t.Fatalf("golden.jsonl was made from %d entries / %d items but the corpus has %d entries and the file %d items: run testdata/shaping/regen.sh",
			h.Entries, h.Items, len(entries), len(golden))
	}
	byEntry := map[int][]shapingcorpus.Record{}
	for _, g := range golden {
		byEntry[g.Entry] = append(byEntry[g.Entry], g)
	}
	st := goldenStats{perLang: map[string]int{}}
	for _, e := range entries {
		compareGoldenEntry(t, e, byEntry[e.N], &st)
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
func compareGoldenEntry(t *testing.T, e shapingcorpus.Entry, want []shapingcorpus.Record, st *goldenStats) {
	t.Helper()
	where := fmt.Sprintf("corpus.tsv:%d (%s %q)", e.Line, e.Lang, e.Raw)
	if len(want) == 0 || want[0].Text != e.Raw || want[0].Lang != e.Lang {
		t.Errorf("%s: golden entry %d does not match the corpus: run testdata/shaping/regen.sh", where, e.N)
		return
	}
	items, err := text.Items(e.Paragraph())
	if err != nil {
		t.Errorf("%s: itemize: %v", where, err)
		return
	}
	st.entries++
	st.perLang[e.Lang]++
	if len(items) != len(want) {
		t.Errorf("%s: the itemizer gives %d items %s, the golden file %d %s: the itemizer changed; review and run testdata/shaping/regen.sh",
			where, len(items), goldenDescribeItems(items), len(want), goldenDescribe(want))
		return
	}
	for k, it := range items {
		g := want[k]
		if it.Font.FileName() != g.Font || it.Params.Script != g.Script || it.Params.Language != g.Language ||
			shapingcorpus.Direction(it.Params.RTL) != g.Direction || it.Text != g.ItemText {
			t.Errorf("%s item %d: the itemizer gives %s, the golden file %s: the itemizer changed; review and run testdata/shaping/regen.sh",
				where, k, goldenDescribeItems(items[k:k+1]), goldenDescribe(want[k:k+1]))
			continue
		}
		compareGoldenGlyphs(t, fmt.Sprintf("%s item %d %q", where, k, it.Text), it, g.Glyphs, st)
	}
}

// compareGoldenGlyphs asserts identical glyph ids, clusters and offsets, and
// advances within one font unit.
func compareGoldenGlyphs(t *testing.T, where string, it text.ShapedItem, want []shapingcorpus.Glyph, st *goldenStats) {
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

func goldenFmtWant(gs []shapingcorpus.Glyph) string {
	var b strings.Builder
	for _, g := range gs {
		fmt.Fprintf(&b, "[%d=%d@%d,%d+%d]", g.G, g.Cl, g.Dx, g.Dy, g.Ax)
	}
	return b.String()
}

func goldenDescribeItems(items []text.ShapedItem) string {
	var parts []string
	for _, it := range items {
		parts = append(parts, fmt.Sprintf("{%s %s/%s/%s %q}", it.Font.FileName(), it.Params.Script, it.Params.Language, shapingcorpus.Direction(it.Params.RTL), it.Text))
	}
	return strings.Join(parts, " ")
}

func goldenDescribe(items []shapingcorpus.Record) string {
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

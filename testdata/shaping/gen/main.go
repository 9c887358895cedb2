// Command gen writes the golden shaping file: it itemizes every entry of
// the shaping corpus with render/text exactly as the engine does, shapes
// each item with Debian's hb-shape (real HarfBuzz) using the same font file,
// script, language and direction, and writes one JSON object per item.
//
// It is run by regen.sh; see README.md beside it.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ualetters/ualetters/internal/shapingcorpus"
	"github.com/ualetters/ualetters/render/text"
)

func main() {
	corpus := flag.String("corpus", "testdata/shaping/corpus.tsv", "corpus file")
	out := flag.String("out", "testdata/shaping/golden.jsonl", "golden file to write")
	fontDir := flag.String("fonts", "fonts", "directory of the bundled font files")
	hb := flag.String("hb-shape", "hb-shape", "hb-shape executable")
	flag.Parse()
	if err := run(*corpus, *out, *fontDir, *hb); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(corpusPath, outPath, fontDir, hb string) error {
	entries, err := shapingcorpus.Read(corpusPath)
	if err != nil {
		return err
	}
	version, err := hbVersion(hb)
	if err != nil {
		return err
	}
	var recs []shapingcorpus.Record
	for _, e := range entries {
		items, err := text.Items(e.Paragraph())
		if err != nil {
			return fmt.Errorf("%s:%d: itemize: %w", corpusPath, e.Line, err)
		}
		for k, it := range items {
			recs = append(recs, shapingcorpus.Record{
				Entry: e.N, Lang: e.Lang, Text: e.Raw, Item: k,
				Font: it.Font.FileName(), Script: it.Params.Script, Language: it.Params.Language,
				Direction: shapingcorpus.Direction(it.Params.RTL), ItemText: it.Text,
			})
		}
	}
	if err := shapeAll(recs, fontDir, hb); err != nil {
		return err
	}
	return shapingcorpus.WriteGolden(outPath, shapingcorpus.Header{
		Generator: "testdata/shaping/regen.sh", HBShape: version, Corpus: filepath.Base(corpusPath),
		Entries: len(entries), Items: len(recs), Glyphs: countGlyphs(recs),
	}, recs)
}

func countGlyphs(recs []shapingcorpus.Record) int {
	n := 0
	for _, r := range recs {
		n += len(r.Glyphs)
	}
	return n
}

func hbVersion(hb string) (string, error) {
	out, err := exec.Command(hb, "--version").Output()
	if err != nil {
		return "", fmt.Errorf("run %s --version: %w", hb, err)
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first), nil
}

// group is the set of items shaped with one hb-shape invocation: the same
// font, script, language and direction. hb-shape shapes every input line
// as a separate buffer, so one process serves all items of a group.
type group struct{ font, script, language, direction string }

func shapeAll(recs []shapingcorpus.Record, fontDir, hb string) error {
	groups := map[group][]*shapingcorpus.Record{}
	var keys []group
	for i := range recs {
		r := &recs[i]
		g := group{r.Font, r.Script, r.Language, r.Direction}
		if _, ok := groups[g]; !ok {
			keys = append(keys, g)
		}
		groups[g] = append(groups[g], r)
	}
	sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
	for _, g := range keys {
		if err := shapeGroup(g, groups[g], fontDir, hb); err != nil {
			return err
		}
	}
	return nil
}

func shapeGroup(g group, recs []*shapingcorpus.Record, fontDir, hb string) error {
	var in bytes.Buffer
	for _, r := range recs {
		if strings.ContainsAny(r.ItemText, "\n\r") {
			return fmt.Errorf("entry %d item %d: item text contains a line break", r.Entry, r.Item)
		}
		in.WriteString(r.ItemText)
		in.WriteByte('\n')
	}
	cmd := exec.Command(hb, "--no-glyph-names", "--output-format=json",
		"--script="+g.script, "--language="+g.language, "--direction="+g.direction,
		filepath.Join(fontDir, g.font))
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("hb-shape %v: %w: %s", g, err, stderr.String())
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(recs) {
		return fmt.Errorf("hb-shape %v: %d output lines for %d items", g, len(lines), len(recs))
	}
	for i, line := range lines {
		if err := json.Unmarshal([]byte(line), &recs[i].Glyphs); err != nil {
			return fmt.Errorf("hb-shape %v: item %q: %w", g, recs[i].ItemText, err)
		}
	}
	return nil
}

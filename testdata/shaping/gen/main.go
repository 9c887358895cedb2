// Command gen writes the golden shaping file: it itemizes every entry of
// the shaping corpus with render/text exactly as the engine does, shapes
// each item with Debian's hb-shape (real HarfBuzz) using the same font file,
// script, language and direction, and writes one JSON object per item.
//
// It is run by regen.sh; see README.md beside it.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

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

// Header is the first line of the golden file.
type Header struct {
	Generator string `json:"generator"`
	HBShape   string `json:"hb_shape"`
	Corpus    string `json:"corpus"`
	Entries   int    `json:"entries"`
	Items     int    `json:"items"`
	Glyphs    int    `json:"glyphs"`
}

// Record is one shaped item of one corpus entry.
type Record struct {
	Entry     int     `json:"entry"` // 1-based entry number in the corpus
	Lang      string  `json:"lang"`
	Text      string  `json:"text"` // the entry as written in the corpus (markup included)
	Item      int     `json:"item"` // 0-based item index within the entry, logical order
	Font      string  `json:"font"`
	Script    string  `json:"script"`
	Language  string  `json:"language"`
	Direction string  `json:"direction"`
	ItemText  string  `json:"item_text"`
	Glyphs    []Glyph `json:"glyphs"`
}

// Glyph is one glyph as hb-shape prints it in JSON, in font units.
type Glyph struct {
	G  int `json:"g"`
	Cl int `json:"cl"`
	Ax int `json:"ax"`
	Dx int `json:"dx"`
	Dy int `json:"dy"`
}

func run(corpusPath, outPath, fontDir, hb string) error {
	entries, err := readCorpus(corpusPath)
	if err != nil {
		return err
	}
	version, err := hbVersion(hb)
	if err != nil {
		return err
	}
	var recs []*Record
	for _, e := range entries {
		items, err := text.Items(e.Paragraph())
		if err != nil {
			return fmt.Errorf("%s:%d: itemize: %w", corpusPath, e.Line, err)
		}
		for k, it := range items {
			recs = append(recs, &Record{
				Entry: e.N, Lang: e.Lang, Text: e.Raw, Item: k,
				Font: it.Font.FileName(), Script: it.Params.Script, Language: it.Params.Language,
				Direction: direction(it.Params.RTL), ItemText: it.Text,
			})
		}
	}
	if err := shapeAll(recs, fontDir, hb); err != nil {
		return err
	}
	return write(outPath, Header{
		Generator: "testdata/shaping/regen.sh", HBShape: version, Corpus: filepath.Base(corpusPath),
		Entries: len(entries), Items: len(recs), Glyphs: countGlyphs(recs),
	}, recs)
}

func direction(rtl bool) string {
	if rtl {
		return "rtl"
	}
	return "ltr"
}

func countGlyphs(recs []*Record) int {
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

func shapeAll(recs []*Record, fontDir, hb string) error {
	groups := map[group][]*Record{}
	var keys []group
	for _, r := range recs {
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

func shapeGroup(g group, recs []*Record, fontDir, hb string) error {
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

func write(path string, h Header, recs []*Record) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(h); err != nil {
		return fmt.Errorf("encode header: %w", err)
	}
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("encode entry %d item %d: %w", r.Entry, r.Item, err)
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write golden: %w", err)
	}
	return nil
}

// Entry is one corpus line.
type Entry struct {
	N     int // 1-based entry number
	Line  int // line number in the corpus file
	Lang  string
	Raw   string // text with markup
	Spans []text.Span
}

// rtlLangs are the corpus languages written right to left.
var rtlLangs = map[string]bool{"ur": true, "pnb": true, "sd": true, "bal": true}

var langs = map[string]bool{"ur": true, "pnb": true, "sd": true, "bal": true, "en": true, "fr": true, "de": true}

// Paragraph is the paragraph the entry is itemized as.
func (e Entry) Paragraph() text.Paragraph {
	return text.Paragraph{Spans: e.Spans, Lang: e.Lang, RTL: rtlLangs[e.Lang], Size: 12}
}

func readCorpus(path string) ([]Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	defer f.Close()
	var entries []Entry
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lang, raw, ok := strings.Cut(line, "\t")
		if !ok || !langs[lang] || raw == "" {
			return nil, fmt.Errorf("%s:%d: want lang<TAB>text with lang one of ur pnb sd bal en fr de", path, n)
		}
		spans, err := parseSpans(raw)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		entries = append(entries, Entry{N: len(entries) + 1, Line: n, Lang: lang, Raw: raw, Spans: spans})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read corpus: %w", err)
	}
	return entries, nil
}

// parseSpans splits an entry into spans: [[…]] is a left-to-right isolate
// (numbers, ids, dates), {{…}} a first-strong isolate (user text), and the
// rest inline text.
func parseSpans(raw string) ([]text.Span, error) {
	var spans []text.Span
	for rest := raw; rest != ""; {
		i := openerIndex(rest)
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

// openerIndex returns the index of the first "[[" or "{{" in s, or -1.
func openerIndex(s string) int {
	a, b := strings.Index(s, "[["), strings.Index(s, "{{")
	if a < 0 || (b >= 0 && b < a) {
		return b
	}
	return a
}

package shapingcorpus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/render/text"
)

func TestParseSpans(t *testing.T) {
	cases := []struct {
		raw  string
		want []text.Span
	}{
		{"سلام", []text.Span{{Text: "سلام"}}},
		{"فون [[+92 300 1234567]] پر", []text.Span{
			{Text: "فون "}, {Text: "+92 300 1234567", Isolation: text.LeftToRight}, {Text: " پر"}}},
		{"{{Amina Khan}} نے", []text.Span{
			{Text: "Amina Khan", Isolation: text.FirstStrong}, {Text: " نے"}}},
		{"a {{b}}[[c]]", []text.Span{
			{Text: "a "}, {Text: "b", Isolation: text.FirstStrong}, {Text: "c", Isolation: text.LeftToRight}}},
		// The first opener decides; the other kind of bracket inside is text.
		{"[[x {{y]] z", []text.Span{{Text: "x {{y", Isolation: text.LeftToRight}, {Text: " z"}}},
		{"one ] and } alone", []text.Span{{Text: "one ] and } alone"}}},
	}
	for _, c := range cases {
		got, err := parseSpans(c.raw)
		if err != nil {
			t.Errorf("parseSpans(%q): %v", c.raw, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("parseSpans(%q) = %+v, want %+v", c.raw, got, c.want)
		}
	}
}

func TestParseSpansErrors(t *testing.T) {
	for raw, want := range map[string]string{
		"a [[b":       "unclosed or empty isolate [[",
		"a {{}} b":    "unclosed or empty isolate {{",
		"{{b]] c":     "unclosed or empty isolate {{",
		"x [[]] y":    "unclosed or empty isolate [[",
		"ok [[1]] {{": "unclosed or empty isolate {{",
	} {
		_, err := parseSpans(raw)
		if err == nil || err.Error() != want {
			t.Errorf("parseSpans(%q) error = %v, want %q", raw, err, want)
		}
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRead(t *testing.T) {
	path := writeFile(t, "corpus.tsv", "# comment\n\nur\tفون [[0300]]\n   \nen\t{{Ann}} wrote\n")
	entries, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("got %d entries, want 2", len(entries))
	}
	ur, en := entries[0], entries[1]
	if ur.N != 1 || ur.Line != 3 || ur.Lang != "ur" || ur.Raw != "فون [[0300]]" || len(ur.Spans) != 2 {
		t.Errorf("first entry = %+v", ur)
	}
	if en.N != 2 || en.Line != 5 || en.Lang != "en" || en.Spans[0].Isolation != text.FirstStrong {
		t.Errorf("second entry = %+v", en)
	}
	if p := ur.Paragraph(); !p.RTL || p.Lang != "ur" || p.Size != 12 || !reflect.DeepEqual(p.Spans, ur.Spans) {
		t.Errorf("ur paragraph = %+v", p)
	}
	if p := en.Paragraph(); p.RTL || p.Lang != "en" {
		t.Errorf("en paragraph = %+v", p)
	}
}

func TestReadErrorsNameFileAndLine(t *testing.T) {
	for content, want := range map[string]string{
		"ur\tok\nxx\tunknown language\n": ":2: want lang<TAB>text",
		"# c\nen no tab\n":               ":2: want lang<TAB>text",
		"de\t\n":                         ":1: want lang<TAB>text",
		"en\tok\n\nsd\tfoo [[bar\n":      ":3: unclosed or empty isolate [[",
	} {
		path := writeFile(t, "bad.tsv", content)
		_, err := Read(path)
		if err == nil || !strings.Contains(err.Error(), path+want) {
			t.Errorf("Read(%q) error = %v, want it to contain %q", content, err, path+want)
		}
	}
	if _, err := Read(filepath.Join(t.TempDir(), "missing.tsv")); err == nil || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing corpus: error = %v, want a wrapped not-exist error", err)
	}
}

func TestDirection(t *testing.T) {
	if Direction(true) != "rtl" || Direction(false) != "ltr" {
		t.Errorf("Direction(true), Direction(false) = %q, %q", Direction(true), Direction(false))
	}
}

func TestGoldenRoundTrip(t *testing.T) {
	h := Header{Generator: "gen", HBShape: "hb-shape (HarfBuzz) 6.0.0", Corpus: "corpus.tsv", Entries: 1, Items: 1, Glyphs: 1}
	recs := []Record{{Entry: 1, Lang: "en", Text: "a<b>&", Item: 0, Font: "NotoSans-Regular.ttf",
		Script: "Latn", Language: "en", Direction: "ltr", ItemText: "a<b>&",
		Glyphs: []Glyph{{G: 68, Cl: 0, Ax: 561, Dx: 0, Dy: -3}}}}
	path := filepath.Join(t.TempDir(), "golden.jsonl")
	if err := WriteGolden(path, h, recs); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"generator":"gen","hb_shape":"hb-shape (HarfBuzz) 6.0.0","corpus":"corpus.tsv","entries":1,"items":1,"glyphs":1}
{"entry":1,"lang":"en","text":"a<b>&","item":0,"font":"NotoSans-Regular.ttf","script":"Latn","language":"en","direction":"ltr","item_text":"a<b>&","glyphs":[{"g":68,"cl":0,"ax":561,"dx":0,"dy":-3}]}
`
	if string(b) != want {
		t.Errorf("golden file:\n%s\nwant:\n%s", b, want)
	}
	gh, grecs, err := ReadGolden(path)
	if err != nil {
		t.Fatal(err)
	}
	if gh != h || !reflect.DeepEqual(grecs, recs) {
		t.Errorf("ReadGolden = %+v %+v, want %+v %+v", gh, grecs, h, recs)
	}
}

func TestReadGoldenErrors(t *testing.T) {
	for content, want := range map[string]string{
		"":                           "golden file is empty",
		"not json\n":                 ":1: golden header",
		"{}\n{\"entry\":1}\n{oops\n": ":3: ",
	} {
		path := writeFile(t, "golden.jsonl", content)
		_, _, err := ReadGolden(path)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
			t.Errorf("ReadGolden(%q) error = %v, want it to name the file and contain %q", content, err, want)
		}
	}
}

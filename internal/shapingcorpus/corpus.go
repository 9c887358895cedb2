// Package shapingcorpus reads the golden shaping corpus
// (testdata/shaping/corpus.tsv) and reads and writes the golden file made
// from it (testdata/shaping/golden.jsonl). The generator run by
// testdata/shaping/regen.sh and the pure-Go golden test in render/text both
// use it, so they parse the corpus and the golden format the same way.
package shapingcorpus

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/render/text"
)

// Entry is one corpus line.
type Entry struct {
	N     int    // 1-based entry number
	Line  int    // line number in the corpus file
	Lang  string // letter language: ur pnb sd bal en fr de
	Raw   string // text as written, markup included
	Spans []text.Span
}

// Paragraph is the paragraph the entry is itemized as: its spans in its
// language, in the language's direction (fonts.LanguageOf), at 12 points.
func (e Entry) Paragraph() text.Paragraph {
	l, _ := fonts.LanguageOf(e.Lang)
	return text.Paragraph{Spans: e.Spans, Lang: e.Lang, RTL: l.RTL, Size: 12}
}

// Direction names a direction as hb-shape and the golden file do.
func Direction(rtl bool) string {
	if rtl {
		return "rtl"
	}
	return "ltr"
}

// Read parses a corpus file: one lang<TAB>text entry per line; blank lines
// and lines starting with # are skipped. Errors name the file and line.
func Read(path string) ([]Entry, error) {
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
		e, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		e.N, e.Line = len(entries)+1, n
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read corpus %s: %w", path, err)
	}
	return entries, nil
}

// parseLine parses one non-comment corpus line into an entry without its
// numbers.
func parseLine(line string) (Entry, error) {
	lang, raw, ok := strings.Cut(line, "\t")
	if !ok || !known(lang) || raw == "" {
		return Entry{}, fmt.Errorf("want lang<TAB>text with lang one of %s", strings.Join(fonts.Languages(), " "))
	}
	spans, err := parseSpans(raw)
	if err != nil {
		return Entry{}, err
	}
	return Entry{Lang: lang, Raw: raw, Spans: spans}, nil
}

// parseSpans splits an entry into spans: [[…]] is a left-to-right isolate
// (numbers, ids, dates), {{…}} a first-strong isolate (user text), and the
// rest inline text. Isolates cannot nest and must not be empty.
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

// known reports whether lang is a letter language (fonts.Languages).
func known(lang string) bool {
	_, ok := fonts.LanguageOf(lang)
	return ok
}

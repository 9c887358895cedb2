package service

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/letter"
)

// These tests read every language's letter, model text and own words,
// with three independent readers: poppler's pdftotext, MuPDF's mutool and
// pdf.js (pdfjs-dist, through tools/node/pdftext.mjs). Each must give the
// composed words in logical order; what a reader misses is counted as the
// share of source words outside the longest common subsequence.

type reader struct {
	name    string
	maxMiss float64 // share of words a reader may miss
	extract func(t *testing.T, pdf string) string
}

func readers(t *testing.T) []reader {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	mutool := testtool.Need(t, "mutool", "mupdf-tools")
	node := testtool.Need(t, "node", "nodejs")
	_, file, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(file), "..", "tools", "node", "pdftext.mjs")
	testtool.NeedPath(t, filepath.Join(filepath.Dir(script), "node_modules", "pdfjs-dist"), "pdfjs-dist (npm ci in tools/node)")
	return []reader{
		{"poppler", 0.01, func(t *testing.T, pdf string) string { return runTool(t, pdftotext, "-enc", "UTF-8", pdf, "-") }},
		{"mupdf", 0.01, func(t *testing.T, pdf string) string {
			return runTool(t, mutool, "draw", "-q", "-F", "txt", "-o", "-", pdf)
		}},
		{"pdf.js", 0.01, func(t *testing.T, pdf string) string { return runTool(t, node, script, pdf) }},
	}
}

func TestThreeReaders(t *testing.T) {
	rs := readers(t)
	s := newTestService(t)
	for _, lang := range pdfLangs {
		for _, own := range []bool{false, true} {
			name := lang + map[bool]string{false: "/model", true: "/own-words"}[own]
			t.Run(name, func(t *testing.T) {
				req := pdfRequest(lang, "a4", "")
				if own {
					req.Body = ownWords(t, s, req)
				}
				checkReaders(t, s, rs, req)
			})
		}
	}
}

// ownWords is the model letter's body as a signer would paste it: its
// paragraphs as plain text with blank lines between them.
func ownWords(t *testing.T, s *Service, req LetterRequest) string {
	doc, err := letter.ComposeRequest(s.Catalogue(), req.Request, s.now())
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	for _, b := range doc.Blocks {
		if b.Role == letter.RoleBody {
			for _, l := range b.Lines {
				paras = append(paras, l.Text())
			}
		}
	}
	return strings.Join(paras, "\n\n")
}

func checkReaders(t *testing.T, s *Service, rs []reader, req LetterRequest) {
	res, err := s.Letter(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := letter.ComposeRequest(s.Catalogue(), req.Request, s.now())
	if err != nil {
		t.Fatal(err)
	}
	pdf := writeFile(t, "letter.pdf", res.Body)
	want := sourceWords(doc)
	var popplerLen int
	for _, r := range rs {
		out := r.extract(t, pdf)
		// Garbage counts, invisible or not: a reader that gives a
		// character per drawn glyph (MuPDF 1.21 did, U+200B for glyphs
		// mapped to it) or U+FFFD for glyphs it cannot map fails, and the
		// characters stay in the length compared with poppler's.
		zw, bad := strings.Count(out, "\u200B"), strings.Count(out, "\uFFFD")
		if zw+bad > 0 {
			t.Errorf("%s gives %d U+200B and %d U+FFFD", r.name, zw, bad)
		}
		// poppler marks right-to-left lines with directional formatting
		// characters (U+202B … U+202C); they are not text.
		out = strings.Map(func(r rune) rune {
			if r >= 0x202A && r <= 0x202E || r == 0x200E || r == 0x200F || r >= 0x2066 && r <= 0x2069 {
				return -1
			}
			return r
		}, out)
		got := joinHyphenated(extractedWords(out, doc.Reference), want)
		miss := 1 - float64(lcs(want, got))/float64(len(want))
		n := len([]rune(out))
		if r.name == "poppler" {
			popplerLen = n
		}
		ratio := float64(n) / float64(popplerLen)
		t.Logf("%-7s miss %.1f%% of %d words, %d characters (%.2f × poppler), %d U+200B, %d U+FFFD", r.name, 100*miss, len(want), n, ratio, zw, bad)
		if miss > r.maxMiss {
			t.Errorf("%s misses %.1f%% of the words (allowed %.1f%%)\n%s", r.name, 100*miss, 100*r.maxMiss, firstDiff(want, got))
		}
		if ratio < 0.9 || ratio > 1.1 {
			t.Errorf("%s gives %d characters, %.2f × poppler's %d: garbage or duplicates", r.name, n, ratio, popplerLen)
		}
	}
}

// joinHyphenated undoes the typesetter's hyphenation in a reader's words:
// a word that is not in the source but becomes a source word when one of
// its hyphens is removed ("Men-schenrechts-") was split at a line end.
// pdftotext joins such words itself; MuPDF and pdf.js keep the hyphen.
func joinHyphenated(got, want []string) []string {
	source := make(map[string]bool, len(want))
	for _, w := range want {
		source[w] = true
	}
	for i, g := range got {
		if source[g] {
			continue
		}
		for k := strings.IndexByte(g, '-'); k > 0; k = nextHyphen(g, k) {
			if joined := g[:k] + g[k+1:]; source[joined] {
				got[i] = joined
				break
			}
		}
	}
	return got
}

// nextHyphen is the index of the next '-' in s after k, or -1.
func nextHyphen(s string, k int) int {
	if j := strings.IndexByte(s[k+1:], '-'); j >= 0 {
		return k + 1 + j
	}
	return -1
}

// lcs is the length of the longest common subsequence of two word lists.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for _, x := range a {
		for j, y := range b {
			if x == y {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func firstDiff(want, got []string) string {
	for i := range min(len(want), len(got)) {
		if want[i] != got[i] {
			return fmt.Sprintf("first difference at word %d: got …%s\nwant …%s", i,
				strings.Join(got[i:min(len(got), i+10)], " "), strings.Join(want[i:min(len(want), i+10)], " "))
		}
	}
	return ""
}

// TestStructTreeInPDFJS reads the structure tree of the Urdu letter with
// pdf.js: a Document with a heading, paragraphs and a bullet list, and the
// signer's Latin name as a Span in English.
func TestStructTreeInPDFJS(t *testing.T) {
	node := testtool.Need(t, "node", "nodejs")
	_, file, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(file), "..", "tools", "node", "pdftext.mjs")
	testtool.NeedPath(t, filepath.Join(filepath.Dir(script), "node_modules", "pdfjs-dist"), "pdfjs-dist (npm ci in tools/node)")
	s := newTestService(t)
	res, err := s.Letter(context.Background(), pdfRequest("ur", "a4", ""))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, script, "--struct", writeFile(t, "ur.pdf", res.Body)).Output()
	if err != nil {
		t.Fatal(err)
	}
	var pages []structNode
	if err := json.Unmarshal(out, &pages); err != nil {
		t.Fatal(err)
	}
	roles := map[string]int{}
	langs := map[string]int{}
	for _, p := range pages {
		p.walk(func(n structNode) {
			roles[n.Role]++
			if n.Lang != "" {
				langs[n.Lang+" "+n.Role]++
			}
		})
	}
	t.Logf("roles %v, languages %v", roles, langs)
	for _, r := range []string{"Document", "H1", "P", "L", "LI", "Lbl", "LBody", "Span"} {
		if roles[r] == 0 {
			t.Errorf("pdf.js structure tree has no %s", r)
		}
	}
	if langs["en Span"] == 0 {
		t.Errorf("no English Span for the Latin name and address")
	}
}

type structNode struct {
	Role     string       `json:"role"`
	Lang     string       `json:"lang"`
	Children []structNode `json:"children"`
}

func (n structNode) walk(f func(structNode)) {
	f(n)
	for _, c := range n.Children {
		c.walk(f)
	}
}

package main

import (
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/internal/shapingcorpus"
	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/render/text"
)

// TestTextCommandMatchesFriBidi runs `ualetters text` over every paragraph
// of the golden shaping corpus (seven languages, markup removed) and
// compares each line with GNU FriBidi (`fribidi --nobreak --nopad`), given
// the engine's one tailoring written out as LRI … PDI around digit groups
// in right-to-left text. FriBidi's Arabic presentation forms are mapped
// back to the letters (NFKC) before comparing.
func TestTextCommandMatchesFriBidi(t *testing.T) {
	tool := testtool.Need(t, "fribidi", "libfribidi-bin")
	entries, err := shapingcorpus.Read("../../testdata/shaping/corpus.tsv")
	if err != nil {
		t.Fatal(err)
	}
	byLang := map[string][]string{}
	for _, e := range entries {
		var b strings.Builder
		for _, s := range e.Spans {
			b.WriteString(s.Text)
		}
		byLang[e.Lang] = append(byLang[e.Lang], b.String())
	}
	// The N0 examples (brackets) and the tailored numbers.
	byLang["ur"] = append(byLang["ur"], "یہ رپورٹ (Amnesty International) UNHCR کے ساتھ", "…فون نمبر 0300-1234567 پر…", "مورخہ 20-11-2023 کو")
	byLang["en"] = append(byLang["en"], "abc (def ابج) ابج")
	n := 0
	for lang, paras := range byLang {
		rtl := e2rtl(lang)
		cmd := exec.Command(bin, "text", "-lang", lang)
		cmd.Stdin = strings.NewReader(strings.Join(paras, "\n") + "\n")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: ualetters text: %v", lang, err)
		}
		want := fribidiLines(t, tool, paras, rtl)
		got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		if len(got) != len(want) {
			t.Fatalf("%s: %d lines, FriBidi %d", lang, len(got), len(want))
		}
		for i := range got {
			n++
			if got[i] != want[i] {
				t.Errorf("%s %q:\n got %q\nwant %q (FriBidi)", lang, paras[i], got[i], want[i])
			}
		}
	}
	t.Logf("%d paragraphs match FriBidi", n)
}

func e2rtl(lang string) bool { return lang == "ur" || lang == "sd" || lang == "bal" || lang == "pnb" }

func fribidiLines(t *testing.T, tool string, paras []string, rtl bool) []string {
	t.Helper()
	dir := "--ltr"
	var in []string
	for _, p := range paras {
		if rtl {
			dir = "--rtl"
			p = isolateNumbers(p)
		}
		in = append(in, p)
	}
	cmd := exec.Command(tool, "--nobreak", "--nopad", dir)
	cmd.Stdin = strings.NewReader(strings.Join(in, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("fribidi: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	for i, l := range lines {
		lines[i] = unpresent(l)
	}
	return lines
}

// isolateNumbers writes the engine's tailoring in UAX #9 terms.
func isolateNumbers(s string) string {
	var b strings.Builder
	at := 0
	for _, u := range text.NumberUnits(s) {
		b.WriteString(s[at:u[0]] + "\u2066" + s[u[0]:u[1]] + "\u2069")
		at = u[1]
	}
	b.WriteString(s[at:])
	return b.String()
}

// unpresent maps the Arabic presentation forms FriBidi shapes letters into
// back to the letters (a ligature such as lam-alef decomposes in logical
// order and is reversed for visual text) and drops bidi controls. Word
// ligatures typed as such (U+FDF0–FDFF, ﷺ) are left alone.
func unpresent(s string) string {
	var b strings.Builder
	for _, r := range s {
		if fonts.BidiControl(r) || r == 0xFEFF { // FEFF: FriBidi's filler after a ligature
			continue
		}
		if (r >= 0xFB50 && r < 0xFDF0) || (r >= 0xFE70 && r <= 0xFEFE) {
			d := []rune(norm.NFKC.String(string(r)))
			for i := len(d) - 1; i >= 0; i-- {
				b.WriteRune(d[i])
			}
			continue
		}
		if r != utf8.RuneError {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestTextCommandErrors: bad input gives a one-line message and exit 1,
// a bad command line exit 2; other paragraphs are still printed.
func TestTextCommandErrors(t *testing.T) {
	code, out, errOut := runBin(t, "text", "-lang", "ur", "ok", "\U0001F600", "پر")
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "paragraph 2") {
		t.Errorf("uncovered character: exit %d, stderr %q", code, errOut)
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 {
		t.Errorf("the other paragraphs: %q", out)
	}
	if code, _, errOut := runBin(t, "text", "-lang", "xx", "a"); code != 2 || !strings.Contains(errOut, "unknown language") {
		t.Errorf("unknown language: exit %d, %q", code, errOut)
	}
	if code, _, _ := runBin(t, "text", "-width", "-3", "a"); code != 2 {
		t.Errorf("negative width: exit %d", code)
	}
}

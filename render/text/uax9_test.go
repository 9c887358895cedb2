package text

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/bidi"

	"github.com/ualetters/ualetters/internal/testtool"
)

const unicodeDir = "/usr/share/unicode" // Debian package unicode-data

var classNames = map[string]bidi.Class{
	"L": bidi.L, "R": bidi.R, "AL": bidi.AL, "EN": bidi.EN, "ES": bidi.ES, "ET": bidi.ET,
	"AN": bidi.AN, "CS": bidi.CS, "NSM": bidi.NSM, "BN": bidi.BN, "B": bidi.B, "S": bidi.S,
	"WS": bidi.WS, "ON": bidi.ON, "LRE": bidi.LRE, "LRO": bidi.LRO, "RLE": bidi.RLE,
	"RLO": bidi.RLO, "PDF": bidi.PDF, "LRI": bidi.LRI, "RLI": bidi.RLI, "FSI": bidi.FSI,
	"PDI": bidi.PDI,
}

// TestUnicodeBidiConformance runs every case of Unicode's two bidi
// conformance files (Unicode 15, Debian unicode-data) through resolveBidi,
// lineLevels and reorderIndexes: levels and visual order must match.
func TestUnicodeBidiConformance(t *testing.T) {
	testtool.NeedPath(t, unicodeDir+"/BidiTest.txt", "unicode-data")
	pass, total, fails := runBidiTest(t, unicodeDir+"/BidiTest.txt")
	t.Logf("BidiTest: %d/%d", pass, total)
	report(t, "BidiTest", pass, total, fails)
	pass, total, fails = runBidiCharacterTest(t, unicodeDir+"/BidiCharacterTest.txt")
	t.Logf("BidiCharacterTest: %d/%d", pass, total)
	report(t, "BidiCharacterTest", pass, total, fails)
}

func report(t *testing.T, name string, pass, total int, fails []string) {
	t.Helper()
	if pass == total && total > 0 {
		return
	}
	if len(fails) > 10 {
		fails = fails[:10]
	}
	t.Errorf("%s: %d of %d cases fail, first: \n%s", name, total-pass, total, strings.Join(fails, "\n"))
}

// bidiCase checks one paragraph: levels as the file writes them ("x" for
// characters removed by X9) and the visual order without them.
func bidiCase(classes []bidi.Class, runes []rune, para, wantPara int, wantLevels, wantOrder string) (bool, string) {
	levels, pl := resolveClasses(classes, runes, para)
	if wantPara >= 0 && int(pl) != wantPara {
		return false, fmt.Sprintf("paragraph level %d, want %d", pl, wantPara)
	}
	levels = lineLevels(classes, levels, pl, 0, len(classes))
	got := make([]string, len(levels))
	for i, l := range levels {
		got[i] = strconv.Itoa(int(l))
		if removedByX9(classes[i]) {
			got[i] = "x"
		}
	}
	order := reorderIndexes(levels, func(i int) bool { return removedByX9(classes[i]) })
	ord := make([]string, len(order))
	for i, o := range order {
		ord[i] = strconv.Itoa(o)
	}
	gl, gord := strings.Join(got, " "), strings.Join(ord, " ")
	if gl != wantLevels || gord != wantOrder {
		return false, fmt.Sprintf("para %d: levels %q want %q, order %q want %q", para, gl, wantLevels, gord, wantOrder)
	}
	return true, ""
}

func scanLines(t *testing.T, path string, fn func(line string)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			fn(line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// runBidiTest counts one case per data line and paragraph level of its
// bit set (1 auto, 2 LTR, 4 RTL).
func runBidiTest(t *testing.T, path string) (pass, total int, fails []string) {
	var levels, order string
	scanLines(t, path, func(line string) {
		switch {
		case strings.HasPrefix(line, "@Levels:"):
			levels = strings.Join(strings.Fields(line[len("@Levels:"):]), " ")
			return
		case strings.HasPrefix(line, "@Reorder:"):
			order = strings.Join(strings.Fields(line[len("@Reorder:"):]), " ")
			return
		}
		in, bits, _ := strings.Cut(line, ";")
		var classes []bidi.Class
		for _, f := range strings.Fields(in) {
			classes = append(classes, classNames[f])
		}
		set, _ := strconv.Atoi(strings.TrimSpace(bits))
		for bit, para := range map[int]int{1: -1, 2: 0, 4: 1} {
			if set&bit == 0 {
				continue
			}
			total++
			ok, msg := bidiCase(classes, nil, para, -1, levels, order)
			if ok {
				pass++
			} else {
				fails = append(fails, in+": "+msg)
			}
		}
	})
	return pass, total, fails
}

// runBidiCharacterTest counts one case per data line.
func runBidiCharacterTest(t *testing.T, path string) (pass, total int, fails []string) {
	scanLines(t, path, func(line string) {
		f := strings.Split(line, ";")
		if len(f) < 5 {
			return
		}
		var runes []rune
		var classes []bidi.Class
		for _, h := range strings.Fields(f[0]) {
			v, _ := strconv.ParseUint(h, 16, 32)
			runes = append(runes, rune(v))
			classes = append(classes, class(rune(v)))
		}
		para, _ := strconv.Atoi(f[1])
		if para == 2 {
			para = -1
		}
		wantPara, _ := strconv.Atoi(f[2])
		total++
		ok, msg := bidiCase(classes, runes, para, wantPara, strings.Join(strings.Fields(f[3]), " "), strings.Join(strings.Fields(f[4]), " "))
		if ok {
			pass++
		} else {
			fails = append(fails, f[0]+": "+msg)
		}
	})
	return pass, total, fails
}

// TestBracketPairsMatchBidiBrackets checks bracketKind against every line
// of Unicode's BidiBrackets.txt: type and paired bracket.
func TestBracketPairsMatchBidiBrackets(t *testing.T) {
	testtool.NeedPath(t, unicodeDir+"/BidiBrackets.txt", "unicode-data")
	n := 0
	scanLines(t, unicodeDir+"/BidiBrackets.txt", func(line string) {
		line, _, _ = strings.Cut(line, "#")
		f := strings.Split(line, ";")
		cp, _ := strconv.ParseUint(strings.TrimSpace(f[0]), 16, 32)
		pair, _ := strconv.ParseUint(strings.TrimSpace(f[1]), 16, 32)
		r, p := rune(cp), rune(pair)
		kind, id := bracketKind(r)
		want, wantID := 1, bracketID(r)
		if strings.TrimSpace(f[2]) == "c" {
			want, wantID = 2, bracketID(p)
		}
		if kind != want || id != wantID {
			t.Errorf("U+%04X: kind %d id U+%04X, want %d U+%04X", r, kind, id, want, wantID)
		}
		n++
	})
	if n != 128 {
		t.Errorf("%d brackets in BidiBrackets.txt, expected 128", n)
	}
}

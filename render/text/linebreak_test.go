package text

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/go-text/typesetting/segmenter"

	"github.com/ualetters/ualetters/internal/testtool"
)

// lineBreakFloor is the share of LineBreakTest.txt (Unicode 15) cases the
// line breaker (go-text's UAX #14 segmenter at v0.3.3) must pass: all
// 7,654 when this test was written. The engine's only departure from
// UAX #14 is outside the segmenter: a word wider than the line is cut at
// grapheme boundaries (splitLong), the last resort.
const lineBreakFloor = 1.0

// TestUnicodeLineBreak runs the line breaker over every case of Unicode's
// LineBreakTest.txt and logs the pass rate.
func TestUnicodeLineBreak(t *testing.T) {
	path := unicodeDir + "/auxiliary/LineBreakTest.txt"
	testtool.NeedPath(t, path, "unicode-data")
	pass, total := 0, 0
	var fails []string
	scanLines(t, path, func(line string) {
		line, _, _ = strings.Cut(line, "#")
		var runes []rune
		var want []int
		for _, f := range strings.Fields(line) {
			switch f {
			case "÷":
				if len(runes) > 0 {
					want = append(want, len(runes))
				}
			case "×":
			default:
				v, _ := strconv.ParseUint(f, 16, 32)
				runes = append(runes, rune(v))
			}
		}
		total++
		got := breaks(runes)
		if fmt.Sprint(got) == fmt.Sprint(want) {
			pass++
		} else if len(fails) < 20 {
			fails = append(fails, fmt.Sprintf("%s: got %v want %v", line, got, want))
		}
	})
	rate := float64(pass) / float64(total)
	t.Logf("LineBreakTest: %d/%d (%.2f%%)", pass, total, 100*rate)
	for _, f := range fails {
		t.Log(f)
	}
	if rate < lineBreakFloor {
		t.Errorf("pass rate %.4f below %.4f", rate, lineBreakFloor)
	}
}

// breaks returns the rune offsets after which the segmenter allows a break.
func breaks(runes []rune) []int {
	var seg segmenter.Segmenter
	seg.Init(runes)
	var out []int
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		out = append(out, l.Offset+len(l.Text))
	}
	return out
}

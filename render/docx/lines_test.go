package docx

import (
	"html"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/layout"
)

// lineEnds returns, for the words pdftotext -bbox finds in a PDF of a
// letter, the word of the letter after which each line ends: an index
// into bodyWords(doc). Words are grouped into lines by their vertical
// centres (a gap of more than 6 pt starts a new line: Nastaliq raises
// letters of a word by up to about 10 pt, lines are 15 pt apart or more).
// pdftotext reads Nastaliq letters in another order, so a line is placed
// by how many letters the text holds up to its end, rounded to the
// nearest word boundary of the letter. The page header (the UA reference)
// and footer ("1 / 2") are left out. The same function reads our PDF and
// LibreOffice's, so both are measured alike.
func lineEnds(bbox string, doc *letter.Document) map[int]bool {
	var lines []string
	for _, page := range strings.Split(bbox, "<page ")[1:] {
		lines = append(lines, bboxLines(page)...)
	}
	return endsOf(lines, doc)
}

// endsOf places lines of a letter's text, in order, on the word
// boundaries of bodyWords(doc) by their letter counts.
func endsOf(lines []string, doc *letter.Document) map[int]bool {
	words := bodyWords(doc)
	bounds := make([]int, len(words)) // letters up to the end of each word
	n := 0
	for i, w := range words {
		n += letterCount(w)
		bounds[i] = n
	}
	ends := map[int]bool{}
	seen := 0
	for _, line := range lines {
		if isPageFurniture(line, doc.Reference) {
			continue
		}
		seen += letterCount(line)
		ends[nearest(bounds, seen)] = true
	}
	delete(ends, len(words)-1) // the letter's last line
	return ends
}

// isPageFurniture reports a line that holds only the UA reference and a
// page number "n / N", in any order (LibreOffice sets them in the header
// and footer, our PDF in one footer line).
func isPageFurniture(line, ref string) bool {
	rest := []rune(squash(line))
	for _, r := range squash(ref) {
		i := slices.Index(rest, r)
		if i < 0 {
			rest = []rune(squash(line))
			break
		}
		rest = slices.Delete(rest, i, i+1)
	}
	return strings.Trim(string(rest), "0123456789/") == ""
}

var bboxWord = regexp.MustCompile(`<word xMin="[^"]*" yMin="([^"]*)" xMax="[^"]*" yMax="([^"]*)">([^<]*)</word>`)

// bboxLines groups the words of one page of pdftotext -bbox output into
// lines, top to bottom; the words of a line are joined in no particular
// order.
func bboxLines(page string) []string {
	type word struct {
		y    float64
		text string
	}
	var ws []word
	for _, m := range bboxWord.FindAllStringSubmatch(page, -1) {
		y0, _ := strconv.ParseFloat(m[1], 64)
		y1, _ := strconv.ParseFloat(m[2], 64)
		ws = append(ws, word{(y0 + y1) / 2, html.UnescapeString(m[3])})
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].y < ws[j].y })
	var lines []string
	for i, w := range ws {
		if i == 0 || w.y-ws[i-1].y > 6 {
			lines = append(lines, "")
		}
		lines[len(lines)-1] += w.text + " "
	}
	return lines
}

// layoutLineEnds is lineEnds read from our layout itself (the lines as
// laid out, the footer left out): the truth lineEnds must find in our PDF.
func layoutLineEnds(ld *layout.Document, doc *letter.Document) map[int]bool {
	var lines []string
	for _, p := range ld.Pages {
		var cur strings.Builder
		base := -1.0
		for _, it := range p.Items {
			if it.Kind != layout.RunItem || it.Struct.Artifact {
				continue
			}
			r := p.Runs[it.Index]
			if r.Baseline != base && cur.Len() > 0 {
				lines = append(lines, cur.String())
				cur.Reset()
			}
			base = r.Baseline
			cur.WriteString(r.Text + " ")
		}
		if cur.Len() > 0 {
			lines = append(lines, cur.String())
		}
	}
	return endsOf(lines, doc)
}

// bodyWords lists the words of the letter's blocks (the header's
// reference left out), in order.
func bodyWords(doc *letter.Document) []string {
	words := sourceWords(doc)
	if ref := squash(doc.Reference); ref != "" {
		for _, w := range strings.Fields(doc.Reference) {
			if squash(w) != "" {
				words = words[1:]
			}
		}
	}
	return words
}

// letterCount counts letters: no marks, no tatweel, no digits, and in a
// word with Arabic letters only those. LibreOffice's PDF export gives the
// tatweels it inserts to justify Naskh lines texts such as "2", "5", "D",
// "-" or ",," ("ظاهر" comes back as "ظا2هر" or "ظاDDهر").
func letterCount(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		arabic := strings.IndexFunc(w, fonts.IsArabicScript) >= 0
		for _, r := range w {
			if r != 0x0640 && unicode.IsLetter(r) && (!arabic || fonts.IsArabicScript(r)) {
				n++
			}
		}
	}
	return n
}

// nearest returns the index of the bound closest to n.
func nearest(bounds []int, n int) int {
	best := 0
	for i, b := range bounds {
		if abs(b-n) < abs(bounds[best]-n) {
			best = i
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// lineAgreement counts the line ends of ours that LibreOffice has too.
func lineAgreement(ours, lo map[int]bool) (same int) {
	for k := range ours {
		if lo[k] {
			same++
		}
	}
	return same
}

func sortedKeys(m map[int]bool) []int {
	return slices.Sorted(maps.Keys(m))
}

package text

import (
	"math"
	"strings"
	"unicode"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/render/hyphen"
)

// Breaking selects the line-breaking algorithm of an Engine.
type Breaking uint8

// Line-breaking algorithms.
const (
	// TotalFit is Knuth and Plass's algorithm: the breaks of a paragraph
	// are chosen together to minimise the sum of the lines' demerits
	// (uneven spacing, hyphens, tight lines next to loose ones).
	TotalFit Breaking = iota
	// FirstFit fills each line greedily before starting the next.
	FirstFit
)

// Knuth–Plass parameters (TeX's defaults where TeX has one).
const (
	maxSpaceEm      = 0.65 // widest interword space on justified Latin lines, in em
	arabicStretchEm = 0.5  // stretch of a space in Arabic-script text, in em
	hyphenPenalty   = 50
	doubleHyphenDem = 3000 // two hyphenated lines in a row
	fitnessDem      = 100  // a tight line next to a loose one
	lineDem         = 10
	maxHyphenRun    = 2 // at most two hyphenated lines in a row
	// shrinkRatio is how far a space may shrink, as a share of its
	// width. TeX allows a third; word processors allow nothing:
	// LibreOffice 7.4 ends a line at the first character that does not
	// fit at natural spacing (sw/source/core/text/guess.cxx) and only
	// widens spaces to justify, so a line set with narrower spaces comes
	// out one word shorter in the DOCX, and the paragraph and page breaks
	// move. With no shrink every line the PDF sets fits in a word
	// processor too.
	shrinkRatio = 0
)

// breakKind says what happens at the end of a chunk when a line ends there.
type breakKind uint8

const (
	brGlue   breakKind = iota // after interword space
	brPlain                   // a break opportunity without space (after "-" or "/")
	brHyphen                  // inside a word: a hyphen is added
	brForced                  // the end of the paragraph
)

// chunk is a stretch of the paragraph between two break candidates.
type chunk struct {
	start, contentEnd, end int     // rune range; [contentEnd, end) is trailing space
	width, glue            float64 // content and trailing-space widths
	stretch, shrink        float64 // of the trailing space
	kind                   breakKind
	hyphenWidth            float64
}

// chunks cuts the paragraph at UAX #14 opportunities and, in words that
// may be hyphenated, at Liang hyphenation points.
func (pa *para) chunks(width float64) []chunk {
	var out []chunk
	segs := pa.segments()
	for k, s := range segs {
		address := looksLikeAddress(pa.runes[s.start:s.contentEnd])
		for _, c := range pa.hyphenated(s, !address) {
			if c.width+c.hyphenWidth <= width {
				out = append(out, c)
				continue
			}
			out = append(out, pa.splitChunk(c, width)...)
		}
		if k == len(segs)-1 {
			out[len(out)-1].kind = brForced
		}
	}
	return out
}

// splitChunk cuts a chunk wider than the line at grapheme boundaries (the
// last resort); the last piece keeps the chunk's break.
func (pa *para) splitChunk(c chunk, width float64) []chunk {
	seg := segment{start: c.start, end: c.contentEnd, contentEnd: c.contentEnd, width: c.width}
	parts := pa.splitLong(seg, width-c.hyphenWidth)
	out := make([]chunk, len(parts))
	for i, p := range parts {
		out[i] = chunk{start: p.start, contentEnd: p.contentEnd, end: p.end, width: pa.width(p.start, p.contentEnd), kind: brPlain}
	}
	last := &out[len(out)-1]
	last.end, last.glue, last.stretch, last.shrink = c.end, c.glue, c.stretch, c.shrink
	last.kind, last.hyphenWidth = c.kind, c.hyphenWidth
	return out
}

// hyphenated returns the chunks of one segment: split at hyphenation
// points, the last one ending with the segment's break.
func (pa *para) hyphenated(s segment, hyphenate bool) []chunk {
	var out []chunk
	at := s.start
	var points []int
	if hyphenate {
		points = pa.hyphenPoints(s.start, s.contentEnd)
	}
	for _, p := range points {
		out = append(out, chunk{start: at, contentEnd: p, end: p, width: pa.width(at, p),
			kind: brHyphen, hyphenWidth: pa.hyphenAdvance(p - 1)})
		at = p
	}
	c := chunk{start: at, contentEnd: s.contentEnd, end: s.end, width: pa.width(at, s.contentEnd), kind: brPlain}
	if s.end > s.contentEnd {
		c.kind, c.glue = brGlue, s.spacesWidth
		c.stretch, c.shrink = pa.glueStretch(s.contentEnd, c.glue), shrinkRatio*c.glue
	}
	return append(out, c)
}

// glueStretch is how far a space may stretch: on Latin lines up to
// maxSpaceEm wide; in Arabic-script text (no kashida: Nastaliq and Naskh
// stretch spaces only) by arabicStretchEm.
func (pa *para) glueStretch(i int, glue float64) float64 {
	if pa.capSpaces() {
		return max(0, maxSpaceEm*pa.Size-glue)
	}
	return arabicStretchEm * pa.Size
}

// capSpaces reports whether the paragraph's spaces are limited to
// maxSpaceEm (the Latin letters: en, fr, de).
func (pa *para) capSpaces() bool { return pa.Lang == "en" || pa.Lang == "fr" || pa.Lang == "de" }

// hyphenPoints returns the paragraph indexes in [a, b) before which a
// hyphen may break a word: only in spans marked Hyphenate, in en, fr or de,
// and only at cluster boundaries (never inside a ligature). The caller
// leaves out e-mail and web addresses.
func (pa *para) hyphenPoints(a, b int) []int {
	var out []int
	for i := a; i < b; {
		if !unicode.IsLetter(pa.runes[i]) || !pa.Spans[pa.span[i]].Hyphenate {
			i++
			continue
		}
		j := i
		for j < b && pa.span[j] == pa.span[i] && (unicode.IsLetter(pa.runes[j]) || unicode.Is(unicode.Mn, pa.runes[j])) {
			j++
		}
		d, _ := hyphen.For(pa.lang(i))
		if d != nil {
			for _, p := range d.Points(string(pa.runes[i:j])) {
				if pa.clusterStart[i+p] {
					out = append(out, i+p)
				}
			}
		}
		i = j
	}
	return out
}

// looksLikeAddress reports an e-mail or web address: never hyphenated.
func looksLikeAddress(rs []rune) bool {
	s := string(rs)
	return strings.ContainsAny(s, "@") || strings.Contains(s, "://") || strings.HasPrefix(strings.ToLower(s), "www.")
}

// hyphenAdvance is the width of a hyphen in the font of rune i.
func (pa *para) hyphenAdvance(i int) float64 {
	id := fonts.ID(max(pa.font[i], 0))
	_, adv := hyphenGlyph(id)
	return adv * pa.sizeOf(id) / id.Upem()
}

// kpNode is the best way found to reach a break with a given run of
// hyphenated lines and fitness class.
type kpNode struct {
	demerits float64
	prev     *kpNode
	at       int // break index: lines end after chunk at-1
	hyphens  int
	fitness  int
}

// totalFit returns the chunk indexes after which lines end (the last is
// len(cs)), or nil when no breaks keep every line's adjustment ratio
// within tolerance. Breaks are visited in order, so each node is final
// when its lines are tried.
func totalFit(cs []chunk, width, tolerance float64, hyphenRun int) []int {
	nodes := make([]kpNodes, len(cs)+1)
	nodes[0][0][1] = &kpNode{fitness: 1}
	for at := 0; at < len(cs); at++ {
		for _, from := range sortedNodes(nodes[at]) {
			tryLines(cs, from, width, tolerance, hyphenRun, nodes)
		}
	}
	var end *kpNode
	for _, n := range sortedNodes(nodes[len(cs)]) {
		if end == nil || n.demerits < end.demerits {
			end = n
		}
	}
	if end == nil {
		return nil
	}
	var breaks []int
	for n := end; n.prev != nil; n = n.prev {
		breaks = append(breaks, n.at)
	}
	for l, r := 0, len(breaks)-1; l < r; l, r = l+1, r-1 {
		breaks[l], breaks[r] = breaks[r], breaks[l]
	}
	return breaks
}

// kpNodes are the nodes of one break by hyphen run and fitness class.
type kpNodes [maxHyphenRun + 1][4]*kpNode

// sortedNodes lists a break's nodes in a fixed order (deterministic ties).
func sortedNodes(m kpNodes) []*kpNode {
	var out []*kpNode
	for h := range m {
		for _, n := range m[h] {
			if n != nil {
				out = append(out, n)
			}
		}
	}
	return out
}

// tryLines tries every line that starts at the node's break.
func tryLines(cs []chunk, from *kpNode, width, tolerance float64, hyphenRun int, nodes []kpNodes) {
	natural, stretch, shrink := 0.0, 0.0, 0.0
	for j := from.at; j < len(cs); j++ {
		if j > from.at {
			prev := cs[j-1]
			natural += prev.glue
			stretch += prev.stretch
			shrink += prev.shrink
		}
		natural += cs[j].width
		w := natural
		if cs[j].kind == brHyphen {
			w += cs[j].hyphenWidth
		}
		if w-shrink > width+1e-9 && j > from.at {
			return
		}
		r := ratio(w, width, stretch, shrink, cs[j].kind == brForced)
		if r > tolerance || r < -1 {
			continue
		}
		h := 0
		if cs[j].kind == brHyphen {
			if h = from.hyphens + 1; h > hyphenRun {
				continue
			}
			h = min(h, maxHyphenRun) // beyond the limit (last resort) runs count alike
		}
		fit := fitness(r)
		d := from.demerits + demerits(r, h > 0, h > 1, fit, from.fitness, from.prev != nil)
		if old := nodes[j+1][h][fit]; old == nil || d < old.demerits {
			nodes[j+1][h][fit] = &kpNode{demerits: d, prev: from, at: j + 1, hyphens: h, fitness: fit}
		}
	}
}

// ratio is the adjustment ratio of a line: how much of its stretch (> 0)
// or shrink (< 0) it uses. The last line ends with infinite stretch.
func ratio(natural, width, stretch, shrink float64, last bool) float64 {
	switch {
	case natural > width:
		if shrink <= 0 {
			return math.Inf(-1)
		}
		return (width - natural) / shrink
	case last:
		return 0
	case stretch <= 0:
		if width-natural < 1e-9 {
			return 0
		}
		return math.Inf(1)
	}
	return (width - natural) / stretch
}

func fitness(r float64) int {
	switch {
	case r < -0.5:
		return 0
	case r <= 0.5:
		return 1
	case r <= 1:
		return 2
	}
	return 3
}

func demerits(r float64, hyphenated, afterHyphen bool, fit, prevFit int, hasPrev bool) float64 {
	b := math.Min(10000, 100*math.Pow(math.Abs(r), 3))
	d := (lineDem + b) * (lineDem + b)
	if hyphenated {
		d += hyphenPenalty * hyphenPenalty
	}
	if afterHyphen {
		d += doubleHyphenDem
	}
	if hasPrev && (fit-prevFit > 1 || prevFit-fit > 1) {
		d += fitnessDem
	}
	return d
}

// breakTotalFit lays out the paragraph with Knuth–Plass breaks: first
// within the tolerance that keeps Latin spaces under maxSpaceEm, then, if
// that is impossible, with any spacing (buildLine caps the spaces), and
// last, for a word longer than three lines, with any run of hyphens.
func (pa *para) breakTotalFit(width float64) []Line {
	cs := pa.chunks(width)
	breaks := totalFit(cs, width, 1, maxHyphenRun)
	if breaks == nil {
		breaks = totalFit(cs, width, math.Inf(1), maxHyphenRun)
	}
	if breaks == nil { // a word too long for two hyphenated lines: hyphenate it throughout
		breaks = totalFit(cs, width, math.Inf(1), len(cs))
	}
	if breaks == nil {
		return nil
	}
	lines := make([]Line, 0, len(breaks))
	from := 0
	for _, to := range breaks {
		last := cs[to-1]
		lines = append(lines, pa.buildLineHyphen(cs[from].start, last.contentEnd, width, to == len(cs), last.kind == brHyphen))
		from = to
	}
	return lines
}

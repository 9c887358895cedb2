package text

import (
	"fmt"
	"strings"

	"github.com/ualetters/ualetters/fonts"
)

// Isolation says how a span takes part in the paragraph's bidi resolution.
type Isolation uint8

// Isolation kinds.
const (
	// Inline text is resolved with the paragraph (template text).
	Inline Isolation = iota
	// FirstStrong isolates user text: its direction comes from its first
	// strong character and nothing in it, bidi controls included, can
	// reorder the text outside it (UAX #9 FSI … PDI).
	FirstStrong
	// LeftToRight isolates numbers, phone numbers, dates and ids as
	// left-to-right text (UAX #9 LRI … PDI).
	LeftToRight
)

// Span is a piece of a paragraph's text in one language and style.
type Span struct {
	Text      string
	Lang      string // language code; "" means the paragraph's
	Isolation Isolation
	Bold      bool
	Italic    bool
	// Hyphenate allows breaking the span's words at Liang hyphenation
	// points (en, fr and de only). Leave it off for names, addresses and
	// e-mail addresses.
	Hyphenate bool
}

// Align is the alignment of a paragraph's lines.
type Align uint8

// Alignments. Start and End follow the paragraph direction.
const (
	Justify Align = iota // all lines but the last fill the width; the last aligns to the start
	Start
	End
	Center
)

// Paragraph is the input of Layout.
type Paragraph struct {
	Spans []Span
	Lang  string  // the letter's language: decides fonts for common characters
	RTL   bool    // paragraph direction (from the language, never guessed)
	Size  float64 // size of the language's script font, in points (other fonts: see sizeOf)
	// LatinSize, when above 0, is the size of Latin fonts in a paragraph of
	// an Arabic-script language (the style sheet's Latin size, which the
	// DOCX sets too); 0 derives it from Size by letter-body height.
	LatinSize float64
	Align     Align
	// Check, when set, is called before each forced line (a paragraph of
	// own words may hold thousands); Layout stops with its error. It is
	// not part of the paragraph's identity (the cache ignores it).
	Check func() error
}

// Glyph is a glyph placed on a line: X from the line's left edge, Y from
// the baseline (downwards positive), both in points.
type Glyph struct {
	ID      uint16
	X, Y    float64
	Advance float64
	Chars   string // the cluster's text on one glyph of each cluster
}

// Run is a visual run of glyphs in one font and direction on a line.
type Run struct {
	Font   fonts.ID
	Size   float64
	X      float64 // left edge from the line's left edge
	Width  float64
	Glyphs []Glyph // left to right
	Text   string  // logical text
	Lang   string
	RTL    bool
	Level  uint8 // bidi embedding level
}

// Line is one laid-out line.
type Line struct {
	Runs    []Run // visual order, left to right
	Width   float64
	Ascent  float64 // above the baseline, points
	Descent float64 // below the baseline, points (positive)
	Last    bool    // the last line of the paragraph (or before a forced break)
	// Hyphenated: the line ends in a word broken at a hyphenation point,
	// with a hyphen added.
	Hyphenated bool

	start, end int // the line's paragraph runes (trailing spaces left out)
}

// Height is the distance from this line's baseline to the next one's.
func (l Line) Height() float64 { return l.Ascent + l.Descent }

// Engine lays out paragraphs. It is safe for concurrent use.
type Engine struct {
	cache    *Cache
	breaking Breaking
}

// NewEngine returns an engine that breaks lines with Knuth and Plass's
// total-fit algorithm and caches shaped runs in cache (nil: no cache).
func NewEngine(cache *Cache) *Engine { return &Engine{cache: cache} }

// NewEngineBreaking returns an engine with the given line breaking.
// Engines that share a cache must break lines alike.
func NewEngineBreaking(cache *Cache, b Breaking) *Engine {
	return &Engine{cache: cache, breaking: b}
}

// Layout breaks the paragraph into lines no wider than width. It returns a
// *fonts.UncoveredError naming every character no bundled font covers.
// A newline in the text forces a line break.
// The returned lines may be shared with other callers through the cache:
// they must not be modified.
func (e *Engine) Layout(p Paragraph, width float64) ([]Line, error) {
	if e.cache == nil || e.cache.paras.Stats().MaxBytes <= 0 {
		return e.layout(p, width)
	}
	key := paragraphKey(p, width)
	if lines, ok := e.cache.paras.Get(key); ok {
		return lines, nil
	}
	lines, err := e.layout(p, width)
	if err == nil {
		e.cache.paras.Put(key, lines, len(key)+linesBytes(lines))
	}
	return lines, err
}

func (e *Engine) layout(p Paragraph, width float64) ([]Line, error) {
	if err := checkCoverage(p); err != nil {
		return nil, err
	}
	var lines []Line
	for _, part := range splitForced(p) {
		if p.Check != nil {
			if err := p.Check(); err != nil {
				return nil, err
			}
		}
		ls, err := e.layoutPart(part, width)
		if err != nil {
			return nil, err
		}
		lines = append(lines, ls...)
	}
	return lines, nil
}

func checkCoverage(p Paragraph) error {
	var missing []rune
	seen := map[rune]bool{}
	for _, s := range p.Spans {
		for _, r := range fonts.Uncovered(spanLang(p, s), s.Text) {
			if !seen[r] {
				seen[r] = true
				missing = append(missing, r)
			}
		}
	}
	if len(missing) > 0 {
		return &fonts.UncoveredError{Lang: p.Lang, Runes: missing}
	}
	return nil
}

func spanLang(p Paragraph, s Span) string {
	if s.Lang != "" {
		return s.Lang
	}
	return p.Lang
}

// splitForced splits a paragraph at newlines (CR LF, LF, CR, U+2028/2029).
func splitForced(p Paragraph) []Paragraph {
	parts := []Paragraph{{Lang: p.Lang, RTL: p.RTL, Size: p.Size, LatinSize: p.LatinSize, Align: p.Align}}
	for _, s := range p.Spans {
		text := strings.ReplaceAll(s.Text, "\r\n", "\n")
		for i, piece := range strings.Split(strings.NewReplacer("\r", "\n", "\u2028", "\n", "\u2029", "\n").Replace(text), "\n") {
			if i > 0 {
				parts = append(parts, Paragraph{Lang: p.Lang, RTL: p.RTL, Size: p.Size, LatinSize: p.LatinSize, Align: p.Align})
			}
			if piece != "" {
				ns := s
				ns.Text = piece
				cur := &parts[len(parts)-1]
				cur.Spans = append(cur.Spans, ns)
			}
		}
	}
	return parts
}

// para is a paragraph (without forced breaks) being laid out.
type para struct {
	Paragraph
	runes   []rune
	span    []int      // span index per rune
	levels  []uint8    // bidi level per rune
	numbers []isoRange // digit groups set as left-to-right isolates
	font    []int8     // font per rune; -1 for characters set without a glyph
	adv     []float64
	items   []item
	// clusterStart marks the runes that start a glyph cluster: the only
	// places a word may be cut.
	clusterStart []bool
}

// item is a run of one font, level, language and isolate, shaped as one.
type item struct {
	start, end int // rune range in the paragraph (ignorable runes included)
	font       fonts.ID
	level      uint8
	lang       string
	index      []int // paragraph rune index of each shaped rune
	glyphs     []ShapedGlyph
	clusterEnd []int // per shaped index: where the cluster starting there ends
}

func (e *Engine) layoutPart(p Paragraph, width float64) ([]Line, error) {
	if len(p.Spans) == 0 {
		return []Line{emptyLine(p)}, nil
	}
	pa, err := newPara(p)
	if err != nil {
		return nil, err
	}
	e.shape(pa)
	return e.breakLines(pa, width), nil
}

// breakLines breaks a shaped paragraph with the engine's algorithm; total
// fit falls back to first fit when it finds no breaks at all.
func (e *Engine) breakLines(pa *para, width float64) []Line {
	if e.breaking == TotalFit {
		if lines := pa.breakTotalFit(width); lines != nil {
			return lines
		}
	}
	return pa.breakLines(width)
}

// newPara resolves levels, fonts and items of a paragraph without forced
// breaks.
func newPara(p Paragraph) (*para, error) {
	pa := &para{Paragraph: p}
	for i, s := range p.Spans {
		for _, r := range s.Text {
			if r == '\t' {
				r = ' ' // no tab stops in letters: a tab is a (stretchable) space
			}
			pa.runes = append(pa.runes, r)
			pa.span = append(pa.span, i)
		}
	}
	if err := pa.resolveLevels(); err != nil {
		return nil, err
	}
	pa.assignFonts()
	pa.itemize()
	return pa, nil
}

// assignFonts picks a font per character: Latin letters take Noto Sans,
// Arabic letters the language's Arabic font, and each stretch of digits,
// punctuation and spaces the font of the surrounding text when that font
// has all of them, else one font that has them all.
func (pa *para) assignFonts() {
	n := len(pa.runes)
	pa.font = make([]int8, n)
	for i, r := range pa.runes {
		pa.font[i] = undecided
		switch {
		case dropped(r):
			pa.font[i] = -1
		case fonts.IsLatinScript(r) || fonts.IsArabicScript(r):
			id, _ := fonts.For(pa.lang(i), r)
			pa.font[i] = int8(id)
		}
	}
	pa.wholeWords()
	for i := 0; i < n; {
		if pa.font[i] != undecided {
			i++
			continue
		}
		j := i
		for j < n && (pa.font[j] == undecided || pa.font[j] == -1) && pa.sameContext(i, j) {
			j++
		}
		pa.assignCommon(i, j)
		i = j
	}
	for i := range pa.font {
		if pa.font[i] < 0 {
			continue
		}
		s := pa.Spans[pa.span[i]]
		id := fonts.ID(pa.font[i])
		if v := id.Variant(s.Bold, s.Italic); v.Has(pa.runes[i]) {
			pa.font[i] = int8(v)
		}
	}
}

const undecided = -2

// wholeWords sets every Arabic-script word in one font: a word with a letter
// the language's font lacks (Sindhi ڪ in an Urdu letter) is set entirely in
// the first fallback font that has all its letters, so it stays joined.
func (pa *para) wholeWords() {
	for i := 0; i < len(pa.runes); {
		if !fonts.IsArabicScript(pa.runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(pa.runes) && pa.span[j] == pa.span[i] && (fonts.IsArabicScript(pa.runes[j]) || isJoiner(pa.runes[j])) {
			j++
		}
		pa.unifyWord(i, j)
		i = j
	}
}

// unifyWord gives the word [i, j) one font if its letters have several.
func (pa *para) unifyWord(i, j int) {
	first := pa.font[i]
	mixed := false
	for k := i; k < j; k++ {
		mixed = mixed || (pa.font[k] >= 0 && pa.font[k] != first)
	}
	if !mixed {
		return
	}
	if id, ok := fonts.ForWord(pa.lang(i), pa.runes[i:j]); ok {
		for k := i; k < j; k++ {
			if pa.font[k] >= 0 {
				pa.font[k] = int8(id)
			}
		}
	}
}

func isJoiner(r rune) bool { return r == 0x200C || r == 0x200D }

// dropped reports whether r is removed before shaping: bidi controls and
// line separators (joiners stay: HarfBuzz needs them).
func dropped(r rune) bool {
	return fonts.BidiControl(r) || r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029
}

func (pa *para) sameContext(i, j int) bool {
	return pa.span[j] == pa.span[i] && pa.levels[j] == pa.levels[i]
}

// assignCommon sets the runes [i, j) without a script of their own in one
// font, chosen by fonts.Common from the neighbours' fonts and the
// language's fallback order, else per character.
func (pa *para) assignCommon(i, j int) {
	var stretch []rune
	for k := i; k < j; k++ {
		if pa.font[k] == undecided {
			stretch = append(stretch, pa.runes[k])
		}
	}
	if id, ok := fonts.Common(pa.lang(i), pa.neighbourFonts(i, j), stretch); ok {
		for k := i; k < j; k++ {
			if pa.font[k] == undecided {
				pa.font[k] = int8(id)
			}
		}
		return
	}
	for k := i; k < j; k++ {
		if pa.font[k] == undecided {
			id, _ := fonts.For(pa.lang(k), pa.runes[k])
			pa.font[k] = int8(id)
		}
	}
}

// neighbourFonts returns the fonts of the nearest decided characters before
// and after [i, j) in the same span and level.
func (pa *para) neighbourFonts(i, j int) []fonts.ID {
	var out []fonts.ID
	for k := i - 1; k >= 0 && pa.sameContext(i, k); k-- {
		if pa.font[k] >= 0 {
			out = append(out, fonts.ID(pa.font[k]))
			break
		}
	}
	for k := j; k < len(pa.runes) && pa.sameContext(i, k); k++ {
		if pa.font[k] >= 0 {
			out = append(out, fonts.ID(pa.font[k]))
			break
		}
	}
	return out
}

func (pa *para) lang(i int) string { return spanLang(pa.Paragraph, pa.Spans[pa.span[i]]) }

// itemize groups characters into items of one font, level and span kind;
// characters without a glyph join the item they fall in.
func (pa *para) itemize() {
	var cur *item
	for i := range pa.runes {
		f := pa.font[i]
		if f < 0 {
			continue
		}
		id := fonts.ID(f)
		if cur == nil || cur.font != id || cur.level != pa.levels[i] || !pa.sameSpanGroup(cur.start, i) {
			if cur != nil {
				cur.end = i
			}
			pa.items = append(pa.items, item{start: i, font: id, level: pa.levels[i], lang: pa.lang(i)})
			cur = &pa.items[len(pa.items)-1]
		}
		cur.index = append(cur.index, i)
	}
	if cur != nil {
		cur.end = len(pa.runes)
	}
}

// sameSpanGroup reports whether runes i and j may be shaped together:
// inline spans of the same language and style join; isolates never do.
func (pa *para) sameSpanGroup(i, j int) bool {
	a, b := pa.Spans[pa.span[i]], pa.Spans[pa.span[j]]
	if pa.span[i] == pa.span[j] {
		return true
	}
	return a.Isolation == Inline && b.Isolation == Inline && spanLang(pa.Paragraph, a) == spanLang(pa.Paragraph, b) &&
		a.Bold == b.Bold && a.Italic == b.Italic
}

func (e *Engine) shape(pa *para) {
	pa.adv = make([]float64, len(pa.runes))
	pa.clusterStart = make([]bool, len(pa.runes)+1)
	buf := make([]rune, 0, 64)
	for k := range pa.items {
		it := &pa.items[k]
		buf = buf[:0]
		for _, idx := range it.index {
			buf = append(buf, pa.runes[idx])
		}
		params := ParamsFor(it.lang, it.font.Arabic(), it.level&1 == 1)
		it.glyphs = e.cache.Shape(it.font, params, buf)
		scale := pa.sizeOf(it.font) / it.font.Upem()
		isStart := make([]bool, len(it.index)+1)
		isStart[len(it.index)] = true
		for _, g := range it.glyphs {
			pa.adv[it.index[g.Cluster]] += float64(g.XAdvance) * scale
			isStart[g.Cluster] = true
			pa.clusterStart[it.index[g.Cluster]] = true
		}
		it.clusterEnd = make([]int, len(it.index))
		next := len(it.index)
		for c := len(it.index) - 1; c >= 0; c-- {
			it.clusterEnd[c] = next
			if isStart[c] {
				next = c
			}
		}
	}
}

func emptyLine(p Paragraph) Line {
	asc, desc := lineMetrics(fonts.ScriptFont(p.Lang), p.Size)
	return Line{Ascent: asc, Descent: desc, Last: true}
}

// fontMetrics caches each font's ascent and descent in font units.
var fontMetrics = func() (m [7][2]float64) {
	for _, id := range fonts.All() {
		ext, ok := id.NewFace().FontHExtents()
		if ok {
			m[id] = [2]float64{float64(ext.Ascender), -float64(ext.Descender)}
		}
	}
	return m
}()

func lineMetrics(id fonts.ID, size float64) (ascent, descent float64) {
	m := fontMetrics[id]
	scale := size / id.Upem()
	return m[0] * scale, m[1] * scale
}

func isSpace(r rune) bool { return r == ' ' || r == '\u00A0' || r == '\u3000' }

func (pa *para) String() string { return fmt.Sprintf("para(%q)", string(pa.runes)) }

package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/render/layout"
)

// mode says how a run carries its text.
type mode uint8

const (
	// speaking: the glyphs map to their clusters' text (Latin text in
	// left-to-right lines), under an /ActualText span.
	speaking mode = iota
	// layered: the glyphs are silent and a text layer in logical order
	// carries the text (Arabic-script glyphs in left-to-right lines).
	layered
	// mirrored: layered, the layer drawn from the right end leftwards
	// (every run of a line that holds right-to-left text).
	mirrored
)

// runModes decides the mode of every run, page by page. A line is a
// stretch of consecutive runs of one paragraph on one baseline; if any
// of its runs is right-to-left, all of them are mirrored, so that the
// whole line's text, names and numbers included, comes in one logical
// sequence.
func runModes(doc *layout.Document) [][]mode {
	out := make([][]mode, len(doc.Pages))
	for p := range doc.Pages {
		runs, st := doc.Pages[p].Runs, doc.Pages[p].RunStructs()
		out[p] = make([]mode, len(runs))
		for i := 0; i < len(runs); {
			j, rtl := i, false
			for j < len(runs) && sameLine(&runs[i], &runs[j], st[i], st[j]) {
				rtl = rtl || runs[j].RTL
				j++
			}
			for k := i; k < j; k++ {
				switch {
				case rtl:
					out[p][k] = mirrored
				case runs[k].Font.Arabic():
					out[p][k] = layered
				}
			}
			i = j
		}
	}
	return out
}

// sameLine reports whether two runs are parts of one line: one baseline,
// one paragraph (a bullet or field label goes with its line).
func sameLine(a, b *layout.GlyphRun, sa, sb layout.Struct) bool {
	return a.Baseline == b.Baseline && sa.Block == sb.Block && sa.Para == sb.Para &&
		sa.Role == sb.Role && sa.Artifact == sb.Artifact
}

// Glyph uses, as bit flags per glyph id.
const (
	usedSpeaking = 1 << iota
	usedSilent
)

// fontUse is one font as used in the document: which glyphs, their CIDs,
// widths and text. The subset holds glyph 0 and the glyphs drawn as text
// in glyph id order; CID i is subset glyph i, mapped to the text of the
// first cluster it starts. Glyphs of silent runs are drawn as paths, one
// form XObject per glyph (see content.drawSilent).
type fontUse struct {
	id     fonts.ID
	data   *fontData
	name   string   // resource name, e.g. /F4
	use    []uint8  // glyph id -> usedSpeaking|usedSilent
	list   []uint16 // the glyph ids with a use, in first-use order until assign sorts them
	gids   []uint16 // glyph ids drawn as text except 0, ascending
	speak  []uint16 // glyph id -> CID
	widths []float64

	// Silent glyphs with an outline become form XObjects, one per
	// distinct outline: drawn lists the first glyph of each outline in
	// glyph id order, formOf gives every such glyph its outline's index in
	// drawn plus one (0: no form; at most 65,534 forms, glyph 0 has none),
	// forms the object number of each.
	drawn  []uint16
	formOf []uint16
	seen   map[uint64]int // outline hash -> index in drawn (addForm)
	forms  []int
	chars  []string // CID -> text ("" for none)
	obj    int      // object number of the Type0 font

	// The text layer: a second Type0 font on the same font file whose
	// CIDs stand for characters (CID i+1 for layerChars[i]) and all draw
	// the blank glyph.
	blank      uint16 // glyph id of the blank glyph (the space)
	layerName  string
	layerChars []rune
	layerCID   map[rune]uint16 // empty until the first silent run (from the scratch)
	layerObj   int
}

// collectFonts finds every font and glyph the document uses, in font id
// order, and checks that each glyph exists.
func collectFonts(doc *layout.Document, modes [][]mode, s *scratch) ([]*fontUse, error) {
	byID := map[fonts.ID]*fontUse{}
	for p := range doc.Pages {
		for ri := range doc.Pages[p].Runs {
			r := &doc.Pages[p].Runs[ri]
			if len(r.Glyphs) == 0 {
				continue
			}
			f := byID[r.Font]
			if f == nil {
				data, err := loadFont(r.Font)
				if err != nil {
					return nil, fmt.Errorf("pdf: page %d run %d: %w", p+1, ri, err)
				}
				t := s.tablesFor(int(data.numGlyphs))
				f = &fontUse{id: r.Font, data: data, use: t.use, speak: t.speak, formOf: t.formOf, list: t.list,
					layerCID: t.layer, seen: t.seen}
				byID[r.Font] = f
			}
			if err := f.note(r, modes[p][ri]); err != nil {
				return nil, fmt.Errorf("pdf: page %d run %d: %w", p+1, ri, err)
			}
		}
	}
	used := make([]*fontUse, 0, len(byID))
	for _, f := range byID {
		used = append(used, f)
	}
	slices.SortFunc(used, func(a, b *fontUse) int { return int(a.id) - int(b.id) })
	for _, f := range used {
		if err := f.assign(); err != nil {
			return nil, err
		}
		f.speakText(doc, modes)
	}
	return used, nil
}

// note records the glyphs of run r and, for a silent run, its text for
// the layer.
func (f *fontUse) note(r *layout.GlyphRun, m mode) error {
	flag := uint8(usedSpeaking)
	if m != speaking {
		flag = usedSilent
		if f.blank == 0 {
			if f.blank = f.data.sfnt.GlyphIndex(' '); f.blank == 0 {
				return fmt.Errorf("font %s has no space glyph for its text layer", f.id)
			}
			f.layerName = "/T" + strconv.Itoa(int(f.id))
			f.layerChars = make([]rune, 0, 128)
			f.mark(f.blank, usedSpeaking)
		}
	}
	for _, g := range r.Glyphs {
		if g.ID >= f.data.numGlyphs {
			return fmt.Errorf("glyph %d not in font %s", g.ID, r.Font)
		}
		if g.ID != 0 {
			f.mark(g.ID, flag)
		}
		if m == speaking {
			continue
		}
		for _, ch := range g.Chars {
			f.layerChar(ch)
		}
	}
	if m == mirrored && r.RTL && runNeedsRLM(r) {
		f.layerChar(rlm) // see textLayer
	}
	return nil
}

// layerChar adds a character to the layer font.
func (f *fontUse) layerChar(ch rune) {
	if _, ok := f.layerCID[ch]; !ok {
		f.layerCID[ch] = 0
		f.layerChars = append(f.layerChars, ch)
	}
}

// mark records a use of glyph g.
func (f *fontUse) mark(g uint16, flag uint8) {
	if f.use[g] == 0 {
		f.list = append(f.list, g)
	}
	f.use[g] |= flag
}

// assign numbers the glyphs drawn as text and gives each its width; it
// lists the silent glyphs that have an outline. It visits only the
// glyphs used (a few hundred), not the font's thousands.
func (f *fontUse) assign() error {
	f.name = "/F" + strconv.Itoa(int(f.id))
	slices.Sort(f.list)
	speaking := 0
	for _, g := range f.list {
		if f.use[g]&usedSpeaking != 0 {
			speaking++
		}
	}
	f.gids = make([]uint16, 0, speaking)
	for _, g := range f.list {
		u := f.use[g]
		if u&usedSpeaking != 0 {
			f.gids = append(f.gids, g)
			f.speak[g] = uint16(len(f.gids))
		}
		if u&usedSilent != 0 {
			f.addForm(g)
		}
	}
	n := len(f.gids)
	if n >= 0xFFFF {
		return fmt.Errorf("pdf: font %s: too many glyphs", f.id)
	}
	f.widths = make([]float64, n+1)
	f.widths[0] = f.data.width(0)
	for _, g := range f.gids {
		f.widths[f.speak[g]] = f.data.width(g)
	}
	f.chars = make([]string, n+1)
	slices.Sort(f.layerChars)
	for i, ch := range f.layerChars {
		f.layerCID[ch] = uint16(i + 1)
	}
	return nil
}

// addForm gives a silent glyph with an outline its form: a new one, or
// the form of an earlier glyph with the same outline (Nastaliq has glyphs
// that differ only in their anchors). f.seen maps an outline's hash to
// its index in drawn; two outlines with one hash (never seen) would just
// not share a form.
func (f *fontUse) addForm(gid uint16) {
	form := glyphOutline(f.id, gid)
	if form.empty() {
		return // nothing to draw (a space)
	}
	i, ok := f.seen[form.sum]
	if ok && bytes.Equal(glyphOutline(f.id, f.drawn[i]).z, form.z) {
		f.formOf[gid] = uint16(i + 1)
		return
	}
	i = len(f.drawn)
	if !ok {
		f.seen[form.sum] = i
	}
	f.drawn = append(f.drawn, gid)
	f.formOf[gid] = uint16(i + 1)
}

// appendFormName writes the resource name of a glyph's form,
// /G<font>.<glyph id>: it depends on the glyph alone, so the content of a
// paragraph is the same bytes whatever else the document holds (glyphs of
// one outline share the form object, not the name).
func (f *fontUse) appendFormName(b []byte, gid uint16) []byte {
	b = append(b, "/G"...)
	b = strconv.AppendInt(b, int64(f.id), 10)
	b = append(b, '.')
	return strconv.AppendInt(b, int64(gid), 10)
}

// speakText records, per speaking CID, the characters of the first
// cluster the glyph starts; the blank glyph of a layer, if it speaks for
// nothing else, is a space.
func (f *fontUse) speakText(doc *layout.Document, modes [][]mode) {
	for p := range doc.Pages {
		for ri, r := range doc.Pages[p].Runs {
			if r.Font != f.id || modes[p][ri] != speaking {
				continue
			}
			for _, g := range r.Glyphs {
				cid := f.speak[g.ID]
				if f.chars[cid] == "" && g.Chars != "" && g.ID != 0 {
					f.chars[cid] = g.Chars
				}
			}
		}
	}
	if f.blank != 0 {
		if f.chars[f.speak[f.blank]] == "" {
			f.chars[f.speak[f.blank]] = " "
		}
	}
}

package pdf

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"sort"

	tfont "github.com/tdewolff/font"

	"github.com/ualetters/ualetters/fonts"
)

// fontData is what the writer needs from one bundled font: its parsed
// SFNT (read-only after parsing) and the metrics of its descriptor.
type fontData struct {
	sfnt      *tfont.SFNT
	upem      float64
	numGlyphs uint16
	tables    []string // the tables a PDF-embedded subset keeps
	// descriptor metrics in 1000-unit glyph space
	bbox                       [4]float64
	ascent, descent, capHeight float64
	italicAngle, stemV         float64
	flags                      int
}

// loadFont returns a bundled font parsed for embedding, from the font
// registry (parsed once per process).
func loadFont(id fonts.ID) (*fontData, error) {
	return fonts.Value(fonts.PDFFont, id, func(id fonts.ID) (*fontData, int, error) {
		f, err := parseFont(id)
		if err != nil {
			return nil, 0, err
		}
		return f, fontDataBytes(f), nil
	})
}

// fontDataBytes is the heap a parsed font takes beyond its file (which the
// registry holds already): tdewolff/font keeps the tables it decodes
// (glyph offsets, metrics, the character map) per glyph, about 31 bytes
// a glyph measured (TestFontDataBytes), plus the descriptor.
func fontDataBytes(f *fontData) int { return 512 + fontBytesPerGlyph*int(f.numGlyphs) }

const fontBytesPerGlyph = 32

func parseFont(id fonts.ID) (*fontData, error) {
	s, err := tfont.ParseSFNT(id.Bytes(), 0)
	if err != nil {
		return nil, fmt.Errorf("pdf: parse font %s: %w", id, err)
	}
	if !s.IsTrueType || s.Head == nil || s.Hhea == nil || s.Hmtx == nil || s.Maxp == nil {
		return nil, fmt.Errorf("pdf: font %s is not a complete TrueType font", id)
	}
	f := &fontData{sfnt: s, upem: float64(s.Head.UnitsPerEm), numGlyphs: s.Maxp.NumGlyphs}
	if f.upem == 0 {
		return nil, fmt.Errorf("pdf: font %s has no units per em", id)
	}
	for _, tag := range []string{"cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"} {
		if _, ok := s.Tables[tag]; ok {
			f.tables = append(f.tables, tag)
		}
	}
	k := 1000 / f.upem
	f.bbox = [4]float64{float64(s.Head.XMin) * k, float64(s.Head.YMin) * k, float64(s.Head.XMax) * k, float64(s.Head.YMax) * k}
	f.ascent = float64(s.Hhea.Ascender) * k
	f.descent = float64(s.Hhea.Descender) * k
	f.capHeight = f.ascent
	weight := 400.0
	if s.OS2 != nil {
		if s.OS2.SCapHeight > 0 {
			f.capHeight = float64(s.OS2.SCapHeight) * k
		}
		if s.OS2.UsWeightClass > 0 {
			weight = float64(s.OS2.UsWeightClass)
		}
	}
	// A common estimate of the dominant vertical stem width from the weight.
	f.stemV = math.Round(10 + 220*(weight-50)/900)
	f.flags = 4 // symbolic: glyphs are addressed by CID, not a standard encoding
	if s.Post != nil {
		f.italicAngle = s.Post.ItalicAngle
		if s.Post.IsFixedPitch != 0 {
			f.flags |= 1
		}
	}
	if id.Italic() || f.italicAngle != 0 {
		f.flags |= 64
	}
	return f, nil
}

// width is a glyph's advance in 1000-unit glyph space, rounded to the
// hundredths the /W array is written with.
func (f *fontData) width(gid uint16) float64 {
	return math.Round(float64(f.sfnt.Hmtx.Advance(gid))*1000/f.upem*100) / 100
}

// subset returns a TrueType font holding glyph 0 and the given glyphs (in
// that order, so the glyph at index i of gids becomes glyph i+1), plus the
// components composite glyphs need, appended after them.
func (f *fontData) subset(gids []uint16) ([]byte, error) {
	order := make([]uint16, 0, len(gids)+1)
	order = append(order, 0)
	order = append(order, gids...)
	// Subset rewrites the maxp, head and hhea structs it finds through
	// pointers: give it private copies so the cached font stays untouched
	// and concurrent renders do not race.
	s := *f.sfnt
	maxp, head, hhea := *s.Maxp, *s.Head, *s.Hhea
	s.Maxp, s.Head, s.Hhea = &maxp, &head, &hhea
	sub, err := s.Subset(order, tfont.SubsetOptions{Tables: f.tables})
	if err != nil {
		return nil, fmt.Errorf("pdf: subset: %w", err)
	}
	return writeSFNT(sub.Tables), nil
}

// writeSFNT serialises TrueType tables with a table directory and
// checksums. (tdewolff/font's own writer stamps the current time into
// head.modified, which would make the PDF bytes differ on every run.)
func writeSFNT(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12
	for tag, t := range tables {
		tags = append(tags, tag)
		size += 16 + (len(t)+3)&^3
	}
	sort.Strings(tags)
	n := len(tags)
	sel := 0
	for 1<<(sel+1) <= n {
		sel++
	}
	buf := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(buf, 0x00010000)
	binary.BigEndian.PutUint16(buf[4:], uint16(n))
	binary.BigEndian.PutUint16(buf[6:], uint16(16<<sel))
	binary.BigEndian.PutUint16(buf[8:], uint16(sel))
	binary.BigEndian.PutUint16(buf[10:], uint16(16*n-16<<sel))
	headAt := -1
	for i, tag := range tags {
		t := tables[tag]
		off := len(buf)
		buf = append(buf, t...)
		for len(buf)%4 != 0 {
			buf = append(buf, 0)
		}
		if tag == "head" && len(t) >= 12 {
			headAt = off
			binary.BigEndian.PutUint32(buf[off+8:], 0) // checksumAdjustment
		}
		rec := buf[12+16*i:]
		copy(rec, tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(buf[off:]))
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t)))
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(buf[headAt+8:], 0xB1B0AFBA-checksum(buf))
	}
	return buf
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i+4 <= len(b); i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	return sum
}

// subsetTag derives the six capital letters that prefix a subset font's
// name from the font and its glyph set, so equal subsets get equal names.
func subsetTag(id fonts.ID, gids []uint16) string {
	h := fnv.New64a()
	h.Write([]byte(id.PostScriptName()))
	var b [2]byte
	for _, g := range gids {
		binary.BigEndian.PutUint16(b[:], g)
		h.Write(b[:])
	}
	v := h.Sum64()
	var tag [6]byte
	for i := range tag {
		tag[i] = byte('A' + v%26)
		v /= 26
	}
	return string(tag[:])
}

package docx

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/ualetters/ualetters/fonts"
)

// tatweel is U+0640 ARABIC TATWEEL, the kashida.
const tatweel = 0x0640

// LibreOffice (7.4) justifies a w:jc="both" paragraph of Arabic script by
// inserting kashidas when the font's tatweel has a width: its line adjuster
// asks the output device for the minimal kashida width (the advance of the
// font's U+0640 glyph) and falls back to widening the spaces when that is
// zero (sw/source/core/text/itradj.cxx, lcl_CheckKashidaPositions). Noto
// Nastaliq Urdu's nominal tatweel is 65 units wide, yet the font's own
// shaping swallows tatweels (they become a zero-width glyph in context),
// so the kashidas LibreOffice inserts break the joins of Nastaliq words
// ("کو" reads as "کیو"). Word justifies w:jc="both" by widening spaces
// only. Embedding Nastaliq with a zero advance on that glyph keeps both
// word processors to inter-word justification, as in our PDF, and changes
// nothing that is drawn.
func needsNoKashida(id fonts.ID) bool {
	return id == fonts.NastaliqRegular || id == fonts.NastaliqBold
}

// errFontTable reports a font whose tables cannot be patched.
var errFontTable = errors.New("font table not found or too short")

// zeroAdvance returns a copy of a TrueType font in which glyph gid has a
// zero advance width in hmtx, with the hmtx table checksum and the head
// checkSumAdjustment brought up to date.
func zeroAdvance(font []byte, gid uint16) ([]byte, error) {
	out := bytes.Clone(font)
	hhea, _, err := table(out, "hhea")
	if err != nil || len(hhea) < 36 {
		return nil, fmt.Errorf("hhea: %w", errFontTable)
	}
	hmtx, hmtxEntry, err := table(out, "hmtx")
	if err != nil {
		return nil, fmt.Errorf("hmtx: %w", err)
	}
	metrics := binary.BigEndian.Uint16(hhea[34:])
	if gid >= metrics || int(gid)*4+2 > len(hmtx) {
		// Glyphs past numberOfHMetrics share the last advance; not the
		// case in the bundled fonts.
		return nil, fmt.Errorf("glyph %d has no advance of its own: %w", gid, errFontTable)
	}
	binary.BigEndian.PutUint16(hmtx[int(gid)*4:], 0)
	binary.BigEndian.PutUint32(out[hmtxEntry+4:], checksum(hmtx))
	head, _, err := table(out, "head")
	if err != nil || len(head) < 12 {
		return nil, fmt.Errorf("head: %w", errFontTable)
	}
	binary.BigEndian.PutUint32(head[8:], 0)
	binary.BigEndian.PutUint32(head[8:], 0xB1B0AFBA-checksum(out))
	return out, nil
}

// table returns the data of a table of an sfnt font (a slice of font) and
// the offset of its table directory entry.
func table(font []byte, tag string) ([]byte, int, error) {
	if len(font) < 12 {
		return nil, 0, errFontTable
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := 0; i < n; i++ {
		e := 12 + 16*i
		if e+16 > len(font) {
			break
		}
		if string(font[e:e+4]) != tag {
			continue
		}
		off := int(binary.BigEndian.Uint32(font[e+8:]))
		length := int(binary.BigEndian.Uint32(font[e+12:]))
		if off < 0 || length < 0 || off+length > len(font) {
			return nil, 0, errFontTable
		}
		return font[off : off+length], e, nil
	}
	return nil, 0, errFontTable
}

// checksum is the sfnt checksum: the sum of big-endian uint32 words, the
// last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	var last [4]byte
	copy(last[:], b)
	return sum + binary.BigEndian.Uint32(last[:])
}

// embeddingBytes returns the font file as it is embedded: the bundled
// file, with Nastaliq's tatweel made zero-width.
func embeddingBytes(id fonts.ID) ([]byte, error) {
	src := id.Bytes()
	if !needsNoKashida(id) {
		return src, nil
	}
	gid, ok := id.Font().NominalGlyph(tatweel)
	if !ok {
		return src, nil
	}
	out, err := zeroAdvance(src, uint16(gid))
	if err != nil {
		return nil, fmt.Errorf("docx: %s: %w", id, err)
	}
	return out, nil
}

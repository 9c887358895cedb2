package pdf

import (
	"encoding/binary"
	"strconv"
)

// font writes a font's five objects: the Type0 font, its CIDFontType2
// descendant, the font descriptor, the subset font file and the ToUnicode
// CMap.
func (d *docWriter) font(f *fontUse) error {
	file, err := d.cache.subset(f)
	if err != nil {
		return err
	}
	n := f.obj
	base := "/" + subsetTag(f.id, f.gids) + "+" + f.id.PostScriptName()

	d.type0(n, base, n+4)
	d.cidFontHead(n+1, base, n+2)
	d.buf = append(d.buf, "/CIDToGIDMap/Identity"...)
	d.buf = append(d.buf, "/W"...)
	d.buf = f.appendWidths(d.buf)
	d.buf = append(d.buf, ">>"...)
	d.end()

	m := f.data
	d.begin(n + 2)
	d.buf = append(d.buf, "<</Type/FontDescriptor/FontName"...)
	d.buf = append(d.buf, base...)
	d.buf = append(d.buf, "/Flags "...)
	d.buf = strconv.AppendInt(d.buf, int64(m.flags), 10)
	d.buf = append(d.buf, "/FontBBox["...)
	for i, v := range m.bbox {
		if i > 0 {
			d.buf = append(d.buf, ' ')
		}
		d.buf = appendNum(d.buf, v, 0)
	}
	d.buf = append(d.buf, "]/ItalicAngle "...)
	d.buf = appendNum(d.buf, m.italicAngle, 2)
	d.buf = append(d.buf, "/Ascent "...)
	d.buf = appendNum(d.buf, m.ascent, 0)
	d.buf = append(d.buf, "/Descent "...)
	d.buf = appendNum(d.buf, m.descent, 0)
	d.buf = append(d.buf, "/CapHeight "...)
	d.buf = appendNum(d.buf, m.capHeight, 0)
	d.buf = append(d.buf, "/StemV "...)
	d.buf = appendNum(d.buf, m.stemV, 0)
	d.buf = append(d.buf, "/FontFile2 "...)
	d.ref(n + 3)
	d.buf = append(d.buf, ">>"...)
	d.end()

	d.rawStream(n+3, "/Length1 "+strconv.Itoa(file.length)+"/Filter/FlateDecode", file.zdata)
	d.stream(n+4, "", f.toUnicode(), false)
	if f.layerObj != 0 {
		d.layerFont(f, base)
	}
	return nil
}

// layerFont writes the text-layer font of an Arabic-script font: CIDs
// that map to characters in its ToUnicode CMap and all draw the subset's
// blank glyph (the space), with its width. It is drawn in the normal
// rendering mode: some readers (MuPDF) drop invisible (mode 3) text.
func (d *docWriter) layerFont(f *fontUse, base string) {
	n := f.layerObj
	d.type0(n, base, n+3)
	d.cidFontHead(n+1, base, f.obj+2)
	blank := f.speak[f.blank]
	d.buf = append(d.buf, "/DW "...)
	d.buf = appendNum(d.buf, f.widths[blank], 2)
	d.buf = append(d.buf, "/CIDToGIDMap "...)
	d.ref(n + 2)
	d.buf = append(d.buf, ">>"...)
	d.end()

	m := make([]byte, 2*(len(f.layerChars)+1))
	for i := 2; i < len(m); i += 2 {
		binary.BigEndian.PutUint16(m[i:], blank)
	}
	d.stream(n+2, "", m, false)

	d.stream(n+3, "", layerToUnicode(f.layerChars), false)
}

// appendWidths writes the /W array: the CIDs are consecutive from 1.
func (f *fontUse) appendWidths(b []byte) []byte {
	b = append(b, "[1["...)
	for i, w := range f.widths[1:] {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, w, 2)
	}
	return append(b, "]]"...)
}

const cmapHead = `/CIDInit/ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def
/CMapName/Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><FFFF>
endcodespacerange
`

const cmapTail = `endcmap
CMapName currentdict/CMap defineresource pop
end
end
`

// toUnicode builds the ToUnicode CMap: each CID maps to the characters of
// the first cluster it starts (all of a ligature's characters); glyphs
// that never start a cluster (marks, parts of a multi-glyph cluster) get
// no entry, since the text of their cluster is on its first glyph.
func (f *fontUse) toUnicode() []byte { return toUnicode(f.chars) }

// toUnicode writes a ToUnicode CMap with one bfchar entry per CID that
// has text (chars[cid] != "").
func toUnicode(chars []string) []byte {
	n := 0
	for _, t := range chars {
		if t != "" {
			n++
		}
	}
	b := make([]byte, 0, len(cmapHead)+len(cmapTail)+24*n+64)
	b = append(b, cmapHead...)
	cid := 0
	for n > 0 {
		block := min(n, 100) // a bfchar block holds at most 100 entries
		b = strconv.AppendInt(b, int64(block), 10)
		b = append(b, " beginbfchar\n"...)
		for k := 0; k < block; cid++ {
			if chars[cid] == "" {
				continue
			}
			b = append(b, '<')
			b = appendHex16(b, uint16(cid))
			b = append(b, "><"...)
			b = appendUTF16Hex(b, chars[cid])
			b = append(b, ">\n"...)
			k++
		}
		b = append(b, "endbfchar\n"...)
		n -= block
	}
	return append(b, cmapTail...)
}

// layerToUnicode writes the ToUnicode CMap of a text-layer font: CID i+1
// stands for chars[i], which are in ascending order (the same CMap that
// toUnicode writes for that map, without building it).
func layerToUnicode(chars []rune) []byte {
	b := make([]byte, 0, len(cmapHead)+len(cmapTail)+24*len(chars)+64)
	b = append(b, cmapHead...)
	for start := 0; start < len(chars); start += 100 {
		block := chars[start:min(len(chars), start+100)] // a bfchar block holds at most 100 entries
		b = strconv.AppendInt(b, int64(len(block)), 10)
		b = append(b, " beginbfchar\n"...)
		for i, ch := range block {
			b = append(b, '<')
			b = appendHex16(b, uint16(start+i+1))
			b = append(b, "><"...)
			b = appendUTF16HexRune(b, ch)
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, cmapTail...)
}

// type0 writes object n: a Type0 font over the CIDFont in object n+1.
func (d *docWriter) type0(n int, base string, toUnicode int) {
	d.begin(n)
	d.buf = append(d.buf, "<</Type/Font/Subtype/Type0/BaseFont"...)
	d.buf = append(d.buf, base...)
	d.buf = append(d.buf, "/Encoding/Identity-H/DescendantFonts["...)
	d.ref(n + 1)
	d.buf = append(d.buf, "]/ToUnicode "...)
	d.ref(toUnicode)
	d.buf = append(d.buf, ">>"...)
	d.end()
}

// cidFontHead opens object n, a CIDFontType2 font with the given
// descriptor; the caller adds its glyph mapping and widths and closes it.
func (d *docWriter) cidFontHead(n int, base string, descriptor int) {
	d.begin(n)
	d.buf = append(d.buf, "<</Type/Font/Subtype/CIDFontType2/BaseFont"...)
	d.buf = append(d.buf, base...)
	d.buf = append(d.buf, "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor "...)
	d.ref(descriptor)
}

package docx

import (
	"math"

	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/text"
)

// paraStyle is a named paragraph style for one block role.
type paraStyle struct {
	id, name string
	joined   bool // the block's lines form one paragraph, joined by line breaks
	justify  bool // w:jc both (start alignment otherwise: no w:jc)
	center   bool
	bold     bool
	keepNext bool
	numbered bool // bullet list item
	before   int  // spacing before, twips
	after    int  // spacing after, twips
	size     int  // font size in half-points; 0 means the default
	tabStop  int  // a start-aligned tab stop, twips; 0 means none
	ltr      bool // left to right even in a right-to-left letter
}

// Page geometry shared with the PDF path: 25 mm margins.
const (
	marginTwips = 1417 // 25 mm
	hdrFtrTwips = 709  // 12.5 mm from the edge
	bodyHalfPt  = 22   // 11 pt Latin text
)

// roleStyles maps each block role to its style. Letters are in block
// format: every block starts at the start margin, so no alignment depends
// on how an editor reads w:jc left/right in bidi paragraphs.
var roleStyles = map[letter.Role]*paraStyle{
	letter.RoleSender:       {id: "Sender", name: "Sender", joined: true, after: 240},
	letter.RoleDate:         {id: "Date", name: "Date", after: 240},
	letter.RoleRecipient:    {id: "Recipient", name: "Recipient", joined: true, after: 360},
	letter.RoleSubject:      {id: "Subject", name: "Subject", bold: true, keepNext: true, after: 240},
	letter.RoleSalutation:   {id: "Salutation", name: "Salutation", keepNext: true, after: 160},
	letter.RoleBody:         {id: "Body", name: "Body", justify: true, after: 160},
	letter.RoleBullets:      {id: "Bullet", name: "Bullet", justify: true, numbered: true, after: 80},
	letter.RoleClosing:      {id: "Closing", name: "Closing", keepNext: true, before: 160, after: 720},
	letter.RoleSignature:    {id: "Signature", name: "Signature", joined: true, after: 240},
	letter.RoleCopies:       {id: "Copies", name: "Copies", joined: true, before: 240, size: 18},
	letter.RoleCoverTitle:   {id: "CoverTitle", name: "Cover Title", bold: true, size: 56, after: 480},
	letter.RoleCoverField:   {id: "CoverField", name: "Cover Field", after: 120, tabStop: 2268},
	letter.RoleCoverMessage: {id: "CoverMessage", name: "Cover Message", justify: true, before: 360, after: 160},
}

// styleOrder fixes the order of styles in styles.xml.
var styleOrder = []letter.Role{
	letter.RoleSender, letter.RoleDate, letter.RoleRecipient, letter.RoleSubject,
	letter.RoleSalutation, letter.RoleBody, letter.RoleBullets, letter.RoleClosing,
	letter.RoleSignature, letter.RoleCopies, letter.RoleCoverTitle,
	letter.RoleCoverField, letter.RoleCoverMessage,
}

var (
	headerStyle = &paraStyle{id: "Header", name: "header", size: 18}
	footerStyle = &paraStyle{id: "Footer", name: "footer", size: 18, center: true, ltr: true}
)

// csHalfPt is the complex-script size (half-points) that matches Latin
// text of the given size: the size at which the Arabic font's letter
// bodies are as tall as the Latin x-height, measured from the fonts
// (text.MatchedSize, the same sizes as the PDF: Nastaliq 15 pt and Naskh
// 12.5 pt beside 11 pt Latin).
func csHalfPt(lang string, latin int) int {
	return int(math.Round(text.MatchedSize(lang, float64(latin)/2) * 2))
}

// writeStyles writes word/styles.xml for the document's language.
func (r *renderer) writeStyles(w *xw) {
	w.open("w:styles", "xmlns:w", nsW)
	w.open("w:docDefaults")
	w.open("w:rPrDefault")
	w.open("w:rPr")
	script := r.scriptFont.Family()
	w.empty("w:rFonts", "w:ascii", sansFamily, "w:hAnsi", sansFamily, "w:eastAsia", sansFamily, "w:cs", script)
	w.val("w:sz", itoa(bodyHalfPt))
	w.val("w:szCs", itoa(csHalfPt(r.doc.Lang, bodyHalfPt)))
	r.writeDefaultLang(w)
	w.close("w:rPr")
	w.close("w:rPrDefault")
	w.open("w:pPrDefault")
	w.open("w:pPr")
	w.empty("w:spacing", "w:after", "0", "w:line", "240", "w:lineRule", "auto")
	w.close("w:pPr")
	w.close("w:pPrDefault")
	w.close("w:docDefaults")

	w.open("w:style", "w:type", "paragraph", "w:default", "1", "w:styleId", "Normal")
	w.val("w:name", "Normal")
	w.empty("w:qFormat")
	w.open("w:pPr")
	w.empty("w:widowControl")
	if r.rtl {
		w.empty("w:bidi")
	}
	w.close("w:pPr")
	w.close("w:style")
	w.open("w:style", "w:type", "character", "w:default", "1", "w:styleId", "DefaultParagraphFont")
	w.val("w:name", "Default Paragraph Font")
	w.empty("w:uiPriority", "w:val", "1")
	w.empty("w:semiHidden")
	w.close("w:style")

	for _, role := range styleOrder {
		r.writeParaStyle(w, roleStyles[role])
	}
	r.writeParaStyle(w, headerStyle)
	r.writeParaStyle(w, footerStyle)
	w.close("w:styles")
}

func (r *renderer) writeDefaultLang(w *xw) {
	if r.rtl {
		w.empty("w:lang", "w:val", "en-GB", "w:bidi", r.doc.Tag)
		return
	}
	w.empty("w:lang", "w:val", r.doc.Tag, "w:bidi", "ur-PK")
}

func (r *renderer) writeParaStyle(w *xw, s *paraStyle) {
	w.open("w:style", "w:type", "paragraph", "w:customStyle", "1", "w:styleId", s.id)
	w.val("w:name", s.name)
	w.val("w:basedOn", "Normal")
	w.val("w:next", s.id)
	w.empty("w:qFormat")
	w.open("w:pPr")
	r.writeParaProps(w, s)
	w.close("w:pPr")
	if s.bold || s.size != 0 {
		w.open("w:rPr")
		if s.bold {
			w.empty("w:b")
			w.empty("w:bCs")
		}
		if s.size != 0 {
			w.val("w:sz", itoa(s.size))
			w.val("w:szCs", itoa(csHalfPt(r.doc.Lang, s.size)))
		}
		w.close("w:rPr")
	}
	w.close("w:style")
}

// writeParaProps writes a style's paragraph properties in schema order.
func (r *renderer) writeParaProps(w *xw, s *paraStyle) {
	if s.keepNext {
		w.empty("w:keepNext")
	}
	if s.numbered {
		w.open("w:numPr")
		w.val("w:ilvl", "0")
		w.val("w:numId", bulletNumID)
		w.close("w:numPr")
	}
	if s.tabStop != 0 {
		w.open("w:tabs")
		w.empty("w:tab", "w:val", "left", "w:pos", itoa(s.tabStop))
		w.close("w:tabs")
	}
	r.writeBidi(w, s)
	if s.before != 0 || s.after != 0 {
		w.empty("w:spacing", "w:before", itoa(s.before), "w:after", itoa(s.after))
	}
	if s.numbered {
		w.empty("w:ind", "w:left", "720", "w:hanging", "360")
	}
	switch {
	case s.justify:
		w.val("w:jc", "both")
	case s.center:
		w.val("w:jc", "center")
	}
}

const bulletNumID = "1"

// writeNumbering writes word/numbering.xml: one bullet list. In a
// right-to-left document the list level is bidi too, so the bullet sits at
// the right edge and the indent mirrors.
func (r *renderer) writeNumbering(w *xw) {
	w.open("w:numbering", "xmlns:w", nsW)
	w.open("w:abstractNum", "w:abstractNumId", "0")
	w.val("w:multiLevelType", "singleLevel")
	w.open("w:lvl", "w:ilvl", "0")
	w.val("w:start", "1")
	w.val("w:numFmt", "bullet")
	w.val("w:pStyle", "Bullet")
	w.val("w:lvlText", "\u2022")
	w.val("w:lvlJc", "left")
	w.open("w:pPr")
	if r.rtl {
		w.empty("w:bidi")
	}
	w.empty("w:ind", "w:left", "720", "w:hanging", "360")
	w.close("w:pPr")
	w.open("w:rPr")
	w.empty("w:rFonts", "w:ascii", sansFamily, "w:hAnsi", sansFamily, "w:cs", sansFamily, "w:hint", "default")
	w.close("w:rPr")
	w.close("w:lvl")
	w.close("w:abstractNum")
	w.open("w:num", "w:numId", bulletNumID)
	w.val("w:abstractNumId", "0")
	w.close("w:num")
	w.close("w:numbering")
}

// writeBidi writes a paragraph's direction in a right-to-left letter. An
// LTR paragraph there says so explicitly: LibreOffice otherwise takes the
// direction of the section.
func (r *renderer) writeBidi(w *xw, s *paraStyle) {
	switch {
	case !r.rtl:
	case s.ltr:
		w.val("w:bidi", "0")
	default:
		w.empty("w:bidi")
	}
}

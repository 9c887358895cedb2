package docx

import (
	"math"

	"github.com/ualetters/ualetters/model"
	"github.com/ualetters/ualetters/render/style"
)

// paraStyle is a named paragraph style for one block role. Sizes and
// spacing come from the style sheet (render/style), converted to
// WordprocessingML units: twips (1/20 pt) and half-points.
type paraStyle struct {
	id, name  string
	joined    bool // the block's lines form one paragraph, joined by line breaks
	numbered  bool // bullet list item
	ltr       bool // left to right even in a right-to-left letter
	jc        string
	bold      bool
	keepNext  bool
	keepLines bool
	before    int // spacing before the block, twips
	paraSpace int // spacing before each later paragraph of the block, twips
	size      int // font size of Latin text in half-points (w:sz)
	csSize    int // font size of the script font in half-points (w:szCs)
	indent    int // start-side indent, twips; the tab stop of cover fields
}

// roleNames holds what only DOCX knows of a role: the style's id and
// name, and how the block's lines become paragraphs.
var roleNames = map[model.Role]paraStyle{
	model.RoleSender:       {id: "Sender", name: "Sender", joined: true},
	model.RoleDate:         {id: "Date", name: "Date"},
	model.RoleRecipient:    {id: "Recipient", name: "Recipient", joined: true},
	model.RoleSubject:      {id: "Subject", name: "Subject"},
	model.RoleSalutation:   {id: "Salutation", name: "Salutation"},
	model.RoleBody:         {id: "Body", name: "Body"},
	model.RoleBullets:      {id: "Bullet", name: "Bullet", numbered: true},
	model.RoleClosing:      {id: "Closing", name: "Closing"},
	model.RoleSignature:    {id: "Signature", name: "Signature", joined: true},
	model.RoleCopies:       {id: "Copies", name: "Copies", joined: true},
	model.RoleCoverTitle:   {id: "CoverTitle", name: "Cover Title"},
	model.RoleCoverField:   {id: "CoverField", name: "Cover Field"},
	model.RoleCoverMessage: {id: "CoverMessage", name: "Cover Message"},
}

// styleOrder fixes the order of styles in styles.xml.
var styleOrder = []model.Role{
	model.RoleSender, model.RoleDate, model.RoleRecipient, model.RoleSubject,
	model.RoleSalutation, model.RoleBody, model.RoleBullets, model.RoleClosing,
	model.RoleSignature, model.RoleCopies, model.RoleCoverTitle,
	model.RoleCoverField, model.RoleCoverMessage,
}

// twips converts points to twips.
func twips(pt float64) int { return int(math.Round(pt * 20)) }

// halfPoints converts a font size in points to half-points.
func halfPoints(pt float64) int { return int(math.Round(pt * 2)) }

// roleStyles builds the paragraph style of every role for a language.
func roleStyles(lang string) map[model.Role]*paraStyle {
	out := make(map[model.Role]*paraStyle, len(roleNames))
	for role, names := range roleNames {
		b, _ := style.For(role)
		ps := names
		ps.jc = jcFor(b.Align)
		ps.bold = b.Bold
		ps.keepNext = b.KeepNext
		ps.keepLines = b.Keep
		ps.before = twips(b.SpaceBefore)
		ps.paraSpace = twips(b.ParaSpace)
		ps.size = halfPoints(style.LatinSizeOf(b))
		ps.csSize = halfPoints(style.Size(lang, b))
		ps.indent = twips(b.Indent)
		out[role] = &ps
	}
	return out
}

// jcFor is the w:jc value of an alignment; start alignment is the
// default and written as none. Inside a bidi paragraph start and end
// follow the paragraph's direction, as in the PDF.
func jcFor(a style.Align) string {
	switch a {
	case style.End:
		return "end"
	case style.Justify:
		return "both"
	case style.Center:
		return "center"
	}
	return ""
}

// headerFooter returns the header and footer styles of a language.
func headerFooter(lang string) (header, footer *paraStyle) {
	size, cs := halfPoints(style.FooterSize), halfPoints(style.ScriptSize(lang, style.FooterSize))
	return &paraStyle{id: "Header", name: "header", size: size, csSize: cs},
		&paraStyle{id: "Footer", name: "footer", size: size, csSize: cs, jc: "center", ltr: true}
}

// Page margins in twips: the style sheet's margin on every side, and at
// the bottom the margin plus the gap the PDF keeps above its footer, so
// that both hold the same text per page. Header and footer sit 12.5 mm
// from the edge. Right-to-left letters have the same margins: the PDF's
// line breaker never sets a line that needs its spaces narrower than
// natural (render/text), so LibreOffice, which only widens spaces, fits
// every line the PDF sets.
var (
	marginTwips = twips(style.Margin)
	bottomTwips = twips(style.Margin + style.FooterGap)
	hdrFtrTwips = twips(style.Margin / 2)
)

// writeStyles writes word/styles.xml for the document's language.
func (r *renderer) writeStyles(w *xw) {
	w.open("w:styles", "xmlns:w", nsW)
	w.open("w:docDefaults")
	w.open("w:rPrDefault")
	w.open("w:rPr")
	script := r.scriptFont.Family()
	w.empty("w:rFonts", "w:ascii", sansFamily, "w:hAnsi", sansFamily, "w:eastAsia", sansFamily, "w:cs", script)
	prof := style.ProfileFor(r.doc.Lang)
	w.val("w:sz", itoa(halfPoints(prof.LatinSize)))
	w.val("w:szCs", itoa(halfPoints(prof.BodySize)))
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
		r.writeParaStyle(w, r.styles[role])
	}
	header, footer := headerFooter(r.doc.Lang)
	r.writeParaStyle(w, header)
	r.writeParaStyle(w, footer)
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
			w.val("w:szCs", itoa(s.csSize))
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
	if s.keepLines {
		w.empty("w:keepLines")
	}
	if s.numbered {
		w.open("w:numPr")
		w.val("w:ilvl", "0")
		w.val("w:numId", bulletNumID)
		w.close("w:numPr")
	}
	if s.indent != 0 && !s.numbered {
		w.open("w:tabs")
		w.empty("w:tab", "w:val", "left", "w:pos", itoa(s.indent))
		w.close("w:tabs")
	}
	r.writeBidi(w, s)
	if s.before != 0 {
		w.empty("w:spacing", "w:before", itoa(s.before), "w:after", "0")
	}
	if s.numbered {
		w.empty("w:ind", "w:left", itoa(s.indent), "w:hanging", itoa(s.indent-bulletOffset))
	}
	if s.jc != "" {
		w.val("w:jc", s.jc)
	}
}

// bulletOffset is where the bullet sits from the start margin, twips
// (4 pt, as in the PDF).
const bulletOffset = 80

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
	indent := r.styles[model.RoleBullets].indent
	w.empty("w:ind", "w:left", itoa(indent), "w:hanging", itoa(indent-bulletOffset))
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

// writeBidi writes a paragraph's direction in a right-to-left model. An
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

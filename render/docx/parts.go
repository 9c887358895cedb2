package docx

import (
	"github.com/ualetters/ualetters/fonts"
)

// Content and relationship types of the package's parts.
const (
	ctRels      = "application/vnd.openxmlformats-package.relationships+xml"
	ctXML       = "application/xml"
	ctFont      = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
	ctMain      = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	ctStyles    = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
	ctSettings  = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
	ctFontTable = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"
	ctNumbering = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
	ctHeader    = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
	ctFooter    = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
	ctCore      = "application/vnd.openxmlformats-package.core-properties+xml"
	ctApp       = "application/vnd.openxmlformats-officedocument.extended-properties+xml"

	relBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	nsRels  = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsCT    = "http://schemas.openxmlformats.org/package/2006/content-types"

	relHeader = "rIdHeader1"
	relFooter = "rIdFooter1"
)

// override is a content type for one part.
type override struct{ part, contentType string }

var overrides = []override{
	{"/word/document.xml", ctMain},
	{"/word/styles.xml", ctStyles},
	{"/word/settings.xml", ctSettings},
	{"/word/fontTable.xml", ctFontTable},
	{"/word/numbering.xml", ctNumbering},
	{"/word/header1.xml", ctHeader},
	{"/word/footer1.xml", ctFooter},
	{"/docProps/core.xml", ctCore},
	{"/docProps/app.xml", ctApp},
}

func writeContentTypes(w *xw) {
	w.open("Types", "xmlns", nsCT)
	w.empty("Default", "Extension", "rels", "ContentType", ctRels)
	w.empty("Default", "Extension", "xml", "ContentType", ctXML)
	w.empty("Default", "Extension", "odttf", "ContentType", ctFont)
	for _, o := range overrides {
		w.empty("Override", "PartName", o.part, "ContentType", o.contentType)
	}
	w.close("Types")
}

// relationship is one entry of a .rels part.
type relationship struct{ id, typ, target string }

func writeRels(w *xw, rels []relationship) {
	w.open("Relationships", "xmlns", nsRels)
	for _, r := range rels {
		w.empty("Relationship", "Id", r.id, "Type", r.typ, "Target", r.target)
	}
	w.close("Relationships")
}

func writePackageRels(w *xw) {
	writeRels(w, []relationship{
		{"rId1", relBase + "officeDocument", "word/document.xml"},
		{"rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"},
		{"rId3", relBase + "extended-properties", "docProps/app.xml"},
	})
}

func writeDocumentRels(w *xw) {
	writeRels(w, []relationship{
		{"rIdStyles", relBase + "styles", "styles.xml"},
		{"rIdSettings", relBase + "settings", "settings.xml"},
		{"rIdFontTable", relBase + "fontTable", "fontTable.xml"},
		{"rIdNumbering", relBase + "numbering", "numbering.xml"},
		{relHeader, relBase + "header", "header1.xml"},
		{relFooter, relBase + "footer", "footer1.xml"},
	})
}

// fontRelID is the relationship id of the n-th embedded font (from 0).
func fontRelID(n int) string { return "rIdFont" + itoa(n+1) }

func writeFontRels(w *xw, list []fontFile) {
	rels := make([]relationship, len(list))
	for i, f := range list {
		rels[i] = relationship{fontRelID(i), relBase + "font", f.name[len("word/"):]}
	}
	writeRels(w, rels)
}

// writeFontTable lists each used family with its embedded faces.
func writeFontTable(w *xw, list []fontFile) {
	w.open("w:fonts", "xmlns:w", nsW, "xmlns:r", nsR)
	for i := 0; i < len(list); {
		family := list[i].id.Family()
		w.open("w:font", "w:name", family)
		if list[i].id.Arabic() {
			w.val("w:charset", "B2") // Arabic
		} else {
			w.val("w:charset", "00")
		}
		w.val("w:family", "auto")
		w.val("w:pitch", "variable")
		for ; i < len(list) && list[i].id.Family() == family; i++ {
			w.empty(embedElement(list[i].id), "r:id", fontRelID(i), "w:fontKey", list[i].e.key)
		}
		w.close("w:font")
	}
	w.close("w:fonts")
}

// embedElement names the w:font child for a face.
func embedElement(id fonts.ID) string {
	switch {
	case id.Bold() && id.Italic():
		return "w:embedBoldItalic"
	case id.Bold():
		return "w:embedBold"
	case id.Italic():
		return "w:embedItalic"
	}
	return "w:embedRegular"
}

// writeSettings writes word/settings.xml: fonts are embedded, and the
// theme languages follow the letter.
func (r *renderer) writeSettings(w *xw) {
	w.open("w:settings", "xmlns:w", nsW)
	w.empty("w:zoom", "w:percent", "100")
	w.empty("w:embedTrueTypeFonts")
	w.val("w:defaultTabStop", "720")
	w.val("w:characterSpacingControl", "doNotCompress")
	w.open("w:compat")
	w.empty("w:compatSetting", "w:name", "compatibilityMode", "w:uri", "http://schemas.microsoft.com/office/word", "w:val", "15")
	w.close("w:compat")
	if r.rtl {
		w.empty("w:themeFontLang", "w:val", "en-GB", "w:bidi", r.doc.Tag)
	} else {
		w.empty("w:themeFontLang", "w:val", r.doc.Tag)
	}
	w.val("w:decimalSymbol", ".")
	w.val("w:listSeparator", ",")
	w.close("w:settings")
}

// writeCore writes docProps/core.xml. Dates come only from the letter's
// date, never from the clock.
func (r *renderer) writeCore(w *xw) error {
	d := r.doc
	w.open("cp:coreProperties",
		"xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
		"xmlns:dc", "http://purl.org/dc/elements/1.1/",
		"xmlns:dcterms", "http://purl.org/dc/terms/",
		"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
	w.elem("dc:title", d.Title)
	subject := d.Subject
	if subject == "" {
		subject = d.Reference
	}
	w.elem("dc:subject", subject)
	w.elem("dc:creator", "ualetters")
	if d.ActionID != "" {
		w.elem("cp:keywords", d.ActionID)
	}
	w.elem("dc:language", d.Tag)
	if d.Date != "" {
		stamp := d.Date + "T00:00:00Z"
		w.elem("dcterms:created", stamp, "xsi:type", "dcterms:W3CDTF")
		w.elem("dcterms:modified", stamp, "xsi:type", "dcterms:W3CDTF")
	}
	w.close("cp:coreProperties")
	return nil
}

func writeApp(w *xw) {
	w.open("Properties",
		"xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
		"xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes")
	w.elem("Application", "ualetters")
	w.elem("DocSecurity", "0")
	w.close("Properties")
}

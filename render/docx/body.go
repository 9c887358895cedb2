package docx

import (
	"fmt"
	"strings"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/model"
	"github.com/ualetters/ualetters/render/numbers"
)

// Namespaces and relationship types of WordprocessingML.
const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsXML = "http://www.w3.org/XML/1998/namespace"

	sansFamily = "Noto Sans"
)

// wrun is one w:r: text in one font and direction.
type wrun struct {
	text         string
	font         fonts.ID // the face used (bold/italic variant)
	bold, italic bool     // direct formatting
}

// writeBody writes word/document.xml.
func (r *renderer) writeDocument(w *xw) error {
	w.open("w:document", "xmlns:w", nsW, "xmlns:r", nsR)
	w.open("w:body")
	for i := range r.doc.Blocks {
		if err := r.writeBlock(w, &r.doc.Blocks[i]); err != nil {
			return fmt.Errorf("block %d (%s): %w", i+1, r.doc.Blocks[i].Role, err)
		}
	}
	r.writeSection(w)
	w.close("w:body")
	w.close("w:document")
	return nil
}

func (r *renderer) writeBlock(w *xw, b *model.Block) error {
	s, ok := r.styles[b.Role]
	if !ok {
		return fmt.Errorf("unknown block role %q", b.Role)
	}
	if s.joined || len(b.Label) > 0 {
		r.startPara(w, s)
		w.close("w:pPr")
		if len(b.Label) > 0 {
			if err := r.writeRuns(w, b.Label, true); err != nil {
				return fmt.Errorf("label: %w", err)
			}
			w.b.WriteString("<w:r><w:tab/></w:r>")
		}
		for i := range b.Lines {
			if i > 0 {
				w.b.WriteString("<w:r><w:br/></w:r>")
			}
			if err := r.writeRuns(w, b.Lines[i].Runs, false); err != nil {
				return fmt.Errorf("line %d: %w", i+1, err)
			}
		}
		w.close("w:p")
		return nil
	}
	for i := range b.Lines {
		r.startPara(w, s)
		if i > 0 && s.paraSpace != s.before {
			r.paraSpacing(w, s.paraSpace)
		}
		w.close("w:pPr")
		if err := r.writeRuns(w, b.Lines[i].Runs, false); err != nil {
			return fmt.Errorf("line %d: %w", i+1, err)
		}
		w.close("w:p")
	}
	return nil
}

// startPara opens a paragraph of a style and its properties, which the
// caller closes. Direction and list membership are repeated on the
// paragraph so that they survive a change of style.
func (r *renderer) startPara(w *xw, s *paraStyle) {
	r.para = s
	w.open("w:p")
	w.open("w:pPr")
	w.val("w:pStyle", s.id)
	if s.numbered {
		w.open("w:numPr")
		w.val("w:ilvl", "0")
		w.val("w:numId", bulletNumID)
		w.close("w:numPr")
	}
	r.writeBidi(w, s)
}

// paraSpacing sets the spacing before a later paragraph of a block (the
// style's spacing is the block's).
func (r *renderer) paraSpacing(w *xw, before int) {
	w.empty("w:spacing", "w:before", itoa(before), "w:after", "0")
}

// writeRuns writes a line's runs, each split by script.
func (r *renderer) writeRuns(w *xw, runs []model.Run, bold bool) error {
	for i := range runs {
		for _, part := range r.numberParts(runs[i]) {
			if err := r.writeRun(w, &part, bold); err != nil {
				return fmt.Errorf("run %d: %w", i+1, err)
			}
		}
	}
	return nil
}

// numberParts splits a run of right-to-left text at the digit groups the
// text engine keeps left to right (0300-1234567, 20-11-2023; see
// numbers.Units): each becomes an LTR-isolated run, as in the PDF.
func (r *renderer) numberParts(run model.Run) []model.Run {
	if !r.rtl || run.Kind == model.LTRIsolate || (run.Kind == model.User && !numbers.IsRTL(run.Text)) {
		return []model.Run{run}
	}
	units := numbers.InString(run.Text)
	if len(units) == 0 {
		return []model.Run{run}
	}
	var out []model.Run
	at := 0
	for _, u := range units {
		if u[0] > at {
			part := run
			part.Text = run.Text[at:u[0]]
			out = append(out, part)
		}
		unit := run
		unit.Text, unit.Kind = run.Text[u[0]:u[1]], model.LTRIsolate
		out = append(out, unit)
		at = u[1]
	}
	if at < len(run.Text) {
		part := run
		part.Text = run.Text[at:]
		out = append(out, part)
	}
	return out
}

func (r *renderer) writeRun(w *xw, run *model.Run, bold bool) error {
	if err := checkText(run.Text); err != nil {
		return err
	}
	text := dropBidiControls(run.Text)
	if strings.Contains(text, "\r") {
		text = strings.ReplaceAll(text, "\r\n", "\n")
	}
	lang := run.Lang
	if lang == "" {
		lang = r.doc.Lang
	}
	text = shield(text, r.shieldMark(run, text))
	var err error
	r.segs, err = split(lang, text, run.Kind == model.LTRIsolate, r.rtl, r.segs[:0])
	if err != nil {
		return err
	}
	bold = bold || run.Style.Bold
	face := bold || r.para.bold // the face the style and run select
	for _, sg := range r.segs {
		wr := wrun{text: sg.text, font: sg.font.Variant(face, run.Style.Italic), bold: bold, italic: run.Style.Italic}
		r.use(wr.font)
		r.writeWRun(w, &wr)
	}
	return nil
}

// writeWRun writes one w:r: properties in schema order, then the text with
// tabs as w:tab and newlines as w:br.
func (r *renderer) writeWRun(w *xw, wr *wrun) {
	w.open("w:r")
	w.open("w:rPr")
	family := wr.font.Family()
	arabic := wr.font.Arabic()
	// Word and LibreOffice give digits and spaces the complex-script size
	// in a bidi paragraph: a Latin run carries its Latin size in both
	// slots so that all of it is set alike.
	if arabic {
		w.empty("w:rFonts", "w:hint", "cs", "w:cs", family)
	} else {
		w.empty("w:rFonts", "w:ascii", family, "w:hAnsi", family, "w:cs", family)
	}
	if wr.bold {
		w.empty("w:b")
		w.empty("w:bCs")
	}
	if wr.italic {
		w.empty("w:i")
		w.empty("w:iCs")
	}
	if arabic {
		w.empty("w:rtl")
		if tag := r.bidiTag(); tag != "" {
			w.empty("w:lang", "w:bidi", tag)
		}
	}
	w.close("w:rPr")
	writeText(w, wr.text)
	w.close("w:r")
}

// bidiTag is the w:lang w:bidi value for Arabic-script runs: the
// document's tag in a right-to-left letter (all of them are in Arabic
// script), none in a left-to-right one.
func (r *renderer) bidiTag() string {
	if r.rtl {
		return r.doc.Tag
	}
	return ""
}

// writeText writes run content: w:t pieces, w:tab and w:br.
func writeText(w *xw, s string) {
	for s != "" {
		i := strings.IndexAny(s, "\t\n")
		if i < 0 {
			i = len(s)
		}
		if i > 0 {
			w.b.WriteString(`<w:t xml:space="preserve">`)
			w.escape(s[:i])
			w.b.WriteString("</w:t>")
		}
		if i == len(s) {
			return
		}
		if s[i] == '\t' {
			w.b.WriteString("<w:tab/>")
		} else {
			w.b.WriteString("<w:br/>")
		}
		s = s[i+1:]
	}
}

// writeSection writes the final sectPr: header and footer, page size and
// margins, and w:bidi for a right-to-left model.
func (r *renderer) writeSection(w *xw) {
	w.open("w:sectPr")
	w.empty("w:headerReference", "w:type", "default", "r:id", relHeader)
	w.empty("w:footerReference", "w:type", "default", "r:id", relFooter)
	w.empty("w:pgSz", "w:w", itoa(r.pageW), "w:h", itoa(r.pageH))
	m := itoa(marginTwips)
	hf := itoa(hdrFtrTwips)
	w.empty("w:pgMar", "w:top", m, "w:right", m, "w:bottom", itoa(bottomTwips), "w:left", m,
		"w:header", hf, "w:footer", hf, "w:gutter", "0")
	if r.rtl {
		w.empty("w:bidi")
	}
	w.close("w:sectPr")
}

// writeHeader writes word/header1.xml: the UA reference.
func (r *renderer) writeHeader(w *xw) error {
	w.open("w:hdr", "xmlns:w", nsW, "xmlns:r", nsR)
	header, _ := headerFooter(r.doc.Lang)
	r.startPara(w, header)
	w.close("w:pPr")
	run := model.Run{Text: r.doc.Reference, Lang: "en", Kind: model.LTRIsolate}
	if err := r.writeRun(w, &run, false); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	w.close("w:p")
	w.close("w:hdr")
	return nil
}

// writeFooter writes word/footer1.xml: "PAGE / NUMPAGES" as fields.
func (r *renderer) writeFooter(w *xw) {
	w.open("w:ftr", "xmlns:w", nsW, "xmlns:r", nsR)
	// "1 / 3" reads left to right in every letter (like "109/23"): the
	// footer paragraph is a centred LTR paragraph even in an RTL section.
	_, footer := headerFooter(r.doc.Lang)
	r.startPara(w, footer)
	w.close("w:pPr")
	r.writeField(w, "PAGE", "1")
	r.writeWRun(w, &wrun{text: " / ", font: fonts.SansRegular})
	r.writeField(w, "NUMPAGES", "1")
	w.close("w:p")
	w.close("w:ftr")
}

// writeField writes a complex field with a placeholder result.
func (r *renderer) writeField(w *xw, instr, result string) {
	rpr := `<w:rPr><w:rFonts w:ascii="Noto Sans" w:hAnsi="Noto Sans" w:cs="Noto Sans"/></w:rPr>`
	w.b.WriteString(`<w:r>` + rpr + `<w:fldChar w:fldCharType="begin"/></w:r>`)
	w.b.WriteString(`<w:r>` + rpr + `<w:instrText xml:space="preserve"> `)
	w.escape(instr)
	w.b.WriteString(` \* MERGEFORMAT </w:instrText></w:r>`)
	w.b.WriteString(`<w:r>` + rpr + `<w:fldChar w:fldCharType="separate"/></w:r>`)
	w.b.WriteString(`<w:r>` + rpr + `<w:t>`)
	w.escape(result)
	w.b.WriteString(`</w:t></w:r>`)
	w.b.WriteString(`<w:r>` + rpr + `<w:fldChar w:fldCharType="end"/></w:r>`)
	r.use(fonts.SansRegular)
}

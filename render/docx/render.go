package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/model"
)

// Options control rendering.
type Options struct {
	// Paper is the page size; the zero value means model.A4.
	Paper model.Paper
}

// ContentType is the media type of a .docx file.
const ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// zipHeader returns the header of a deflated entry with the fixed
// timestamp 1980-01-01 00:00, so that output never depends on the clock.
// It sets the MS-DOS fields directly: CreateRaw, unlike CreateHeader, does
// not derive them from FileHeader.Modified.
func zipHeader(name string) *zip.FileHeader {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate}
	//lint:ignore SA1019 CreateRaw writes these fields as they are; Modified is not consulted.
	h.ModifiedDate = 1<<5 | 1 // 1980-01-01 (years since 1980, month, day)
	return h
}

// renderer holds the state of one rendering.
type renderer struct {
	doc          *model.Document
	rtl          bool
	scriptFont   fonts.ID
	pageW, pageH int // twips
	used         [len(allFonts)]bool
	segs         []segment
	para         *paraStyle // style of the paragraph being written
	styles       map[model.Role]*paraStyle
}

// part is one rendered XML part of the package.
type part struct {
	name string
	data []byte
}

// Render returns the document as a .docx file.
func Render(doc *model.Document, opts Options) ([]byte, error) {
	parts, fontList, err := build(doc, opts)
	if err != nil {
		return nil, err
	}
	// Local header, data and central directory entry of every part.
	size := 1024
	for _, p := range parts {
		size += len(p.data) + 2*len(p.name) + 128
	}
	for _, f := range fontList {
		size += len(f.e.compressed) + 2*len(f.name) + 128
	}
	var buf bytes.Buffer
	buf.Grow(size)
	if err := writeZip(&buf, parts, fontList); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write renders the document as a .docx file into w. The document is
// checked completely before the first byte is written.
func Write(w io.Writer, doc *model.Document, opts Options) error {
	parts, fontList, err := build(doc, opts)
	if err != nil {
		return err
	}
	return writeZip(w, parts, fontList)
}

// fontFile is an embedded font part.
type fontFile struct {
	name string // part name, "word/fonts/font1.odttf"
	id   fonts.ID
	e    *embedded
}

// build checks the document and renders every XML part.
func build(doc *model.Document, opts Options) ([]part, []fontFile, error) {
	r, err := newRenderer(doc, opts)
	if err != nil {
		return nil, nil, err
	}
	var bodyParts, parts []part
	add := func(to *[]part, name string, write func(*xw) error) error {
		var b bytes.Buffer
		b.Grow(4096)
		if err := write(newXW(&b)); err != nil {
			return fmt.Errorf("docx: %s: %w", name, err)
		}
		*to = append(*to, part{name, b.Bytes()})
		return nil
	}
	// The document, header and footer decide which fonts are used, so they
	// come before the parts that list fonts.
	body := []struct {
		name  string
		write func(*xw) error
	}{
		{"word/document.xml", r.writeDocument},
		{"word/header1.xml", r.writeHeader},
		{"word/footer1.xml", func(w *xw) error { r.writeFooter(w); return nil }},
	}
	for _, p := range body {
		if err := add(&bodyParts, p.name, p.write); err != nil {
			return nil, nil, err
		}
	}
	fontList, err := r.fontFiles()
	if err != nil {
		return nil, nil, err
	}
	rest := []struct {
		name  string
		write func(*xw) error
	}{
		{"[Content_Types].xml", func(w *xw) error { writeContentTypes(w); return nil }},
		{"_rels/.rels", func(w *xw) error { writePackageRels(w); return nil }},
		{"docProps/core.xml", r.writeCore},
		{"docProps/app.xml", func(w *xw) error { writeApp(w); return nil }},
		{"word/_rels/document.xml.rels", func(w *xw) error { writeDocumentRels(w); return nil }},
		{"word/styles.xml", func(w *xw) error { r.writeStyles(w); return nil }},
		{"word/numbering.xml", func(w *xw) error { r.writeNumbering(w); return nil }},
		{"word/settings.xml", func(w *xw) error { r.writeSettings(w); return nil }},
		{"word/fontTable.xml", func(w *xw) error { writeFontTable(w, fontList); return nil }},
		{"word/_rels/fontTable.xml.rels", func(w *xw) error { writeFontRels(w, fontList); return nil }},
	}
	for _, p := range rest {
		if err := add(&parts, p.name, p.write); err != nil {
			return nil, nil, err
		}
	}
	// [Content_Types].xml first, as packages conventionally have it.
	return append(parts, bodyParts...), fontList, nil
}

func newRenderer(doc *model.Document, opts Options) (*renderer, error) {
	if doc == nil {
		return nil, errors.New("docx: no document")
	}
	if err := checkMeta(doc); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	paper := opts.Paper
	if paper == (model.Paper{}) {
		paper = model.A4
	}
	if !(paper.Width >= 72 && paper.Width <= 1584 && paper.Height >= 72 && paper.Height <= 1584) {
		return nil, fmt.Errorf("docx: paper %q: size %gx%g pt out of range", paper.Name, paper.Width, paper.Height)
	}
	r := &renderer{
		doc:        doc,
		rtl:        doc.RTL(),
		scriptFont: fonts.ScriptFont(doc.Lang),
		pageW:      int(math.Round(paper.Width * 20)),
		pageH:      int(math.Round(paper.Height * 20)),
		segs:       make([]segment, 0, 8),
		styles:     roleStyles(doc.Lang),
	}
	r.use(fonts.SansRegular)
	r.use(r.scriptFont)
	return r, nil
}

// checkMeta validates the document's metadata strings and direction.
func checkMeta(doc *model.Document) error {
	switch doc.Dir {
	case model.LTR, model.RTL, "":
	default:
		return fmt.Errorf("unknown direction %q", doc.Dir)
	}
	fields := []struct{ name, value string }{
		{"kind", doc.Kind}, {"action id", doc.ActionID}, {"reference", doc.Reference},
		{"lang", doc.Lang}, {"tag", doc.Tag}, {"title", doc.Title},
		{"subject", doc.Subject}, {"author", doc.Author}, {"date", doc.Date},
	}
	for _, f := range fields {
		if err := checkText(f.value); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	if doc.Date != "" {
		if _, err := time.Parse(time.DateOnly, doc.Date); err != nil {
			return fmt.Errorf("date %q is not YYYY-MM-DD: %w", doc.Date, err)
		}
	}
	return nil
}

// use records that a font face appears in the document.
func (r *renderer) use(id fonts.ID) { r.used[id] = true }

// fontFiles lists the used fonts as embedded parts, in font order.
func (r *renderer) fontFiles() ([]fontFile, error) {
	var list []fontFile
	for _, id := range allFonts {
		if !r.used[id] {
			continue
		}
		e, err := fontPart(id)
		if err != nil {
			return nil, err
		}
		name := fmt.Sprintf("word/fonts/font%d.odttf", len(list)+1)
		list = append(list, fontFile{name: name, id: id, e: e})
	}
	return list, nil
}

// writeZip writes the package: XML parts stored, fonts copied raw. The XML
// parts are a few kilobytes beside hundreds of kilobytes of fonts;
// deflating them would cost most of the rendering time and save little.
func writeZip(w io.Writer, parts []part, fontList []fontFile) error {
	zw := zip.NewWriter(w)
	for _, p := range parts {
		h := zipHeader(p.name)
		h.Method = zip.Store
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
		if _, err := fw.Write(p.data); err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
	}
	for _, f := range fontList {
		if err := writeFont(zw, f.name, f.e); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	return nil
}

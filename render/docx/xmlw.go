package docx

import (
	"bytes"
	"encoding/xml"
	"strconv"
)

// xmlHeader starts every part.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// xw writes XML elements into a buffer. Element and attribute names are
// constants of this package; every value and every piece of text goes
// through encoding/xml's escaping, so no input can become markup.
type xw struct {
	b       *bytes.Buffer
	scratch []byte
}

func newXW(b *bytes.Buffer) *xw {
	b.WriteString(xmlHeader)
	return &xw{b: b}
}

// escape writes s escaped for text or a double-quoted attribute value.
func (w *xw) escape(s string) {
	w.scratch = append(w.scratch[:0], s...)
	// EscapeText only fails when the writer fails; bytes.Buffer never does.
	_ = xml.EscapeText(w.b, w.scratch)
}

func (w *xw) attrs(kv []string) {
	for i := 0; i+1 < len(kv); i += 2 {
		w.b.WriteByte(' ')
		w.b.WriteString(kv[i])
		w.b.WriteString(`="`)
		w.escape(kv[i+1])
		w.b.WriteByte('"')
	}
}

// open writes a start tag with attribute name/value pairs.
func (w *xw) open(name string, kv ...string) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.attrs(kv)
	w.b.WriteByte('>')
}

// empty writes an empty element.
func (w *xw) empty(name string, kv ...string) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.attrs(kv)
	w.b.WriteString("/>")
}

// close writes an end tag.
func (w *xw) close(name string) {
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteByte('>')
}

// elem writes <name>text</name>.
func (w *xw) elem(name, text string, kv ...string) {
	w.open(name, kv...)
	w.escape(text)
	w.close(name)
}

// val writes <name w:val="v"/>, the commonest WordprocessingML shape.
func (w *xw) val(name, v string) { w.empty(name, "w:val", v) }

// itoa formats twips, half-points and ids.
func itoa(n int) string { return strconv.Itoa(n) }

package pdf

import (
	"fmt"
	"strings"
	"time"

	"github.com/ualetters/ualetters/render/layout"
)

const producer = "ualetters"

// info writes the document information dictionary.
func (d *docWriter) writeInfo() error {
	date, err := parseDate(d.doc.Date)
	if err != nil {
		return err
	}
	d.begin(d.info)
	d.buf = append(d.buf, "<<"...)
	for _, e := range [...]struct{ key, val string }{
		{"/Title", d.doc.Title}, {"/Subject", d.doc.Subject},
		{"/Author", d.doc.Author}, {"/Keywords", d.doc.Keywords},
	} {
		if e.val != "" {
			d.buf = append(d.buf, e.key...)
			d.buf = appendTextString(d.buf, e.val)
		}
	}
	d.buf = append(d.buf, "/Creator("+producer+")/Producer("+producer+")"...)
	if !date.IsZero() {
		d.buf = append(d.buf, "/CreationDate"...)
		d.buf = appendTextString(d.buf, pdfDate(date))
		d.buf = append(d.buf, "/ModDate"...)
		d.buf = appendTextString(d.buf, pdfDate(date))
	}
	d.buf = append(d.buf, ">>"...)
	d.end()
	return nil
}

// parseDate accepts an ISO 8601 date (2023-06-14) or date and time
// (RFC 3339); "" means no date.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("pdf: date %q is not ISO 8601 (2006-01-02 or RFC 3339): %w", s, err)
	}
	return t, nil
}

// pdfDate formats t as a PDF date in full form with its UTC offset,
// D:YYYYMMDDHHmmSS+HH'mm' (PDF/A and strict validators want the offset
// even for UTC, which is +00'00', not Z).
func pdfDate(t time.Time) string {
	s := t.Format("D:20060102150405")
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%s%c%02d'%02d'", s, sign, off/3600, off%3600/60)
}

// xmpDate formats t for XMP: ISO 8601 with the same offset as pdfDate.
func xmpDate(t time.Time) string { return t.Format("2006-01-02T15:04:05-07:00") }

// metadata writes the XMP metadata stream (uncompressed, so that tools
// that do not parse PDF can still find it).
func (d *docWriter) metadata() {
	doc := d.doc
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" +
		" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"" +
		" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n" +
		"<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>U</pdfaid:conformance>\n<pdfuaid:part>1</pdfuaid:part>\n" +
		"<dc:format>application/pdf</dc:format>\n")
	alt := func(tag, v string) {
		if v != "" {
			fmt.Fprintf(&b, "<dc:%s><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:%s>\n", tag, xmlEscape(v), tag)
		}
	}
	list := func(tag, kind string, vs ...string) {
		if len(vs) == 0 {
			return
		}
		b.WriteString("<dc:" + tag + "><rdf:" + kind + ">")
		for _, v := range vs {
			b.WriteString("<rdf:li>")
			b.WriteString(xmlEscape(v))
			b.WriteString("</rdf:li>")
		}
		b.WriteString("</rdf:" + kind + "></dc:" + tag + ">\n")
	}
	alt("title", doc.Title)
	alt("description", doc.Subject)
	if doc.Author != "" {
		list("creator", "Seq", doc.Author)
	}
	list("subject", "Bag", keywords(doc)...)
	if doc.Lang != "" {
		list("language", "Bag", doc.Lang)
	}
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", producer)
	if doc.Keywords != "" {
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", xmlEscape(doc.Keywords))
	}
	fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", producer)
	if t, err := parseDate(doc.Date); err == nil && !t.IsZero() {
		fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n", xmpDate(t), xmpDate(t))
	}
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	d.stream(d.meta, "/Type/Metadata/Subtype/XML", []byte(b.String()), true)
}

// keywords are the subject (the UA id) and the comma-separated keywords.
func keywords(doc *layout.Document) []string {
	var ks []string
	if doc.Subject != "" {
		ks = append(ks, doc.Subject)
	}
	for _, k := range strings.Split(doc.Keywords, ",") {
		if k = strings.TrimSpace(k); k != "" && k != doc.Subject {
			ks = append(ks, k)
		}
	}
	return ks
}

func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&quot;")
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
			// not allowed in XML: drop
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

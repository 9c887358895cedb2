package docx

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/templates"
)

// FuzzDOCX composes the UA 109/23 letter with an arbitrary name and own
// words and writes it as DOCX. Every part of the package must be
// well-formed XML, and the text of word/document.xml must give back the
// name and every word of the own words (text round trip).
func FuzzDOCX(f *testing.F) {
	cat, err := catalogue.Load(templates.FS)
	if err != nil {
		f.Fatal(err)
	}
	for i, s := range []string{"Amina Rahimi", "امینہ رحیمی", "<w:t>&amp;]]>", "\"'<>&", "a\tb", "ڪ۽۾", "x\u200d\u200c", "\u2067ab\u2069", "Ünïcödé ß"} {
		f.Add(uint8(i), s, s+"\n\n"+s+"\nline")
	}
	f.Fuzz(func(t *testing.T, li uint8, name, body string) {
		lang := langs[int(li)%len(langs)]
		doc, err := letter.ComposeRequest(cat, letter.Request{ActionID: "109-23", Lang: lang, Date: "2023-11-20", Body: body,
			Signer: letter.Signer{Name: name}}, time.Time{})
		if err != nil {
			return // refused input: FuzzCompose checks the errors
		}
		out, err := Render(doc, Options{})
		if err != nil {
			t.Fatalf("%s: render: %v", lang, err)
		}
		p := unpack(t, out)
		for _, name := range p.order {
			if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
				p.parse(t, name)
			}
		}
		var all strings.Builder
		p.parse(t, "word/document.xml").walk(func(n *node) {
			if n.XMLName.Local == "r" {
				all.WriteString(fuzzSquash(runText(n)))
			}
		})
		text := all.String()
		if w := fuzzSquash(norm.NFC.String(name)); !strings.Contains(text, w) {
			t.Fatalf("%s: the name %q is not in document.xml", lang, name)
		}
		for _, w := range strings.Fields(norm.NFC.String(body)) {
			if w = fuzzSquash(w); !strings.Contains(text, w) {
				t.Fatalf("%s: own word %q is not in document.xml", lang, w)
			}
		}
	})
}

// fuzzSquash drops white space and characters that need no glyph (bidi
// controls, joiners), which the writer may place differently.
func fuzzSquash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || fonts.Ignorable(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

package pdf

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/layout"
	"github.com/ualetters/ualetters/render/text"
	"github.com/ualetters/ualetters/templates"
)

var fuzzLangs = []string{"en", "fr", "de", "ur", "sd", "bal", "pnb"}

// FuzzPDF composes and lays out the UA 109/23 letter with an arbitrary
// name and own words and writes it as PDF. The file must parse with a
// strict reader: every cross-reference entry points at its object, every
// stream's /Length is its exact size and every Flate stream inflates; the
// page tree counts the pages laid out. (TestQPDFCheck runs qpdf on the
// shipped letters; qpdf per input would be too slow for fuzzing.)
func FuzzPDF(f *testing.F) {
	cat, err := catalogue.Load(templates.FS)
	if err != nil {
		f.Fatal(err)
	}
	lay := layout.New(text.NewEngine(text.NewCache(8 << 20)))
	for i, s := range []string{"Amina Rahimi", "امینہ رحیمی", "(x) \\ ) ( %%EOF", "endstream endobj", "ڪ۽۾ 0300-1234567", "\u202Eabc", "Ünïcödé ß ﬁ"} {
		f.Add(uint8(i), uint8(i%2), s, s+"\n\n"+s)
	}
	f.Fuzz(func(t *testing.T, li, paper uint8, name, body string) {
		lang := fuzzLangs[int(li)%len(fuzzLangs)]
		doc, err := letter.ComposeRequest(cat, letter.Request{ActionID: "109-23", Lang: lang, Date: "2023-11-20", Body: body,
			Signer: letter.Signer{Name: name}}, time.Time{})
		if err != nil {
			return
		}
		p := layout.A4
		if paper%2 == 1 {
			p = layout.Letter
		}
		ld, err := lay.Layout(doc, p)
		if err != nil {
			t.Fatalf("%s: layout: %v", lang, err)
		}
		out := render(t, ld)
		objs := objects(t, out)
		for n, obj := range objs {
			checkStream(t, n, obj)
		}
		if m := regexp.MustCompile(`/Type/Pages/Kids\[[^\]]*\]/Count (\d+)`).FindSubmatch(out); m == nil || string(m[1]) != strconv.Itoa(len(ld.Pages)) {
			t.Fatalf("page tree %q, want /Count %d", m, len(ld.Pages))
		}
	})
}

var lengthRe = regexp.MustCompile(`/Length (\d+)`)

// checkStream checks that a stream object's /Length is the size of its
// data and that its data decodes.
func checkStream(t *testing.T, n int, obj []byte) {
	t.Helper()
	i := bytes.Index(obj, []byte(">>\nstream\n"))
	if i < 0 {
		return
	}
	m := lengthRe.FindSubmatch(obj[:i])
	if m == nil {
		t.Fatalf("object %d: stream without /Length", n)
	}
	want, _ := strconv.Atoi(string(m[1]))
	data := obj[i+len(">>\nstream\n"):]
	if !strings.HasPrefix(string(data[min(want, len(data)):]), "\nendstream") {
		t.Fatalf("object %d: /Length %d does not end at endstream", n, want)
	}
	streamData(t, obj)
}

package layout

import (
	"testing"
	"time"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/text"
	"github.com/ualetters/ualetters/templates"
)

// urduModelLetter composes the Urdu letter of UA 109/23 (about 350 words).
func urduModelLetter(b *testing.B) *letter.Document {
	cat, err := catalogue.Load(templates.FS)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := letter.ComposeRequest(cat, letter.Request{ActionID: "109-23", Lang: "ur", Date: "2026-11-26",
		Signer: letter.Signer{Name: "Ayesha Khan", City: "Karachi", Gender: letter.Female}}, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// benchmarkShapeBreak shapes and breaks every paragraph of the Urdu model
// letter (bidi, itemization, shaping, line breaking, justification) with
// the given cache.
func benchmarkShapeBreak(b *testing.B, cache func() *text.Cache) {
	doc := urduModelLetter(b)
	l := New(text.NewEngine(cache()))
	if _, err := l.boxes(doc, A4, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.boxes(doc, A4, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUrduLetterWarm: shaped runs and laid-out paragraphs cached, as
// in the service after the first letter.
func BenchmarkUrduLetterWarm(b *testing.B) {
	benchmarkShapeBreak(b, func() *text.Cache { return text.NewCache(32 << 20) })
}

// BenchmarkUrduLetterWarmShaping: only shaped runs cached; bidi, itemizing
// and line breaking run every time.
func BenchmarkUrduLetterWarmShaping(b *testing.B) {
	benchmarkShapeBreak(b, func() *text.Cache { return text.NewRunCache(32 << 20) })
}

// BenchmarkUrduLetterCold: no cache; every run is shaped by HarfBuzz.
func BenchmarkUrduLetterCold(b *testing.B) {
	benchmarkShapeBreak(b, func() *text.Cache { return nil })
}

// BenchmarkLayoutUrduLetter is the whole layout (with pagination and the
// display list), warm.
func BenchmarkLayoutUrduLetter(b *testing.B) {
	doc := urduModelLetter(b)
	l := New(text.NewEngine(text.NewCache(32 << 20)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Layout(doc, A4); err != nil {
			b.Fatal(err)
		}
	}
}

package layout

import (
	"testing"

	"github.com/ualetters/ualetters/render/text"
)

// BenchmarkLayoutOwnWords350 lays out a 350-word Urdu letter (shaping, bidi,
// line breaking, pagination) with a warm shaping cache.
func BenchmarkLayoutOwnWords350(b *testing.B) {
	doc := testLetter(ownWords(350))
	l := New(text.NewEngine(text.NewCache(1 << 20)))
	if _, err := l.Layout(doc, A4); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Layout(doc, A4); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLayoutOwnWords350Cold is the same without a shaping cache.
func BenchmarkLayoutOwnWords350Cold(b *testing.B) {
	doc := testLetter(ownWords(350))
	l := New(text.NewEngine(nil))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Layout(doc, A4); err != nil {
			b.Fatal(err)
		}
	}
}

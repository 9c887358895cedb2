package docx

import (
	"io"
	"testing"
)

// BenchmarkRenderUrdu renders the Urdu sample letter with its embedded
// Nastaliq and Noto Sans faces, fonts prepared once beforehand.
func BenchmarkRenderUrdu(b *testing.B) {
	if err := Prepare(); err != nil {
		b.Fatal(err)
	}
	doc := sampleDoc("ur")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(doc, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteUrdu streams the same letter to a writer, as an HTTP
// handler would, without holding the whole file in memory.
func BenchmarkWriteUrdu(b *testing.B) {
	if err := Prepare(); err != nil {
		b.Fatal(err)
	}
	doc := sampleDoc("ur")
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, doc, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

package raster

import (
	"io"
	"testing"

	"github.com/ualetters/ualetters/render/layout"
)

// BenchmarkFaxTIFF: a two-page fax (an English cover-like page and an Urdu
// letter page), G4 fine, with warm caches.
func BenchmarkFaxTIFF(b *testing.B) {
	pages := []layout.Page{englishPage(b), urduPage(b)}
	if err := WriteFax(io.Discard, pages, FaxOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := WriteFax(io.Discard, pages, FaxOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPNGPreview96: page 1 of the Urdu letter at 96 dpi, warm.
func BenchmarkPNGPreview96(b *testing.B) {
	p := urduPage(b)
	if err := PNG(io.Discard, p, 96); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := PNG(io.Discard, p, 96); err != nil {
			b.Fatal(err)
		}
	}
}

package raster

import (
	"runtime"
	"testing"

	"github.com/ualetters/ualetters/internal/heaptest"

	"github.com/go-text/typesetting/font"

	"github.com/ualetters/ualetters/fonts"
)

// TestOutlineBytes loads the outline of every glyph of every bundled font
// and checks that the heap they take is what the font registry counts
// for them (outline.bytes), within a quarter; then fills the registry's
// outline cache with all of them and checks it stays within its bound.
func TestOutlineBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 15,441 outlines")
	}
	heap := heaptest.Live
	for _, id := range fonts.All() {
		id.WithFace(func(*font.Face) {}) // the shared faces exist before measuring
	}
	h0 := heap()
	var kept []*outline
	counted, glyphs := 0, 0
	for _, id := range fonts.All() {
		for gid := range id.NumGlyphs() {
			o, n := loadOutline(id, uint16(gid))
			kept = append(kept, o)
			counted += n
			glyphs++
		}
	}
	growth := heap() - h0 - float64(8*cap(kept))
	runtime.KeepAlive(kept)
	t.Logf("%d outlines take %.0f bytes of heap, counted %d", glyphs, growth, counted)
	if growth > 1.25*float64(counted) || growth < 0.75*float64(counted) {
		t.Errorf("%d outlines take %.0f bytes of heap but the registry counts %d", glyphs, growth, counted)
	}
	for _, id := range fonts.All() {
		for gid := range id.NumGlyphs() {
			glyphOutline(id, uint16(gid))
		}
	}
	if st := fonts.Stats(fonts.Parsed); st.Bytes > st.MaxBytes { // with the shared faces
		t.Errorf("the parsed fonts and their faces count %d bytes, bound %d", st.Bytes, st.MaxBytes)
	}
	st := fonts.Stats(fonts.GlyphOutlines)
	t.Logf("the registry's outline cache: %d entries, %d bytes, bound %d", st.Entries, st.Bytes, st.MaxBytes)
	if st.Entries != glyphs || st.Bytes > st.MaxBytes {
		t.Errorf("the outline cache holds %d of %d glyphs in %d bytes, bound %d", st.Entries, glyphs, st.Bytes, st.MaxBytes)
	}
}

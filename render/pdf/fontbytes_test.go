package pdf

import (
	"runtime"
	"testing"

	"github.com/ualetters/ualetters/internal/heaptest"

	"github.com/ualetters/ualetters/fonts"
)

// TestFontDataBytes parses every bundled font for PDF and checks that the
// heap the parsed fonts take is what the font registry counts for them
// (fontDataBytes), within a quarter, and within the registry's bound.
func TestFontDataBytes(t *testing.T) {
	if err := fonts.Load(); err != nil {
		t.Fatal(err)
	}
	heap := heaptest.Live
	h0 := heap()
	var kept []*fontData
	counted := 0
	for range 4 { // four copies, so that the growth stands out from other tests' garbage
		for _, id := range fonts.All() {
			f, err := parseFont(id)
			if err != nil {
				t.Fatal(err)
			}
			kept = append(kept, f)
			counted += fontDataBytes(f)
		}
	}
	growth := heap() - h0
	runtime.KeepAlive(kept)
	t.Logf("parsed fonts take %.0f bytes of heap, counted %d", growth, counted)
	if growth > 1.25*float64(counted) || growth < 0.5*float64(counted) {
		t.Errorf("parsed fonts take %.0f bytes of heap but the registry counts %d", growth, counted)
	}
	if bound := fonts.Stats(fonts.PDFFont).MaxBytes; counted/4 > bound {
		t.Errorf("parsed fonts count %d bytes, over the bound %d", counted, bound)
	}
}

package docx

import (
	"testing"

	"github.com/ualetters/ualetters/fonts"
)

// TestFontPartBytes prepares every font part and checks that the font
// registry holds all seven, counts at least their compressed bytes, and
// stays within its bound.
func TestFontPartBytes(t *testing.T) {
	if err := Prepare(); err != nil {
		t.Fatal(err)
	}
	compressed := 0
	for _, id := range allFonts {
		e, err := fontPart(id)
		if err != nil {
			t.Fatal(err)
		}
		compressed += len(e.compressed)
	}
	st := fonts.Stats(fonts.DOCXPart)
	t.Logf("%d font parts, %d bytes compressed, %d counted, bound %d", st.Entries, compressed, st.Bytes, st.MaxBytes)
	if st.Entries != len(allFonts) || st.Bytes < compressed || st.Bytes > st.MaxBytes {
		t.Errorf("the registry holds %d font parts in %d bytes (%d compressed), bound %d", st.Entries, st.Bytes, compressed, st.MaxBytes)
	}
}

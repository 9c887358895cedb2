package docx

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/go-text/typesetting/font"

	"github.com/ualetters/ualetters/fonts"
)

// TestNastaliqEmbeddedWithoutKashidaWidth: the embedded Nastaliq faces
// differ from the bundled files only in the tatweel's advance and the two
// checksums that cover it; an independent parser (go-text) reads the
// patched file with a zero-width tatweel and every other advance unchanged,
// and the whole file sums to 0xB1B0AFBA as the OpenType head table asks.
func TestNastaliqEmbeddedWithoutKashidaWidth(t *testing.T) {
	for _, id := range []fonts.ID{fonts.NastaliqRegular, fonts.NastaliqBold} {
		src := id.Bytes()
		got, err := embeddingBytes(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(src) {
			t.Fatalf("%s: length %d, want %d", id, len(got), len(src))
		}
		var diff int
		for i := range src {
			if src[i] != got[i] {
				diff++
			}
		}
		if diff == 0 || diff > 10 {
			t.Errorf("%s: %d bytes changed, want 1 to 10 (advance, two checksums)", id, diff)
		}
		if sum := checksum(got); sum != 0xB1B0AFBA {
			t.Errorf("%s: file checksum %08X", id, sum)
		}
		face, err := font.ParseTTF(bytes.NewReader(got))
		if err != nil {
			t.Fatalf("%s: patched font does not parse: %v", id, err)
		}
		orig := id.NewFace()
		gid, ok := face.NominalGlyph(tatweel)
		if !ok {
			t.Fatalf("%s: tatweel lost its cmap entry", id)
		}
		if adv := face.HorizontalAdvance(gid); adv != 0 {
			t.Errorf("%s: tatweel advance %v, want 0", id, adv)
		}
		if adv := orig.HorizontalAdvance(gid); adv == 0 {
			t.Errorf("%s: the bundled tatweel is already zero-width; the test proves nothing", id)
		}
		for _, r := range "کوزبردستی abc 123" {
			g, _ := face.NominalGlyph(r)
			if face.HorizontalAdvance(g) != orig.HorizontalAdvance(g) {
				t.Errorf("%s: advance of %q changed", id, r)
			}
		}
	}
	for _, id := range []fonts.ID{fonts.NaskhRegular, fonts.SansRegular} {
		b, err := embeddingBytes(id)
		if err != nil || !bytes.Equal(b, id.Bytes()) {
			t.Errorf("%s is not embedded as bundled (%v)", id, err)
		}
	}
}

func TestZeroAdvanceErrors(t *testing.T) {
	if _, err := zeroAdvance([]byte("tiny"), 1); err == nil {
		t.Error("a 4-byte font was patched")
	}
	src := fonts.NastaliqRegular.Bytes()
	hhea, _, err := table(src, "hhea")
	if err != nil {
		t.Fatal(err)
	}
	n := binary.BigEndian.Uint16(hhea[34:])
	if _, err := zeroAdvance(src, n); err == nil {
		t.Error("a glyph past numberOfHMetrics was patched")
	}
}

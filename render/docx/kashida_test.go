package docx

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"strings"
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

// TestObfuscationKnownAnswer checks font obfuscation (ECMA-376 Part 2,
// §13.5 "Font embedding": the GUID's 32 hex digits read as 16 bytes and
// reversed, XORed over the first 32 bytes) against answers worked out
// apart from the code: by hand for a zero font, and with Python for the
// bytes 0..39:
//
//	h = guid.strip('{}').replace('-', ''); key = bytes.fromhex(h)[::-1]
//	out = bytes(b ^ key[i % 16] if i < 32 else b for i, b in enumerate(range(40)))
//
// A wrong byte order, a wrong key length or 16 instead of 32 obfuscated
// bytes all give other bytes; an XOR round trip would not notice.
func TestObfuscationKnownAnswer(t *testing.T) {
	cases := []struct {
		guid string
		in   []byte
		want string
	}{
		{"{00112233-4455-6677-8899-AABBCCDDEEFF}", make([]byte, 40),
			"FFEEDDCCBBAA99887766554433221100" + "FFEEDDCCBBAA99887766554433221100" + "0000000000000000"},
		{"{6C1D4E2A-9B3F-4A57-8E01-D2C3B4A59687}", seq(40),
			"8797A7B7C7D707895F433590264313639787B7A7D7C717994F532580365303732021222324252627"},
	}
	for _, c := range cases {
		got, err := obfuscate(c.in, c.guid)
		if err != nil {
			t.Fatal(err)
		}
		if h := strings.ToUpper(hex.EncodeToString(got)); h != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.guid, h, c.want)
		}
	}
}

func seq(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

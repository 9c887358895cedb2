package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"strings"

	"github.com/ualetters/ualetters/fonts"
)

// embedded is one font prepared for embedding: obfuscated with its key and
// deflated once, so each package only copies the compressed bytes.
type embedded struct {
	key        string // "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}", upper case
	compressed []byte // deflated obfuscated font
	crc        uint32 // CRC-32 of the obfuscated font
	size       uint64 // length of the font
}

var allFonts = [...]fonts.ID{
	fonts.NastaliqRegular, fonts.NastaliqBold, fonts.NaskhRegular,
	fonts.NaskhBold, fonts.SansRegular, fonts.SansBold, fonts.SansItalic,
}

// Prepare obfuscates and compresses every bundled font for embedding. Call
// it once at start-up so that no request pays for it; Render prepares a
// font on first use otherwise.
func Prepare() error {
	for _, id := range allFonts {
		if _, err := fontPart(id); err != nil {
			return err
		}
	}
	return nil
}

// fontPart returns the prepared embedding of a font, from the font
// registry (prepared once per process).
func fontPart(id fonts.ID) (*embedded, error) {
	return fonts.Value(fonts.DOCXPart, id, func(id fonts.ID) (*embedded, int, error) {
		e := &embedded{}
		if err := prepare(id, e); err != nil {
			return nil, 0, err
		}
		return e, len(e.compressed) + len(e.key) + 64, nil
	})
}

func prepare(id fonts.ID, e *embedded) error {
	if err := fonts.Load(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	src, err := embeddingBytes(id)
	if err != nil {
		return err
	}
	e.key = fontKey(src)
	data, err := obfuscate(src, e.key)
	if err != nil {
		return fmt.Errorf("docx: obfuscate %s: %w", id, err)
	}
	var buf bytes.Buffer
	zw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return fmt.Errorf("docx: compress %s: %w", id, err)
	}
	if _, err := zw.Write(data); err != nil {
		return fmt.Errorf("docx: compress %s: %w", id, err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: compress %s: %w", id, err)
	}
	e.compressed = buf.Bytes()
	e.crc = crc32.ChecksumIEEE(data)
	e.size = uint64(len(data))
	return nil
}

// fontKey derives the font's obfuscation GUID from its content, so the
// same font always gets the same key. Upper case: LibreOffice ignores
// lower-case keys.
func fontKey(font []byte) string {
	sum := sha256.Sum256(font)
	h := strings.ToUpper(hex.EncodeToString(sum[:16]))
	return "{" + h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32] + "}"
}

// keyBytes turns a GUID's 32 hex digits into the 16-byte obfuscation key:
// the digits as bytes in reverse order.
func keyBytes(guid string) ([16]byte, error) {
	var key [16]byte
	digits := strings.NewReplacer("{", "", "}", "", "-", "").Replace(guid)
	raw, err := hex.DecodeString(digits)
	if err != nil || len(raw) != 16 {
		return key, fmt.Errorf("bad font key %q", guid)
	}
	for i := range key {
		key[i] = raw[15-i]
	}
	return key, nil
}

// obfuscate returns a copy of font with bytes 0–31 XORed with the key
// (ECMA-376 Part 2 font obfuscation); applying it twice restores the font.
func obfuscate(font []byte, guid string) ([]byte, error) {
	key, err := keyBytes(guid)
	if err != nil {
		return nil, err
	}
	out := bytes.Clone(font)
	for i := 0; i < 32 && i < len(out); i++ {
		out[i] ^= key[i%16]
	}
	return out, nil
}

// writeFont copies a prepared font into the package without recompressing.
func writeFont(zw *zip.Writer, name string, e *embedded) error {
	h := zipHeader(name)
	h.CRC32 = e.crc
	h.CompressedSize64 = uint64(len(e.compressed))
	h.UncompressedSize64 = e.size
	w, err := zw.CreateRaw(h)
	if err != nil {
		return fmt.Errorf("docx: %s: %w", name, err)
	}
	if _, err := w.Write(e.compressed); err != nil {
		return fmt.Errorf("docx: %s: %w", name, err)
	}
	return nil
}

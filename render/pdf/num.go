package pdf

import (
	"math"
	"strconv"
	"unicode/utf16"
)

// appendNum writes v with at most dec decimals (dec ≤ 4), without
// trailing zeros: 12, 12.5, -0.25.
func appendNum(b []byte, v float64, dec int) []byte {
	scale := int64(1)
	for range dec {
		scale *= 10
	}
	n := int64(math.Round(v * float64(scale)))
	return appendScaled(b, n, scale)
}

// appendScaled writes n/scale where scale is a power of ten.
func appendScaled(b []byte, n, scale int64) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/scale, 10)
	frac := n % scale
	if frac == 0 {
		return b
	}
	b = append(b, '.')
	for scale /= 10; frac > 0; scale /= 10 {
		b = append(b, byte('0'+frac/scale))
		frac %= scale
	}
	return b
}

// round2 rounds to hundredths of a point, the precision positions are
// written with.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

const hexDigits = "0123456789ABCDEF"

// appendUTF16Hex writes s as UTF-16BE hex digits (no brackets, no BOM).
func appendUTF16Hex(b []byte, s string) []byte {
	for _, r := range s {
		b = appendUTF16HexRune(b, r)
	}
	return b
}

// appendUTF16HexRune writes one character as UTF-16BE hex digits.
func appendUTF16HexRune(b []byte, r rune) []byte {
	if r1, r2 := utf16.EncodeRune(r); r1 != '\uFFFD' {
		b = appendHex16(b, uint16(r1))
		r = r2
	}
	return appendHex16(b, uint16(r))
}

func appendHex16(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
}

// appendTextString writes a PDF text string: a literal string when s is
// printable ASCII, otherwise UTF-16BE with a byte order mark in hex.
func appendTextString(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			ascii = false
			break
		}
	}
	if !ascii {
		b = append(b, "<FEFF"...)
		b = appendUTF16Hex(b, s)
		return append(b, '>')
	}
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

package pdf

import (
	"encoding/binary"
	"math"
	"sync"
)

// The output intent that PDF/A asks for: the colour space the black text
// and lines are meant in, sRGB, with an ICC profile. The profile is built
// here from the published sRGB definition (IEC 61966-2-1: its primaries
// adapted to the D50 connection space, and its transfer curve), so no
// third-party profile file has to be shipped.

const iccName = "sRGB IEC61966-2.1"

// srgbICC is the compressed profile and its uncompressed length.
var srgbICC = sync.OnceValues(func() ([]byte, int) {
	raw := buildSRGBProfile()
	z := getZ(levelFont)
	defer putZ(z)
	return append([]byte(nil), z.compress(raw)...), len(raw)
})

// outputIntent writes the PDF/A output intent and its ICC profile.
func (d *docWriter) outputIntent() {
	d.begin(d.intent)
	d.buf = append(d.buf, "<</Type/OutputIntent/S/GTS_PDFA1/OutputConditionIdentifier("+iccName+")/Info("+iccName+")/RegistryName(http://www.color.org)/DestOutputProfile "...)
	d.ref(d.icc)
	d.buf = append(d.buf, ">>"...)
	d.end()
	data, _ := srgbICC()
	d.rawStream(d.icc, "/N 3/Filter/FlateDecode", data)
}

// buildSRGBProfile returns an ICC version 2.1 display profile for sRGB:
// header, tag table, description, copyright, white point, the three
// colorants and one transfer curve shared by the three channels.
func buildSRGBProfile() []byte {
	xyz := func(x, y, z float64) []byte {
		b := make([]byte, 20)
		copy(b, "XYZ ")
		for i, v := range []float64{x, y, z} {
			binary.BigEndian.PutUint32(b[8+4*i:], uint32(int32(math.Round(v*65536))))
		}
		return b
	}
	text := func(s string) []byte { return append(append([]byte("text\x00\x00\x00\x00"), s...), 0) }
	desc := func(s string) []byte {
		b := []byte("desc\x00\x00\x00\x00")
		b = binary.BigEndian.AppendUint32(b, uint32(len(s)+1))
		b = append(append(b, s...), 0)
		b = append(b, make([]byte, 4+4+2+1+67)...) // no Unicode or ScriptCode description
		return b
	}
	curve := []byte("curv\x00\x00\x00\x00")
	const n = 256 // one entry per 8-bit level
	curve = binary.BigEndian.AppendUint32(curve, n)
	for i := range n {
		v := float64(i) / (n - 1)
		if v <= 0.04045 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		curve = binary.BigEndian.AppendUint16(curve, uint16(math.Round(v*65535)))
	}
	tags := []struct {
		sig  string
		data []byte
	}{
		{"desc", desc(iccName)},
		{"cprt", text("No copyright, use freely")},
		{"wtpt", xyz(0.9642, 1, 0.8249)},
		{"rXYZ", xyz(0.4361, 0.2225, 0.0139)},
		{"gXYZ", xyz(0.3851, 0.7169, 0.0971)},
		{"bXYZ", xyz(0.1431, 0.0606, 0.7141)},
		{"rTRC", curve}, {"gTRC", curve}, {"bTRC", curve},
	}
	head := make([]byte, 128)
	binary.BigEndian.PutUint32(head[8:], 0x02100000)
	copy(head[12:], "mntrRGB XYZ ")
	for i, v := range []uint16{2023, 1, 1, 0, 0, 0} { // fixed creation date: same bytes every time
		binary.BigEndian.PutUint16(head[24+2*i:], v)
	}
	copy(head[36:], "acsp")
	copy(head[68:], xyz(0.9642, 1, 0.8249)[8:])
	table := binary.BigEndian.AppendUint32(nil, uint32(len(tags)))
	body := []byte{}
	off := len(head) + 4 + 12*len(tags)
	shared := map[*byte]uint32{}
	for _, t := range tags {
		at, ok := shared[&t.data[0]]
		if !ok {
			at = uint32(off + len(body))
			shared[&t.data[0]] = at
			body = append(body, t.data...)
			for len(body)%4 != 0 {
				body = append(body, 0)
			}
		}
		table = append(table, t.sig...)
		table = binary.BigEndian.AppendUint32(table, at)
		table = binary.BigEndian.AppendUint32(table, uint32(len(t.data)))
	}
	out := append(append(head, table...), body...)
	binary.BigEndian.PutUint32(out, uint32(len(out)))
	return out
}

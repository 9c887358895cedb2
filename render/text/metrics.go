package text

import (
	"math"
	"sort"

	"github.com/go-text/typesetting/font"

	"github.com/ualetters/ualetters/fonts"
)

// Body sizes by measurement. Text reads as large as other text when its
// small letters are as tall: Latin x-height against the body of Arabic
// letters (the zone of teeth and bowls, where Nastaliq is small for its
// em: its alef and its 2.5 em line are tall, its letter bodies are not).
// Noto Sans x-height letters measure 546 units (median); medial forms of
// Arabic letters without ascender or descender measure 394 in Noto
// Nastaliq Urdu and 473 in Noto Naskh Arabic (medians, dots left out). So
// 11 pt Latin matches Nastaliq at 11 × 546 / 394 ≈ 15.2 pt and Naskh at
// 11 × 546 / 473 ≈ 12.7 pt. (Compared by alef against Latin capitals
// instead, Nastaliq's alef, 768 units, is already taller than Noto Sans's
// cap height, 714, at the same size: alef is an ascender, and measuring
// it would keep Urdu as small as it reads now.)

var (
	latinBodyLetters  = []rune("acemnorsuvwxz")
	arabicBodyLetters = []rune("بتثپجچحخسشصضعغفقمنہیئ") // set medial, between two ZWJs
)

// BodyHeight is the median ink height, in font units, of a font's small
// letters: x-height letters for Latin, medial forms of Arabic letters
// without ascender or descender (their dots are separate glyphs and are
// left out). The font registry keeps it per font.
func BodyHeight(id fonts.ID) float64 {
	h, _ := fonts.Value(fonts.BodyHeight, id, func(id fonts.ID) (float64, int, error) {
		return bodyHeight(id), 8, nil
	})
	return h
}

func bodyHeight(id fonts.ID) float64 {
	face := id.NewFace()
	var hs []float64
	letters := latinBodyLetters
	if id.Arabic() {
		letters = arabicBodyLetters
	}
	for _, r := range letters {
		in := []rune{r}
		if id.Arabic() {
			in = []rune{0x200D, r, 0x200D}
		}
		tallest := 0.0 // the body, not a dot
		for _, g := range ShapeUnits(id, ParamsFor("ur", id.Arabic(), id.Arabic()), in) {
			if ext, ok := face.GlyphExtents(font.GID(g.GID)); ok {
				tallest = max(tallest, -float64(ext.Height))
			}
		}
		hs = append(hs, tallest)
	}
	sort.Float64s(hs)
	return hs[len(hs)/2]
}

// MatchedSize is the size, to the half point, at which the language's
// script font has the body height of Noto Sans at latin points: the body
// size of Urdu or Sindhi text beside Latin text of that size.
func MatchedSize(lang string, latin float64) float64 {
	id := fonts.ScriptFont(lang)
	if !id.Arabic() {
		return latin
	}
	s := latin * BodyHeight(fonts.SansRegular) / BodyHeight(id)
	return math.Round(s*2) / 2
}

// sizeOf is the size text in font id is set at in the paragraph: the
// paragraph's size for its language's script font; for another font the
// size, to the half point, whose letter bodies are as tall (Latin names
// in an Urdu letter stay at the Latin body size, a Naskh word in Nastaliq
// text matches it).
func (pa *para) sizeOf(id fonts.ID) float64 {
	base := fonts.ScriptFont(pa.Lang)
	id = id.Variant(false, false)
	if id == base {
		return pa.Size
	}
	if pa.LatinSize > 0 && !id.Arabic() {
		return pa.LatinSize
	}
	return math.Round(pa.Size*BodyHeight(base)/BodyHeight(id)*2) / 2
}

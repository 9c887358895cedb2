package text

import "github.com/ualetters/ualetters/fonts"

// ShapedItem describes one item of a paragraph as it is shaped: the font,
// the shaping parameters and the exact text passed to HarfBuzz. Golden
// tests shape the same items with hb-shape.
type ShapedItem struct {
	Font   fonts.ID
	Params ShapingParams
	Text   string
}

// Items returns the items a paragraph without forced breaks is shaped in,
// in logical order.
func Items(p Paragraph) ([]ShapedItem, error) {
	if err := checkCoverage(p); err != nil {
		return nil, err
	}
	pa, err := newPara(p)
	if err != nil {
		return nil, err
	}
	out := make([]ShapedItem, len(pa.items))
	for k, it := range pa.items {
		rs := make([]rune, len(it.index))
		for j, idx := range it.index {
			rs[j] = pa.runes[idx]
		}
		out[k] = ShapedItem{Font: it.font, Params: ParamsFor(it.lang, it.font.Arabic(), it.level&1 == 1), Text: string(rs)}
	}
	return out, nil
}

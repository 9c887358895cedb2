package text

import (
	"sync"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"

	"github.com/ualetters/ualetters/fonts"
)

// ShapedGlyph is one glyph as HarfBuzz outputs it, in font units, in the
// shaper's output order (visual order: right to left runs come reversed).
type ShapedGlyph struct {
	GID      uint16
	Cluster  int // index of the first rune of the glyph's cluster in the shaped text
	XAdvance int32
	XOffset  int32
	YOffset  int32
}

// ShapingParams are the OpenType script, language and direction a run is
// shaped with: the same values the golden test passes to hb-shape.
type ShapingParams struct {
	Script   string // ISO 15924 tag as hb-shape takes it: "Arab" or "Latn"
	Language string // BCP 47 language as hb-shape takes it
	RTL      bool
}

// ParamsFor returns the shaping parameters for a run set in an Arabic or a
// Latin font, in a text of the given language, at the given direction; the
// language comes from fonts.ShapingLanguage (Punjabi and Balochi use the
// Urdu language system, Latin text inside a right-to-left letter is shaped
// as English).
func ParamsFor(lang string, arabicFont, rtl bool) ShapingParams {
	script := "Latn"
	if arabicFont {
		script = "Arab"
	}
	return ShapingParams{Script: script, Language: fonts.ShapingLanguage(lang, arabicFont), RTL: rtl}
}

// shaperState is the per-goroutine state HarfBuzz needs: a buffer and one
// harfbuzz.Font per bundled font (fonts hold lookup accelerators).
type shaperState struct {
	buf   *harfbuzz.Buffer
	fonts map[fonts.ID]*harfbuzz.Font
}

var shaperPool = sync.Pool{New: func() any {
	return &shaperState{buf: harfbuzz.NewBuffer(), fonts: map[fonts.ID]*harfbuzz.Font{}}
}}

func (s *shaperState) font(id fonts.ID) *harfbuzz.Font {
	f, ok := s.fonts[id]
	if !ok {
		f = harfbuzz.NewFont(font.NewFace(id.Font()))
		s.fonts[id] = f
	}
	return f
}

var (
	scriptArab = language.LookupScript('ا')
	scriptLatn = language.LookupScript('a')
)

// ShapeUnits shapes text in one font with HarfBuzz (go-text's port) at the
// font's own scale, so every value is in font units.
func ShapeUnits(id fonts.ID, p ShapingParams, text []rune) []ShapedGlyph {
	return shapeInto(nil, id, p, text)
}

func shapeInto(dst []ShapedGlyph, id fonts.ID, p ShapingParams, text []rune) []ShapedGlyph {
	st := shaperPool.Get().(*shaperState)
	defer shaperPool.Put(st)
	buf := st.buf
	buf.Clear()
	buf.AddRunes(text, 0, len(text))
	buf.Props.Direction = di.DirectionLTR.Harfbuzz()
	buf.Props.Script = scriptLatn
	if p.RTL {
		buf.Props.Direction = di.DirectionRTL.Harfbuzz()
	}
	if p.Script == "Arab" {
		buf.Props.Script = scriptArab
	}
	buf.Props.Language = language.NewLanguage(p.Language)
	buf.Shape(st.font(id), nil)
	for i, info := range buf.Info {
		pos := buf.Pos[i]
		dst = append(dst, ShapedGlyph{
			GID:      uint16(info.Glyph),
			Cluster:  info.Cluster,
			XAdvance: int32(pos.XAdvance),
			XOffset:  int32(pos.XOffset),
			YOffset:  int32(pos.YOffset),
		})
	}
	return dst
}

// hyphenGlyph returns the glyph of "-" in the font and its advance in font
// units, as HarfBuzz shapes it; the font registry keeps it per font.
func hyphenGlyph(id fonts.ID) (uint16, float64) {
	g, _ := fonts.Value(fonts.HyphenGlyph, id, func(id fonts.ID) ([2]float64, int, error) {
		gs := ShapeUnits(id, ParamsFor("en", id.Arabic(), false), []rune{'-'})
		g := [2]float64{}
		if len(gs) > 0 {
			g = [2]float64{float64(gs[0].GID), float64(gs[0].XAdvance)}
		}
		return g, 16, nil
	})
	return uint16(g[0]), g[1]
}

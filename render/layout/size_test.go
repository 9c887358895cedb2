package layout

import (
	"testing"

	"github.com/ualetters/ualetters/render/style"
	"github.com/ualetters/ualetters/render/text"
)

// The style sheet's body sizes (which render/docx reads without the text
// engine) are the sizes measured from the fonts by text.MatchedSize.
func TestStyleSizesAreMeasured(t *testing.T) {
	for _, lang := range []string{"ur", "sd", "bal", "pnb", "en", "fr", "de"} {
		p := style.ProfileFor(lang)
		if want := text.MatchedSize(lang, style.LatinSize); p.BodySize != want {
			t.Errorf("%s: style body size %g pt, measured %g pt", lang, p.BodySize, want)
		}
		if p.LatinSize != style.LatinSize {
			t.Errorf("%s: Latin size %g pt, want %g", lang, p.LatinSize, float64(style.LatinSize))
		}
		// The footer holds Latin text and digits only; its script size
		// (the DOCX footer's w:szCs) is scaled from the body size, within
		// the half-point rounding of the measurement.
		got, want := style.ScriptSize(lang, style.FooterSize), text.MatchedSize(lang, style.FooterSize)
		if d := got - want; d > 0.5 || d < -0.5 {
			t.Errorf("%s: footer script size %g pt, measured %g pt", lang, got, want)
		}
	}
}

package text

import (
	"testing"

	"github.com/ualetters/ualetters/fonts"
)

// TestMatchedSize pins the measured body heights and the sizes that
// follow for 11 pt Latin text (see metrics.go): a font change that moves
// them must be looked at, not slip in.
func TestMatchedSize(t *testing.T) {
	for _, c := range []struct {
		lang string
		want float64
	}{{"en", 11}, {"ur", 15}, {"pnb", 15}, {"sd", 12.5}, {"bal", 12.5}} {
		if got := MatchedSize(c.lang, 11); got != c.want {
			t.Errorf("%s: %.1f pt beside 11 pt Latin, want %.1f", c.lang, got, c.want)
		}
	}
	for _, lang := range []string{"en", "ur", "sd"} {
		t.Logf("%s: body height %.0f units", lang, BodyHeight(fonts.ScriptFont(lang)))
	}
}

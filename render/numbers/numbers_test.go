package numbers_test

import (
	"reflect"
	"testing"

	"github.com/ualetters/ualetters/render/numbers"
	"github.com/ualetters/ualetters/render/text"
)

// The DOCX's rule is the text engine's: the units and the direction agree
// with render/text's own UAX #9 resolution.
func TestAgreesWithTextEngine(t *testing.T) {
	for _, c := range []struct {
		s     string
		units [][2]int
		rtl   bool
	}{
		{"فون 0300-1234567 پر", [][2]int{{7, 19}}, true},
		{"UA 109/23 کے بارے میں", nil, false},
		{"\u2067abc\u2069 تاریخ 20-11-2023", [][2]int{{21, 31}}, true},
		{"\u2066سلام\u2069 Hello", nil, false},
		{"10:30 بجے", [][2]int{{0, 5}}, true},
	} {
		if got := numbers.InString(c.s); !reflect.DeepEqual(got, c.units) && !(len(got) == 0 && len(c.units) == 0) {
			t.Errorf("%q: units %v, want %v", c.s, got, c.units)
		}
		if got := numbers.IsRTL(c.s); got != c.rtl || got != text.IsRTL(c.s) {
			t.Errorf("%q: IsRTL %v, text engine %v, want %v", c.s, got, text.IsRTL(c.s), c.rtl)
		}
	}
}

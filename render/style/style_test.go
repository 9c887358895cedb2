package style

import (
	"testing"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/letter"
)

func TestSizesInHalfPoints(t *testing.T) {
	cases := []struct {
		lang string
		role letter.Role
		want float64
	}{
		{"ur", letter.RoleBody, 11}, {"ur", letter.RoleSender, 10}, {"ur", letter.RoleCopies, 9.5},
		{"sd", letter.RoleBody, 12}, {"sd", letter.RoleSender, 11}, {"sd", letter.RoleCopies, 10},
		{"en", letter.RoleCoverTitle, 22}, {"en", letter.RoleCoverField, 12},
	}
	for _, c := range cases {
		b, ok := For(c.role)
		if !ok {
			t.Fatalf("no style for %s", c.role)
		}
		if got := Size(c.lang, b); got != c.want {
			t.Errorf("%s %s: %g pt, want %g", c.lang, c.role, got, c.want)
		}
	}
	if _, ok := For("poem"); ok {
		t.Error("unknown role has a style")
	}
	if p := ProfileFor("pnb"); p.ScriptFont != fonts.NastaliqRegular || p.BodySize != 11 {
		t.Errorf("pnb profile %+v", p)
	}
}

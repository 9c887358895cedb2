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
		{"ur", letter.RoleBody, 15}, {"ur", letter.RoleSender, 13.5}, {"ur", letter.RoleCopies, 13},
		{"sd", letter.RoleBody, 12.5}, {"sd", letter.RoleSender, 11.5}, {"sd", letter.RoleCopies, 10.5},
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
	if got := LatinSizeOf(blocks[letter.RoleCopies]); got != 9.5 {
		t.Errorf("Latin copies: %g pt, want 9.5", got)
	}
	if _, ok := For("poem"); ok {
		t.Error("unknown role has a style")
	}
	if p := ProfileFor("pnb"); p.ScriptFont != fonts.NastaliqRegular || p.BodySize != 15 || p.LatinSize != 11 {
		t.Errorf("pnb profile %+v", p)
	}
}

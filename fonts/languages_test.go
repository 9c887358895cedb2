package fonts

import "testing"

// TestShapingLanguage: the OpenType language systems of the bundled fonts
// are URD and SND (docs/DESIGN.md), so Arabic-script runs are shaped as
// Sindhi in Sindhi and as Urdu everywhere else; Latin runs take the
// letter's language in a Latin letter and English inside a right-to-left
// one.
func TestShapingLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang   string
		arabic bool
		want   string
	}{
		{"ur", true, "ur"}, {"pnb", true, "ur"}, {"sd", true, "sd"}, {"bal", true, "ur"},
		{"en", true, "ur"}, {"fr", true, "ur"}, {"xx", true, "ur"}, {"", true, "ur"},
		{"ur", false, "en"}, {"pnb", false, "en"}, {"sd", false, "en"}, {"bal", false, "en"},
		{"en", false, "en"}, {"fr", false, "fr"}, {"de", false, "de"}, {"", false, "en"}, {"es", false, "es"},
	} {
		if got := ShapingLanguage(tc.lang, tc.arabic); got != tc.want {
			t.Errorf("ShapingLanguage(%q, arabic %v) = %q, want %q", tc.lang, tc.arabic, got, tc.want)
		}
	}
}

// TestLanguageTable: the right-to-left languages are exactly those set in
// an Arabic font, and every language shapes its own script with a
// language system the font has.
func TestLanguageTable(t *testing.T) {
	for _, code := range Languages() {
		l, _ := LanguageOf(code)
		if l.RTL != l.Script.Arabic() {
			t.Errorf("%s: RTL %v but script font %s", code, l.RTL, l.Script.Family())
		}
		if l.Script.Arabic() && l.Shaping != "ur" && l.Shaping != "sd" {
			t.Errorf("%s: shaped as %q; the Arabic fonts have only URD and SND", code, l.Shaping)
		}
	}
	if got := len(Languages()); got != 7 {
		t.Errorf("%d languages, want the 7 of the letters", got)
	}
}

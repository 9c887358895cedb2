package catalogue_test

import (
	"strings"
	"testing"

	"github.com/ualetters/ualetters/catalogue"
)

// TestDateRulesChecked: each misuse of day_suffixes, year_mark and
// {{date YYYY-MM-DD}} must give a problem naming file and line.
func TestDateRulesChecked(t *testing.T) {
	const fr, ur = "locales/fr.yaml", "locales/ur.yaml"
	const frLetter, urLetter = "actions/109-23/letter.fr.yaml", "actions/109-23/letter.ur.yaml"
	cases := []struct{ name, file, old, new, want string }{
		{"suffix with digits", fr, "{1: er}", "{1: 1er}", fr + ":{line}: day_suffixes: 1: \"1er\" must be a non-empty suffix"},
		{"day 32", fr, "{1: er}", "{32: e}", fr + ":{line}: day_suffixes: \"32\" is not a day"},
		{"padded day", fr, "date_pattern: d MMMM y", "date_pattern: dd MMMM y", fr + ":8: day_suffixes need the field d"},
		{"no day field", fr, "date_pattern: d MMMM y", "date_pattern: MMMM y", fr + ":8: day_suffixes: date_pattern \"MMMM y\" has no day field"},
		{"year mark without year", ur, "date_pattern: d MMMM y", "date_pattern: d MMMM", ur + ":11: year_mark \"ء\": date_pattern \"d MMMM\" has no year field"},
		{"year mark with digit", ur, "year_mark: ء", "year_mark: ء1", ur + ":{line}: year_mark \"ء1\" contains a digit"},
		{"year mark empty", ur, "year_mark: ء", "year_mark: \"\"", ur + ":{line}: year_mark is empty"},
		{"hand date", frLetter, "Depuis le {{date 2023-11-01}}", "Depuis le 1er novembre 2023", frLetter + ":{line}: date \"1er novembre 2023\" written by hand: write {{date 2023-11-01}}"},
		{"hand date without suffix", frLetter, "Depuis le {{date 2023-11-01}}", "Depuis le 1 novembre 2023", frLetter + ":{line}: date \"1 novembre 2023\" written by hand"},
		{"hand date Urdu", urLetter, "{{date 2023-11-01}} سے", "1 نومبر 2023ء سے", urLetter + ":{line}: date \"1 نومبر 2023\" written by hand"},
		{"doubled year mark", urLetter, "{{date 2023-11-01}} سے", "{{date 2023-11-01}}ء سے", urLetter + ":{line}: year mark \"ء\" after {{date 2023-11-01}}"},
		{"bad fixed date", frLetter, "{{date 2023-11-01}}", "{{date 2023-11-31}}", frLetter + ":{line}: {{date 2023-11-31}}: not a date"},
		{"fixed date in a label", fr, "Veuillez trouver ci-joint un appel.", "Appel du {{date 2023-11-01}}.", fr + ":24: {{date 2023-11-01}}: dates are not allowed here"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := copyFS(t)
			edit(t, m, tc.file, tc.old, tc.new)
			var all []string
			for _, p := range catalogue.CheckTemplates(m) {
				all = append(all, p.String())
			}
			if want := atLine(t, tc.file, tc.old, tc.want); !strings.Contains(strings.Join(all, "\n"), want) {
				t.Errorf("problems:\n%s\nwant one containing %q", strings.Join(all, "\n"), want)
			}
		})
	}
}

package letter_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ualetters/ualetters/letter"
)

// TestFixedDatesFollowLocale: dates inside the letter text take the same
// rules as the letter's own date line.
func TestFixedDatesFollowLocale(t *testing.T) {
	c := loadCat(t)
	want := map[string][]string{
		"fr": {"le 3 octobre 2023", "Depuis le 1er novembre 2023"},
		"ur": {"3 اکتوبر 2023ء کے", "1 نومبر 2023ء سے"},
		"de": {"vom 3. Oktober 2023", "Seit dem 1. November 2023"},
	}
	for lang, phrases := range want {
		d := compose(t, c, lang, letter.Female)
		text := docText(d)
		for _, p := range phrases {
			if !strings.Contains(text, p) {
				t.Errorf("%s letter lacks %q", lang, p)
			}
		}
	}
	d, err := letter.ComposeRequest(c, letter.Request{ActionID: "109-23", Lang: "fr", Signer: signer(letter.Female), Date: "2023-11-01"}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if got := blocks(d, letter.RoleDate)[0].Lines[0].Text(); got != "Bern, le 1er novembre 2023" {
		t.Errorf("French date line %q", got)
	}
}

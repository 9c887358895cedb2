package letter_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/ualetters/ualetters/letter"
)

var arabicScript = map[string]bool{"ur": true, "sd": true, "bal": true, "pnb": true}

// cityOfEmbassy is how each language writes Bern.
var cityOfEmbassy = map[string]string{"en": "Bern", "de": "Bern", "fr": "Berne", "ur": "برن", "sd": "برن", "bal": "برن", "pnb": "برن"}

func hasLatin(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Latin, r) })
}

// TestCopyListInLetterLanguage: the copies are named in the letter's
// language (no Latin letters in an Arabic-script letter, no English
// ministers in French or German), and the embassy with its city.
func TestCopyListInLetterLanguage(t *testing.T) {
	c := loadCat(t)
	english := []string{"Minister of", "Embassy", "Botschaft von Pakistan"}
	for _, lang := range allLangs {
		copies := blocks(compose(t, c, lang, letter.Male), letter.RoleCopies)[0].Lines[1:]
		if len(copies) != 3 {
			t.Fatalf("%s: %d copies", lang, len(copies))
		}
		if !strings.Contains(copies[0].Text(), cityOfEmbassy[lang]) {
			t.Errorf("%s: embassy %q without its city %q", lang, copies[0].Text(), cityOfEmbassy[lang])
		}
		for _, l := range copies {
			switch {
			case arabicScript[lang] && hasLatin(l.Text()):
				t.Errorf("%s: copy %q has Latin letters", lang, l.Text())
			case lang == "fr" || lang == "de":
				for _, e := range english {
					if strings.Contains(l.Text(), e) && !(lang == "de" && e == "Botschaft von Pakistan") {
						t.Errorf("%s: copy %q is not in %s", lang, l.Text(), lang)
					}
				}
			}
		}
	}
}

// TestRecipientBlock: the addressee's heading is in the letter's language,
// the postal lines are exactly those of the UA, in Latin script, and in
// right-to-left letters laid out as LTR isolates.
func TestRecipientBlock(t *testing.T) {
	c := loadCat(t)
	a, _ := c.Action("109-23")
	for _, lang := range allLangs {
		for _, r := range a.Recipients {
			d, err := letter.ComposeRequest(c, letter.Request{ActionID: "109-23", Lang: lang, Signer: signer(letter.Female), Recipient: r.Key}, now)
			if err != nil {
				t.Fatal(err)
			}
			lines := blocks(d, letter.RoleRecipient)[0].Lines
			postal := append(append([]string(nil), r.Address...), r.Country)
			if len(lines) <= len(postal) {
				t.Fatalf("%s/%s: %d lines", lang, r.Key, len(lines))
			}
			head, tail := lines[:len(lines)-len(postal)], lines[len(lines)-len(postal):]
			for i, l := range tail {
				if l.Text() != postal[i] {
					t.Errorf("%s/%s: postal line %q, want %q", lang, r.Key, l.Text(), postal[i])
				}
				if arabicScript[lang] && l.Runs[0].Kind != letter.LTRIsolate {
					t.Errorf("%s/%s: postal line %q is not an LTR isolate", lang, r.Key, l.Text())
				}
			}
			for _, l := range head {
				if arabicScript[lang] && hasLatin(l.Text()) {
					t.Errorf("%s/%s: heading %q has Latin letters", lang, r.Key, l.Text())
				}
			}
		}
	}
}

// TestNamingChecked: heading is needed for every language, copy for every
// copy recipient's language, and the main addressee has no copy line.

package catalogue_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/model"
	"github.com/ualetters/ualetters/templates"
)

func TestShippedTemplatesPass(t *testing.T) {
	if ps := catalogue.CheckTemplates(templates.FS); len(ps) > 0 {
		for _, p := range ps {
			t.Error(p)
		}
	}
}

func TestBrokenFixtures(t *testing.T) {
	cases := map[string]string{
		"missing-block":       `actions/t-1/letter.ur.yaml:1: missing block "closing"`,
		"missing-language":    `actions/t-1/action.yaml:11: title: missing language "ur"`,
		"unknown-placeholder": `actions/t-1/letter.ur.yaml:7: unknown placeholder {{sender}}`,
		"uncovered-character": `actions/t-1/letter.en.yaml:7: U+0915 "क"`,
		"script-font":         `actions/t-1/letter.ur.yaml:8: U+06AA "ڪ": Noto Nastaliq Urdu, the script font for ur, lacks`,
		"bad-fax":             `actions/t-1/action.yaml:37: recipient "copy": fax number "call the embassy" (region "PK") does not parse`,
		"bad-yaml":            `actions/t-1/letter.en.yaml:2: bad YAML: mapping values are not allowed`,
		"duplicate-reference": `actions/t-2/action.yaml:4: reference "UA 1/00" is already used by action t-1`,
	}
	entries, err := os.ReadDir("../testdata/templates-broken")
	if err != nil {
		t.Fatal(err)
	}
	dirs := 0
	for _, e := range entries {
		if e.IsDir() {
			dirs++
		}
	}
	if dirs != len(cases) {
		t.Errorf("%d fixture directories, %d cases", dirs, len(cases))
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			fsys := os.DirFS(filepath.Join("../testdata/templates-broken", name))
			ps := catalogue.CheckTemplates(fsys)
			if len(ps) != 1 {
				t.Errorf("want exactly one problem, got %d: %v", len(ps), ps)
			}
			if len(ps) == 0 || !strings.HasPrefix(ps[0].String(), want) {
				t.Errorf("got %v\nwant prefix %s", ps, want)
			}
			_, err := catalogue.Load(fsys)
			var te *catalogue.TemplateError
			if !errors.As(err, &te) || !strings.Contains(err.Error(), want) {
				t.Errorf("Load: %v", err)
			}
		})
	}
}

// TestTemplateProblems covers checks the fixtures do not: each edit of the
// shipped templates must give a problem naming file and line.
func TestTemplateProblems(t *testing.T) {
	const fr = "actions/109-23/letter.fr.yaml"
	cases := []struct{ name, file, old, new, want string }{
		{"two alternatives", fr, "{{Profondément préoccupée, je vous écris au sujet de|", "{{", fr + ":{line}: gender variant"},
		{"slash form", "actions/109-23/letter.ur.yaml", "لکھ رہی ہوں|", "لکھ رہا/رہی ہوں|", "letter.ur.yaml:{line}: slash form"},
		{"unclosed", fr, "signature: \"{{signer}}\"", "signature: \"{{signer\"", fr + ":{line}: unclosed"},
		{"status", fr, "status: draft", "status: final", fr + ":{line}: status \"final\""},
		{"unknown key", fr, "status: draft", "author: x\nstatus: draft", fr + ":{line}: unknown key \"author\""},
		{"locale label", "locales/de.yaml", "  pages: Seiten\n", "", "locales/de.yaml:8: labels: missing \"pages\""},
		{"locale placeholder", "locales/de.yaml", "{{pages}} Seiten", "{{n}} Seiten", "locales/de.yaml:19: unknown placeholder {{n}}"},
		{"retired locale key", "locales/sd.yaml", "tag: sd-Arab-PK\n", "tag: sd-Arab-PK\nfont: Noto Nastaliq Urdu\n", "locales/sd.yaml:6: \"font\" is no longer set here"},
		{"month count", "locales/en.yaml", "November, December]", "November]", "locales/en.yaml:7: months: need 12"},
		{"salutation", "actions/109-23/action.yaml", "      fr: Excellence,\n", "", "action.yaml:{line-6}: salutation: missing language \"fr\""},
		{"invalid fax", "actions/109-23/action.yaml", "051-9207600", "051-92", "action.yaml:{line}: recipient \"foreign-affairs\": fax number \"051-92\" (region \"PK\") is not a valid number"},
		{"two mains", "actions/109-23/action.yaml", "role: copy\n    lang: de", "role: main\n    lang: de", "need exactly one main recipient"},
		{"forward", "actions/109-23/action.yaml", "forward: true", "forward: yes please", "action.yaml:{line}: recipient \"embassy-bern\": forward must be true or false"},
		{"slash in closing", "actions/109-23/letter.pnb.yaml", "تہاڈی مخلص،|", "تہاڈی/تہاڈا مخلص،|", "letter.pnb.yaml:{line}: slash form"},
		{"language twice", "actions/109-23/action.yaml", "fr, de]", "fr, de, fr]", "action.yaml:13: language \"fr\" listed twice"},
		{"time zone", "actions/109-23/action.yaml", "Asia/Karachi", "Asia/Nowhere", "action.yaml:12: time_zone"},
		{"missing letter", "actions/109-23/action.yaml", "[en, ur, sd, bal, pnb, fr, de]", "[en, ur, sd, bal, pnb, fr, de, it]", "action.yaml:13: language \"it\" has no locale file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := copyFS(t)
			edit(t, m, tc.file, tc.old, tc.new)
			ps := catalogue.CheckTemplates(m)
			var all []string
			for _, p := range ps {
				all = append(all, p.String())
			}
			if want := atLine(t, tc.file, tc.old, tc.want); !strings.Contains(strings.Join(all, "\n"), want) {
				t.Errorf("problems:\n%s\nwant one containing %q", strings.Join(all, "\n"), want)
			}
		})
	}
}

func TestFaxNumbersE164(t *testing.T) {
	a, err := loadCat(t).Action("109-23")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"prime-minister": "", "embassy-bern": "+41313501799",
		"interior": "+92519202624", "foreign-affairs": "+92519207600"}
	for key, fax := range want {
		r, err := a.Recipient(key)
		if err != nil {
			t.Fatal(err)
		}
		if r.Fax != fax {
			t.Errorf("%s: fax %q, want %q", key, r.Fax, fax)
		}
	}
	if r, _ := a.Recipient("embassy-bern"); r.FaxDisplay() != "+41 31 350 17 99" {
		t.Errorf("display %q", r.FaxDisplay())
	}
}

func TestActionJSON(t *testing.T) {
	a, _ := loadCat(t).Action("109-23")
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		ID, Reference string
		AIIndex       string `json:"ai_index"`
		Deadline      string
		TimeZone      string `json:"time_zone"`
		Languages     []struct{ Code, Status, Dir string }
		Recipients    []struct{ Key, Role, Fax string }
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got.AIIndex != "ASA 33/7416/2023" || got.Reference != "UA 109/23" || got.Deadline != "2024-02-08" || got.TimeZone != "Asia/Karachi" {
		t.Errorf("metadata: %s", data)
	}
	if len(got.Languages) != 7 {
		t.Fatalf("languages: %+v", got.Languages)
	}
	for _, l := range got.Languages {
		wantStatus, wantDir := "draft", "rtl"
		if l.Code == "en" {
			wantStatus = "source"
		}
		if l.Code == "en" || l.Code == "fr" || l.Code == "de" {
			wantDir = "ltr"
		}
		if l.Status != wantStatus || l.Dir != wantDir {
			t.Errorf("%s: status %s dir %s", l.Code, l.Status, l.Dir)
		}
	}
	if len(got.Recipients) != 4 || got.Recipients[0].Role != "main" || got.Recipients[1].Fax != "+41313501799" {
		t.Errorf("recipients: %+v", got.Recipients)
	}
}

func TestUnknownAction(t *testing.T) {
	_, err := loadCat(t).Action("999-99")
	if !errors.Is(err, catalogue.ErrUnknownAction) || !strings.Contains(err.Error(), "109-23") {
		t.Errorf("got %v", err)
	}
}

func TestDatePatternChecked(t *testing.T) {
	m := copyFS(t)
	edit(t, m, "locales/en.yaml", "date_pattern: d MMMM y", "date_pattern: EEEE d MMM y")
	got := ""
	for _, p := range catalogue.CheckTemplates(m) {
		got += p.String() + "\n"
	}
	if !strings.Contains(got, `locales/en.yaml:6: date_pattern: unsupported field "MMM"`) {
		t.Errorf("problems:\n%s", got)
	}
}

// TestActionOpen: UA 109/23 takes letters until the end of its deadline
// day, 2024-02-08, in Asia/Karachi (UTC+5): open at 18:59:59 UTC, closed
// from 19:00 UTC.
func TestActionOpen(t *testing.T) {
	c, err := catalogue.Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Action("109-23")
	if err != nil {
		t.Fatal(err)
	}
	closes := time.Date(2024, 2, 8, 19, 0, 0, 0, time.UTC)
	for at, want := range map[time.Time]bool{
		time.Date(2023, 11, 20, 9, 0, 0, 0, time.UTC): true,
		closes.Add(-time.Second):                      true,
		closes:                                        false,
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC):   false,
	} {
		if got := a.Open(at); got != want {
			t.Errorf("Open(%s) = %v, want %v", at, got, want)
		}
	}
}

// TestNativeReviewChecked: only a draft can need native review, and the
// value must be a boolean.
func TestNativeReviewChecked(t *testing.T) {
	const bal = "actions/109-23/letter.bal.yaml"
	for _, tc := range []struct{ old, new, want string }{
		{"status: draft", "status: reviewed", bal + ":18: needs_native_review: a reviewed letter cannot need native review"},
		{"needs_native_review: true", "needs_native_review: maybe", bal + ":{line}: needs_native_review must be true or false"},
	} {
		m := copyFS(t)
		edit(t, m, bal, tc.old, tc.new)
		got := ""
		for _, p := range catalogue.CheckTemplates(m) {
			got += p.String() + "\n"
		}
		if want := atLine(t, bal, tc.old, tc.want); !strings.Contains(got, want) {
			t.Errorf("problems:\n%s\nwant %q", got, want)
		}
	}
}

// TestLocaleNeedsTypesettingFacts: a locale's direction and script font
// come from package fonts, so a locale for a language fonts does not know
// is a problem, not a letter set in a guessed direction.
func TestLocaleNeedsTypesettingFacts(t *testing.T) {
	m := copyFS(t)
	m["locales/ps.yaml"] = m["locales/ur.yaml"]
	got := ""
	for _, p := range catalogue.CheckTemplates(m) {
		got += p.String() + "\n"
	}
	if !strings.Contains(got, `locales/ps.yaml: no typesetting facts for language "ps"`) {
		t.Errorf("problems:\n%s", got)
	}
	c := loadCat(t)
	for _, code := range []string{"ur", "sd", "en"} {
		a, _ := c.Action("109-23")
		lt, _ := a.Letter(code)
		f, _ := fonts.LanguageOf(code)
		if lt.Locale.Font != f.Script.Family() || (lt.Locale.Dir == model.RTL) != f.RTL {
			t.Errorf("%s: locale font %q dir %s, fonts says %s rtl %v", code, lt.Locale.Font, lt.Locale.Dir, f.Script.Family(), f.RTL)
		}
	}
}

package catalogue_test

import (
	"strings"
	"testing"

	"github.com/ualetters/ualetters/catalogue"
)

func TestNamingChecked(t *testing.T) {
	const f = "actions/109-23/action.yaml"
	for _, tc := range []struct{ old, new, want string }{
		{"      fr: Ambassade du Pakistan à Berne\n", "", f + ":{line-6}: copy: missing language \"fr\""},
		{"      de: [Herrn Sarfraz Bugti, Innenminister, Innenministerium]\n", "", "heading: missing language \"de\""},
		{"      ur: [سرفراز بگٹی, وزیر داخلہ, وزارتِ داخلہ]", "      ur: سرفراز بگٹی", "heading.ur: expected a list of lines"},
		{"    salutation:\n      # The model", "    copy: {en: x}\n    salutation:\n      # The model", "the main addressee is never in the copy list"},
	} {
		m := copyFS(t)
		edit(t, m, f, tc.old, tc.new)
		got := ""
		for _, p := range catalogue.CheckTemplates(m) {
			got += p.String() + "\n"
		}
		if want := atLine(t, f, tc.old, tc.want); !strings.Contains(got, want) {
			t.Errorf("problems:\n%s\nwant %q", got, want)
		}
	}
}

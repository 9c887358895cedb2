package api

import "testing"

// TestNativeReviewInCatalogue: GET /v1/actions says which letters need a
// native speaker's review (Balochi), distinctly from an ordinary draft,
// and still offers them.
func TestNativeReviewInCatalogue(t *testing.T) {
	ts := start(t, Config{})
	var list struct {
		Actions []struct {
			ID        string
			Languages []struct {
				Code   string
				Status string
				Review *bool `json:"needs_native_review"`
			}
		}
	}
	ts.getJSON(t, "/v1/actions", &list)
	seen := map[string]bool{}
	for _, l := range list.Actions[0].Languages {
		seen[l.Code] = true
		switch {
		case l.Code == "bal" && (l.Review == nil || !*l.Review || l.Status != "draft"):
			t.Errorf("bal: status %q, needs_native_review %v; want draft and true", l.Status, l.Review)
		case l.Code != "bal" && l.Review != nil:
			t.Errorf("%s: needs_native_review present (%v); want it absent", l.Code, *l.Review)
		}
	}
	if !seen["bal"] {
		t.Error("the Balochi letter is no longer offered")
	}
}

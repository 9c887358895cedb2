package api

import (
	"net/http"
	"strings"
	"testing"
)

const site = "https://campaign.example.org"

// TestCORSPreflight: a preflight from the configured origin gets 204 with
// the method and headers a fetch() of the letter, fax and batch routes
// needs; another origin gets no CORS headers.
func TestCORSPreflight(t *testing.T) {
	ts := start(t, Config{CORSOrigins: []string{site}})
	for _, path := range []string{"/v1/actions/109-23/letter", "/v1/actions/109-23/fax", "/v1/actions/109-23/faxes"} {
		resp, body := ts.do(t, "OPTIONS", path, nil, map[string]string{
			"Origin": site, "Access-Control-Request-Method": "POST",
			"Access-Control-Request-Headers": "content-type,authorization",
		})
		h := resp.Header
		if resp.StatusCode != 204 || h.Get("Access-Control-Allow-Origin") != site ||
			h.Get("Access-Control-Allow-Methods") != "POST" || !strings.Contains(h.Get("Vary"), "Origin") {
			t.Errorf("%s: preflight %d %v %s", path, resp.StatusCode, h, body)
		}
		for _, want := range []string{"Content-Type", "Authorization", "Accept-Language"} {
			if !strings.Contains(h.Get("Access-Control-Allow-Headers"), want) {
				t.Errorf("%s: Access-Control-Allow-Headers %q lacks %s", path, h.Get("Access-Control-Allow-Headers"), want)
			}
		}
		resp, _ = ts.do(t, "OPTIONS", path, nil, map[string]string{
			"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
		if resp.StatusCode != 403 || resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s: preflight from another origin: %d, Allow-Origin %q", path, resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
		}
	}
	resp, _ := ts.do(t, "OPTIONS", "/v1/actions/109-23/letter", nil, map[string]string{
		"Origin": site, "Access-Control-Request-Method": "DELETE"})
	if resp.StatusCode != 405 || resp.Header.Get("Access-Control-Allow-Methods") != "" {
		t.Errorf("preflight for DELETE: %d %v", resp.StatusCode, resp.Header)
	}
}

// TestCORSResponse: the letter answered to the allowed origin names it and
// exposes the headers the page reads; the same request from another
// origin, or to a server without CORS origins, carries no CORS headers.
func TestCORSResponse(t *testing.T) {
	ts := start(t, Config{CORSOrigins: []string{site, "http://localhost:3000"}})
	fields := map[string]any{"lang": "en", "name": "Jane Doe"}
	resp, body := ts.postForm(t, "/v1/actions/109-23/letter", fields, map[string]string{"Origin": site})
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != site {
		t.Fatalf("status %d, Allow-Origin %q: %s", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"), body)
	}
	exposed := resp.Header.Get("Access-Control-Expose-Headers")
	for _, h := range []string{"Content-Disposition", "X-Pages", "X-Fax-Number", "X-Fax-Pages", "ETag"} {
		if !strings.Contains(exposed, h) {
			t.Errorf("Access-Control-Expose-Headers %q lacks %s", exposed, h)
		}
	}
	resp, _ = ts.postForm(t, "/v1/actions/109-23/letter", fields, map[string]string{"Origin": "https://campaign.example.org.evil.example"})
	if v := resp.Header.Get("Access-Control-Allow-Origin") + resp.Header.Get("Access-Control-Expose-Headers"); v != "" {
		t.Errorf("another origin got CORS headers %q", v)
	}
	// A problem answer reaches the page too, so it can show the message.
	resp, _ = ts.postForm(t, "/v1/actions/109-23/letter", map[string]any{"lang": "en"}, map[string]string{"Origin": site})
	if resp.StatusCode != 400 || resp.Header.Get("Access-Control-Allow-Origin") != site {
		t.Errorf("problem answer: %d, Allow-Origin %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
	}
	plain := start(t, Config{})
	resp, _ = plain.postForm(t, "/v1/actions/109-23/letter", fields, map[string]string{"Origin": site})
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("a server without CORS origins sent Access-Control-Allow-Origin")
	}
	resp, _ = plain.do(t, "OPTIONS", "/v1/actions/109-23/letter", nil, map[string]string{"Origin": site, "Access-Control-Request-Method": "POST"})
	if resp.StatusCode == 204 || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("a server without CORS origins answered a preflight: %d", resp.StatusCode)
	}
}

// TestIgnoreFields: configured fields vanish from forms and query strings;
// any other unknown field is still 400 naming it; JSON stays strict.
func TestIgnoreFields(t *testing.T) {
	ts := start(t, Config{IgnoreFields: []string{"op", "form_token"}})
	fields := map[string]any{"lang": "en", "name": "Jane Doe", "op": "Download", "form_token": "abc123"}
	for name, post := range map[string]func(*testing.T, string, map[string]any, map[string]string) (*http.Response, []byte){
		"form": ts.postForm, "query": ts.postQuery,
	} {
		if resp, body := post(t, "/v1/actions/109-23/letter", fields, nil); resp.StatusCode != 200 {
			t.Errorf("%s with ignored fields: %d %s", name, resp.StatusCode, body)
		}
		resp, body := post(t, "/v1/actions/109-23/letter", merge2(fields, map[string]any{"nmae": "x"}), nil)
		if p := problem(t, resp, body); resp.StatusCode != 400 || len(p.Errors) != 1 || p.Errors[0].Field != "nmae" {
			t.Errorf("%s with a typo: %d %s", name, resp.StatusCode, body)
		}
	}
	resp, body := ts.postForm(t, "/v1/actions/109-23/fax", merge2(fields, map[string]any{"recipient": "interior"}), nil)
	if resp.StatusCode != 200 {
		t.Errorf("fax with ignored fields: %d %s", resp.StatusCode, body)
	}
	resp, body = ts.postJSON(t, "/v1/actions/109-23/letter", fields, nil)
	if p := problem(t, resp, body); resp.StatusCode != 400 || p.Errors[0].Field != "op" && p.Errors[0].Field != "form_token" {
		t.Errorf("JSON with op: %d %s", resp.StatusCode, body)
	}
	strict := start(t, Config{})
	if resp, _ := strict.postForm(t, "/v1/actions/109-23/letter", fields, nil); resp.StatusCode != 400 {
		t.Errorf("without an ignore list, op is %d, want 400", resp.StatusCode)
	}
}

package api

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ualetters/ualetters/service"
)

// attackBody is the costliest own words the field limits accept: 9,999
// one-letter lines, 223 pages without the page cap.
var attackBody = strings.Repeat("a\n", 9999) + "a"

// TestTooLong: a letter over the page cap is 422 too-long naming body,
// with the page count and the cap, for letters, faxes and batches.
func TestTooLong(t *testing.T) {
	ts := start(t, Config{})
	for _, path := range []string{"/v1/actions/109-23/letter", "/v1/actions/109-23/fax", "/v1/actions/109-23/faxes"} {
		body := map[string]any{"lang": "en", "name": "Jane Doe", "body": attackBody, "format": "pdf"}
		if strings.HasSuffix(path, "/fax") {
			body["recipient"], body["format"] = "interior", "tiff"
		}
		resp, b := ts.postJSON(t, path, body, nil)
		if resp.StatusCode != 422 {
			t.Fatalf("%s: status %d: %s", path, resp.StatusCode, b)
		}
		p := problem(t, resp, b)
		if p.Type != problemNS+"too-long" || !namesField(p, "body") || p.Pages != 223 || p.MaxPages != service.DefaultMaxPages {
			t.Errorf("%s: problem %s", path, b)
		}
	}
}

var inFlightRe = regexp.MustCompile(`(?m)^ualetters_renders_in_flight (\d+)`)

func (ts *testServer) inFlight(t *testing.T) string {
	t.Helper()
	_, m := ts.do(t, "GET", "/metrics", nil, nil)
	g := inFlightRe.FindSubmatch(m)
	if g == nil {
		t.Fatal("no ualetters_renders_in_flight in /metrics")
	}
	return string(g[1])
}

// TestClientsLeave: clients that give up on long fax renders (the page
// cap raised to 300) free their render slots: renders in flight are back
// to 0 within a second of the clients leaving, and the log records 499.
func TestClientsLeave(t *testing.T) {
	ts := startWith(t, Config{MaxRenders: 4, HeavyRenders: 4}, nil, service.WithMaxPages(300))
	body := `{"lang":"en","name":"Jane Doe","recipient":"interior","format":"tiff","body":` + quoteJSON(attackBody) + `}`
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, "POST", ts.url+"/v1/actions/109-23/fax", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
				t.Errorf("the 224-page fax came back within 400 ms: %d", resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	left := time.Now()
	if n := ts.inFlight(t); n == "0" {
		t.Log("renders already stopped when the clients left")
	}
	for ts.inFlight(t) != "0" {
		if time.Since(left) > time.Second {
			t.Fatalf("renders in flight %s a second after the clients left", ts.inFlight(t))
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("renders in flight back to 0 %v after the clients left", time.Since(left))
	if !strings.Contains(ts.logs.String(), `"status":499`) {
		t.Errorf("no 499 in the log:\n%s", ts.logs.String())
	}
}

// TestRenderTimeout: a render longer than the render timeout is ended
// and answered with 503 render-timeout and Retry-After.
func TestRenderTimeout(t *testing.T) {
	ts := startWith(t, Config{RenderTimeout: 150 * time.Millisecond}, nil, service.WithMaxPages(300))
	body := map[string]any{"lang": "en", "name": "Jane Doe", "recipient": "interior", "format": "tiff", "body": attackBody}
	began := time.Now()
	resp, b := ts.postJSON(t, "/v1/actions/109-23/fax", body, nil)
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("status %d, Retry-After %q: %s", resp.StatusCode, resp.Header.Get("Retry-After"), b)
	}
	if p := problem(t, resp, b); p.Type != problemNS+"render-timeout" {
		t.Errorf("problem %s", b)
	}
	t.Logf("render-timeout answer after %v (timeout 150 ms)", time.Since(began))
	if n := ts.inFlight(t); n != "0" {
		t.Errorf("%s renders in flight after the timeout answer", n)
	}
}

func quoteJSON(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "\n", `\n`) + `"`
}

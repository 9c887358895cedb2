package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestOverload: with one heavy render slot and a short queue wait, 40
// parallel fax TIFFs get either their fax or a 503 problem with
// Retry-After; some must be refused (with the limiter disabled none is,
// and the test fails), nothing else happens, and the server stays up.
func TestOverload(t *testing.T) {
	ts := start(t, Config{MaxRenders: 2, HeavyRenders: 1, QueueWait: 50 * time.Millisecond})
	const n = 40
	c := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		counts = map[int]int{}
	)
	body := `{"lang":"en","name":"Amina Rahimi","date":"2023-11-20","recipient":"interior","format":"tiff"}`
	startGate := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-startGate
			resp, err := c.Post(ts.url+"/v1/actions/109-23/fax", "application/json", strings.NewReader(body))
			if err != nil {
				t.Errorf("request failed: %v", err)
				return
			}
			defer resp.Body.Close()
			var p Problem
			switch resp.StatusCode {
			case 200:
			case 503:
				if resp.Header.Get("Retry-After") == "" {
					t.Error("503 without Retry-After")
				}
				if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || p.Status != 503 || p.Type != problemNS+"overloaded" {
					t.Errorf("503 body is not the overloaded problem: %v %+v", err, p)
				}
			default:
				t.Errorf("status %d", resp.StatusCode)
			}
			mu.Lock()
			counts[resp.StatusCode]++
			mu.Unlock()
		}()
	}
	began := time.Now()
	close(startGate)
	wg.Wait()
	c.CloseIdleConnections() // connections dialled but never used would hold up shutdown until the read timeout
	t.Logf("%d parallel fax TIFFs, 1 heavy slot: %v in %v", n, counts, time.Since(began))
	if counts[200] == 0 {
		t.Error("no request got its fax")
	}
	if counts[503] == 0 {
		t.Error("no request was refused: the limiter is not limiting")
	}
	_, m := ts.do(t, "GET", "/metrics", nil, nil)
	if want := fmt.Sprintf("ualetters_renders_rejected_total %d", counts[503]); !strings.Contains(string(m), want) {
		t.Errorf("metrics lack %q", want)
	}
	resp, _ := ts.do(t, "GET", "/healthz", nil, nil)
	if resp.StatusCode != 200 {
		t.Errorf("healthz after overload: %d", resp.StatusCode)
	}
}

// TestLogsHoldNoPersonalData sends letters and bad requests carrying
// distinctive personal values and checks that none reaches the log or
// the metrics, while the log still has the request's route and status.
func TestLogsHoldNoPersonalData(t *testing.T) {
	ts := start(t, Config{})
	personal := map[string]any{
		"name": "Zeynep Quillfeather", "address": []string{"Xylophone Lane 77", "Flat Q9"},
		"postcode": "QX-4471", "city": "Vellmoorbridge", "country": "Ruritania",
		"email": "zeynep.quill@example.org", "body": "Kindly reconsider the deportations, says Zeynep.",
	}
	base := map[string]any{"lang": "en", "date": "2023-11-20"}
	for k, v := range personal {
		base[k] = v
	}
	for _, format := range []string{"pdf", "docx"} {
		f := merge2(base, map[string]any{"format": format})
		for _, send := range []func(*testing.T, string, map[string]any, map[string]string) (*http.Response, []byte){ts.postJSON, ts.postForm, ts.postQuery} {
			if resp, b := send(t, "/v1/actions/109-23/letter", f, map[string]string{"X-Request-ID": "trace-123"}); resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
		}
	}
	// Refused requests carry the values too.
	bad := []map[string]any{
		merge2(base, map[string]any{"gender": "Zeynep Quillfeather"}),
		merge2(base, map[string]any{"lang": "Vellmoorbridge"}),
		merge2(base, map[string]any{"recipient": "zeynep.quill@example.org"}),
		merge2(base, map[string]any{"city": "Vellmoorbridge 北京"}),
		merge2(base, map[string]any{"format": "Xylophone Lane 77"}),
	}
	for _, f := range bad {
		if resp, _ := ts.postJSON(t, "/v1/actions/109-23/letter", f, nil); resp.StatusCode < 400 {
			t.Fatalf("status %d for a bad request", resp.StatusCode)
		}
	}
	_, metrics := ts.do(t, "GET", "/metrics", nil, nil)
	logs := ts.logs.String()
	if !strings.Contains(logs, `"route":"/v1/actions/:id/letter"`) || !strings.Contains(logs, `"request_id":"trace-123"`) ||
		!strings.Contains(logs, `"lang":"en"`) || !strings.Contains(logs, `"format":"docx"`) {
		t.Fatalf("the log lacks route, request id, language or format:\n%s", logs)
	}
	var values []string
	for _, v := range personal {
		switch v := v.(type) {
		case string:
			values = append(values, v)
		case []string:
			values = append(values, v...)
		}
	}
	values = append(values, "Zeynep", "Quillfeather", "Xylophone", "QX-4471", "Vellmoorbridge", "Ruritania", "zeynep.quill")
	sort.Strings(values)
	for _, v := range values {
		if strings.Contains(logs, v) {
			t.Errorf("the log holds personal value %q", v)
		}
		if strings.Contains(string(metrics), v) {
			t.Errorf("the metrics hold personal value %q", v)
		}
	}
}

func merge2(a, b map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// TestOpenAPICoversRoutes checks that /openapi.json documents exactly the
// registered routes.
func TestOpenAPICoversRoutes(t *testing.T) {
	ts := start(t, Config{})
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	ts.getJSON(t, "/openapi.json", &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi %q, want 3.1.x", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" || method == "summary" || method == "description" {
				continue
			}
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	registered := map[string]bool{}
	for _, r := range ts.srv.Routes() {
		registered[r.Method+" "+r.Path] = true
	}
	if len(registered) < 7 {
		t.Fatalf("only %d routes registered: %v", len(registered), registered)
	}
	for r := range registered {
		if !documented[r] {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for r := range documented {
		if !registered[r] {
			t.Errorf("openapi.json documents %s, which is not a route", r)
		}
	}
}

// TestAPIKeys: with keys configured, the letter route needs one; health,
// metrics, OpenAPI and the catalogue stay open.
func TestAPIKeys(t *testing.T) {
	ts := start(t, Config{APIKeys: []string{"k-one", "k-two-longer"}})
	body := map[string]any{"lang": "en", "name": "Amina Rahimi"}
	for _, h := range []map[string]string{nil, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic k-one"}, {"Authorization": "Bearer k-on"}} {
		resp, b := ts.postJSON(t, "/v1/actions/109-23/letter", body, h)
		if resp.StatusCode != 401 {
			t.Fatalf("%v: status %d, want 401", h, resp.StatusCode)
		}
		if p := problem(t, resp, b); !namesField(p, "Authorization") || resp.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("401 problem %+v, WWW-Authenticate %q", p, resp.Header.Get("WWW-Authenticate"))
		}
	}
	for _, h := range []string{"Bearer k-one", "Bearer k-two-longer", "bearer k-one", "BEARER  k-two-longer"} {
		if resp, b := ts.postJSON(t, "/v1/actions/109-23/letter", body, map[string]string{"Authorization": h}); resp.StatusCode != 200 {
			t.Errorf("Authorization: %s: status %d: %s", h, resp.StatusCode, b)
		}
	}
	for _, p := range []string{"/healthz", "/readyz", "/metrics", "/openapi.json", "/v1/actions", "/v1/actions/109-23"} {
		if resp, _ := ts.do(t, "GET", p, nil, nil); resp.StatusCode != 200 {
			t.Errorf("GET %s without a key: %d", p, resp.StatusCode)
		}
	}
	if strings.Contains(ts.logs.String(), "k-one") {
		t.Error("an API key reached the log")
	}
}

// TestMetrics checks the request counter, render histogram and in-flight
// gauge after one letter.
func TestMetrics(t *testing.T) {
	ts := start(t, Config{})
	if resp, b := ts.postForm(t, "/v1/actions/109-23/letter", map[string]any{"lang": "en", "name": "A B"}, nil); resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, b)
	}
	_, m := ts.do(t, "GET", "/metrics", nil, nil)
	for _, want := range []string{
		`ualetters_http_requests_total{format="pdf",lang="en",method="POST",route="/v1/actions/:id/letter",status="200"} 1`,
		`ualetters_render_duration_seconds_count{format="pdf",lang="en"} 1`,
		`ualetters_renders_in_flight 0`,
		`ualetters_renders_rejected_total 0`,
	} {
		if !strings.Contains(string(m), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

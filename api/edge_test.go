package api

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/ualetters/ualetters/service"
)

// startWith runs a server like start, with service options, after hook
// (if any) has added to it.
func startWith(t *testing.T, cfg Config, hook func(*Server), opts ...service.Option) *testServer {
	t.Helper()
	logs := &syncBuffer{}
	cfg.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := New(service.New(testStore(t), append([]service.Option{service.WithClock(fixedNow)}, opts...)...), cfg)
	if hook != nil {
		hook(srv)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-done
	})
	return &testServer{url: "http://" + ln.Addr().String(), srv: srv, logs: logs}
}

// TestPanicRecovered: a handler that panics (registered only here) gets
// the 500 problem, the log has an ERROR line with the stack and no
// personal value, and the server keeps serving.
func TestPanicRecovered(t *testing.T) {
	ts := startWith(t, Config{}, func(s *Server) {
		s.app.Post("/v1/test-panic", func(c fiber.Ctx) error {
			c.Locals(keyPersonal, []string{"Zenobia Quux"})
			var lines []string
			return c.SendString(lines[len(c.Body())+3]) // a real runtime panic: index out of range
		})
		s.app.Post("/v1/test-panic-personal", func(c fiber.Ctx) error {
			c.Locals(keyPersonal, []string{"Zenobia Quux"})
			panic("no glyph for Zenobia Quux")
		})
	})
	for i := 0; i < 3; i++ {
		resp, b := ts.do(t, "POST", "/v1/test-panic", nil, nil)
		if resp.StatusCode != 500 || resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("status %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
		}
		if p := problem(t, resp, b); p.Status != 500 || strings.Contains(string(b), "out of range") {
			t.Errorf("problem %s", b)
		}
	}
	if resp, _ := ts.do(t, "POST", "/v1/test-panic-personal", nil, nil); resp.StatusCode != 500 {
		t.Fatalf("panic with a personal value: %d", resp.StatusCode)
	}
	if resp, _ := ts.do(t, "GET", "/healthz", nil, nil); resp.StatusCode != 200 {
		t.Fatalf("healthz after panics: %d", resp.StatusCode)
	}
	if !strings.Contains(ts.logs.String(), "no glyph for [redacted]") {
		t.Errorf("the personal value in a panic is not redacted:\n%s", ts.logs.String())
	}
	var found bool
	for _, line := range strings.Split(ts.logs.String(), "\n") {
		var e map[string]any
		if json.Unmarshal([]byte(line), &e) != nil || e["msg"] != "panic" {
			continue
		}
		found = true
		if e["level"] != "ERROR" || !strings.Contains(fmt.Sprint(e["stack"]), "edge_test.go") {
			t.Errorf("panic log line lacks level, stack or cause: %s", line)
		}
	}
	if !found || !strings.Contains(ts.logs.String(), "index out of range") {
		t.Fatalf("no panic line with its cause in the log:\n%s", ts.logs.String())
	}
	if strings.Contains(ts.logs.String(), "Zenobia") {
		t.Error("a personal value reached the log")
	}
	if !strings.Contains(ts.logs.String(), `"route":"/v1/test-panic","status":500`) {
		t.Errorf("no access log line with status 500:\n%s", ts.logs.String())
	}
}

// raw sends bytes on a new connection and reads one response.
func (ts *testServer) raw(t *testing.T, req string, pause time.Duration) (*http.Response, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, req); err != nil {
		t.Fatal(err)
	}
	time.Sleep(pause)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%.40q: %v", req, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// TestUnroutedRequests: requests refused before routing are answered
// with their real status as problem+json, and logged and counted with it
// under the route "unmatched" (method "other" for unknown methods).
func TestUnroutedRequests(t *testing.T) {
	ts := start(t, Config{ReadTimeout: 300 * time.Millisecond})
	big := strings.Repeat("x", 20<<10)
	cases := []struct {
		name, req string
		pause     time.Duration
		status    int
		kind      string
	}{
		{"unknown method", "BREW /v1/actions HTTP/1.1\r\nHost: t\r\n\r\n", 0, 501, "method-not-implemented"},
		{"headers too large", "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + big + "\r\n\r\n", 0, 431, "headers-too-large"},
		{"malformed header", "GET /healthz HTTP/1.1\r\nHost: t\r\nno colon here\r\n\r\n", 0, 400, "malformed-request"},
		{"read timeout", "POST /v1/actions/109-23/letter HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nab", time.Second, 408, "timeout"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := ts.raw(t, tc.req, tc.pause)
			if resp.StatusCode != tc.status || resp.Header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("status %d %q, want %d problem+json: %s", resp.StatusCode, resp.Header.Get("Content-Type"), tc.status, b)
			}
			if p := problem(t, resp, b); p.Type != problemNS+tc.kind {
				t.Errorf("type %q, want %q", p.Type, problemNS+tc.kind)
			}
			want := fmt.Sprintf(`"route":"unmatched","status":%d`, tc.status)
			if !strings.Contains(ts.logs.String(), want) {
				t.Errorf("log lacks %s:\n%s", want, ts.logs.String())
			}
		})
	}
	_, m := ts.do(t, "GET", "/metrics", nil, nil)
	for _, want := range []string{
		`ualetters_http_requests_total{format="",lang="",method="other",route="unmatched",status="501"} 1`,
		`route="unmatched",status="431"} 1`, `route="unmatched",status="400"} 1`, `route="unmatched",status="408"} 1`,
	} {
		if !strings.Contains(string(m), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(string(m), `status="404"`) {
		t.Errorf("a refused request was counted as 404:\n%s", grepLines(string(m), "unmatched"))
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestQueryOf8KB: a letter whose own words come in an 8 KB query string
// is accepted (the README promises query strings of about 8 KB).
func TestQueryOf8KB(t *testing.T) {
	ts := start(t, Config{})
	body := strings.Repeat("Please stop the deportations. ", 266)[:7980]
	q := url.Values{"lang": {"en"}, "name": {"Jane Doe"}, "body": {body}}.Encode()
	if len(q) < 8000 {
		t.Fatalf("query of %d bytes", len(q))
	}
	resp, b := ts.do(t, "POST", "/v1/actions/109-23/letter?"+q, nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("query of %d bytes: status %d: %s", len(q), resp.StatusCode, b)
	}
}

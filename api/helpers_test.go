package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/service"
	"github.com/ualetters/ualetters/templates"
)

// syncBuffer collects log output from concurrent handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testServer is a real server on a random loopback port.
type testServer struct {
	url  string
	srv  *Server
	logs *syncBuffer
}

var (
	storeOnce sync.Once
	store     *catalogue.Store
	storeErr  error
)

// testStore loads the shipped templates once (UALETTERS_TEMPLATES may
// name another directory).
func testStore(t *testing.T) *catalogue.Store {
	t.Helper()
	storeOnce.Do(func() {
		var fsys fs.FS = templates.FS
		if dir := os.Getenv("UALETTERS_TEMPLATES"); dir != "" {
			fsys = os.DirFS(dir)
		}
		store, storeErr = catalogue.NewStore(fsys)
	})
	if storeErr != nil {
		t.Fatalf("load templates: %v", storeErr)
	}
	return store
}

// fixedNow pins "today" so letters without a date are reproducible.
func fixedNow() time.Time { return time.Date(2023, 11, 20, 9, 0, 0, 0, time.UTC) }

// start runs a server with cfg on 127.0.0.1:0 until the test ends.
func start(t *testing.T, cfg Config) *testServer {
	t.Helper()
	logs := &syncBuffer{}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	srv := New(service.New(testStore(t), service.WithClock(fixedNow)), cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		client.CloseIdleConnections()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		<-done
	})
	return &testServer{url: "http://" + ln.Addr().String(), srv: srv, logs: logs}
}

var client = &http.Client{Timeout: 30 * time.Second}

// do sends a request and returns the response with its body read.
func (ts *testServer) do(t *testing.T, method, path string, body io.Reader, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.url+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func (ts *testServer) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	resp, b := ts.do(t, "GET", path, nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// postJSON, postForm and postQuery send the same letter fields in the
// three spellings the letter route accepts.
func (ts *testServer) postJSON(t *testing.T, path string, fields map[string]any, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	b, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return ts.do(t, "POST", path, bytes.NewReader(b), merge(header, map[string]string{"Content-Type": "application/json"}))
}

func (ts *testServer) postForm(t *testing.T, path string, fields map[string]any, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	return ts.do(t, "POST", path, strings.NewReader(formValues(fields).Encode()),
		merge(header, map[string]string{"Content-Type": "application/x-www-form-urlencoded"}))
}

func (ts *testServer) postQuery(t *testing.T, path string, fields map[string]any, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	return ts.do(t, "POST", path+"?"+formValues(fields).Encode(), nil, header)
}

func formValues(fields map[string]any) url.Values {
	v := url.Values{}
	for k, x := range fields {
		switch x := x.(type) {
		case []string:
			v[k] = x
		case string:
			v.Set(k, x)
		}
	}
	return v
}

func merge(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// problem decodes a problem+json body, failing if it is not one.
func problem(t *testing.T, resp *http.Response, body []byte) Problem {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json; body %s", ct, body)
	}
	var p Problem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("problem body: %v: %s", err, body)
	}
	if p.Status != resp.StatusCode || p.Type == "" || p.Title == "" {
		t.Fatalf("incomplete problem %+v for status %d", p, resp.StatusCode)
	}
	return p
}

// readerOrNil keeps a nil *bytes.Reader from becoming a non-nil io.Reader.
func readerOrNil(r *bytes.Reader) io.Reader {
	if r == nil {
		return nil
	}
	return r
}

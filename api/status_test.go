package api

import (
	"io"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/ualetters/ualetters/service"
)

// TestActionOpenAndClosed: before UA 109/23's deadline the catalogue says
// open and letters carry X-Action-Status: open; after it (2024-02-08 ends
// at 19:00 UTC in Asia/Karachi) the catalogue says closed, and a letter
// and a fax are still made, marked closed.
func TestActionOpenAndClosed(t *testing.T) {
	for _, tc := range []struct {
		now    time.Time
		status string
	}{
		{time.Date(2024, 2, 8, 18, 59, 0, 0, time.UTC), "open"},
		{time.Date(2024, 2, 8, 19, 0, 0, 0, time.UTC), "closed"},
	} {
		now := tc.now
		srv := New(service.New(testStore(t), service.WithClock(func() time.Time { return now })), Config{})
		app := srv.Handler()
		for _, path := range []string{"/v1/actions", "/v1/actions/109-23"} {
			resp, err := app.Test(httptest.NewRequest("GET", path, nil))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			want := `"open":` + map[string]string{"open": "true", "closed": "false"}[tc.status]
			if !strings.Contains(string(b), want) {
				t.Errorf("%s at %s: no %s in %.300s", path, now, want, b)
			}
		}
		for _, path := range []string{"/v1/actions/109-23/letter", "/v1/actions/109-23/fax"} {
			form := url.Values{"lang": {"en"}, "name": {"Jane Doe"}, "recipient": {"interior"}}
			if strings.HasSuffix(path, "letter") {
				form.Del("recipient")
			}
			req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := app.Test(req, fiber.TestConfig{Timeout: 30 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != 200 || resp.Header.Get("X-Action-Status") != tc.status {
				t.Errorf("%s at %s: %d, X-Action-Status %q, want 200 %q", path, now, resp.StatusCode, resp.Header.Get("X-Action-Status"), tc.status)
			}
		}
	}
}

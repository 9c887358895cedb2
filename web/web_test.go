package web

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v3"

	"github.com/ualetters/ualetters/fonts"
)

func newApp(t *testing.T, opt Options) *fiber.App {
	t.Helper()
	if err := fonts.Load(); err != nil {
		t.Fatal(err)
	}
	app := fiber.New()
	if err := Register(app, opt); err != nil {
		t.Fatal(err)
	}
	return app
}

func get(t *testing.T, app *fiber.App, path string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := app.Test(req)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

// labels are the names the issue gives the page's controls.
var labels = []string{"Action", "Language", "Gender", "Name", "Address", "Postcode", "City",
	"Country", "Email", "Own words", "Paper", "Recipient"}

func TestPage(t *testing.T) {
	for _, keys := range []bool{false, true} {
		res, body := get(t, newApp(t, Options{APIKeys: keys}), "/")
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("GET / = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		if res.Header.Get("Content-Security-Policy") != policy || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET / lacks its security headers: %v", res.Header)
		}
		for _, l := range labels {
			if !regexp.MustCompile(`<label for="[a-z]+">` + l + `[ <(]`).MatchString(body) {
				t.Errorf("no label %q", l)
			}
		}
		hasKey := strings.Contains(body, `<label for="apikey">API key</label>`)
		if hasKey != keys {
			t.Errorf("API keys %v: API key field shown = %v", keys, hasKey)
		}
		if want := map[bool]string{false: `data-api-keys="false"`, true: `data-api-keys="true"`}[keys]; !strings.Contains(body, want) {
			t.Errorf("body lacks %s", want)
		}
	}
}

func TestAssets(t *testing.T) {
	app := newApp(t, Options{})
	want := map[string]string{"/ui/app.js": "text/javascript", "/ui/app.css": "text/css",
		"/ui/icon.svg": "image/svg+xml", "/ui/fonts/NotoNastaliqUrdu-Regular.ttf": "font/ttf",
		"/ui/fonts/NotoNaskhArabic-Bold.ttf": "font/ttf", "/ui/fonts/OFL.txt": "text/plain"}
	for path, ct := range want {
		res, body := get(t, app, path)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), ct) || body == "" {
			t.Errorf("GET %s = %d %q (%d bytes)", path, res.StatusCode, res.Header.Get("Content-Type"), len(body))
		}
	}
	res, _ := get(t, app, "/ui/fonts/NotoNastaliqUrdu-Regular.ttf")
	if res.Header.Get("Content-Length") != "570552" {
		t.Errorf("Nastaliq served with %s bytes, want the bundled file's 570552", res.Header.Get("Content-Length"))
	}
}

func TestRevalidation(t *testing.T) {
	app := newApp(t, Options{})
	res, body := get(t, app, "/")
	etag := res.Header.Get("ETag")
	if etag == "" || res.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, res.Header.Get("Cache-Control"))
	}
	res2, body2 := get(t, app, "/")
	if body2 != body || res2.Header.Get("ETag") != etag {
		t.Error("the page changed between two requests")
	}
	res3, _ := get(t, app, "/", "If-None-Match", etag)
	if res3.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the ETag: %d, want 304", res3.StatusCode)
	}
	res4, _ := get(t, app, "/", "If-None-Match", `"other"`)
	if res4.StatusCode != 200 {
		t.Errorf("If-None-Match with another ETag: %d, want 200", res4.StatusCode)
	}
}

// urlRE finds absolute and protocol-relative URLs in the page's sources.
var urlRE = regexp.MustCompile(`(?i)(https?:)?//[a-z0-9-]+(\.[a-z0-9-]+)+`)

// TestNoOtherOrigin reads every embedded source for a URL of another
// origin (a CDN, web fonts, analytics); the SVG namespace is no request.
// The CSP holds the browser to the same rule; the browser test watches
// every request.
func TestNoOtherOrigin(t *testing.T) {
	err := fs.WalkDir(assets, "assets", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assets.ReadFile(path)
		if err != nil {
			return err
		}
		for _, u := range urlRE.FindAllString(string(b), -1) {
			if u != "http://www.w3.org" {
				t.Errorf("%s refers to another origin: %s", path, u)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range strings.Split(policy, ";") {
		for _, tok := range strings.Fields(src)[1:] {
			if tok != "'self'" && tok != "'none'" && tok != "blob:" {
				t.Errorf("CSP allows %s in %q", tok, src)
			}
		}
	}
}

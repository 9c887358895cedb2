// Package web serves the letter builder: one page (GET /) where staff
// choose an action and a language, fill in the signer's details, watch a
// live preview and download the letter or the faxes. The page is plain
// HTML, CSS and JavaScript embedded in the binary; it talks only to the
// service's own /v1 API and loads nothing from any other origin.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"path"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/ualetters/ualetters/fonts"
)

//go:embed assets
var assets embed.FS

// Options are the facts about the server that the page needs.
type Options struct {
	// APIKeys is true when the letter and fax routes need a bearer key;
	// the page then shows an "API key" field.
	APIKeys bool
}

// policy is the Content-Security-Policy of the page and its assets:
// scripts, styles and requests only to this origin, preview images as
// blob: URLs made from this origin's answers.
const policy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' blob:; font-src 'self'; connect-src 'self'; form-action 'none'; " +
	"base-uri 'none'; frame-ancestors 'none'"

// static lists the assets served under /ui/, with their media types.
var static = map[string]string{
	"app.js":   "text/javascript; charset=utf-8",
	"app.css":  "text/css; charset=utf-8",
	"icon.svg": "image/svg+xml",
}

// file is one prepared answer: bytes, media type and strong ETag.
type file struct {
	body        []byte
	contentType string
	etag        string
}

// Register adds GET / and the page's assets (GET /ui/…) to r.
func Register(r fiber.Router, opt Options) error {
	page, err := renderPage(opt)
	if err != nil {
		return err
	}
	r.Get("/", serve(newFile(page, "text/html; charset=utf-8")))
	for name, ct := range static {
		b, err := assets.ReadFile(path.Join("assets", name))
		if err != nil {
			return fmt.Errorf("web: %w", err)
		}
		r.Get("/ui/"+name, serve(newFile(b, ct)))
	}
	registerFonts(r)
	return nil
}

// pageFonts are the bundled fonts the page shows Arabic-script text in,
// so that Urdu, Sindhi, Balochi and Punjabi read right whatever fonts the
// staff's computer has. The browser fetches them only for such text.
var pageFonts = []fonts.ID{fonts.NastaliqRegular, fonts.NastaliqBold, fonts.NaskhRegular, fonts.NaskhBold}

// registerFonts serves pageFonts and their licence under /ui/fonts/.
func registerFonts(r fiber.Router) {
	for _, id := range pageFonts {
		r.Get("/ui/fonts/"+id.FileName(), serve(newFile(id.Bytes(), "font/ttf")))
	}
	r.Get("/ui/fonts/OFL.txt", serve(newFile(fonts.Licence(), "text/plain; charset=utf-8")))
}

// renderPage executes the page template once: the options never change
// while the server runs, so every answer has the same bytes.
func renderPage(opt Options) ([]byte, error) {
	t, err := template.ParseFS(assets, "assets/index.html")
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, opt); err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	return b.Bytes(), nil
}

func newFile(b []byte, contentType string) *file {
	sum := sha256.Sum256(b)
	return &file{body: b, contentType: contentType,
		etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`}
}

// serve answers with f, or 304 when the client holds these bytes. The
// browser revalidates every time (no-cache), so a new binary's page is
// never mixed with an old script.
func serve(f *file) fiber.Handler {
	return func(c fiber.Ctx) error {
		c.Set(fiber.HeaderContentSecurityPolicy, policy)
		c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
		c.Set(fiber.HeaderReferrerPolicy, "no-referrer")
		c.Set(fiber.HeaderCacheControl, "no-cache")
		c.Set(fiber.HeaderETag, f.etag)
		if matches(c.Get(fiber.HeaderIfNoneMatch), f.etag) {
			return c.SendStatus(fiber.StatusNotModified)
		}
		c.Set(fiber.HeaderContentType, f.contentType)
		return c.Send(f.body)
	}
}

// matches applies If-None-Match's weak comparison.
func matches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

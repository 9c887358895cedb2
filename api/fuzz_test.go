package api

import (
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v3"
	"github.com/valyala/fasthttp"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/templates"
)

// contentTypes are the media types FuzzDecodeInput sends its body as.
var contentTypes = []string{"application/json", "application/x-www-form-urlencoded",
	"application/problem+json; charset=utf-8", "text/plain", "", "application/json; x=\""}

// FuzzDecodeInput feeds the letter input decoder arbitrary bodies (JSON or
// form) and query strings. It must never panic; it fails only with a 400 or
// 415 problem naming a field; a decoded input survives a JSON round trip
// unchanged; and a field never comes from both the body and the query.
func FuzzDecodeInput(f *testing.F) {
	seeds := []struct {
		ct          uint8
		body, query string
	}{
		{0, `{"lang":"ur","name":"امینہ رحیمی","address":["a","b"],"page":2}`, ""},
		{0, `{"name":"Alice","name":"Mallory"}`, ""},
		{0, `{"NAME":"x"}`, "name=y"},
		{0, `{"address":"l1\nl2\r\nl3"}`, "lang=en"},
		{0, `{"n\u0061me":"x","page":1e400}`, ""},
		{1, "lang=en&name=Jane+Doe&address=1&address=2", "format=pdf"},
		{1, "name=%ZZ", ""},
		{1, "body=" + strings.Repeat("a%0A", 50), "page=-1"},
		{2, `{"lang":"en"} {}`, ""},
		{3, "x", ""},
		{4, "", "lang=fr&name=Marie&name=Curie"},
		{5, "{}", ";"},
	}
	for _, s := range seeds {
		f.Add(s.ct, []byte(s.body), []byte(s.query))
	}
	f.Fuzz(func(t *testing.T, ct uint8, body, query []byte) {
		in, err := decodeInput(rawInput{contentType: contentTypes[int(ct)%len(contentTypes)], body: body, query: query})
		if err != nil {
			checkInputError(t, err)
			return
		}
		checkRoundTrip(t, in)
		if len(body) == 0 || in == nil {
			return
		}
		q, qerr := url.ParseQuery(string(query))
		if qerr != nil {
			t.Fatalf("accepted a malformed query %q", query)
		}
		for k := range q {
			if !slices.Contains(fieldNames, k) {
				t.Fatalf("accepted unknown query field %q", k)
			}
		}
	})
}

// checkInputError: every decoding error is a 400 or 415 problem that
// names a field.
func checkInputError(t *testing.T, err error) {
	t.Helper()
	var re *requestError
	if !errors.As(err, &re) {
		t.Fatalf("error %T %v is not a request problem", err, err)
	}
	if re.status != 400 && re.status != 415 {
		t.Fatalf("status %d for %v", re.status, err)
	}
	if len(re.fields) == 0 || re.fields[0].Field == "" {
		t.Fatalf("problem names no field: %v", err)
	}
}

// checkRoundTrip encodes a decoded input as JSON and decodes it again:
// nothing may change (the decoder keeps what the user typed).
func checkRoundTrip(t *testing.T, in *letterInput) {
	t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	again, err := decodeInput(rawInput{contentType: "application/json", body: b})
	if err != nil {
		t.Fatalf("re-decoding %s: %v", b, err)
	}
	if len(in.Address) == 0 {
		again.Address = in.Address // nil and [] print alike
	}
	if !reflect.DeepEqual(in, again) {
		t.Fatalf("round trip changed the input:\n%#v\n%#v", in, again)
	}
}

// FuzzNegotiate feeds Accept and Accept-Language arbitrary values. The
// chosen language is always one the action offers; the format is one of
// those offered or a 406 naming Accept; nothing panics.
func FuzzNegotiate(f *testing.F) {
	for _, s := range [][2]string{
		{"application/pdf", "ur-PK,ur;q=0.9,en;q=0.8"},
		{"*/*;q=0.1, application/vnd.openxmlformats-officedocument.wordprocessingml.document", "sd"},
		{"image/*", "pnb-Arab-PK"},
		{"text/html;q=0", "de-CH;q=0.5, *;q=0.1"},
		{"application/pdf;q=abc", "x-klingon;q=1e9"},
		{"", "bal, fr;q=0.\x00"},
		{",,,;;;", "*"},
	} {
		f.Add(s[0], s[1], "")
		f.Add(s[0], s[1], "docx")
	}
	cat, err := catalogue.Load(templates.FS)
	if err != nil {
		f.Fatal(err)
	}
	act, err := cat.Action("109-23")
	if err != nil {
		f.Fatal(err)
	}
	app := fiber.New()
	f.Fuzz(func(t *testing.T, accept, acceptLang, field string) {
		lang := negotiateLanguage(act, acceptLang)
		if !act.Offers(lang) {
			t.Fatalf("Accept-Language %q chose %q, which the action lacks", acceptLang, lang)
		}
		var rc fasthttp.RequestCtx
		rc.Request.Header.Set(fiber.HeaderAccept, accept)
		c := app.AcquireCtx(&rc)
		defer app.ReleaseCtx(c)
		format, err := negotiateFormat(c, field, letterFormats)
		if err != nil {
			checkNegotiationError(t, err)
			return
		}
		if !slices.Contains(letterFormats, format) {
			t.Fatalf("Accept %q, format %q: chose %q", accept, field, format)
		}
		if field != "" && !strings.EqualFold(field, string(format)) {
			t.Fatalf("format field %q but chose %q", field, format)
		}
	})
}

func checkNegotiationError(t *testing.T, err error) {
	t.Helper()
	var re *requestError
	if !errors.As(err, &re) || (re.status != 406 && re.status != 400) {
		t.Fatalf("negotiation error %v is not a 400/406 problem", err)
	}
	if re.status == 406 && re.fields[0].Field != "Accept" {
		t.Fatalf("406 names %q, not Accept", re.fields[0].Field)
	}
}

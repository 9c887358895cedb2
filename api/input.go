package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v3"
)

// letterInput is the body of POST /v1/actions/{id}/letter and …/fax, in
// any of its three spellings: JSON, a urlencoded form, query parameters.
type letterInput struct {
	Lang      string `json:"lang"`
	Format    string `json:"format"`
	Name      string `json:"name"`
	Address   lines  `json:"address"`
	Postcode  string `json:"postcode"`
	City      string `json:"city"`
	Country   string `json:"country"`
	Email     string `json:"email"`
	Gender    string `json:"gender"`
	Recipient string `json:"recipient"`
	Date      string `json:"date"`
	Paper     string `json:"paper"`
	Body      string `json:"body"`
	Page      int    `json:"page"`
	CoverLang string `json:"cover_lang"`
	// Resolution and Compression are TIFF fax options.
	Resolution  string `json:"resolution"`
	Compression string `json:"compression"`
}

// personal returns the values that identify the signer, which must never
// reach a log.
func (in *letterInput) personal() []string {
	out := []string{in.Name, in.Postcode, in.City, in.Email, in.Body}
	return append(out, in.Address...)
}

var errAddressType = errors.New("address must be an array of strings or a string")

// lines is a list of address lines; JSON may give an array of strings or
// one string with a line per line.
type lines []string

func (l *lines) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*l = splitLines([]string{one})
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return errAddressType
	}
	*l = splitLines(many)
	return nil
}

// splitLines splits each value at line breaks and drops blank lines.
func splitLines(vs []string) []string {
	var out []string
	for _, v := range vs {
		for _, s := range strings.Split(strings.ReplaceAll(v, "\r\n", "\n"), "\n") {
			if strings.TrimSpace(s) != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// parseLetterInput reads the request's query parameters and its body
// (JSON or urlencoded form). A field may come from only one of them.
func parseLetterInput(c fiber.Ctx) (*letterInput, error) {
	return decodeInput(rawInput{
		contentType:     c.Get(fiber.HeaderContentType),
		contentEncoding: c.Get(fiber.HeaderContentEncoding),
		body:            c.BodyRaw(),
		query:           c.RequestCtx().URI().QueryString(),
	})
}

// rawInput is the undecoded input of a letter or fax request.
type rawInput struct {
	contentType, contentEncoding string
	body, query                  []byte
}

// decodeInput decodes the body (JSON or urlencoded form) and the query
// string of a request into one letterInput.
func decodeInput(r rawInput) (*letterInput, error) {
	in := &letterInput{}
	given := map[string]bool{}
	if len(r.body) > 0 {
		if err := decodeBody(r, in, given); err != nil {
			return nil, err
		}
	}
	q, err := url.ParseQuery(string(r.query))
	if err != nil {
		return nil, badRequest("query", "malformed query string: %v", err)
	}
	for k := range q {
		if given[k] {
			return nil, badRequest(k, "given both in the query and in the body")
		}
	}
	if err := in.setAll(q, given, "query"); err != nil {
		return nil, err
	}
	return in, nil
}

// decodeBody decodes a JSON or urlencoded form body into in.
func decodeBody(r rawInput, in *letterInput, given map[string]bool) error {
	if enc := r.contentEncoding; enc != "" && !strings.EqualFold(enc, "identity") {
		return newRequestError(415, "unsupported-media-type", "Content-Encoding", "compressed request bodies are not accepted")
	}
	mt, _, err := mime.ParseMediaType(r.contentType)
	switch {
	case err != nil:
		return unsupportedType()
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return decodeJSON(r.body, in, given)
	case mt == "application/x-www-form-urlencoded":
		vals, err := url.ParseQuery(string(r.body))
		if err != nil {
			return badRequest(bodyField, "malformed form body: %v", err)
		}
		return in.setAll(vals, given, bodyField)
	}
	return unsupportedType()
}

func unsupportedType() error {
	return newRequestError(415, "unsupported-media-type", "Content-Type",
		"send application/json or application/x-www-form-urlencoded, or query parameters with no body")
}

// decodeJSON decodes one JSON object, rejecting unknown fields and
// trailing data, and records which fields it held.
func decodeJSON(body []byte, in *letterInput, given map[string]bool) error {
	if !utf8.Valid(body) {
		return badRequest(bodyField, "the JSON body is not valid UTF-8")
	}
	keys, err := jsonKeys(body)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(in); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest(bodyField, "malformed JSON: data after the object")
	}
	for _, k := range keys {
		given[k] = true
	}
	return nil
}

// jsonKeys returns the keys of the top-level JSON object. encoding/json
// would let a later duplicate key win and would match keys in any case
// ("NAME" sets name), so a body could say two things at once; such a body
// is refused naming the key. Syntax errors are left to the decoder.
func jsonKeys(body []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil
	}
	var keys []string
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		k, ok := t.(string)
		if err != nil || !ok {
			return nil, nil
		}
		if err := checkJSONKey(k, seen); err != nil {
			return nil, err
		}
		seen[k] = true
		keys = append(keys, k)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, nil
		}
	}
	return keys, nil
}

// checkJSONKey refuses a key given before and a key that differs only in
// case from a field name, and an empty key.
func checkJSONKey(k string, seen map[string]bool) error {
	if k == "" {
		return badRequest(bodyField, "a JSON key without a name (\"\")")
	}
	if seen[k] {
		return badRequest(k, "given twice in the JSON object; give it once")
	}
	for _, f := range fieldNames {
		if k != f && strings.EqualFold(k, f) {
			return badRequest(k, "unknown field; field names are case-sensitive: %q", f)
		}
	}
	return nil
}

// jsonError turns a decoding error into a problem naming the field.
func jsonError(err error) error {
	var (
		se *json.SyntaxError
		te *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &se):
		return badRequest(bodyField, "malformed JSON at byte %d: %v", se.Offset, se)
	case errors.As(err, &te):
		if te.Field == "" {
			return badRequest(bodyField, "the body must be a JSON object")
		}
		return badRequest(te.Field, "must be a JSON %s", jsonKind(te.Field))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest(bodyField, "malformed JSON: the body ends too early")
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		name, _ := strconv.Unquote(f)
		return badRequest(name, "unknown field")
	}
	if errors.Is(err, errAddressType) {
		return badRequest("address", "must be an array of strings or a string")
	}
	return badRequest(bodyField, "malformed JSON: %v", err)
}

func jsonKind(field string) string {
	switch field {
	case "address":
		return "array of strings"
	case "page":
		return "integer"
	}
	return "string"
}

// setAll sets fields from form or query values (source names them in
// errors: "$" or "query"). address may repeat; any other field given
// twice, any unknown field and a value without a name are errors.
func (in *letterInput) setAll(vals url.Values, given map[string]bool, source string) error {
	for k, vs := range vals {
		if k == "" {
			return badRequest(source, "a value without a field name (\"=…\")")
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return badRequest(k, "not valid UTF-8")
			}
		}
		if k != "address" && len(vs) > 1 {
			return badRequest(k, "given %d times; give it once", len(vs))
		}
		if err := in.set(k, vs); err != nil {
			return err
		}
		given[k] = true
	}
	return nil
}

func (in *letterInput) set(k string, vs []string) error {
	v := vs[0]
	fields := map[string]*string{
		"lang": &in.Lang, "format": &in.Format, "name": &in.Name, "postcode": &in.Postcode,
		"city": &in.City, "country": &in.Country, "email": &in.Email, "gender": &in.Gender,
		"recipient": &in.Recipient, "date": &in.Date, "paper": &in.Paper, "body": &in.Body,
		"cover_lang": &in.CoverLang, "resolution": &in.Resolution, "compression": &in.Compression,
	}
	if p, ok := fields[k]; ok {
		*p = v
		return nil
	}
	switch k {
	case "address":
		in.Address = splitLines(vs)
	case "page":
		n, err := strconv.Atoi(v)
		if err != nil {
			return badRequest("page", "must be a whole number")
		}
		in.Page = n
	default:
		return badRequest(k, "unknown field")
	}
	return nil
}

// fieldNames lists the accepted field names (for messages and OpenAPI).
var fieldNames = []string{"lang", "format", "name", "address", "postcode", "city", "country",
	"email", "gender", "recipient", "date", "paper", "body", "page", "cover_lang", "resolution", "compression"}

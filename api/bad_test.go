package api

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestBadRequests sends requests that must be refused and checks the
// status and that the problem names the offending field.
func TestBadRequests(t *testing.T) {
	ts := start(t, Config{})
	const path = "/v1/actions/109-23/letter"
	jsonCT := map[string]string{"Content-Type": "application/json"}
	formCT := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	withCT := func(extra map[string]string) map[string]string { return merge(jsonCT, extra) }
	ok := `"lang":"en","name":"Amina Rahimi"`
	cases := []struct {
		name   string
		method string
		path   string
		body   string
		header map[string]string
		status int
		field  string
	}{
		{"malformed JSON", "POST", path, `{"name": "A",`, jsonCT, 400, "$"},
		{"JSON syntax error", "POST", path, `{"name" "A"}`, jsonCT, 400, "$"},
		{"unknown JSON field", "POST", path, `{` + ok + `,"nmae":"x"}`, jsonCT, 400, "nmae"},
		{"duplicate JSON key", "POST", path, `{"lang":"en","name":"Alice","name":"Mallory"}`, jsonCT, 400, "name"},
		{"duplicate JSON key, same value", "POST", path, `{"lang":"en","name":"Alice","lang":"en"}`, jsonCT, 400, "lang"},
		{"JSON key in another case", "POST", path, `{"lang":"en","NAME":"Mallory"}`, jsonCT, 400, "NAME"},
		{"JSON keys differing in case", "POST", path, `{"lang":"en","name":"Alice","Name":"Mallory"}`, jsonCT, 400, "Name"},
		{"JSON key in another case beside the query", "POST", path + "?name=Alice", `{"lang":"en","NAME":"Mallory"}`, jsonCT, 400, "NAME"},
		{"noncharacter U+FFFF in name", "POST", path, `{"lang":"en","name":"Amina \uffff"}`, jsonCT, 400, "name"},
		{"noncharacter U+FDD0 in body, DOCX", "POST", path, `{` + ok + `,"format":"docx","body":"x\ufdd0"}`, jsonCT, 400, "body"},
		{"noncharacter U+FFFF in city, form", "POST", path, "lang=en&name=Amina&city=%EF%BF%BF", formCT, 400, "city"},
		{"JSON array body", "POST", path, `["x"]`, jsonCT, 400, "$"},
		{"data after the JSON object", "POST", path, `{` + ok + `} {}`, jsonCT, 400, "$"},
		{"name is a number", "POST", path, `{"lang":"en","name":42}`, jsonCT, 400, "name"},
		{"missing name", "POST", path, `{"lang":"en"}`, jsonCT, 400, "name"},
		{"blank name", "POST", path, `{"lang":"en","name":"   "}`, jsonCT, 400, "name"},
		{"10,000-character name", "POST", path, `{"lang":"en","name":"` + strings.Repeat("a", 10000) + `"}`, jsonCT, 400, "name"},
		{"NUL byte in name", "POST", path, `{"lang":"en","name":"Amina\u0000Rahimi"}`, jsonCT, 400, "name"},
		{"newline in name", "POST", path, `{"lang":"en","name":"Amina\nRahimi"}`, jsonCT, 400, "name"},
		{"U+202E in name", "POST", path, `{"lang":"en","name":"Amina \u202eimihaR"}`, jsonCT, 400, "name"},
		{"unknown language", "POST", path, `{"lang":"xx","name":"Amina Rahimi"}`, jsonCT, 406, "lang"},
		{"unknown action", "POST", "/v1/actions/999-99/letter", `{` + ok + `}`, jsonCT, 404, "id"},
		{"unknown recipient", "POST", path, `{` + ok + `,"recipient":"pope"}`, jsonCT, 404, "recipient"},
		{"unsupported Accept", "POST", path, `{` + ok + `}`, withCT(map[string]string{"Accept": "text/html"}), 406, "Accept"},
		{"format contradicts Accept", "POST", path, `{` + ok + `,"format":"docx"}`, withCT(map[string]string{"Accept": "application/pdf"}), 406, "Accept"},
		{"unknown format", "POST", path, `{` + ok + `,"format":"odt"}`, jsonCT, 400, "format"},
		{"wrong content type", "POST", path, `name=Amina`, map[string]string{"Content-Type": "text/plain"}, 415, "Content-Type"},
		{"compressed body", "POST", path, `{` + ok + `}`, withCT(map[string]string{"Content-Encoding": "gzip"}), 415, "Content-Encoding"},
		{"CJK-only name", "POST", path, `{"lang":"en","name":"王秀英"}`, jsonCT, 422, "name"},
		{"CJK city in Urdu letter", "POST", path, `{"lang":"ur","name":"Amina Rahimi","city":"北京"}`, jsonCT, 422, "city"},
		{"bad date", "POST", path, `{` + ok + `,"date":"20/11/2023"}`, jsonCT, 400, "date"},
		{"impossible date", "POST", path, `{` + ok + `,"date":"2023-02-30"}`, jsonCT, 400, "date"},
		{"bad paper", "POST", path, `{` + ok + `,"paper":"a5"}`, jsonCT, 400, "paper"},
		{"bad gender", "POST", path, `{` + ok + `,"gender":"x"}`, jsonCT, 400, "gender"},
		{"too many address lines", "POST", path, `{` + ok + `,"address":["1","2","3","4","5","6","7"]}`, jsonCT, 400, "address"},
		{"address as an object", "POST", path, `{` + ok + `,"address":{"a":1}}`, jsonCT, 400, "address"},
		{"address line too long", "POST", path, `{` + ok + `,"address":["` + strings.Repeat("b", 121) + `"]}`, jsonCT, 400, "address[0]"},
		{"own words too long", "POST", path, `{` + ok + `,"body":"` + strings.Repeat("w ", 10001) + `"}`, jsonCT, 400, "body"},
		{"bad e-mail", "POST", path, `{` + ok + `,"email":"not-an-address"}`, jsonCT, 400, "email"},
		{"cover_lang on a letter", "POST", path, `{` + ok + `,"cover_lang":"en"}`, jsonCT, 400, "cover_lang"},
		{"repeated form field", "POST", path, `lang=en&name=A&name=B`, formCT, 400, "name"},
		{"unknown form field", "POST", path, `lang=en&name=A&colour=red`, formCT, 400, "colour"},
		{"invalid UTF-8 in form", "POST", path, `lang=en&name=%ff%fe`, formCT, 400, "name"},
		{"field in query and body", "POST", path + "?name=B", `{` + ok + `}`, jsonCT, 400, "name"},
		{"negative page", "POST", path, `{` + ok + `,"format":"png","page":-1}`, jsonCT, 400, "page"},
		{"unknown route", "GET", "/v2/letters", "", nil, 404, "path"},
		{"wrong method", "GET", path, "", nil, 405, "method"},
	}
	if len(cases) < 25 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var body *bytes.Reader
			if tc.body != "" {
				body = bytes.NewReader([]byte(tc.body))
			}
			var resp, b = ts.do(t, tc.method, tc.path, readerOrNil(body), tc.header)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, b)
			}
			p := problem(t, resp, b)
			if !namesField(p, tc.field) {
				t.Errorf("problem does not name field %q: %s", tc.field, b)
			}
		})
	}
	t.Run("1 MiB body", func(t *testing.T) {
		resp, b := ts.declareBody(t, path, "application/json", 1<<20)
		if resp.StatusCode != 413 {
			t.Fatalf("status %d, want 413: %s", resp.StatusCode, b)
		}
		if p := problem(t, resp, b); !namesField(p, "$") {
			t.Errorf("problem does not name the body: %s", b)
		}
	})
	resp, _ := ts.do(t, "GET", "/healthz", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("healthz after bad requests: %d", resp.StatusCode)
	}
}

// declareBody sends the headers of a POST announcing a body of n bytes,
// and reads the answer the server gives before any of it arrives. (Sending
// the megabyte too would race the server's close of the connection.)
func (ts *testServer) declareBody(t *testing.T, path, ctype string, n int) (*http.Response, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: test\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", path, ctype, n)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func namesField(p Problem, field string) bool {
	for _, e := range p.Errors {
		if e.Field == field && e.Detail != "" {
			return true
		}
	}
	return false
}

package api

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/gofiber/fiber/v3"
	"github.com/valyala/fasthttp"

	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/service"
)

// TestRecycledBodiesStayIntact: PDF letters are written into recycled
// buffers (service.Result.Release), so a buffer handed back while its
// response is still being written would be overwritten by the next
// letter. Concurrent letters for different signers must each arrive with
// the bytes their ETag was computed from, and the same letter asked twice
// must arrive with the same bytes.
func TestRecycledBodiesStayIntact(t *testing.T) {
	ts := start(t, Config{MaxRenders: 4})
	const workers, each = 8, 12
	var mu sync.Mutex
	got := map[string][]byte{}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				name := fmt.Sprintf("Signer %d", (w*each+i)%(workers*each/2))
				resp, body := ts.postJSON(t, "/v1/actions/109-23/letter", map[string]any{"lang": "ur", "name": name}, nil)
				if resp.StatusCode != 200 {
					t.Errorf("%s: status %d: %s", name, resp.StatusCode, body)
					return
				}
				if etag := documentETag(body); resp.Header.Get("ETag") != etag {
					t.Errorf("%s: the bytes received (%s) are not the bytes sent (%s)", name, etag, resp.Header.Get("ETag"))
				}
				mu.Lock()
				if prev, ok := got[name]; ok && string(prev) != string(body) {
					t.Errorf("%s: the same letter arrived with different bytes", name)
				}
				got[name] = body
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

// TestReleaseOnlyRecycledBodies: Release empties a recyclable result and
// leaves any other alone (a fax batch's ZIP keeps its bytes).
func TestReleaseOnlyRecycledBodies(t *testing.T) {
	other := &service.Result{Body: []byte("zip")}
	other.Release()
	if string(other.Body) != "zip" || other.Recyclable() {
		t.Errorf("Release changed a result it does not own: %q", other.Body)
	}
}

// TestSentBodyIsACopy: the response keeps its own copy of a recyclable
// letter, so whatever later letters write into the recycled buffer never
// reaches a response still being sent.
func TestSentBodyIsACopy(t *testing.T) {
	svc := service.New(testStore(t), service.WithClock(fixedNow))
	res, err := svc.Letter(context.Background(), service.LetterRequest{Format: service.PDF,
		Request: letter.Request{ActionID: "109-23", Lang: "ur", Signer: letter.Signer{Name: "Jane Doe"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Recyclable() {
		t.Fatal("a PDF letter is not recyclable: the server allocates every letter's buffer")
	}
	storage, want := res.Body, bytes.Clone(res.Body)
	app := fiber.New()
	var rc fasthttp.RequestCtx
	c := app.AcquireCtx(&rc)
	defer app.ReleaseCtx(c)
	if err := sendDocument(c, res); err != nil {
		t.Fatal(err)
	}
	if res.Body != nil {
		t.Error("the result still holds its body after it was sent")
	}
	for i := range storage {
		storage[i] = 'x' // the next letter written into the recycled buffer
	}
	if !bytes.Equal(rc.Response.Body(), want) {
		t.Error("the response shares the recycled buffer: a later letter overwrites it")
	}
}

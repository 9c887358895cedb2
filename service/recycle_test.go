package service

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/ualetters/ualetters/letter"
)

// TestRecycledStorageSameBytes: letters reuse the storage of earlier
// ones (page glyphs through layout's Document.Release, output buffers
// through Result.Release). Rendered concurrently, over and over, in
// languages and formats of different sizes, each letter must keep the
// bytes it had when rendered alone first: storage handed back while
// still in use, or handed out twice, would mix one letter into another.
func TestRecycledStorageSameBytes(t *testing.T) {
	svc := newTestService(t)
	var reqs []LetterRequest
	for _, lang := range []string{"ur", "en", "sd", "de"} {
		for _, name := range []string{"Amina Rahimi", "Jo Li"} {
			for _, f := range []Format{PDF, PNG} {
				reqs = append(reqs, LetterRequest{Format: f, Request: letter.Request{ActionID: "109-23", Lang: lang,
					Date: "2023-11-20", Signer: letter.Signer{Name: name}}})
			}
		}
	}
	want := make([][]byte, len(reqs))
	for i, req := range reqs {
		res, err := svc.Letter(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = bytes.Clone(res.Body)
		res.Release()
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 3 * len(reqs) {
				i := (w*5 + k) % len(reqs)
				res, err := svc.Letter(context.Background(), reqs[i])
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(res.Body, want[i]) {
					t.Errorf("%s %s for %s: other bytes when rendered among other letters", reqs[i].Format, reqs[i].Lang, reqs[i].Signer.Name)
				}
				res.Release()
			}
		}()
	}
	wg.Wait()
}

package service

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// attackBody is the costliest own words the field limits accept: 9,999
// one-letter lines (223 pages without the page cap).
var attackBody = strings.Repeat("a\n", 9999) + "a"

// TestPageCap: a letter longer than the cap fails with *TooLongError
// carrying the page count, in every format, and a fax batch too.
func TestPageCap(t *testing.T) {
	s := newTestService(t)
	for _, f := range []Format{PDF, DOCX, PNG} {
		req := urduRequest(f)
		req.Lang, req.Body = "en", attackBody
		_, err := s.Letter(context.Background(), req)
		var tl *TooLongError
		if !errors.As(err, &tl) || tl.Max != DefaultMaxPages || tl.Pages != 223 {
			t.Errorf("%s: err %v, want TooLongError of 223 pages, max %d", f, err, DefaultMaxPages)
		}
	}
	fr := FaxRequest{Request: urduRequest(PDF).Request, Format: TIFF}
	fr.Lang, fr.Body = "en", attackBody
	if _, err := s.Faxes(context.Background(), fr); !errors.As(err, new(*TooLongError)) {
		t.Errorf("fax batch: err %v, want TooLongError", err)
	}
	// the cap itself: 10 pages pass, 11 do not
	req := urduRequest(PDF)
	req.Lang = "en"
	for n := 1; ; n++ {
		req.Body = strings.Repeat("a\n", n*40)
		res, err := s.Letter(context.Background(), req)
		if err != nil {
			var tl *TooLongError
			if !errors.As(err, &tl) || tl.Pages != DefaultMaxPages+1 {
				t.Fatalf("%d lines: %v, want the first refusal at %d pages", n*40, err, DefaultMaxPages+1)
			}
			break
		}
		if res.Pages > DefaultMaxPages {
			t.Fatalf("%d pages rendered", res.Pages)
		}
	}
}

// countdown is a context whose Err turns to Canceled after n calls: a
// client that leaves while its document is being rendered.
type countdown struct {
	context.Context
	n atomic.Int64
}

func (c *countdown) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// TestCancelStopsRender: a render whose context ends stops between
// paragraphs or pages with the context's error; the same render runs to
// the end with a live context.
func TestCancelStopsRender(t *testing.T) {
	s := newTestService(t, WithMaxPages(300))
	fr := FaxRequest{Request: urduRequest(PDF).Request, Format: TIFF}
	fr.Lang, fr.Body, fr.Recipient = "en", attackBody, "interior"
	for _, n := range []int64{0, 3, 40, 200, 400} {
		ctx := &countdown{Context: context.Background()}
		ctx.n.Store(n)
		start := time.Now()
		_, err := s.Fax(ctx, fr)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled after %d checks: err %v", n, err)
		}
		t.Logf("cancelled after %d checks: stopped in %v", n, time.Since(start))
	}
	ctx := &countdown{Context: context.Background()}
	ctx.n.Store(1 << 40)
	start := time.Now()
	res, err := s.Fax(ctx, fr)
	if err != nil || res.Pages != 224 {
		t.Fatalf("live context: %v, pages %v", err, res)
	}
	t.Logf("uncancelled 224-page fax: %v, %d checks", time.Since(start), 1<<40-ctx.n.Load())
}

package main

import (
	"context"
	"testing"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/service"
	"github.com/ualetters/ualetters/templates"
)

func newService(tb testing.TB) *service.Service {
	store, err := catalogue.NewStore(templates.FS)
	if err != nil {
		tb.Fatal(err)
	}
	return service.New(store)
}

// TestBenchLetterOnePage keeps the benchmark letter what the README's
// figures say it is: one A4 page, also with a generated unique word.
func TestBenchLetterOnePage(t *testing.T) {
	svc := newService(t)
	for _, body := range []string{"", benchWordsHead + uniqueWord(123456789) + " " + benchWordsTail} {
		res, err := svc.Letter(context.Background(), benchRequest(service.PDF, body))
		if err != nil {
			t.Fatal(err)
		}
		if res.Pages != 1 {
			t.Errorf("benchmark letter has %d pages, want 1", res.Pages)
		}
	}
}

// benchmarkLetter times the full render (compose, layout, document bytes)
// of the benchmark letter with warm caches.
func benchmarkLetter(b *testing.B, f service.Format, pages int) {
	svc := newService(b)
	ctx := context.Background()
	body, err := pagesBody(pages, func(body string) (int, error) {
		res, err := svc.Letter(ctx, benchRequest(service.PDF, body))
		if err != nil {
			return 0, err
		}
		return res.Pages, nil
	})
	if err != nil {
		b.Fatal(err)
	}
	req := benchRequest(f, body)
	res, err := svc.Letter(ctx, req)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(res.Body)), "bytes")
	b.ReportAllocs()
	for b.Loop() {
		res, err := svc.Letter(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		res.Release() // as the server does once the bytes are copied out
	}
}

// BenchmarkUniqueWords renders the benchmark letter with a new Urdu word
// in the own words every time: the paragraph caches miss on every letter.
func BenchmarkUniqueWords(b *testing.B) {
	renderEach(b, func(n int) service.LetterRequest {
		return benchRequest(service.PDF, benchWordsHead+uniqueWord(n)+" "+benchWordsTail)
	})
}

// renderEach renders the n-th request for n = 1, 2, ... and hands each
// letter's buffer back, as the server does once the bytes are copied out.
func renderEach(b *testing.B, request func(n int) service.LetterRequest) {
	svc := newService(b)
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		res, err := svc.Letter(ctx, request(n))
		if err != nil {
			b.Fatal(err)
		}
		res.Release()
	}
}

func BenchmarkUrduPDF(b *testing.B)        { benchmarkLetter(b, service.PDF, 1) }
func BenchmarkUrduDOCX(b *testing.B)       { benchmarkLetter(b, service.DOCX, 1) }
func BenchmarkUrduPDFPages2(b *testing.B)  { benchmarkLetter(b, service.PDF, 2) }
func BenchmarkUrduPDFPages5(b *testing.B)  { benchmarkLetter(b, service.PDF, 5) }
func BenchmarkUrduPDFPages10(b *testing.B) { benchmarkLetter(b, service.PDF, 10) }

// BenchmarkEnglishPDF is the English model letter (two pages), for the
// README's comparison between scripts.
func BenchmarkEnglishPDF(b *testing.B) {
	req := service.LetterRequest{Request: letter.Request{ActionID: benchAction, Lang: "en", Date: benchDate,
		Signer: letter.Signer{Name: "Jane Doe"}}, Format: service.PDF}
	renderEach(b, func(int) service.LetterRequest { return req })
}

// BenchmarkUniqueName renders the benchmark letter for a new signer name
// every time, as the HTTP runs with -lua name do.
func BenchmarkUniqueName(b *testing.B) {
	renderEach(b, func(n int) service.LetterRequest {
		req := benchRequest(service.PDF, "")
		req.Signer.Name = benchName + " " + latinWord(n)
		return req
	})
}

package main

import (
	"context"
	"testing"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/service"
	"github.com/ualetters/ualetters/templates"
)

// benchmarkLetter times the full render (compose, layout, PDF bytes) of a
// letter with a warm shaping cache.
func benchmarkLetter(b *testing.B, lang string, f service.Format) {
	store, err := catalogue.NewStore(templates.FS)
	if err != nil {
		b.Fatal(err)
	}
	svc := service.New(store)
	req := request(lang)
	req.Format = f
	res, err := svc.Letter(context.Background(), req)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(res.Body)), "bytes")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.Letter(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUrduPDF(b *testing.B)    { benchmarkLetter(b, "ur", service.PDF) }
func BenchmarkEnglishPDF(b *testing.B) { benchmarkLetter(b, "en", service.PDF) }
func BenchmarkUrduDOCX(b *testing.B)   { benchmarkLetter(b, "ur", service.DOCX) }

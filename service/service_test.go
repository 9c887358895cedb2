package service

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/templates"
)

func newTestService(t testing.TB, opts ...Option) *Service {
	t.Helper()
	store, err := catalogue.NewStore(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	opts = append([]Option{WithClock(func() time.Time { return time.Date(2023, 11, 20, 9, 0, 0, 0, time.UTC) })}, opts...)
	return New(store, opts...)
}

func urduRequest(f Format) LetterRequest {
	return LetterRequest{Request: letter.Request{ActionID: "109-23", Lang: "ur",
		Signer: letter.Signer{Name: "Amina Rahimi", City: "Lahore", Gender: letter.Female}}, Format: f}
}

func TestLetterFormats(t *testing.T) {
	s := newTestService(t)
	magic := map[Format][]byte{PDF: []byte("%PDF-"), DOCX: []byte("PK"), PNG: []byte("\x89PNG"), TIFF: []byte("II*\x00")}
	for f, m := range magic {
		res, err := s.Letter(context.Background(), urduRequest(f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !bytes.HasPrefix(res.Body, m) || res.ContentType != f.ContentType() {
			t.Errorf("%s: %q… as %s", f, res.Body[:8], res.ContentType)
		}
		if res.Filename != "UA-109-23-ur."+string(f) || res.Lang != "ur-PK" {
			t.Errorf("%s: filename %q lang %q", f, res.Filename, res.Lang)
		}
		again, err := s.Letter(context.Background(), urduRequest(f))
		if err != nil || !bytes.Equal(again.Body, res.Body) {
			t.Errorf("%s: the same request gave different bytes", f)
		}
	}
}

func TestLetterErrors(t *testing.T) {
	s := newTestService(t)
	bad := func(mod func(*LetterRequest)) error {
		r := urduRequest(PDF)
		mod(&r)
		_, err := s.Letter(context.Background(), r)
		return err
	}
	var le *LanguageError
	if err := bad(func(r *LetterRequest) { r.Lang = "xx" }); !errors.As(err, &le) || !errors.Is(err, letter.ErrUnknownLanguage) || len(le.Available) != 7 {
		t.Errorf("unknown language: %v", err)
	}
	if err := bad(func(r *LetterRequest) { r.ActionID = "1-1" }); !errors.Is(err, catalogue.ErrUnknownAction) {
		t.Errorf("unknown action: %v", err)
	}
	var ve *letter.ValidationError
	if err := bad(func(r *LetterRequest) { r.Paper = "a5"; r.Format = "odt" }); !errors.As(err, &ve) || len(ve.Fields) != 2 {
		t.Errorf("paper and format: %v", err)
	}
	var pe *PageError
	if err := bad(func(r *LetterRequest) { r.Format = PNG; r.Page = 40 }); !errors.As(err, &pe) {
		t.Errorf("page beyond the end: %v", err)
	}
	var ce *letter.CoverageError
	if err := bad(func(r *LetterRequest) { r.Signer.Name = "王秀英" }); !errors.As(err, &ce) {
		t.Errorf("uncovered name: %v", err)
	}
}

// BenchmarkLetter measures the whole path of one request, warm.
func BenchmarkLetter(b *testing.B) {
	s := newTestService(b)
	for _, f := range []Format{PDF, DOCX, PNG} {
		for _, lang := range []string{"ur", "en"} {
			b.Run(lang+"/"+string(f), func(b *testing.B) {
				r := urduRequest(f)
				r.Lang = lang
				b.ReportAllocs()
				for b.Loop() {
					if _, err := s.Letter(context.Background(), r); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func TestFax(t *testing.T) {
	s := newTestService(t)
	letterRes, err := s.Letter(context.Background(), urduRequest(PDF))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []Format{PDF, TIFF} {
		r := urduRequest(f)
		r.Recipient = "embassy-bern"
		res, err := s.Fax(context.Background(), FaxRequest{Request: r.Request, Format: f})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if res.Number != "+41313501799" || res.Pages != letterRes.Pages+1 || res.Filename != "UA-109-23-ur-fax-embassy-bern."+string(f) {
			t.Errorf("%s: number %s, %d pages (letter %d), %s", f, res.Number, res.Pages, letterRes.Pages, res.Filename)
		}
	}
	r := urduRequest(PDF)
	r.Recipient = "prime-minister"
	if _, err := s.Fax(context.Background(), FaxRequest{Request: r.Request}); !errors.Is(err, letter.ErrNoFax) {
		t.Errorf("recipient without fax: %v", err)
	}
}

// Own words with CR line ends and tabs render in every format.
func TestOwnWordsLineEnds(t *testing.T) {
	s := newTestService(t)
	for _, f := range []Format{PDF, DOCX, PNG} {
		req := urduRequest(f)
		req.Lang = "en"
		req.Body = "one\rtwo\r\n\r\nthree\tfour"
		if _, err := s.Letter(context.Background(), req); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

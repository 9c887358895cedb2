package service

import (
	"context"
	"runtime"
	"testing"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/layout"
	"github.com/ualetters/ualetters/render/pdf"
	"github.com/ualetters/ualetters/render/text"
)

// uniqueUrduWord spells n in Urdu letters that join on both sides.
func uniqueUrduWord(n int) string {
	letters := []rune("بتپثجچحخسشصضطظعغفقکگلمنہی")
	var w []rune
	for i := 0; i < 4 || n > 0; i++ {
		w = append(w, letters[n%len(letters)])
		n /= len(letters)
	}
	return string(w)
}

// heapAfterLetters renders n Urdu letters with unique own words through
// a service whose caches have the given bounds, and returns how much the
// live heap grew and what the caches say they hold.
func heapAfterLetters(t *testing.T, n int, runs, paras, subsets, pieces int) (growth, counted float64) {
	t.Helper()
	s := newTestService(t)
	c := caches{text: text.NewCacheSizes(runs, paras), pdf: pdf.NewCache(subsets, pieces)}
	s.be = &backends{caches: c, layouter: layout.New(text.NewEngine(c.text))}
	req := func(i int) LetterRequest {
		return LetterRequest{Request: letter.Request{ActionID: "109-23", Lang: "ur", Date: "2023-11-20",
			Body:   "میں آپ کو افغان پناہ گزینوں کے بارے میں لکھ رہی ہوں۔ " + uniqueUrduWord(i) + " میں آپ سے اپیل کرتی ہوں۔",
			Signer: letter.Signer{Name: "Amina Rahimi"}}}
	}
	if _, err := s.Letter(context.Background(), req(0)); err != nil {
		t.Fatal(err)
	}
	heap := func() float64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc)
	}
	h0 := heap()
	for i := 1; i <= n; i++ {
		if _, err := s.Letter(context.Background(), req(i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, st := range s.CacheStats() {
		if st.Bytes > st.MaxBytes {
			t.Errorf("%s holds %d bytes, bound %d", st.Name, st.Bytes, st.MaxBytes)
		}
		if !fontRegistry(st.Name) { // filled by the first letter, before h0
			counted += float64(st.Bytes)
		}
	}
	growth = heap() - h0
	runtime.KeepAlive(s)
	return growth, counted
}

// TestCacheBytes fills every render cache with unique letters and checks
// that the heap they take is what they count (within a quarter), so the
// bounds in caches.go are bounds on memory. Letters through caches of
// zero bytes give the growth that is not the caches'. (The font
// registry's caches, bounded by the bundled fonts, are filled by a first
// pass and not counted.)
func TestCacheBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 1,200 letters")
	}
	const n, bound = 600, 1 << 20
	// the same letters once before: what the process keeps whatever the
	// bounds (parsed fonts, glyph outline forms) is then in neither run
	heapAfterLetters(t, n, 0, 0, 0, 0)
	base, _ := heapAfterLetters(t, n, 0, 0, 0, 0)
	growth, counted := heapAfterLetters(t, n, bound, bound, bound, bound)
	t.Logf("heap growth %.2f MB with caches holding %.2f MB by their count, %.2f MB without caches",
		growth/1e6, counted/1e6, base/1e6)
	if counted < 3*bound {
		t.Fatalf("the caches hold %.0f bytes: %d letters did not fill them", counted, n)
	}
	if growth-base > 1.25*counted {
		t.Errorf("caches take %.2f MB of heap but count %.2f MB", (growth-base)/1e6, counted/1e6)
	}
}

// TestSameBytesWarmOrCold renders letters through a fresh service (every
// cache misses) and through one warmed by other letters (template parts
// hit, the signer's miss): the bytes must not differ.
func TestSameBytesWarmOrCold(t *testing.T) {
	warm := newTestService(t)
	for i := range 20 {
		for _, lang := range []string{"ur", "en"} {
			req := LetterRequest{Request: letter.Request{ActionID: "109-23", Lang: lang, Date: "2023-11-20",
				Signer: letter.Signer{Name: "Signer " + uniqueUrduWord(i)}}}
			if _, err := warm.Letter(context.Background(), req); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range []Format{PDF, DOCX} {
		for _, lang := range []string{"ur", "en", "sd"} {
			req := LetterRequest{Request: letter.Request{ActionID: "109-23", Lang: lang, Date: "2023-11-20",
				Signer: letter.Signer{Name: "Amina Rahimi", City: "Lahore"}}, Format: f}
			cold, err := newTestService(t).Letter(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			hot, err := warm.Letter(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if string(cold.Body) != string(hot.Body) {
				t.Errorf("%s %s: %d bytes from a fresh service, %d from a warm one, and they differ", f, lang, len(cold.Body), len(hot.Body))
			}
		}
	}
}

// fontRegistry reports whether a cache is one of the font registry's
// (process-wide, bounded by the fonts, filled by the first letters).
func fontRegistry(name string) bool {
	for _, c := range fonts.Caches() {
		if c.Name() == name {
			return true
		}
	}
	return false
}

// TestFontCachesReported renders an Urdu and an English letter as PDF,
// DOCX and PNG (the English one hyphenates) and checks that CacheStats reports every cache of the font registry, each
// holding something and within its bound.
func TestFontCachesReported(t *testing.T) {
	s := newTestService(t)
	for _, f := range []Format{PDF, DOCX, PNG} {
		for _, lang := range []string{"ur", "en"} {
			req := urduRequest(f)
			req.Lang = lang
			if _, err := s.Letter(context.Background(), req); err != nil {
				t.Fatal(err)
			}
		}
	}
	seen := map[string]bool{}
	for _, st := range s.CacheStats() {
		if !fontRegistry(st.Name) {
			continue
		}
		seen[st.Name] = true
		if st.Entries == 0 || st.Bytes == 0 || st.Bytes > st.MaxBytes {
			t.Errorf("%s: %d entries, %d bytes, bound %d", st.Name, st.Entries, st.Bytes, st.MaxBytes)
		}
	}
	for _, c := range fonts.Caches() {
		if !seen[c.Name()] {
			t.Errorf("CacheStats leaves out %s", c.Name())
		}
	}
}

package fonts

import (
	"bytes"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ualetters/ualetters/internal/heaptest"

	"github.com/go-text/typesetting/font"
)

// TestParsedBytes reads and parses every bundled font again and checks
// that the heap this takes is what the registry counts for its entries
// (the file plus parsedOverhead a glyph), within a quarter.
func TestParsedBytes(t *testing.T) {
	if err := Load(); err != nil {
		t.Fatal(err)
	}
	heap := heaptest.Live
	h0 := heap()
	var kept []*font.Font
	for _, id := range All() {
		data, err := files.ReadFile(id.FileName())
		if err != nil {
			t.Fatal(err)
		}
		f, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		kept = append(kept, f.Font)
	}
	growth := heap() - h0
	runtime.KeepAlive(kept)
	st := Stats(Parsed)
	t.Logf("parsed fonts take %.0f bytes of heap, counted %d, bound %d", growth, st.Bytes, st.MaxBytes)
	if growth > 1.25*float64(st.Bytes) || growth < 0.75*float64(st.Bytes) {
		t.Errorf("parsed fonts take %.0f bytes of heap but the registry counts %d", growth, st.Bytes)
	}
	if st.Entries != len(All()) || st.Bytes > st.MaxBytes {
		t.Errorf("the registry holds %d fonts in %d bytes, bound %d", st.Entries, st.Bytes, st.MaxBytes)
	}
}

// TestValueOnce checks that a per-font value is filled once however many
// goroutines ask at once, that every caller gets that value, and that the
// registry counts one miss and the rest as hits.
func TestValueOnce(t *testing.T) {
	var fills atomic.Int32
	fill := func(id ID) ([2]float64, int, error) {
		fills.Add(1)
		return [2]float64{float64(id), 7}, 16, nil
	}
	before := Stats(HyphenGlyph)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := Value(HyphenGlyph, NaskhBold, fill); err != nil || v != [2]float64{float64(NaskhBold), 7} {
				t.Errorf("got %v, %v", v, err)
			}
		}()
	}
	wg.Wait()
	after := Stats(HyphenGlyph)
	if fills.Load() != 1 || after.Misses-before.Misses != 1 || after.Hits-before.Hits != 7 || after.Bytes-before.Bytes != 16 {
		t.Errorf("filled %d times; %d misses, %d hits, %d bytes", fills.Load(),
			after.Misses-before.Misses, after.Hits-before.Hits, after.Bytes-before.Bytes)
	}
	if _, err := Value(HyphenGlyph, count, fill); err == nil {
		t.Error("an unknown font gave no error")
	}
}

// TestValueError checks that a failed fill is kept: the error comes back
// on every call and nothing is counted as held.
func TestValueError(t *testing.T) {
	fills := 0
	fill := func(ID) (float64, int, error) { fills++; return 0, 8, errors.New("broken") }
	for range 2 {
		if _, err := Value(BodyHeight, SansItalic, fill); err == nil {
			t.Error("no error")
		}
	}
	if fills != 1 || Stats(BodyHeight).Bytes != 0 {
		t.Errorf("filled %d times, %d bytes held", fills, Stats(BodyHeight).Bytes)
	}
}

// TestGlyphCache checks that a glyph's value is kept per font and glyph,
// and that a glyph id past the font's last glyph is filled every time.
func TestGlyphCache(t *testing.T) {
	fills := 0
	fill := func(id ID, gid uint16) (int, int) { fills++; return int(id)*100000 + int(gid), 8 }
	for range 3 {
		if v := Glyph(GlyphOutlines, SansBold, 3, fill); v != int(SansBold)*100000+3 {
			t.Errorf("glyph 3 of SansBold: %d", v)
		}
		if v := Glyph(GlyphOutlines, SansRegular, 3, fill); v != int(SansRegular)*100000+3 {
			t.Errorf("glyph 3 of SansRegular: %d", v)
		}
	}
	past := uint16(SansBold.NumGlyphs())
	Glyph(GlyphOutlines, SansBold, past, fill)
	Glyph(GlyphOutlines, SansBold, past, fill)
	if fills != 4 {
		t.Errorf("filled %d times, want 2 kept glyphs and 2 past the end", fills)
	}
	if n := SansBold.NumGlyphs(); n < 1000 {
		t.Errorf("Noto Sans Bold has %d glyphs by its maxp table", n)
	}
}

// TestGlyphConcurrent has eight goroutines ask for the same glyphs at
// once (run with -race): each gets the one value kept, and the registry
// counts each glyph once.
func TestGlyphConcurrent(t *testing.T) {
	before := Stats(GlyphOutlines)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for gid := uint16(10); gid < 20; gid++ {
				if v := Glyph(GlyphOutlines, NaskhRegular, gid, func(_ ID, g uint16) (int, int) { return int(g), 8 }); v != int(gid) {
					t.Errorf("glyph %d: %d", gid, v)
				}
			}
		}()
	}
	wg.Wait()
	if d := Stats(GlyphOutlines).Entries - before.Entries; d != 10 {
		t.Errorf("%d entries added for 10 glyphs", d)
	}
}

package pdf

import (
	"math"
	"runtime"
	"strconv"
	"strings"
	"testing"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"

	"github.com/ualetters/ualetters/fonts"
)

// flat is a contour as a dense polyline.
type flat []point

// fontContours flattens a glyph's outline as the font has it, quadratic
// pieces evaluated as quadratics, into one polyline per contour.
func fontContours(segs []opentype.Segment, steps int) []flat {
	var out []flat
	var cur point
	pt := func(p opentype.SegmentPoint) point { return point{float64(p.X), float64(p.Y)} }
	for _, s := range segs {
		a := s.Args
		switch s.Op {
		case opentype.SegmentOpMoveTo:
			cur = pt(a[0])
			out = append(out, flat{cur})
		case opentype.SegmentOpLineTo:
			cur = pt(a[0])
			out[len(out)-1] = append(out[len(out)-1], cur)
		case opentype.SegmentOpQuadTo:
			q, e := pt(a[0]), pt(a[1])
			for i := 1; i <= steps; i++ {
				t := float64(i) / float64(steps)
				u := 1 - t
				out[len(out)-1] = append(out[len(out)-1], point{u*u*cur.x + 2*u*t*q.x + t*t*e.x, u*u*cur.y + 2*u*t*q.y + t*t*e.y})
			}
			cur = e
		case opentype.SegmentOpCubeTo:
			c := cubic{cur, pt(a[0]), pt(a[1]), pt(a[2])}
			for i := 1; i <= steps; i++ {
				out[len(out)-1] = append(out[len(out)-1], bezier(c, float64(i)/float64(steps)))
			}
			cur = c[3]
		}
	}
	return out
}

// pdfContours reads PDF path operators (m, l, c, f) back and flattens
// them into one polyline per contour.
func pdfContours(t *testing.T, path string, steps int) []flat {
	var out []flat
	var nums []float64
	var cur point
	for _, tok := range strings.Fields(path) {
		switch tok {
		case "m":
			cur = point{nums[0], nums[1]}
			out = append(out, flat{cur})
		case "l":
			cur = point{nums[0], nums[1]}
			out[len(out)-1] = append(out[len(out)-1], cur)
		case "c":
			c := cubic{cur, {nums[0], nums[1]}, {nums[2], nums[3]}, {nums[4], nums[5]}}
			for i := 1; i <= steps; i++ {
				out[len(out)-1] = append(out[len(out)-1], bezier(c, float64(i)/float64(steps)))
			}
			cur = c[3]
		case "f":
		default:
			v, err := strconv.ParseFloat(tok, 64)
			if err != nil {
				t.Fatalf("operand %q in %q", tok, path)
			}
			nums = append(nums, v)
			continue
		}
		nums = nums[:0]
	}
	return out
}

// hausdorff is the largest distance from a point of one polyline to the
// other polyline, both ways, up to cell: a point with nothing of the other
// polyline within cell counts as cell away.
func hausdorff(a, b flat) float64 {
	return math.Max(oneWay(a, b), oneWay(b, a))
}

// cell is the side of the grid cells that index polyline segments, in
// font units; distances up to it are measured exactly.
const cell = 8

func oneWay(a, b flat) float64 {
	grid := map[[2]int][]int{}
	key := func(v float64) int { return int(math.Floor(v / cell)) }
	for i := 1; i < len(b); i++ {
		p, q := b[i-1], b[i]
		for x := key(min(p.x, q.x)); x <= key(max(p.x, q.x)); x++ {
			for y := key(min(p.y, q.y)); y <= key(max(p.y, q.y)); y++ {
				grid[[2]int{x, y}] = append(grid[[2]int{x, y}], i)
			}
		}
	}
	var worst float64
	for _, p := range a {
		best := float64(cell)
		for x := key(p.x) - 1; x <= key(p.x)+1; x++ {
			for y := key(p.y) - 1; y <= key(p.y)+1; y++ {
				for _, i := range grid[[2]int{x, y}] {
					best = math.Min(best, segDist(p, b[i-1], b[i]))
				}
			}
		}
		worst = math.Max(worst, best)
	}
	return worst
}

// TestOutlineWithinTolerance reads the path written for glyphs of every
// bundled font back from its PDF operators and compares it with the
// font's outline, flattened independently: every contour is kept, and no
// point of one is further than outlineTolerance font units from the other
// (within the sampling of simplify's own check). It reports how many
// curves the simplification saves.
func TestOutlineWithinTolerance(t *testing.T) {
	const steps = 64
	for _, id := range fonts.All() {
		face := id.NewFace()
		n := numGlyphs(t, id)
		stride := 7
		if testing.Short() {
			stride = 17
		}
		var worst float64
		var fontCurves, written, checked int
		for gid := 0; gid < n; gid += stride {
			data, _ := face.GlyphData(gofont.GID(gid)).(gofont.GlyphOutline)
			path, _ := pathOf(data.Segments)
			want, got := fontContours(data.Segments, steps), pdfContours(t, string(path), steps)
			if len(want) != len(got) {
				t.Fatalf("%s glyph %d: %d contours written for %d", id, gid, len(got), len(want))
			}
			for i := range want {
				worst = math.Max(worst, hausdorff(want[i], got[i]))
			}
			for _, s := range data.Segments {
				if s.Op == opentype.SegmentOpQuadTo || s.Op == opentype.SegmentOpCubeTo {
					fontCurves++
				}
			}
			written += strings.Count(string(path), "c\n")
			checked++
		}
		t.Logf("%s: %d glyphs, largest distance %.3f units, %d font curves written as %d curves", id, checked, worst, fontCurves, written)
		// simplify checks 12 samples per curve against a 48-segment
		// polyline; between them the distance may pass the tolerance by a
		// little (8% at most measured here over every other glyph)
		if worst > 1.1*outlineTolerance {
			t.Errorf("%s: a written outline is %.3f units from the font's, more than %v", id, worst, outlineTolerance)
		}
	}
}

// TestGlyphCacheBound fills the font registry's glyph form cache with the
// form of every glyph of every bundled font and checks that it holds them
// all within its bound, and that the live heap it adds is what it counts
// (within a quarter; forms built by earlier tests are in neither). About
// 2 s on two busy cores.
func TestGlyphCacheBound(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the form of every glyph of every bundled font")
	}
	for _, id := range fonts.All() { // the parsed fonts, shared faces and a compressor exist before measuring
		numGlyphs(t, id)
		id.WithFace(func(*gofont.Face) {})
	}
	putZ(getZ(levelForm))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.GC() // twice: the first moves sync.Pools to their victim caches
	runtime.ReadMemStats(&before)
	counted0 := fonts.Stats(fonts.GlyphForms).Bytes
	glyphs := 0
	for _, id := range fonts.All() {
		n := numGlyphs(t, id)
		for gid := 0; gid < n; gid++ {
			glyphOutline(id, uint16(gid))
		}
		glyphs += n
	}
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	st := fonts.Stats(fonts.GlyphForms)
	growth := float64(int64(after.HeapAlloc) - int64(before.HeapAlloc))
	t.Logf("glyph form cache: %d glyphs, %d bytes (%.1f MiB) counted, bound %.1f MiB; live heap grew %.1f MiB for %.1f MiB counted", st.Entries, st.Bytes,
		float64(st.Bytes)/(1<<20), float64(st.MaxBytes)/(1<<20), growth/(1<<20), float64(st.Bytes-counted0)/(1<<20))
	if st.Entries != glyphs || st.Bytes > st.MaxBytes {
		t.Errorf("the glyph form cache holds %d of %d glyphs in %d bytes, bound %d", st.Entries, glyphs, st.Bytes, st.MaxBytes)
	}
	if d := float64(st.Bytes - counted0); growth > 1.25*d || growth < 0.75*d {
		t.Errorf("the glyph forms take %.0f bytes of heap but the registry counts %.0f", growth, d)
	}
}

// BenchmarkGlyphForm builds the forms of the Nastaliq font's glyphs
// without the cache: the cost of the first letter to draw each glyph.
func BenchmarkGlyphForm(b *testing.B) {
	for i := 0; i < b.N; i++ {
		loadGlyphForm(fonts.NastaliqRegular, uint16(i%1138))
	}
}

func numGlyphs(t *testing.T, id fonts.ID) int {
	f, err := loadFont(id)
	if err != nil {
		t.Fatal(err)
	}
	return int(f.numGlyphs)
}

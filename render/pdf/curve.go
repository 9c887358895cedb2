package pdf

import "math"

// Glyph outlines drawn as paths are written with fewer segments than the
// font has: TrueType's quadratic pieces become cubic curves, runs of
// neighbouring curves that one cubic follows closely are merged into it,
// and curves that are nearly straight become lines. Every change is
// checked against the font's own outline: no point of the written path is
// further than outlineTolerance font units from it, and no point of the
// outline further from the written path. With whole-unit coordinates this
// bound includes the rounding.

// outlineTolerance is the largest distance, in font units, between a
// glyph's outline and the path written for it: 1 unit of a 1000-unit em
// is 0.015 pt at 15 pt, an eighth of a pixel at 600 dpi.
const outlineTolerance = 1.0

// maxMerge is the most font curves one written curve replaces.
const maxMerge = 6

type point struct{ x, y float64 }

func (p point) sub(q point) point     { return point{p.x - q.x, p.y - q.y} }
func (p point) add(q point) point     { return point{p.x + q.x, p.y + q.y} }
func (p point) scale(k float64) point { return point{p.x * k, p.y * k} }
func (p point) dist(q point) float64  { return math.Hypot(p.x-q.x, p.y-q.y) }
func (p point) round() point          { return point{math.Round(p.x), math.Round(p.y)} }
func dot(a, b point) float64          { return a.x*b.x + a.y*b.y }

// cubic is a cubic Bézier curve: start, two control points, end.
type cubic [4]point

func bezier(c cubic, t float64) point {
	u := 1 - t
	a, b, d, e := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return point{a*c[0].x + b*c[1].x + d*c[2].x + e*c[3].x, a*c[0].y + b*c[1].y + d*c[2].y + e*c[3].y}
}

// segDist is the distance from p to the segment ab.
func segDist(p, a, b point) float64 { return p.dist(nearestOnSeg(p, a, b)) }

// nearestOnSeg is the point of segment ab nearest to p.
func nearestOnSeg(p, a, b point) point {
	ab := b.sub(a)
	l := dot(ab, ab)
	if l == 0 {
		return a
	}
	t := math.Max(0, math.Min(1, dot(p.sub(a), ab)/l))
	return a.add(ab.scale(t))
}

// polyline appends a curve sampled at n+1 evenly spaced parameters, or
// n without its start point when skipStart is set.
func polyline(out []point, c cubic, n int, skipStart bool) []point {
	i := 0
	if skipStart {
		i = 1
	}
	for ; i <= n; i++ {
		out = append(out, bezier(c, float64(i)/float64(n)))
	}
	return out
}

// nearestFrom measures p against the polyline from segment k on, moving
// forward while the distance does not grow, and returns the distance and
// the segment where it stopped. The samples it is given follow the
// polyline's direction, so the nearest segment of the next one is not
// behind; a local minimum is never nearer than the true one, so the check
// it serves can only be stricter.
func nearestFrom(p point, poly []point, k int) (float64, int) {
	best := segDist(p, poly[k-1], poly[k])
	for k+1 < len(poly) {
		d := segDist(p, poly[k], poly[k+1])
		if d > best {
			break
		}
		best, k = d, k+1
	}
	return best, k
}

// Sampling density of the deviation check: samples per font curve, and
// polyline segments per font curve.
const (
	samplesPerCurve = 12
	segsPerCurve    = 24
)

// within reports whether the curves and the candidate that replaces them
// stay within tol of each other, measured both ways at sample points.
func within(curves []cubic, cand cubic, tol float64) bool {
	var cbuf, obuf [maxMerge*segsPerCurve + 1]point
	candPoly := polyline(cbuf[:0], cand, segsPerCurve*len(curves), false)
	origPoly := obuf[:0]
	for i, c := range curves {
		origPoly = polyline(origPoly, c, segsPerCurve, i > 0)
	}
	k := 1
	for _, c := range curves {
		for i := 1; i < samplesPerCurve; i++ {
			var d float64
			if d, k = nearestFrom(bezier(c, float64(i)/samplesPerCurve), candPoly, k); d > tol {
				return false
			}
		}
	}
	k = 1
	n := samplesPerCurve * len(curves)
	for i := 1; i < n; i++ {
		var d float64
		if d, k = nearestFrom(bezier(cand, float64(i)/float64(n)), origPoly, k); d > tol {
			return false
		}
	}
	return true
}

// fitCubic returns one cubic through the ends of consecutive curves with
// their end tangents: if the curves were pieces of one cubic split at
// parameters proportional to their chord lengths, this is that cubic. It
// reports false when a tangent is undefined.
func fitCubic(curves []cubic) (cubic, bool) {
	first, last := curves[0], curves[len(curves)-1]
	var total float64
	for _, c := range curves {
		total += c[0].dist(c[3])
	}
	a, b := first[1].sub(first[0]), last[2].sub(last[3])
	if total == 0 || a.norm() == 0 || b.norm() == 0 {
		return cubic{}, false
	}
	t0, t1 := first[0].dist(first[3])/total, last[0].dist(last[3])/total
	if t0 == 0 || t1 == 0 {
		return cubic{}, false
	}
	return cubic{first[0], first[0].add(a.scale(1 / t0)), last[3].add(b.scale(1 / t1)), last[3]}, true
}

func (p point) norm() float64 { return math.Hypot(p.x, p.y) }

func (c cubic) round() cubic { return cubic{c[0].round(), c[1].round(), c[2].round(), c[3].round()} }

// line is the straight segment from a to b as a cubic.
func line(a, b point) cubic {
	d := b.sub(a).scale(1.0 / 3)
	return cubic{a, a.add(d), b.sub(d), b}
}

// pathSeg is one segment of an outline: a move, a line or a cubic curve
// (c holds the start point, the control points and the end point; a move
// or a line uses c[0] and c[3]).
type pathSeg struct {
	op byte // 'm', 'l' or 'c'
	c  cubic
}

// simplify writes a contour's segments with whole-unit coordinates: a run
// of neighbouring curves becomes one cubic where one follows them within
// outlineTolerance, and a curve (or merged run) that a line follows as
// closely becomes that line. Moves and the font's lines stay.
func simplify(segs []pathSeg) []pathSeg {
	out := make([]pathSeg, 0, len(segs))
	var group []cubic // font curves waiting to be written as one
	var cur cubic     // what they are written as (rounded)
	flush := func() {
		if len(group) == 0 {
			return
		}
		if l := line(cur[0], cur[3]); within(group, l, outlineTolerance) {
			out = append(out, pathSeg{op: 'l', c: l})
		} else {
			out = append(out, pathSeg{op: 'c', c: cur})
		}
		group = group[:0]
	}
	for _, s := range segs {
		if s.op != 'c' {
			flush()
			out = append(out, pathSeg{op: s.op, c: s.c.round()})
			continue
		}
		if len(group) > 0 && len(group) < maxMerge {
			if cand, ok := fitCubic(append(group, s.c)); ok {
				if cand = cand.round(); within(append(group, s.c), cand, outlineTolerance) {
					group = append(group, s.c)
					cur = cand
					continue
				}
			}
		}
		flush()
		group = append(group, s.c)
		cur = s.c.round()
	}
	flush()
	return out
}

package service

import (
	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/internal/lru"
	"github.com/ualetters/ualetters/render/hyphen"
	"github.com/ualetters/ualetters/render/pdf"
	"github.com/ualetters/ualetters/render/text"
)

// The render caches' budgets in bytes (values, keys and entry overhead
// counted). They hold only what repeats across different signers: shaped
// runs and laid-out template paragraphs, subset font files for a glyph
// set, compressed pieces of streams (template paragraphs' page content,
// fonts' CMaps). No cache is keyed by the request as a whole. Together
// at most 16 MiB; a letter's template parts take about 60 KB a language,
// the rest holds signers' own paragraphs until newer ones push them out.
// TestCacheBytes checks that the heap they take matches what they count.
const (
	shapedRunBytes   = 4 << 20 // text: shaped runs, in font units
	paragraphBytes   = 4 << 20 // text: laid-out paragraphs
	subsetBytes      = 2 << 20 // pdf: compressed subset font files
	streamPieceBytes = 6 << 20 // pdf: compressed stream pieces and their raw bytes
)

// caches is the one registry of the render caches a Service owns. The
// per-font data (parsed fonts, PDF fonts, DOCX font parts, hyphen glyphs,
// body heights, glyph outlines) is held by the process's font registry,
// each cache bounded by the fonts' glyph counts, and reported beside
// these by CacheStats.
type caches struct {
	text *text.Cache
	pdf  *pdf.Cache
}

func newCaches() caches {
	return caches{
		text: text.NewCacheSizes(shapedRunBytes, paragraphBytes),
		pdf:  pdf.NewCache(subsetBytes, streamPieceBytes),
	}
}

// CacheStat is one cache's counters and size.
type CacheStat struct {
	Name string // shaped_runs, paragraphs, font_subsets, stream_pieces, hyphen_memo, font_...
	lru.Stats
}

// CacheStats reports every render cache, for /metrics: the service's
// own, then the font registry's per-font caches.
func (s *Service) CacheStats() []CacheStat {
	c := s.be.caches
	stats := []CacheStat{
		{"shaped_runs", c.text.RunStats()},
		{"paragraphs", c.text.ParagraphStats()},
		{"font_subsets", c.pdf.SubsetStats()},
		{"stream_pieces", c.pdf.SegmentStats()},
		{"hyphen_memo", hyphen.MemoStats()},
	}
	for _, fc := range fonts.Caches() {
		stats = append(stats, CacheStat{fc.Name(), fonts.Stats(fc)})
	}
	return stats
}

package layout

import (
	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/model"
)

// Units: every length is in PDF points (1/72 inch); the origin is the top
// left corner of the page and y grows downwards. Renderers that need
// another orientation (PDF: y up) convert.

// Paper is a page size (model.Paper).
type Paper = model.Paper

// The supported paper sizes.
var (
	A4     = model.A4
	Letter = model.Letter
)

// PaperByName returns the paper for "a4" or "letter".
func PaperByName(name string) (Paper, bool) { return model.PaperByName(name) }

// Glyph is one positioned glyph of a run.
type Glyph struct {
	ID      uint16  // glyph id in the run's font
	X, Y    float64 // pen position on the page with the shaper's offsets applied
	Advance float64 // the shaper's advance (points), for width tables
	// Chars is the source text of the glyph's cluster on the first glyph of
	// each cluster (in logical order) and empty on the others; a ligature's
	// glyph carries all the characters it stands for.
	Chars string
}

// Struct says where a run belongs in the document's logical structure,
// for tagged PDF: the block and the paragraph (block line) it is part of,
// the block's role, whether it is the label of a list item or field (a
// bullet), or an artifact such as a page footer that is not content.
type Struct struct {
	Block    int // index of the block in the composed document
	Para     int // index of the paragraph (block line) in the block
	Role     model.Role
	Label    bool
	Artifact bool
}

// GlyphRun is a sequence of glyphs in one font, size, language and
// direction, in visual (left-to-right) order. A page holds the runs of a
// line in reading (logical) order.
type GlyphRun struct {
	Font     fonts.ID
	Size     float64 // font size in points
	Baseline float64 // y of the baseline
	X, Width float64 // left edge and advance width of the run
	Glyphs   []Glyph
	Text     string // the run's logical text, for /ActualText and search
	Lang     string // BCP 47 tag of the text
	RTL      bool
	Struct   Struct
}

// Rule is a straight line.
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64 // stroke width in points
}

// Box is a rectangle, stroked or filled in black.
type Box struct {
	X, Y, W, H float64
	LineWidth  float64 // stroke width; 0 with Fill means no stroke
	Fill       bool
}

// Page is one laid-out page: its items in painting order.
type Page struct {
	Paper Paper
	Runs  []GlyphRun
	Rules []Rule
	Boxes []Box
}

// Document is a laid-out document, ready for the PDF and raster back ends.
type Document struct {
	Pages    []Page
	Lang     string // BCP 47 tag of the document language
	RTL      bool
	Title    string
	Subject  string
	Author   string
	Keywords string
	Date     string // ISO 8601 date from the request, "" for none
}

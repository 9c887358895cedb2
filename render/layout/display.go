package layout

import (
	"errors"
	"fmt"

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

// Struct says where a painted item belongs in the document's logical
// structure, for tagged PDF: the block and the paragraph (block line) it
// is part of, the block's role, whether it is the label of a list item or
// field (a bullet), or an artifact such as a page footer that is not
// content.
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

// Artifact is the structure of page furniture: footers, rules, boxes.
var Artifact = Struct{Block: -1, Artifact: true}

// Page is one laid-out page. Its runs, rules and boxes are stored by type;
// Items is the one painting order over them, with each item's place in the
// structure, which every back end follows through Paint. A page holds the
// runs of a line in reading (logical) order.
type Page struct {
	Paper Paper
	Runs  []GlyphRun
	Rules []Rule
	Boxes []Box
	Items []Item

	glyphs []Glyph // the storage the runs' glyphs were carved from (Document.Release)
}

// ItemKind says which slice of the page an item refers to.
type ItemKind uint8

// Item kinds.
const (
	RunItem ItemKind = iota
	RuleItem
	BoxItem
)

// Item is one entry of a page's display list: a run, rule or box of the
// page and its place in the document's structure.
type Item struct {
	Kind   ItemKind
	Index  int // index into Runs, Rules or Boxes
	Struct Struct
}

// AddRun appends a glyph run to the page and to its display list.
func (p *Page) AddRun(r GlyphRun, s Struct) {
	p.Items = append(p.Items, Item{Kind: RunItem, Index: len(p.Runs), Struct: s})
	p.Runs = append(p.Runs, r)
}

// AddRule appends a rule to the page and to its display list.
func (p *Page) AddRule(r Rule, s Struct) {
	p.Items = append(p.Items, Item{Kind: RuleItem, Index: len(p.Rules), Struct: s})
	p.Rules = append(p.Rules, r)
}

// AddBox appends a box to the page and to its display list.
func (p *Page) AddBox(b Box, s Struct) {
	p.Items = append(p.Items, Item{Kind: BoxItem, Index: len(p.Boxes), Struct: s})
	p.Boxes = append(p.Boxes, b)
}

// RunStructs returns the structure of every run, by run index.
func (p *Page) RunStructs() []Struct {
	st := make([]Struct, len(p.Runs))
	for _, it := range p.Items {
		if it.Kind == RunItem && it.Index >= 0 && it.Index < len(st) {
			st[it.Index] = it.Struct
		}
	}
	return st
}

// Painter draws the items of a page; the PDF and raster back ends
// implement it, so they paint in the same order. Each call gets the item,
// with its index into the page's slice and its structure.
type Painter interface {
	Run(r *GlyphRun, it Item) error
	Rule(r Rule, it Item) error
	Box(b Box, it Item) error
}

// ErrDisplayList reports a page whose display list does not match its
// runs, rules and boxes.
var ErrDisplayList = errors.New("layout: display list does not match the page")

// Paint replays the page's display list through a painter and stops at the
// first error. Every run, rule and box must be in the list exactly once.
func (p *Page) Paint(pt Painter) error {
	if len(p.Items) != len(p.Runs)+len(p.Rules)+len(p.Boxes) {
		return fmt.Errorf("%w: %d items for %d runs, %d rules, %d boxes",
			ErrDisplayList, len(p.Items), len(p.Runs), len(p.Rules), len(p.Boxes))
	}
	for i, it := range p.Items {
		var err error
		switch {
		case it.Kind == RunItem && it.Index >= 0 && it.Index < len(p.Runs):
			err = pt.Run(&p.Runs[it.Index], it)
		case it.Kind == RuleItem && it.Index >= 0 && it.Index < len(p.Rules):
			err = pt.Rule(p.Rules[it.Index], it)
		case it.Kind == BoxItem && it.Index >= 0 && it.Index < len(p.Boxes):
			err = pt.Box(p.Boxes[it.Index], it)
		default:
			return fmt.Errorf("%w: item %d", ErrDisplayList, i)
		}
		if err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
	}
	return nil
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

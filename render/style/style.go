// Package style is the one home of the letter's typography, read by every
// back end: render/layout (PDF, PNG preview, fax) and render/docx. It holds
// the page geometry, a profile per language (script font, body size) and a
// style per block role, all in points. A back end converts units (DOCX:
// twips and half-points) but never keeps sizes or spacing of its own.
package style

import (
	"math"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/model"
)

// Page geometry in points.
const (
	// Margin is the page margin on every side: 25 mm.
	Margin = 25 * 72 / 25.4
	// FooterGap is the room kept between the text and the footer line.
	FooterGap = 18
	// FooterSize is the font size of the page footer and header.
	FooterSize = 9
)

// Align is where a block's lines sit between the margins, relative to the
// letter's direction.
type Align int

// The alignments.
const (
	Start   Align = iota // the start margin: left in LTR, right in RTL
	End                  // the end margin
	Justify              // both margins, by widening spaces; the last line at the start
	Center
)

// Block is how a block role is set.
type Block struct {
	Scale       float64 // font size relative to the language's body size
	Bold        bool
	Align       Align
	SpaceBefore float64 // points before the block
	ParaSpace   float64 // points between the block's lines (paragraphs)
	Indent      float64 // start-side indent of the text, points
	Keep        bool    // the block's lines stay on one page
	KeepNext    bool    // the block stays with the first lines of the next
}

var blocks = map[model.Role]Block{
	model.RoleSender:       {Scale: 0.9, Align: Start, Keep: true},
	model.RoleDate:         {Scale: 1, Align: End, SpaceBefore: 12, Keep: true},
	model.RoleRecipient:    {Scale: 1, Align: Start, SpaceBefore: 12, Keep: true},
	model.RoleSubject:      {Scale: 1, Bold: true, Align: Start, SpaceBefore: 18, Keep: true, KeepNext: true},
	model.RoleSalutation:   {Scale: 1, Align: Start, SpaceBefore: 12, Keep: true, KeepNext: true},
	model.RoleBody:         {Scale: 1, Align: Justify, SpaceBefore: 8, ParaSpace: 8},
	model.RoleBullets:      {Scale: 1, Align: Justify, SpaceBefore: 6, ParaSpace: 4, Indent: 18},
	model.RoleClosing:      {Scale: 1, Align: Start, SpaceBefore: 12, Keep: true},
	model.RoleSignature:    {Scale: 1, Align: Start, SpaceBefore: 30, Keep: true},
	model.RoleCopies:       {Scale: 0.85, Align: Start, SpaceBefore: 18, Keep: true},
	model.RoleCoverTitle:   {Scale: 2, Bold: true, Align: Start, Keep: true},
	model.RoleCoverField:   {Scale: 1.1, Align: Start, SpaceBefore: 8, Indent: 110, Keep: true},
	model.RoleCoverMessage: {Scale: 1.1, Align: Justify, SpaceBefore: 24, ParaSpace: 8},
}

// Default is the style of a role the sheet does not know.
var Default = Block{Scale: 1, Align: Start, SpaceBefore: 8}

// For returns the style of a block role and whether the sheet has it.
func For(r model.Role) (Block, bool) {
	b, ok := blocks[r]
	if !ok {
		return Default, false
	}
	return b, true
}

// Profile is what the typography of a letter language needs.
type Profile struct {
	ScriptFont fonts.ID // regular face of the language's own script
	// BodySize is the body size of the script font, in points: Latin text
	// at LatinSize; Arabic-script text at the size whose letter bodies are
	// as tall as the Latin x-height (Nastaliq 15 pt, Naskh 12.5 pt).
	BodySize float64
	// LatinSize is the body size of Latin text in the letter, in points.
	LatinSize float64
}

// LatinSize is the body size of Latin text, in points.
const LatinSize = 11

// Body sizes of the Arabic-script fonts beside LatinSize text, measured
// from the fonts by render/text.MatchedSize (a test there keeps these
// equal to the measurement; this package must not depend on the shaper).
const (
	NastaliqSize = 15
	NaskhSize    = 12.5
)

// ProfileFor returns the profile of a language.
func ProfileFor(lang string) Profile {
	p := Profile{ScriptFont: fonts.ScriptFont(lang), BodySize: LatinSize, LatinSize: LatinSize}
	switch p.ScriptFont {
	case fonts.NastaliqRegular:
		p.BodySize = NastaliqSize
	case fonts.NaskhRegular:
		p.BodySize = NaskhSize
	}
	return p
}

// Size is the font size of a role's script-font text in a language, in
// points, rounded to half a point: the unit of WordprocessingML font
// sizes, so that a word processor sets the DOCX at exactly the PDF's sizes.
func Size(lang string, b Block) float64 {
	return halfPoint(ProfileFor(lang).BodySize * b.Scale)
}

// LatinSizeOf is the font size of a role's Latin text, in points, rounded
// to half a point.
func LatinSizeOf(b Block) float64 { return halfPoint(LatinSize * b.Scale) }

// ScriptSize is the size, to the half point, of the language's script
// font beside Latin text of latin points (the footer: 9 pt Latin).
func ScriptSize(lang string, latin float64) float64 {
	return halfPoint(latin * ProfileFor(lang).BodySize / LatinSize)
}

func halfPoint(pt float64) float64 { return math.Round(pt*2) / 2 }

package layout

import (
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/text"
)

// Margin is the page margin on every side: 25 mm.
const Margin = 25 * 72 / 25.4

// style is how a block role is set.
type style struct {
	scale       float64 // font size relative to the language's base size
	bold        bool
	align       text.Align
	spaceBefore float64 // points before the block
	paraSpace   float64 // points between the block's lines (paragraphs)
	indent      float64 // start-side indent of the text
	keep        bool    // the block's lines stay on one page
	keepNext    bool    // the block stays with the first lines of the next
}

var styles = map[letter.Role]style{
	letter.RoleSender:       {scale: 0.9, align: text.Start, keep: true},
	letter.RoleDate:         {scale: 1, align: text.End, spaceBefore: 12, keep: true},
	letter.RoleRecipient:    {scale: 1, align: text.Start, spaceBefore: 12, keep: true},
	letter.RoleSubject:      {scale: 1, bold: true, align: text.Start, spaceBefore: 18, keep: true, keepNext: true},
	letter.RoleSalutation:   {scale: 1, align: text.Start, spaceBefore: 12, keep: true, keepNext: true},
	letter.RoleBody:         {scale: 1, align: text.Justify, spaceBefore: 8, paraSpace: 8},
	letter.RoleBullets:      {scale: 1, align: text.Justify, spaceBefore: 6, paraSpace: 4, indent: 18},
	letter.RoleClosing:      {scale: 1, align: text.Start, spaceBefore: 12, keep: true},
	letter.RoleSignature:    {scale: 1, align: text.Start, spaceBefore: 30, keep: true},
	letter.RoleCopies:       {scale: 0.85, align: text.Start, spaceBefore: 18, keep: true},
	letter.RoleCoverTitle:   {scale: 2, bold: true, align: text.Start, keep: true},
	letter.RoleCoverField:   {scale: 1.1, align: text.Start, spaceBefore: 8, indent: 110, keep: true},
	letter.RoleCoverMessage: {scale: 1.1, align: text.Justify, spaceBefore: 24, paraSpace: 8},
}

func styleFor(r letter.Role) style {
	if s, ok := styles[r]; ok {
		return s
	}
	return style{scale: 1, align: text.Start, spaceBefore: 8}
}

// latinBodySize is the body size of Latin text, in points.
const latinBodySize = 11

// baseSize is the body text size for a language: Latin text at
// latinBodySize; Arabic-script text at the size whose letter bodies are as
// tall as the Latin x-height, measured from the fonts (text.MatchedSize:
// Nastaliq 15 pt, Naskh 12.5 pt).
func baseSize(lang string) float64 { return text.MatchedSize(lang, latinBodySize) }

// footerSize is the size of the page footer.
const footerSize = 9

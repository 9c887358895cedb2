package layout

import (
	"github.com/ualetters/ualetters/model"
	"github.com/ualetters/ualetters/render/style"
	"github.com/ualetters/ualetters/render/text"
)

// Margin is the page margin on every side: 25 mm (style.Margin).
const Margin = style.Margin

// footerGap is the room kept between the text and the footer line.
const footerGap = style.FooterGap

// footerSize is the size of the page footer.
const footerSize = style.FooterSize

// styleFor returns the style sheet's style of a block role.
func styleFor(r model.Role) style.Block {
	b, _ := style.For(r)
	return b
}

// textAlign maps the style sheet's alignment to the text engine's.
func textAlign(a style.Align) text.Align {
	switch a {
	case style.End:
		return text.End
	case style.Justify:
		return text.Justify
	case style.Center:
		return text.Center
	}
	return text.Start
}

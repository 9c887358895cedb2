package layout

import (
	"fmt"

	"github.com/ualetters/ualetters/model"
	"github.com/ualetters/ualetters/render/style"
	"github.com/ualetters/ualetters/render/text"
)

// Layouter lays out letters with a shared text engine; it is safe for
// concurrent use.
type Layouter struct {
	engine *text.Engine
}

// New returns a layouter that shapes text with engine.
func New(engine *text.Engine) *Layouter { return &Layouter{engine: engine} }

// box is one laid-out line waiting for pagination.
type box struct {
	line        text.Line
	left        float64 // left edge of the line's box
	width       float64
	spaceBefore float64
	keepPrev    bool // no page break between this line and the previous one
	block       int  // index of the block in the document
	para        int  // index of the paragraph (block line) in the block
	lineNo      int  // this line's index in its paragraph
	lineCount   int  // the number of lines of the paragraph
	marker      *text.Line
	markerLeft  float64
}

// Numbering places a document's pages in a larger whole for the "n / N"
// footers: Before pages precede it (a fax's cover sheet), After follow.
// The zero value numbers the document on its own.
type Numbering struct{ Before, After int }

// Layout lays out a composed letter or cover sheet on pages of the given
// paper. It returns the text engine's *fonts.UncoveredError for characters
// no bundled font covers.
func (l *Layouter) Layout(doc *model.Document, paper Paper) (*Document, error) {
	return l.LayoutWith(doc, paper, Options{})
}

// LayoutNumbered is Layout with page numbers that count the pages around
// the document: page 1 of a letter behind a one-page cover is "2 / 3".
func (l *Layouter) LayoutNumbered(doc *model.Document, paper Paper, num Numbering) (*Document, error) {
	return l.LayoutWith(doc, paper, Options{Numbering: num})
}

// Options number and bound one layout.
type Options struct {
	Numbering Numbering
	// MaxPages, when above 0, refuses a document of more pages with a
	// *TooLongError before any page is placed.
	MaxPages int
	// Check, when set, is called before each paragraph and each page; the
	// layout stops with its error (a cancelled request, a deadline).
	Check func() error
}

// TooLongError reports a document of more pages than Options.MaxPages.
type TooLongError struct{ Pages, Max int }

func (e *TooLongError) Error() string {
	return fmt.Sprintf("layout: %d pages, more than the %d allowed", e.Pages, e.Max)
}

// LayoutWith is Layout within the bounds of o.
func (l *Layouter) LayoutWith(doc *model.Document, paper Paper, o Options) (*Document, error) {
	boxes, err := l.boxes(doc, paper, o.Check)
	if err != nil {
		return nil, err
	}
	pages := paginate(boxes, paper)
	if o.MaxPages > 0 && len(pages) > o.MaxPages {
		return nil, &TooLongError{Pages: len(pages), Max: o.MaxPages}
	}
	out := &Document{
		Lang: doc.Tag, RTL: doc.RTL(), Title: doc.Title, Subject: doc.Subject,
		Author: doc.Author, Keywords: doc.Reference, Date: doc.Date,
	}
	for i, pg := range pages {
		if err := check(o.Check); err != nil {
			return nil, err
		}
		p, glyphs := newPage(paper, pg)
		for _, pb := range pg {
			st := Struct{Block: pb.box.block, Para: pb.box.para, Role: doc.Blocks[pb.box.block].Role}
			if m := pb.box.marker; m != nil {
				lab := st
				lab.Label = true
				addRuns(&p, placeLine(*m, pb.box.markerLeft, pb.baseline, doc.Tag, doc.Lang, doc.RTL(), &glyphs), lab)
			}
			addRuns(&p, placeLine(pb.box.line, pb.box.left, pb.baseline, doc.Tag, doc.Lang, doc.RTL(), &glyphs), st)
		}
		if doc.Kind != "cover" {
			num := o.Numbering
			runs, err := l.footer(doc, paper, num.Before+i+1, num.Before+len(pages)+num.After)
			if err != nil {
				return nil, err
			}
			addRuns(&p, runs, Artifact)
		}
		out.Pages = append(out.Pages, p)
	}
	return out, nil
}

// check calls f when it is set.
func check(f func() error) error {
	if f == nil {
		return nil
	}
	return f()
}

// boxes lays out every block's lines and ties them with the keep rules.
func (l *Layouter) boxes(doc *model.Document, paper Paper, stop func() error) ([]box, error) {
	var boxes []box
	for i, b := range doc.Blocks {
		bs, err := l.block(doc, b, paper, stop)
		if err != nil {
			return nil, fmt.Errorf("layout: block %d (%s): %w", i, b.Role, err)
		}
		if len(bs) == 0 {
			continue
		}
		for k := range bs {
			bs[k].block = i
		}
		switch {
		case i > 0 && styleFor(doc.Blocks[i-1].Role).KeepNext, b.Role == model.RoleSignature,
			b.Role == model.RoleCopies: // the last page holds closing, signature and copies
			bs[0].keepPrev = true
		case b.Role == model.RoleClosing:
			keepTwoBefore(boxes)
			bs[0].keepPrev = true
		}
		boxes = append(boxes, bs...)
	}
	return boxes, nil
}

// keepTwoBefore ties the last two lines before the closing to it, so the
// signature block never stands alone on a page.
func keepTwoBefore(boxes []box) {
	if n := len(boxes); n >= 2 {
		boxes[n-1].keepPrev = true
	}
}

// block lays out one block: each of its lines is a paragraph.
func (l *Layouter) block(doc *model.Document, b model.Block, paper Paper, stop func() error) ([]box, error) {
	st := styleFor(b.Role)
	size := style.Size(doc.Lang, st)
	left, width := Margin, paper.Width-2*Margin
	var out []box
	for i, ln := range b.Lines {
		if err := check(stop); err != nil {
			return nil, err
		}
		bs, err := l.paragraphBoxes(doc, b.Role, ln, st, size, left, width, stop)
		if err != nil {
			return nil, err
		}
		if len(bs) == 0 {
			continue
		}
		for k := range bs {
			bs[k].para = i
		}
		if i == 0 {
			bs[0].spaceBefore = st.SpaceBefore
		} else {
			bs[0].spaceBefore = st.ParaSpace
			bs[0].keepPrev = st.Keep
		}
		out = append(out, bs...)
	}
	if len(b.Label) > 0 {
		lab, err := l.engine.Layout(paragraph(doc, b.Label, size, text.Start, true), st.Indent-6)
		if err != nil {
			return nil, err
		}
		attachLabel(out, lab, doc.RTL(), left, width, st.Indent)
	}
	return out, nil
}

// paragraphBoxes lays out one line of a block (a paragraph or a bullet
// item) and sets the widow and orphan rules on its lines.
func (l *Layouter) paragraphBoxes(doc *model.Document, role model.Role, ln model.Line, st style.Block, size, left, width float64, stop func() error) ([]box, error) {
	textLeft, textWidth := left, width-st.Indent
	if !doc.RTL() {
		textLeft += st.Indent
	}
	p := paragraph(doc, ln.Runs, size, textAlign(st.Align), st.Bold)
	p.LatinSize = style.LatinSizeOf(st)
	p.Check = stop
	lines, err := l.engine.Layout(p, textWidth)
	if err != nil {
		return nil, err
	}
	out := make([]box, len(lines))
	for i, tl := range lines {
		out[i] = box{line: tl, left: textLeft, width: textWidth, lineNo: i, lineCount: len(lines)}
		// A paragraph is never split after its first line nor before its
		// last (no orphan or widow line); kept blocks are never split.
		out[i].keepPrev = i > 0 && (st.Keep || i == 1 || i == len(lines)-1)
	}
	if role == model.RoleBullets && len(out) > 0 {
		marker, err := l.engine.Layout(paragraph(doc, []model.Run{{Text: "•", Lang: doc.Lang}}, size, text.Start, false), st.Indent)
		if err != nil {
			return nil, err
		}
		out[0].marker = &marker[0]
		out[0].markerLeft = left + 4
		if doc.RTL() {
			out[0].markerLeft = left + width - st.Indent + 4
		}
	}
	return out, nil
}

// attachLabel puts a cover-sheet field label in the start-side column of
// the field's first line.
func attachLabel(out []box, lab []text.Line, rtl bool, left, width, indent float64) {
	if len(out) == 0 || len(lab) == 0 {
		return
	}
	out[0].marker = &lab[0]
	out[0].markerLeft = left
	if rtl {
		out[0].markerLeft = left + width - indent + 6
	}
}

// paragraph converts runs of the document model into a text paragraph.
// Justified paragraphs may hyphenate template text and own words (a user
// run that is the whole paragraph), never names, addresses, e-mail
// addresses or numbers.
func paragraph(doc *model.Document, runs []model.Run, size float64, align text.Align, bold bool) text.Paragraph {
	p := text.Paragraph{Lang: doc.Lang, RTL: doc.RTL(), Size: size, Align: align, Spans: make([]text.Span, 0, len(runs))}
	for _, r := range runs {
		sp := text.Span{Text: r.Text, Lang: r.Lang, Bold: bold || r.Style.Bold, Italic: r.Style.Italic}
		switch r.Kind {
		case model.Template:
			sp.Hyphenate = align == text.Justify
		case model.User:
			sp.Isolation = text.FirstStrong
			sp.Hyphenate = align == text.Justify && len(runs) == 1
		case model.LTRIsolate:
			sp.Isolation = text.LeftToRight
		}
		p.Spans = append(p.Spans, sp)
	}
	return p
}

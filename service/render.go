package service

import (
	"bytes"
	"context"
	"fmt"

	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/render/docx"
	"github.com/ualetters/ualetters/render/layout"
	"github.com/ualetters/ualetters/render/raster"
	"github.com/ualetters/ualetters/render/text"
)

// PreviewDPI is the resolution of PNG previews.
const PreviewDPI = 96

// backends turn composed documents into bytes. The layout engine (and
// its shaping cache) is shared by the PDF, PNG and TIFF back ends.
type backends struct {
	caches   caches
	layouter *layout.Layouter
}

func newBackends() *backends {
	c := newCaches()
	return &backends{caches: c, layouter: layout.New(text.NewEngine(c.text))}
}

// Prepare does the one-time work of the back ends (font embedding data)
// so that the first request does not pay for it.
func Prepare() error {
	if err := docx.Prepare(); err != nil {
		return fmt.Errorf("prepare DOCX fonts: %w", err)
	}
	return nil
}

// render hands a composed document to the back end of format f; ld is
// its layout (the DOCX back end, which leaves pagination to the word
// processor, does not need it).
func (b *backends) render(ctx context.Context, doc *letter.Document, ld *layout.Document, f Format, paper layout.Paper, page int) (*Result, error) {
	res := &Result{ContentType: f.ContentType()}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	switch f {
	case DOCX:
		out, err := docx.Render(doc, docx.Options{Paper: paper})
		if err != nil {
			return nil, fmt.Errorf("render DOCX: %w", err)
		}
		res.Body = out
		return res, nil
	case PDF, PNG, TIFF:
		res.Pages = len(ld.Pages)
		var err error
		res.Body, err = b.paged(ld, f, pageOptions{page: page, fax: raster.FaxOptions{Check: ctx.Err}})
		if err != nil {
			return nil, err
		}
		res.recyclable = f == PDF
		return res, nil
	}
	return nil, fmt.Errorf("%w: %s", ErrFormatUnavailable, f)
}

// pageOptions are the options of the paged formats: the page of a PNG
// preview (1-based; 0 means 1) and the resolution and coding of a fax TIFF.
type pageOptions struct {
	page int
	fax  raster.FaxOptions
}

// paged renders a laid-out document as PDF, a PNG preview of one page, or
// a fax TIFF.
func (b *backends) paged(ld *layout.Document, f Format, o pageOptions) ([]byte, error) {
	page := o.page
	switch f {
	case PDF:
		out, err := b.caches.pdf.RenderInto(recycledBuffer(), ld)
		if err != nil {
			return nil, fmt.Errorf("render PDF: %w", err)
		}
		return out, nil
	case PNG:
		if page == 0 {
			page = 1
		}
		if page > len(ld.Pages) {
			return nil, &PageError{Page: page, Pages: len(ld.Pages)}
		}
		var buf bytes.Buffer
		if err := raster.PNG(&buf, ld.Pages[page-1], PreviewDPI); err != nil {
			return nil, fmt.Errorf("render PNG: %w", err)
		}
		return buf.Bytes(), nil
	default:
		var buf bytes.Buffer
		if err := raster.WriteFax(&buf, ld.Pages, o.fax); err != nil {
			return nil, fmt.Errorf("render fax TIFF: %w", err)
		}
		return buf.Bytes(), nil
	}
}

// PageError reports a preview page beyond the end of the document.
type PageError struct{ Page, Pages int }

func (e *PageError) Error() string {
	return fmt.Sprintf("page %d asked for, but the document has %d page(s)", e.Page, e.Pages)
}

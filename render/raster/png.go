package raster

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"sync"

	"github.com/ualetters/ualetters/render/layout"
)

// pngEncoder favours speed: previews are made on request, and zlib's
// fastest level still shrinks a mostly white page well.
var pngEncoder = png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: encoderPool{}}

// PNG writes a preview of the page at dpi pixels per inch: an anti-aliased
// image of the whole paper in 256 greys (an 8-bit palette image).
func PNG(w io.Writer, p layout.Page, dpi float64) error {
	c, err := newCanvas(p.Paper, dpi, dpi, image.Point{}, 0, false)
	if err != nil {
		return err
	}
	if err := c.paint(p); err != nil {
		return err
	}
	// The coverage bytes index a palette of 256 greys from white to black:
	// no conversion pass, and Go's encoder skips its per-row filter search
	// for palette images, which costs more than the painting.
	img := &image.Paletted{Pix: c.a.Pix, Stride: c.a.Stride, Rect: c.a.Rect, Palette: inkPalette}
	if err := pngEncoder.Encode(w, img); err != nil {
		return fmt.Errorf("raster: encode PNG: %w", err)
	}
	return nil
}

// inkPalette maps coverage to grey: 0 is white paper, 255 black ink.
var inkPalette = func() color.Palette {
	p := make(color.Palette, 256)
	for i := range p {
		p[i] = color.Gray{Y: uint8(255 - i)}
	}
	return p
}()

// encoderPool lets concurrent previews reuse the encoder's buffers.
type encoderPool struct{}

var encoderBuffers sync.Pool

func (encoderPool) Get() *png.EncoderBuffer {
	b, _ := encoderBuffers.Get().(*png.EncoderBuffer)
	return b
}

func (encoderPool) Put(b *png.EncoderBuffer) { encoderBuffers.Put(b) }

package raster

import (
	"fmt"
	"image/png"
	"io"
	"sync"

	"github.com/ualetters/ualetters/render/layout"
)

// pngEncoder favours speed: previews are made on request, and zlib's
// fastest level still shrinks a mostly white page well.
var pngEncoder = png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: encoderPool{}}

// PNG writes a preview of the page at dpi pixels per inch: an 8-bit grey,
// anti-aliased image of the whole paper.
func PNG(w io.Writer, p layout.Page, dpi float64) error {
	c, err := newCanvas(p.Paper, dpi, dpi, 0, 0, false)
	if err != nil {
		return err
	}
	c.paint(p)
	if err := pngEncoder.Encode(w, toGray(c.a)); err != nil {
		return fmt.Errorf("raster: encode PNG: %w", err)
	}
	return nil
}

// encoderPool lets concurrent previews reuse the encoder's buffers.
type encoderPool struct{}

var encoderBuffers sync.Pool

func (encoderPool) Get() *png.EncoderBuffer {
	b, _ := encoderBuffers.Get().(*png.EncoderBuffer)
	return b
}

func (encoderPool) Put(b *png.EncoderBuffer) { encoderBuffers.Put(b) }

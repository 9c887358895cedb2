package api

import (
	"context"
	"errors"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/ualetters/ualetters/service"
)

// Errors that end a render before it is done; toProblem maps each.
var (
	errClientGone    = errors.New("the client closed the connection")
	errRenderTimeout = errors.New("the document took longer than the render timeout")
	errShuttingDown  = errors.New("the server is shutting down")
)

// longBody is the length of own words (in bytes) from which a letter is
// rendered as heavy: about three pages of Latin text, more of Urdu.
const longBody = 6000

// costClass is the cost class of a request: fax TIFFs (rasterising and
// coding every page) and letters with long own words are heavy.
func costClass(format service.Format, body string) class {
	if format == service.TIFF || len(body) > longBody {
		return heavy
	}
	return light
}

// render runs fn in a render slot of class cls, timing it. fn gets the
// render's context: it ends when the client leaves, when the render
// timeout passes and when a drain runs out of time.
func (s *Server) render(c fiber.Ctx, format, lang string, cls class, fn func(context.Context) (*service.Result, error)) (*service.Result, error) {
	ctx, cancel := s.renderContext(c)
	defer cancel()
	if err := s.lim.acquire(ctx, cls); err != nil {
		return nil, renderError(ctx, err)
	}
	start := time.Now()
	s.m.inFlight.Inc()
	defer func() {
		s.m.inFlight.Dec()
		s.lim.release(cls, time.Since(start))
	}()
	res, err := fn(ctx)
	if err != nil {
		return nil, renderError(ctx, err)
	}
	s.m.duration.WithLabelValues(format, lang).Observe(time.Since(start).Seconds())
	return res, nil
}

// renderContext derives a render's context from the server's and watches
// the client's connection.
func (s *Server) renderContext(c fiber.Ctx) (context.Context, context.CancelFunc) {
	ctx, gone := context.WithCancelCause(s.base)
	ctx, stop := context.WithTimeoutCause(ctx, s.cfg.RenderTimeout, errRenderTimeout)
	watchClient(ctx, c.RequestCtx().Conn(), func() { gone(errClientGone) })
	return ctx, func() { stop(); gone(nil) }
}

// renderError reports why a render's context ended, if it did: the cause
// is what the client is told (or, when it left, what is logged).
func renderError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return err
}

package api

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"
	"github.com/valyala/fasthttp"
)

// errPanic is what a handler panic becomes: a 500 problem (the panic value
// and stack go to the log only).
var errPanic = errors.New("handler panic")

// guardedNext runs the rest of the chain and turns a panic into errPanic,
// logged at ERROR with its stack, so one faulty request never ends the
// process (neither fiber v3 nor fasthttp recovers panics).
func (s *Server) guardedNext(c fiber.Ctx) (err error) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		rid, _ := c.Locals(keyRequestID).(string)
		personal, _ := c.Locals(keyPersonal).([]string)
		s.log.LogAttrs(c.Context(), slog.LevelError, "panic",
			slog.String("request_id", rid), slog.String("route", routeOf(c)),
			slog.String("panic", redact(fmt.Sprint(r), personal)),
			slog.String("stack", string(debug.Stack())))
		err = errPanic
	}()
	return c.Next()
}

// hardenServer wires the fasthttp server under fiber: unknown methods and
// requests fasthttp refuses before routing (read timeout, headers too
// large, malformed HTTP) are answered with a problem and logged and
// counted with their real status under the route "unmatched".
func (s *Server) hardenServer() {
	srv := s.app.Server()
	srv.ReadBufferSize = maxHeader
	next := srv.Handler
	srv.Handler = func(fctx *fasthttp.RequestCtx) {
		if !knownMethod(string(fctx.Method())) {
			s.answerUnrouted(fctx, fiber.ErrNotImplemented)
			return
		}
		next(fctx)
	}
	srv.ErrorHandler = func(fctx *fasthttp.RequestCtx, err error) {
		s.answerUnrouted(fctx, serverError(err))
	}
}

// maxHeader is the largest request line plus headers accepted (431
// beyond): room for a query string of about 8 KB besides ordinary headers.
const maxHeader = 16 << 10

// answerUnrouted answers a request that never reached the router.
func (s *Server) answerUnrouted(fctx *fasthttp.RequestCtx, err error) {
	start := time.Now()
	c := s.app.AcquireCtx(fctx)
	defer s.app.ReleaseCtx(c)
	rid := requestID(string(fctx.Request.Header.Peek(headerRequestID)))
	c.Locals(keyRequestID, rid)
	c.Locals(keyUnrouted, true)
	c.Set(headerRequestID, rid)
	if rerr := s.respondError(c, err); rerr != nil {
		c.Status(fiber.StatusInternalServerError)
	}
	s.record(c, rid, time.Since(start))
}

// serverError maps an error fasthttp met while reading a request to the
// status it deserves.
func serverError(err error) error {
	var ne net.Error
	switch {
	case errors.As(err, new(*fasthttp.ErrSmallBuffer)):
		return fiber.ErrRequestHeaderFieldsTooLarge
	case errors.Is(err, fasthttp.ErrBodyTooLarge):
		return fiber.ErrRequestEntityTooLarge
	case errors.As(err, &ne) && ne.Timeout(), strings.Contains(err.Error(), "timeout"):
		return fiber.ErrRequestTimeout
	case strings.Contains(err.Error(), "unsupported http request method"):
		return fiber.ErrNotImplemented
	}
	return fiber.ErrBadRequest
}

// knownMethod reports whether fiber routes the method; the others get 501.
func knownMethod(m string) bool { return slices.Contains(fiber.DefaultMethods, m) }

// methodLabel is the method for logs and metrics: a known one, or "other"
// (label values never come from raw request input).
func methodLabel(m string) string {
	if knownMethod(m) {
		return m
	}
	return "other"
}

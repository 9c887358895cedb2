package api

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"
)

// Keys of per-request values (fiber Locals) the handlers fill in for the
// access log and metrics. None of them holds personal data.
type localKey int

const (
	keyRequestID localKey = iota
	keyLang               // a language code the action offers
	keyFormat             // a known format name
	keyProblem            // problem type of an error response
	keyPersonal           // []string: signer values, only for redacting error causes
	keyUnrouted           // true: answered before routing (see answerUnrouted)
	keyAction             // *catalogue.Action: the route's action, looked up once by actionStatus
)

const headerRequestID = "X-Request-ID"

// observe wraps every request: request id, error responses, the access
// log line and the request counter.
func (s *Server) observe(c fiber.Ctx) error {
	start := time.Now()
	rid := requestID(c.Get(headerRequestID))
	c.Locals(keyRequestID, rid)
	c.Set(headerRequestID, rid)
	var err error = fiber.ErrRequestEntityTooLarge
	if c.Request().Header.ContentLength() <= maxBody {
		err = s.guardedNext(c)
	}
	if err != nil {
		if herr := s.respondError(c, err); herr != nil {
			return herr
		}
	}
	s.record(c, rid, time.Since(start))
	return nil
}

// record writes the access log line and counts the request. It logs
// route templates, never the URL: the query string may hold the signer's
// details.
func (s *Server) record(c fiber.Ctx, rid string, d time.Duration) {
	status := c.Response().StatusCode()
	route := routeOf(c)
	lang, _ := c.Locals(keyLang).(string)
	format, _ := c.Locals(keyFormat).(string)
	method := methodLabel(string(c.RequestCtx().Method())) // c.Method() panics on an unknown method
	s.m.requests.WithLabelValues(route, method, strconv.Itoa(status), format, lang).Inc()
	attrs := []slog.Attr{
		slog.String("request_id", rid),
		slog.String("method", method),
		slog.String("route", route),
		slog.Int("status", status),
		slog.Float64("duration_ms", float64(d.Microseconds())/1000),
		slog.Int("bytes", len(c.Response().Body())),
	}
	if lang != "" {
		attrs = append(attrs, slog.String("lang", lang))
	}
	if format != "" {
		attrs = append(attrs, slog.String("format", format))
	}
	if p, ok := c.Locals(keyProblem).(string); ok {
		attrs = append(attrs, slog.String("problem", p))
	}
	level := slog.LevelInfo
	if status >= 500 && status != 503 && status != 501 {
		level = slog.LevelError
	}
	s.log.LogAttrs(c.Context(), level, "request", attrs...)
}

// routeOf is the template of the matched route, or "unmatched".
func routeOf(c fiber.Ctx) string {
	if unrouted, _ := c.Locals(keyUnrouted).(bool); unrouted {
		return "unmatched"
	}
	if r := c.Route(); r != nil && r.Method != "USE" && r.Path != "" && r.Path != "/" {
		return r.Path
	}
	// The letter builder page (package web) is the one route at "/"; a
	// request that matched nothing may also carry a route of path "/".
	if r := c.Route(); r != nil && r.Path == "/" && r.Method == fiber.MethodGet && c.Path() == "/" && c.Response().StatusCode() < 400 {
		return "/"
	}
	return "unmatched"
}

// respondError sends the problem for err and logs the cause of server
// faults (with the signer's values blanked out).
func (s *Server) respondError(c fiber.Ctx, err error) error {
	p, internal := toProblem(err)
	rid, _ := c.Locals(keyRequestID).(string)
	p.RequestID = rid
	c.Locals(keyProblem, strings.TrimPrefix(p.Type, problemNS))
	if internal {
		personal, _ := c.Locals(keyPersonal).([]string)
		s.log.LogAttrs(c.Context(), slog.LevelError, "request failed",
			slog.String("request_id", rid), slog.String("route", routeOf(c)),
			slog.String("cause", redact(err.Error(), personal)))
	}
	if p.Status == 503 {
		s.m.rejected.Inc()
	}
	return sendProblem(c, p)
}

// errorHandler catches errors raised outside the observe middleware (for
// example an oversized body refused while reading the request).
func (s *Server) errorHandler(c fiber.Ctx, err error) error {
	return s.respondError(c, err)
}

// redact blanks every personal value out of an error message.
func redact(msg string, personal []string) string {
	for _, v := range personal {
		if v = strings.TrimSpace(v); v != "" {
			msg = strings.ReplaceAll(msg, v, "[redacted]")
		}
	}
	return msg
}

// requestID keeps a client's X-Request-ID when it is short printable
// ASCII, and makes a random one otherwise.
func requestID(given string) string {
	if n := len(given); n > 0 && n <= 128 {
		ok := true
		for i := 0; i < n; i++ {
			if given[i] <= ' ' || given[i] > '~' {
				ok = false
				break
			}
		}
		if ok {
			return given
		}
	}
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// auth requires a valid bearer key when keys are configured. Every key is
// compared, in constant time, against the SHA-256 of the presented one, so
// neither the key length nor its position leaks through timing.
func (s *Server) auth(c fiber.Ctx) error {
	if len(s.keys) == 0 {
		return c.Next()
	}
	token, ok := bearerToken(c.Get(fiber.HeaderAuthorization))
	if !ok {
		return &requestError{status: 401, kind: "unauthorized", detail: "this route needs an API key: Authorization: Bearer <key>",
			fields: fieldList("Authorization", "missing bearer token")}
	}
	sum := sha256.Sum256([]byte(token))
	match := 0
	for i := range s.keys {
		match |= subtle.ConstantTimeCompare(sum[:], s.keys[i][:])
	}
	if match != 1 {
		return &requestError{status: 401, kind: "unauthorized", detail: "the API key is not valid",
			fields: fieldList("Authorization", "unknown API key")}
	}
	return c.Next()
}

// bearerToken returns the token of an "Authorization: Bearer <token>"
// header. The scheme name is case-insensitive (RFC 9110 11.1), and any
// amount of spaces may separate it from the token.
func bearerToken(h string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

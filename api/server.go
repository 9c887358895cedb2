// Package api is the HTTP interface of ualetters (fiber v3): the action
// catalogue, letters and faxes for the website, staff and the fax gateway,
// plus health, readiness, metrics and the OpenAPI document. Handlers only
// translate between HTTP and package service; every error becomes an
// application/problem+json response in one place (toProblem).
package api

import (
	"context"
	"crypto/sha256"
	"log/slog"
	"net"
	"runtime"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/ualetters/ualetters/service"
)

// maxBody is the largest request body accepted (413 beyond it).
const maxBody = 64 << 10

// Config holds the server's limits and options. Zero values take the
// defaults listed on each field.
type Config struct {
	Logger       *slog.Logger  // default: slog.Default()
	APIKeys      []string      // bearer keys for the letter and fax routes; none means open
	MaxRenders   int           // concurrent renders; default one per CPU, at least 2
	HeavyRenders int           // concurrent heavy renders (fax TIFFs, batches, long own words); default CPUs / 2, at least 1
	Queue        int           // most requests waiting for a render slot (a memory bound); default 1024
	QueueWait    time.Duration // longest wait for a render slot; default 1 s
	// RenderTimeout ends a render that takes longer (503); default 10 s.
	RenderTimeout time.Duration
	ReadTimeout   time.Duration // default 10 s
	WriteTimeout  time.Duration // default 30 s
	IdleTimeout   time.Duration // default 60 s
	// Ready reports whether fonts and templates are loaded (GET /readyz);
	// default: always ready.
	Ready func() error
	// CORSOrigins are the exact origins ("https://example.org") whose
	// pages may call the API with fetch(); none means no CORS headers.
	CORSOrigins []string
	// IgnoreFields are form and query fields the letter and fax routes
	// drop silently (a CMS's hidden fields); must not name a real field.
	IgnoreFields []string
}

func (c *Config) defaults() {
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.MaxRenders <= 0 {
		c.MaxRenders = max(runtime.NumCPU(), 2)
	}
	if c.HeavyRenders <= 0 {
		c.HeavyRenders = max(1, runtime.NumCPU()/2)
	}
	if c.Queue <= 0 {
		c.Queue = DefaultQueue
	}
	if c.RenderTimeout <= 0 {
		c.RenderTimeout = 10 * time.Second
	}
	if c.QueueWait <= 0 {
		c.QueueWait = time.Second
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = 10 * time.Second
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = 30 * time.Second
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = 60 * time.Second
	}
	if c.Ready == nil {
		c.Ready = func() error { return nil }
	}
}

// DefaultQueue bounds the render queue by count, only to bound memory:
// the queue wait is what limits it in practice (see limiter).
const DefaultQueue = 1024

// Server is the HTTP service.
type Server struct {
	base context.Context         // parent of every render's context
	stop context.CancelCauseFunc // cancels base: renders still running when the drain ends
	app  *fiber.App
	svc  *service.Service
	cfg  Config
	log  *slog.Logger
	lim  *limiter
	m    *metrics
	keys [][sha256.Size]byte
	// origins and ignore are CORSOrigins and IgnoreFields as sets.
	origins, ignore map[string]bool
}

// New builds the server and its routes.
func New(svc *service.Service, cfg Config) *Server {
	cfg.defaults()
	s := &Server{svc: svc, cfg: cfg, log: cfg.Logger, m: newMetrics(),
		lim: newLimiter(cfg.MaxRenders, cfg.HeavyRenders, cfg.Queue, cfg.QueueWait)}
	s.m.reg.MustRegister(newCacheCollector(svc))
	s.base, s.stop = context.WithCancelCause(context.Background())
	for _, k := range cfg.APIKeys {
		if k != "" {
			s.keys = append(s.keys, sha256.Sum256([]byte(k)))
		}
	}
	s.origins, s.ignore = setOf(cfg.CORSOrigins), setOf(cfg.IgnoreFields)
	s.app = fiber.New(fiber.Config{
		AppName:                 "ualetters",
		BodyLimit:               maxBody,
		ReadTimeout:             cfg.ReadTimeout,
		WriteTimeout:            cfg.WriteTimeout,
		IdleTimeout:             cfg.IdleTimeout,
		Immutable:               true,
		DisableHeadAutoRegister: true,
		ErrorHandler:            s.errorHandler,
	})
	s.hardenServer()
	s.routes()
	return s
}

// routes registers every route; openapi.json documents exactly these
// (a test keeps them in step).
func (s *Server) routes() {
	s.app.Use(s.observe)
	s.app.Use(s.cors)
	s.app.Get("/healthz", s.healthz)
	s.app.Get("/readyz", s.readyz)
	s.app.Get("/metrics", s.metricsHandler())
	s.app.Get("/openapi.json", s.openapi)
	s.app.Get("/v1/actions", s.actions)
	s.app.Get("/v1/actions/:id", s.action)
	s.app.Post("/v1/actions/:id/letter", s.auth, s.dropIgnored, s.actionStatus, s.letter)
	s.app.Post("/v1/actions/:id/fax", s.auth, s.dropIgnored, s.actionStatus, s.fax)
	s.app.Post("/v1/actions/:id/faxes", s.auth, s.dropIgnored, s.actionStatus, s.faxes)
}

// Route is one registered method and path, with path parameters written
// OpenAPI style ("/v1/actions/{id}").
type Route struct{ Method, Path string }

// Routes lists the registered routes.
func (s *Server) Routes() []Route {
	var out []Route
	for _, r := range s.app.GetRoutes(true) {
		out = append(out, Route{Method: r.Method, Path: openAPIPath(r.Path)})
	}
	return out
}

// Serve answers requests on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	return s.app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true})
}

// Shutdown stops accepting connections and waits, until ctx ends, for
// the requests in flight to finish. Renders still running shortly before
// ctx's deadline (a fifth of the time left, at most 2 s) are cancelled and
// answered with 503, so no client is dropped without an answer.
func (s *Server) Shutdown(ctx context.Context) error {
	if dl, ok := ctx.Deadline(); ok {
		left := time.Until(dl)
		t := time.AfterFunc(left-min(left/5, 2*time.Second), func() { s.stop(errShuttingDown) })
		defer t.Stop()
	}
	return s.app.ShutdownWithContext(ctx)
}

// Handler exposes the fiber app, for tests that drive it in memory.
func (s *Server) Handler() *fiber.App { return s.app }

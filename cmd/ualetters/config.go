package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/ualetters/ualetters/api"
	"github.com/ualetters/ualetters/service"
)

// config is the effective configuration of serve: defaults, overridden by
// UALETTERS_* environment variables, overridden by flags.
type config struct {
	Addr            string
	Templates       string // directory replacing the embedded templates; "" = embedded
	APIKeys         []string
	Procs           int // Go scheduler threads (GOMAXPROCS); 0 = 2 × CPUs
	MaxRenders      int
	HeavyRenders    int
	MaxPages        int
	Queue           int
	QueueWait       time.Duration
	RenderTimeout   time.Duration
	ReadTimeout     time.Duration
	WriteTimeout    time.Duration
	IdleTimeout     time.Duration
	ShutdownTimeout time.Duration
	LogFormat       string
	LogLevel        string
	CORSOrigins     list // exact origins allowed to call the API from a browser
	IgnoreFields    list // form fields the letter and fax routes drop
	UI              bool // serve the letter builder page at GET /
}

// list is a comma-separated flag or variable; blanks around items are
// trimmed and empty items dropped.
type list []string

func (l *list) String() string { return strings.Join(*l, ",") }

func (l *list) Set(v string) error {
	*l = nil
	for _, item := range strings.Split(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			*l = append(*l, item)
		}
	}
	return nil
}

// envError collects unparseable environment variables.
type envError struct{ msgs []string }

func (e *envError) add(name, val, want string) {
	e.msgs = append(e.msgs, fmt.Sprintf("%s=%q: want %s", name, val, want))
}

// loadConfig builds the configuration from the environment and args.
func loadConfig(args []string, getenv func(string) string, stderr io.Writer) (*config, *flag.FlagSet, error) {
	c := &config{Addr: ":8080", QueueWait: time.Second, ReadTimeout: 10 * time.Second,
		RenderTimeout: 10 * time.Second, MaxPages: service.DefaultMaxPages, Queue: api.DefaultQueue,
		WriteTimeout: 30 * time.Second, IdleTimeout: 60 * time.Second, ShutdownTimeout: 25 * time.Second,
		LogFormat: "json", LogLevel: "info", UI: true}
	ee := &envError{}
	envString(getenv, "UALETTERS_ADDR", &c.Addr)
	envString(getenv, "UALETTERS_TEMPLATES", &c.Templates)
	envString(getenv, "UALETTERS_LOG_FORMAT", &c.LogFormat)
	envString(getenv, "UALETTERS_LOG_LEVEL", &c.LogLevel)
	envInt(getenv, "UALETTERS_PROCS", &c.Procs, ee)
	envInt(getenv, "UALETTERS_MAX_RENDERS", &c.MaxRenders, ee)
	envInt(getenv, "UALETTERS_HEAVY_RENDERS", &c.HeavyRenders, ee)
	envInt(getenv, "UALETTERS_MAX_PAGES", &c.MaxPages, ee)
	envInt(getenv, "UALETTERS_QUEUE", &c.Queue, ee)
	envDuration(getenv, "UALETTERS_QUEUE_WAIT", &c.QueueWait, ee)
	envDuration(getenv, "UALETTERS_RENDER_TIMEOUT", &c.RenderTimeout, ee)
	envDuration(getenv, "UALETTERS_READ_TIMEOUT", &c.ReadTimeout, ee)
	envDuration(getenv, "UALETTERS_WRITE_TIMEOUT", &c.WriteTimeout, ee)
	envDuration(getenv, "UALETTERS_IDLE_TIMEOUT", &c.IdleTimeout, ee)
	envDuration(getenv, "UALETTERS_SHUTDOWN_TIMEOUT", &c.ShutdownTimeout, ee)
	_ = c.CORSOrigins.Set(getenv("UALETTERS_CORS_ORIGINS"))
	_ = c.IgnoreFields.Set(getenv("UALETTERS_IGNORE_FIELDS"))
	envBool(getenv, "UALETTERS_UI", &c.UI, ee)
	if raw := getenv("UALETTERS_API_KEYS"); raw != "" {
		c.APIKeys = apiKeys(raw, ee)
	}
	if len(ee.msgs) > 0 {
		return nil, nil, fmt.Errorf("bad environment: %s", strings.Join(ee.msgs, "; "))
	}

	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (UALETTERS_ADDR)")
	fs.StringVar(&c.Templates, "templates", c.Templates, "templates directory replacing the embedded ones; SIGHUP reloads it (UALETTERS_TEMPLATES)")
	fs.IntVar(&c.Procs, "procs", c.Procs, "Go scheduler threads (GOMAXPROCS); 0 = 2 × CPUs, or GOMAXPROCS when that is set (UALETTERS_PROCS)")
	fs.IntVar(&c.MaxRenders, "max-renders", c.MaxRenders, "concurrent renders; 0 = one per CPU, at least 2 (UALETTERS_MAX_RENDERS)")
	fs.IntVar(&c.HeavyRenders, "heavy-renders", c.HeavyRenders, "concurrent heavy renders (fax TIFFs, batches, long own words); 0 = CPUs / 2, at least 1 (UALETTERS_HEAVY_RENDERS)")
	fs.IntVar(&c.MaxPages, "max-pages", c.MaxPages, "most pages of a letter; longer ones get 422 too-long (UALETTERS_MAX_PAGES)")
	fs.IntVar(&c.Queue, "queue", c.Queue, "most requests waiting for a render slot, a memory bound; the queue wait bounds it first (UALETTERS_QUEUE)")
	fs.DurationVar(&c.QueueWait, "queue-wait", c.QueueWait, "longest wait for a render slot; requests expected to wait longer get 503 at once (UALETTERS_QUEUE_WAIT)")
	fs.DurationVar(&c.RenderTimeout, "render-timeout", c.RenderTimeout, "longest render; then 503 render-timeout (UALETTERS_RENDER_TIMEOUT)")
	fs.DurationVar(&c.ReadTimeout, "read-timeout", c.ReadTimeout, "time to read a request (UALETTERS_READ_TIMEOUT)")
	fs.DurationVar(&c.WriteTimeout, "write-timeout", c.WriteTimeout, "time to write a response (UALETTERS_WRITE_TIMEOUT)")
	fs.DurationVar(&c.IdleTimeout, "idle-timeout", c.IdleTimeout, "keep-alive idle time (UALETTERS_IDLE_TIMEOUT)")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "longest wait for in-flight requests on SIGTERM (UALETTERS_SHUTDOWN_TIMEOUT)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "json or text (UALETTERS_LOG_FORMAT)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (UALETTERS_LOG_LEVEL)")
	fs.Var(&c.CORSOrigins, "cors-origins", "comma-separated origins whose pages may call the API, e.g. https://campaign.example.org (UALETTERS_CORS_ORIGINS)")
	fs.Var(&c.IgnoreFields, "ignore-fields", "comma-separated form fields the letter and fax routes ignore, e.g. op,form_token (UALETTERS_IGNORE_FIELDS)")
	fs.BoolVar(&c.UI, "ui", c.UI, "serve the letter builder page at / (UALETTERS_UI)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: ualetters [serve] [flags]\nAPI keys come only from UALETTERS_API_KEYS (comma-separated), never from flags.")
		fs.PrintDefaults()
	}
	return c, fs, nil
}

// resolve fills in the defaults that depend on the machine: cpus is the
// CPUs the process may use (Go's GOMAXPROCS at start: the container's CPU
// limit, or the operator's GOMAXPROCS) and procsSet whether the operator
// set GOMAXPROCS.
//
// Renders are CPU-bound, so one runs per CPU (two on one CPU, so that a
// heavy render never holds the only slot) and the rest wait in the
// limiter's FIFO queue. The scheduler gets twice as many threads as
// CPUs: with only one per CPU, every thread is busy rendering, nothing
// polls the network, and a request that has arrived waits behind a chain
// of renders handed from one to the next (up to Go's 10 ms time slice,
// twice at the 99th percentile). The spare threads read, parse and
// answer requests while the renders run, and the kernel shares the CPUs
// between them (bench/perf.sh: p99 at 8 connections 24 ms before, see
// docs/DESIGN.md "Scheduling").
func (c *config) resolve(cpus int, procsSet bool) {
	if c.Procs == 0 && !procsSet {
		c.Procs = 2 * cpus
	}
	if c.MaxRenders == 0 {
		c.MaxRenders = max(cpus, 2) // at least one slot beside a heavy render
	}
	if c.HeavyRenders == 0 {
		c.HeavyRenders = max(1, cpus/2)
	}
	if c.Queue == 0 {
		c.Queue = api.DefaultQueue
	}
}

func (c *config) validate() error {
	if c.LogFormat != "json" && c.LogFormat != "text" {
		return fmt.Errorf("log format %q: use json or text", c.LogFormat)
	}
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return fmt.Errorf("log level %q: use debug, info, warn or error", c.LogLevel)
	}
	if c.Procs < 0 || c.MaxRenders < 0 || c.HeavyRenders < 0 || c.Queue < 0 || c.MaxPages < 1 {
		return fmt.Errorf("procs, max-renders, heavy-renders and queue must not be negative, max-pages must be 1 or more")
	}
	for _, d := range []time.Duration{c.QueueWait, c.RenderTimeout, c.ReadTimeout, c.WriteTimeout, c.IdleTimeout, c.ShutdownTimeout} {
		if d < 0 {
			return fmt.Errorf("durations must not be negative")
		}
	}
	for _, o := range c.CORSOrigins {
		if err := checkOrigin(o); err != nil {
			return err
		}
	}
	for _, f := range c.IgnoreFields {
		if api.IsField(f) {
			return fmt.Errorf("ignore-fields: %q is a field of the letter routes and cannot be ignored", f)
		}
	}
	return nil
}

// checkOrigin accepts an origin as browsers send it: http or https, a
// host, an optional port, nothing else ("https://example.org").
func checkOrigin(o string) error {
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil || o != strings.ToLower(o) {
		return fmt.Errorf("cors-origins: %q is not an origin; write scheme://host[:port] in lower case, e.g. https://campaign.example.org", o)
	}
	return nil
}

// logAttrs is the configuration for the start-up log line: API keys are
// counted, never shown.
func (c *config) logAttrs() []any {
	return []any{
		"addr", c.Addr, "templates", templatesName(c.Templates), "api_keys", len(c.APIKeys),
		"procs", runtime.GOMAXPROCS(0), "max_renders", c.MaxRenders, "heavy_renders", c.HeavyRenders, "max_pages", c.MaxPages,
		"queue", c.Queue, "queue_wait", c.QueueWait.String(), "render_timeout", c.RenderTimeout.String(),
		"read_timeout", c.ReadTimeout.String(), "write_timeout", c.WriteTimeout.String(),
		"idle_timeout", c.IdleTimeout.String(), "shutdown_timeout", c.ShutdownTimeout.String(),
		"log_format", c.LogFormat, "log_level", c.LogLevel,
		"cors_origins", c.CORSOrigins.String(), "ignore_fields", c.IgnoreFields.String(),
		"ui", c.UI,
	}
}

func templatesName(dir string) string {
	if dir == "" {
		return "(embedded)"
	}
	return dir
}

// apiKeys splits UALETTERS_API_KEYS. A value that holds no usable key
// (" , ") is an error: starting without authentication because of a typo
// would open the letter routes to everyone.
func apiKeys(raw string, ee *envError) []string {
	var keys []string
	for _, k := range strings.Split(raw, ",") {
		if k = strings.TrimSpace(k); k != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		ee.msgs = append(ee.msgs, "UALETTERS_API_KEYS is set but holds no key (unset it to run without authentication)")
	}
	return keys
}

func envString(getenv func(string) string, name string, dst *string) {
	if v := getenv(name); v != "" {
		*dst = v
	}
}

func envInt(getenv func(string) string, name string, dst *int, ee *envError) {
	if v := getenv(name); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			ee.add(name, v, "a whole number")
			return
		}
		*dst = n
	}
}

func envBool(getenv func(string) string, name string, dst *bool, ee *envError) {
	if v := getenv(name); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			ee.add(name, v, "true or false")
			return
		}
		*dst = b
	}
}

func envDuration(getenv func(string) string, name string, dst *time.Duration, ee *envError) {
	if v := getenv(name); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			ee.add(name, v, "a duration such as 300ms or 10s")
			return
		}
		*dst = d
	}
}

// newLogger builds the slog logger the config asks for.
func newLogger(c *config, w io.Writer) *slog.Logger {
	var lv slog.Level
	_ = lv.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: lv}
	if c.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

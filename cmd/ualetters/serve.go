package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/ualetters/ualetters/api"
	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/internal/version"
	"github.com/ualetters/ualetters/service"
	"github.com/ualetters/ualetters/templates"
	"github.com/ualetters/ualetters/web"
)

// serve runs the HTTP service until SIGTERM or SIGINT, then lets the
// requests in flight finish and returns 0.
func serve(args []string, stderr io.Writer) int {
	cfg, fset, err := loadConfig(args, os.Getenv, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "ualetters:", err)
		return exitUsage
	}
	if code, ok := parseFlags(fset, args); !ok {
		return code
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(stderr, "ualetters: serve takes no arguments, got %q\n", fset.Args())
		return exitUsage
	}
	if err := cfg.validate(); err != nil {
		fmt.Fprintln(stderr, "ualetters:", err)
		return exitUsage
	}
	cfg.resolve(runtime.GOMAXPROCS(0), os.Getenv("GOMAXPROCS") != "")
	if cfg.Procs > 0 {
		runtime.GOMAXPROCS(cfg.Procs)
	}
	log := newLogger(cfg, stderr)
	v := version.Get()
	log.Info("starting", "version", v.Version, "revision", v.Revision, "go", v.GoVersion)
	log.Info("config", cfg.logAttrs()...)
	if err := runServer(cfg, log); err != nil {
		log.Error("server failed", "error", err.Error())
		return exitFail
	}
	log.Info("stopped")
	return exitOK
}

// runServer loads everything, refusing to start on invalid templates,
// serves, and shuts down gracefully on a signal.
func runServer(cfg *config, log *slog.Logger) error {
	if err := fonts.Load(); err != nil {
		return fmt.Errorf("load fonts: %w", err)
	}
	store, err := catalogue.NewStore(templateFS(cfg.Templates))
	if err != nil {
		logTemplateProblems(log, err)
		return fmt.Errorf("templates in %s are invalid", templatesName(cfg.Templates))
	}
	if err := service.Prepare(); err != nil {
		return err
	}
	srv := api.New(service.New(store, service.WithMaxPages(cfg.MaxPages)), api.Config{
		Logger: log, APIKeys: cfg.APIKeys, MaxRenders: cfg.MaxRenders, HeavyRenders: cfg.HeavyRenders,
		Queue: cfg.Queue, QueueWait: cfg.QueueWait, RenderTimeout: cfg.RenderTimeout,
		ReadTimeout: cfg.ReadTimeout, WriteTimeout: cfg.WriteTimeout, IdleTimeout: cfg.IdleTimeout,
		Ready:       ready(store),
		CORSOrigins: cfg.CORSOrigins, IgnoreFields: cfg.IgnoreFields,
	})
	if cfg.UI {
		if err := web.Register(srv.Handler(), web.Options{APIKeys: len(cfg.APIKeys) > 0}); err != nil {
			return err
		}
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(stop)
	defer signal.Stop(hup)

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	log.Info("listening", "addr", ln.Addr().String())

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	for {
		select {
		case err := <-served:
			return fmt.Errorf("serve: %w", err)
		case <-hup:
			reload(cfg, store, log)
		case sig := <-stop:
			log.Info("shutting down", "signal", sig.String())
			ctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
			defer cancel()
			if err := srv.Shutdown(ctx); err != nil {
				// renders were cancelled and answered before the deadline;
				// what is left are idle or stuck connections: exit 0 anyway
				log.Warn("drain ended before every connection closed", "error", err.Error())
				return nil
			}
			if err := <-served; err != nil && !errors.Is(err, net.ErrClosed) {
				return fmt.Errorf("serve: %w", err)
			}
			return nil
		}
	}
}

// reload re-reads the templates directory on SIGHUP; an invalid one is
// logged and the catalogue in service stays.
func reload(cfg *config, store *catalogue.Store, log *slog.Logger) {
	if cfg.Templates == "" {
		log.Info("SIGHUP ignored: the embedded templates cannot change")
		return
	}
	if err := store.Reload(templateFS(cfg.Templates)); err != nil {
		logTemplateProblems(log, err)
		log.Error("reload failed; the previous templates stay in service", "templates", cfg.Templates)
		return
	}
	log.Info("templates reloaded", "templates", cfg.Templates, "actions", len(store.Current().Actions()))
}

// ready reports whether fonts and templates are loaded (GET /readyz).
func ready(store *catalogue.Store) func() error {
	return func() error {
		if err := fonts.Load(); err != nil {
			return err
		}
		if c := store.Current(); c == nil || len(c.Actions()) == 0 {
			return errors.New("no templates loaded")
		}
		return nil
	}
}

func templateFS(dir string) fs.FS {
	if dir == "" {
		return templates.FS
	}
	return os.DirFS(dir)
}

func logTemplateProblems(log *slog.Logger, err error) {
	var te *catalogue.TemplateError
	if !errors.As(err, &te) {
		log.Error("templates", "error", err.Error())
		return
	}
	for _, p := range te.Problems {
		log.Error("template problem", "problem", p.String())
	}
}

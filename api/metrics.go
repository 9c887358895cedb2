package api

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the Prometheus series the service exports on /metrics. Each
// server has its own registry, so tests can run several servers in one
// process. Label values come only from fixed sets (route templates, known
// formats and catalogue languages), never from raw request input.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
	rejected prometheus.Counter
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ualetters_http_requests_total",
			Help: "HTTP requests by route template, method, status, format and language.",
		}, []string{"route", "method", "status", "format", "lang"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "ualetters_render_duration_seconds",
			Help:    "Time to compose and render one document.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"format", "lang"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "ualetters_renders_in_flight",
			Help: "Documents being rendered now.",
		}),
		rejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "ualetters_renders_rejected_total",
			Help: "Render requests turned away with 503 because every render slot stayed busy.",
		}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.inFlight, m.rejected, buildInfo(),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

package api

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/ualetters/ualetters/internal/version"
)

// buildInfo is the ualetters_build_info gauge: always 1, labelled with the
// running build, so dashboards can tell which version each replica runs.
func buildInfo() prometheus.Collector {
	v := version.Get()
	g := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "ualetters_build_info",
		Help: "Always 1; the labels name the running build (module version, VCS revision, Go version).",
		ConstLabels: prometheus.Labels{
			"version": v.Version, "revision": v.Revision, "goversion": v.GoVersion,
		},
	})
	g.Set(1)
	return g
}

package api

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/ualetters/ualetters/service"
)

// cacheCollector exports the service's render caches on /metrics: bytes
// held against the bound, entries, hits and misses, by cache name.
type cacheCollector struct {
	svc                                *service.Service
	bytes, maxBytes, entries, hit, mis *prometheus.Desc
}

func newCacheCollector(svc *service.Service) *cacheCollector {
	d := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc("ualetters_cache_"+name, help, []string{"cache"}, nil)
	}
	return &cacheCollector{svc: svc,
		bytes:    d("bytes", "Bytes a render cache holds (values, keys and entry overhead)."),
		maxBytes: d("max_bytes", "The bound of a render cache in bytes."),
		entries:  d("entries", "Entries a render cache holds."),
		hit:      d("hits_total", "Lookups a render cache answered."),
		mis:      d("misses_total", "Lookups a render cache could not answer."),
	}
}

func (c *cacheCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.bytes, c.maxBytes, c.entries, c.hit, c.mis} {
		ch <- d
	}
}

func (c *cacheCollector) Collect(ch chan<- prometheus.Metric) {
	for _, s := range c.svc.CacheStats() {
		ch <- prometheus.MustNewConstMetric(c.bytes, prometheus.GaugeValue, float64(s.Bytes), s.Name)
		ch <- prometheus.MustNewConstMetric(c.maxBytes, prometheus.GaugeValue, float64(s.MaxBytes), s.Name)
		ch <- prometheus.MustNewConstMetric(c.entries, prometheus.GaugeValue, float64(s.Entries), s.Name)
		ch <- prometheus.MustNewConstMetric(c.hit, prometheus.CounterValue, float64(s.Hits), s.Name)
		ch <- prometheus.MustNewConstMetric(c.mis, prometheus.CounterValue, float64(s.Misses), s.Name)
	}
}

package api

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/internal/version"
)

// TestBuildInfoMetric: /metrics has ualetters_build_info 1 with the labels
// `ualetters version` prints.
func TestBuildInfoMetric(t *testing.T) {
	ts := start(t, Config{})
	_, m := ts.do(t, "GET", "/metrics", nil, nil)
	v := version.Get()
	want := fmt.Sprintf(`ualetters_build_info{goversion=%q,revision=%q,version=%q} 1`, v.GoVersion, v.Revision, v.Version)
	if !strings.Contains(string(m), want) {
		t.Errorf("metrics lack %s", want)
	}
}

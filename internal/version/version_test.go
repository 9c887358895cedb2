package version

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	bi := &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.time", Value: "2026-11-30T04:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	info := Info{Version: "unknown", Revision: "unknown", Time: "unknown", GoVersion: "go1.26"}
	fromBuildInfo(&info, bi)
	want := "ualetters v1.4.0 (revision 0123abcd-dirty, 2026-11-30T04:00:00Z, go1.26)"
	if got := info.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestOverride(t *testing.T) {
	Override = "v9.9.9"
	defer func() { Override = "" }()
	if v := Get().Version; v != "v9.9.9" {
		t.Errorf("version %q, want the link-time override", v)
	}
}

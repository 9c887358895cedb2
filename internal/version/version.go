// Package version tells which build of ualetters is running: the module
// version and the VCS revision the Go toolchain stamped into the binary
// (runtime/debug.ReadBuildInfo), for `ualetters version`, the start-up log
// and the ualetters_build_info metric.
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Override replaces the module version when set at link time, for builds
// without VCS information (a source tarball, a container build without
// .git): go build -ldflags "-X github.com/ualetters/ualetters/internal/version.Override=v1.2.0".
var Override string

// Info is what the build information says about this binary. Fields the
// toolchain did not record read "unknown".
type Info struct {
	Version   string // module version: a tag, a pseudo-version or "(devel)"
	Revision  string // VCS commit, with "-dirty" when the tree had changes
	Time      string // commit time, RFC 3339
	GoVersion string
}

// Get reads the build information of the running binary.
func Get() Info {
	info := Info{Version: "unknown", Revision: "unknown", Time: "unknown", GoVersion: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if ok {
		fromBuildInfo(&info, bi)
	}
	if Override != "" {
		info.Version = Override
	}
	return info
}

func fromBuildInfo(info *Info, bi *debug.BuildInfo) {
	if bi.Main.Version != "" {
		info.Version = bi.Main.Version
	}
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Revision = s.Value
		case "vcs.time":
			info.Time = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if modified && info.Revision != "unknown" {
		info.Revision += "-dirty"
	}
}

// String is the one-line form `ualetters version` prints.
func (i Info) String() string {
	return fmt.Sprintf("ualetters %s (revision %s, %s, %s)", i.Version, i.Revision, i.Time, i.GoVersion)
}

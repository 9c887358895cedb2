package raster

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/internal/testtool"
	"github.com/ualetters/ualetters/render/layout"
)

// tiffcheck is HylaFAX's document checker, which tiff2fax runs before
// sending; /usr/sbin/tiffcheck is a wrapper that needs to mount a
// directory, the program itself lives here.
const tiffcheck = "/usr/lib/hylafax/bin/tiffcheck"

// TestTiffcheck asks HylaFAX whether our fax TIFFs can be sent as they
// are: for A4 and Letter, fine and normal resolution, G4 and G3 coding,
// every page must be "OK" (not RESIZE, which makes HylaFAX re-render the
// document, nor REFORMAT or REVRES).
func TestTiffcheck(t *testing.T) {
	testtool.NeedPath(t, tiffcheck, "hylafax-server")
	dir := t.TempDir()
	for _, paper := range []layout.Paper{layout.A4, layout.Letter} {
		pages := []layout.Page{englishPage(t), urduPage(t)}
		for i := range pages {
			pages[i].Paper = paper
		}
		for _, opts := range []FaxOptions{{Resolution: Fine, Compression: G4}, {Resolution: Fine, Compression: G3}, {Resolution: Normal, Compression: G4}, {Resolution: Normal, Compression: G3}} {
			name := paper.Name + "-" + opts.Resolution.String() + "-" + opts.Compression.String()
			var buf bytes.Buffer
			if err := WriteFax(&buf, pages, opts); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, name+".tif")
			if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			out, _ := exec.Command(tiffcheck, tiffcheckArgs(paper, opts, file)...).CombinedOutput()
			if verdict, _, _ := strings.Cut(string(out), "\n"); verdict != "OK" {
				t.Errorf("%s: tiffcheck says %q", name, out)
			}
		}
	}
}

// tiffcheckArgs are the options tiff2fax passes: vertical resolution in
// lines per inch, page length in whole millimetres (HylaFAX's page size
// database gives A4 297, Letter 279), page width in pixels, and the coding
// the modem will send (-3 G4, -1 one-dimensional G3).
func tiffcheckArgs(paper layout.Paper, opts FaxOptions, file string) []string {
	length := "297"
	if paper.Name == layout.Letter.Name {
		length = "279"
	}
	coding := "-3"
	if opts.Compression == G3 {
		coding = "-1"
	}
	res := strconv.Itoa(int(opts.Resolution.DPIY()))
	return []string{"-r", res, "-l", length, "-w", strconv.Itoa(FaxWidth), coding, file}
}

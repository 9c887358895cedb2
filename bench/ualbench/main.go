// Command ualbench holds the benchmark letter (letter.go) and serves every
// bench script: it renders the letter in process and prints the median
// time, the bytes and the pages (bench/chromium.sh, bench/perf.sh); with
// -form it prints the letter as the HTTP API's form, with -lua a wrk
// script that posts it (the same letter, a unique signer name or unique
// own words per request); with -html it writes the composed letter as an
// HTML page for Chromium to print, so both sides typeset the same text in
// the same fonts.
package main

import (
	"context"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/service"
	"github.com/ualetters/ualetters/templates"
)

func main() {
	o := options{}
	flag.IntVar(&o.n, "n", 200, "renders to time in process after the warm-up; prints the median ms and the bytes")
	flag.StringVar(&o.html, "html", "", "write the letter as HTML to this file and exit")
	flag.StringVar(&o.fontDir, "fonts", "fonts", "directory of the TrueType fonts, for the HTML page")
	flag.StringVar(&o.format, "format", "pdf", "pdf or docx")
	flag.IntVar(&o.pages, "pages", 1, "own words long enough for this many pages (1, 2, 5, 10)")
	flag.BoolVar(&o.form, "form", false, "print the letter as the urlencoded form the HTTP API takes and exit")
	flag.StringVar(&o.lua, "lua", "", "print a wrk script that POSTs the letter and exit: same, name (a unique signer name per request) or words (unique own words)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "ualbench:", err)
		os.Exit(1)
	}
}

type options struct {
	n                     int
	html, fontDir, format string
	pages                 int
	form                  bool
	lua                   string
}

func run(o options) error {
	store, err := catalogue.NewStore(templates.FS)
	if err != nil {
		return err
	}
	svc := service.New(store)
	ctx := context.Background()
	f := service.Format(o.format)
	body, err := pagesBody(o.pages, func(body string) (int, error) {
		res, err := svc.Letter(ctx, benchRequest(service.PDF, body))
		if err != nil {
			return 0, err
		}
		return res.Pages, nil
	})
	if err != nil {
		return err
	}
	req := benchRequest(f, body)
	switch {
	case o.form:
		fmt.Println(form(o.format, body))
		return nil
	case o.lua != "":
		return writeLua(os.Stdout, o.lua, o.format, body)
	case o.html != "":
		return writeHTML(store, req, o.html, o.fontDir)
	}
	return timeRenders(ctx, svc, req, o.n)
}

func writeHTML(store *catalogue.Store, req service.LetterRequest, out, fontDir string) error {
	doc, err := letter.ComposeRequest(store.Current(), req.Request, time.Now())
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(fontDir)
	if err != nil {
		return err
	}
	return os.WriteFile(out, []byte(page(doc, abs)), 0o644)
}

// timeRenders prints the median of n warm renders in milliseconds, the
// document's bytes, its pages and the process's CPU time per render in
// milliseconds (user + system, garbage collection included: on a busy
// machine it holds where wall-clock times do not).
func timeRenders(ctx context.Context, svc *service.Service, req service.LetterRequest, n int) error {
	var times []time.Duration
	var res *service.Result
	var cpu0 time.Duration
	for i := 0; i < n+10; i++ {
		if i == 10 {
			cpu0 = cpuTime()
		}
		start := time.Now()
		r, err := svc.Letter(ctx, req)
		if err != nil {
			return err
		}
		if i >= 10 { // the first renders warm the caches
			times = append(times, time.Since(start))
		}
		res = r
	}
	cpu := cpuTime() - cpu0
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	fmt.Printf("%.3f %d %d %.3f\n", float64(times[len(times)/2].Nanoseconds())/1e6, len(res.Body), res.Pages,
		float64(cpu.Nanoseconds())/1e6/float64(n))
	return nil
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// page renders the composed letter as a simple HTML page with the same
// fonts, direction and block order as the PDF.
func page(doc *letter.Document, fontDir string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="%s" dir="%s"><head><meta charset="utf-8"><style>
@font-face{font-family:"Noto Nastaliq Urdu";src:url("file://%s/NotoNastaliqUrdu-Regular.ttf")}
@font-face{font-family:"Noto Naskh Arabic";src:url("file://%s/NotoNaskhArabic-Regular.ttf")}
@font-face{font-family:"Noto Sans";src:url("file://%s/NotoSans-Regular.ttf")}
@page{size:A4;margin:25mm}
body{font-family:"Noto Sans","Noto Nastaliq Urdu";font-size:11.5pt;line-height:2.5}
.body{text-align:justify} ul{margin:0}
</style></head><body>`, doc.Tag, doc.Dir, fontDir, fontDir, fontDir)
	for _, blk := range doc.Blocks {
		if blk.Role == letter.RoleBullets {
			b.WriteString("<ul>")
			for _, l := range blk.Lines {
				fmt.Fprintf(&b, "<li>%s</li>", runs(l.Runs))
			}
			b.WriteString("</ul>")
			continue
		}
		for _, l := range blk.Lines {
			fmt.Fprintf(&b, `<p class="%s">%s</p>`, blk.Role, runs(l.Runs))
		}
	}
	b.WriteString("</body></html>")
	return b.String()
}

func runs(rs []letter.Run) string {
	var b strings.Builder
	for _, r := range rs {
		t := html.EscapeString(r.Text)
		switch r.Kind {
		case letter.User:
			fmt.Fprintf(&b, `<bdi>%s</bdi>`, t)
		case letter.LTRIsolate:
			fmt.Fprintf(&b, `<bdi dir="ltr">%s</bdi>`, t)
		default:
			b.WriteString(t)
		}
	}
	return b.String()
}

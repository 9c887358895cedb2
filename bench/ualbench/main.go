// Command ualbench is the ualetters side of bench/chromium.sh: it renders
// the Urdu letter of UA 109/23 to PDF in process, repeatedly, and prints the
// median time; with -html it writes the same composed letter as an HTML page
// for Chromium to print, so both sides typeset the same text in the same
// fonts.
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
	"time"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/service"
	"github.com/ualetters/ualetters/templates"
)

func main() {
	n := flag.Int("n", 200, "renders to time after the warm-up")
	htmlOut := flag.String("html", "", "write the letter as HTML to this file and exit")
	fontDir := flag.String("fonts", "fonts", "directory of the TrueType fonts, for the HTML page")
	lang := flag.String("lang", "ur", "letter language")
	flag.Parse()
	if err := run(*n, *htmlOut, *fontDir, *lang); err != nil {
		fmt.Fprintln(os.Stderr, "ualbench:", err)
		os.Exit(1)
	}
}

func request(lang string) service.LetterRequest {
	return service.LetterRequest{
		Request: letter.Request{ActionID: "109-23", Lang: lang, Date: "2026-11-26",
			Signer: letter.Signer{Name: "Maria Muster", City: "Zürich", Gender: letter.Female}},
		Format: service.PDF,
	}
}

func run(n int, htmlOut, fontDir, lang string) error {
	store, err := catalogue.NewStore(templates.FS)
	if err != nil {
		return err
	}
	req := request(lang)
	if htmlOut != "" {
		doc, err := letter.ComposeRequest(store.Current(), req.Request, time.Now())
		if err != nil {
			return err
		}
		abs, err := filepath.Abs(fontDir)
		if err != nil {
			return err
		}
		return os.WriteFile(htmlOut, []byte(page(doc, abs)), 0o644)
	}
	svc := service.New(store)
	ctx := context.Background()
	var times []time.Duration
	for i := 0; i < n+10; i++ {
		start := time.Now()
		if _, err := svc.Letter(ctx, req); err != nil {
			return err
		}
		if i >= 10 { // the first renders warm the shaping cache
			times = append(times, time.Since(start))
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	fmt.Printf("%.3f\n", float64(times[len(times)/2].Microseconds())/1000)
	return nil
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

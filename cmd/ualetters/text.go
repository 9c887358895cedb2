package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/ualetters/ualetters/fonts"
	"github.com/ualetters/ualetters/render/text"
)

// textCmd is a typesetter's tool in the spirit of hb-shape and fribidi: it
// lays out paragraphs (arguments, else one per line of standard input) with
// the letters' text engine and prints each line in visual order.
func textCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("text", flag.ContinueOnError)
	fset.SetOutput(stderr)
	lang := fset.String("lang", "en", "language: "+strings.Join(fonts.Languages(), ", ")+" (decides fonts and direction)")
	width := fset.Float64("width", 0, "line width in points (0: no line breaking)")
	size := fset.Float64("size", 12, "font size in points")
	runs := fset.Bool("runs", false, "list each line's runs: font, bidi level, glyph count, text")
	hyph := fset.Bool("hyphenate", false, "justify and hyphenate (en, fr, de) as the letters' body text")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: ualetters text [flags] [PARAGRAPH...]\nprints each laid-out line in visual order, left to right; paragraphs from the arguments, else one per line of standard input")
		fset.PrintDefaults()
	}
	if code, ok := parseFlags(fset, args); !ok {
		return code
	}
	facts, ok := fonts.LanguageOf(*lang)
	if !ok {
		fmt.Fprintf(stderr, "ualetters text: unknown language %q (%s)\n", *lang, strings.Join(fonts.Languages(), ", "))
		return exitUsage
	}
	rtl := facts.RTL
	if *size <= 0 || *width < 0 {
		fmt.Fprintln(stderr, "ualetters text: -size must be positive and -width not negative")
		return exitUsage
	}
	engine := text.NewEngine(nil)
	code := exitOK
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	for n, para := range paragraphs(fset.Args(), stdin) {
		p := text.Paragraph{Lang: *lang, RTL: rtl, Size: *size, Align: text.Start, Spans: []text.Span{{Text: para, Hyphenate: *hyph}}}
		if *hyph {
			p.Align = text.Justify
		}
		lines, err := layoutText(engine, p, *width)
		if err != nil {
			fmt.Fprintf(stderr, "ualetters text: paragraph %d: %v\n", n+1, err)
			code = exitFail
			continue
		}
		for _, l := range lines {
			fmt.Fprintln(out, l.Text)
			if *runs {
				printRuns(out, l.Runs)
			}
		}
	}
	return code
}

func layoutText(engine *text.Engine, p text.Paragraph, width float64) ([]text.VisualLine, error) {
	if !utf8.ValidString(p.Spans[0].Text) {
		return nil, fmt.Errorf("not valid UTF-8")
	}
	return engine.Visual(p, width)
}

func printRuns(w io.Writer, runs []text.Run) {
	for _, r := range runs {
		fmt.Fprintf(w, "\trun font=%s level=%d glyphs=%d x=%.2f width=%.2f text=%q\n", r.Font, r.Level, len(r.Glyphs), r.X, r.Width, r.Text)
	}
}

// paragraphs returns the arguments, or else the lines of r (CR LF or LF).
func paragraphs(args []string, r io.Reader) func(func(int, string) bool) {
	return func(yield func(int, string) bool) {
		if len(args) > 0 {
			for i, a := range args {
				if !yield(i, a) {
					return
				}
			}
			return
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 16<<20)
		for i := 0; sc.Scan(); i++ {
			if !yield(i, strings.TrimSuffix(sc.Text(), "\r")) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			fmt.Fprintf(os.Stderr, "ualetters text: reading standard input: %v\n", err)
		}
	}
}

package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/ualetters/ualetters/catalogue"
)

// checkTemplates validates a templates directory (default: the embedded
// templates) and prints "file:line: problem" for each error.
func checkTemplates(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("check-templates", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: ualetters check-templates [DIR]\nvalidates DIR (default: the embedded templates); exit 1 on problems")
	}
	if code, ok := parseFlags(fset, args); !ok {
		return code
	}
	if fset.NArg() > 1 {
		fset.Usage()
		return exitUsage
	}
	dir := fset.Arg(0)
	problems := catalogue.CheckTemplates(templateFS(dir))
	for _, p := range problems {
		if dir != "" {
			p.File = dir + "/" + p.File
		}
		fmt.Fprintln(stdout, p.String())
	}
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "ualetters: %d problem(s) in %s\n", len(problems), templatesName(dir))
		return exitFail
	}
	fmt.Fprintf(stderr, "templates in %s: no problems\n", templatesName(dir))
	return exitOK
}

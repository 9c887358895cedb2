// Command ualetters runs the letter service and its tools:
//
//	ualetters [serve] [flags]         run the HTTP service (the default)
//	ualetters render [flags] -o FILE  render one letter, same code path as the API
//	ualetters fax [flags] -o FILE     render a fax (cover + letter) or, with -all, the ZIP batch
//	ualetters check-templates [DIR]   validate templates; prints file:line: problem
//	ualetters healthcheck             GET /healthz of the local server (for containers)
//	ualetters version                 module version and VCS revision of this binary
//	ualetters text [flags] [PARA...]  lay out text, print lines in visual order (like fribidi)
//
// Every flag of serve also reads a UALETTERS_* environment variable; see
// README.md.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	// The binary carries the IANA time-zone database, so an action's
	// time zone (Asia/Karachi) resolves on hosts and images without one.
	_ "time/tzdata"

	"github.com/ualetters/ualetters/internal/version"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // the work failed: bad input, invalid templates, server error
	exitUsage = 2 // bad command line
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	cmd, named := "serve", false
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args, named = args[0], args[1:], true
	}
	if len(args) == 1 && !named {
		switch args[0] {
		case "-h", "-help", "--help":
			return help(stdout)
		case "-version", "--version":
			cmd = "version"
		}
	}
	switch cmd {
	case "serve":
		return serve(args, stderr)
	case "render":
		return render(args, stdout, stderr)
	case "fax":
		return fax(args, stdout, stderr)
	case "check-templates":
		return checkTemplates(args, stdout, stderr)
	case "healthcheck":
		return healthcheck(args, stderr)
	case "text":
		return textCmd(args, os.Stdin, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, version.Get())
		return exitOK
	case "help":
		return help(stdout)
	}
	fmt.Fprintf(stderr, "ualetters: unknown command %q\n%s\n", cmd, usage)
	return exitUsage
}

const usage = `usage:
  ualetters [serve] [flags]          run the HTTP service (default :8080)
  ualetters render [flags] -o FILE   render one letter (PDF, DOCX or PNG)
  ualetters fax [flags] -o FILE      render a fax for -recipient (PDF, TIFF or PNG), or with -all
                                     the ZIP of every recipient's fax and manifest.json
  ualetters check-templates [DIR]    validate templates (default: the embedded ones)
  ualetters healthcheck [-addr A]    exit 0 if the local service answers /healthz
  ualetters text [flags] [PARA...]   lay out paragraphs (arguments or standard input lines) and
                                     print each line in visual order; -runs lists the runs
  ualetters version                  print the version and VCS revision (also --version)
  ualetters help                     this text and the flags of serve (also --help)
run "ualetters COMMAND -h" for the flags of a command`

// help prints the commands, then the flags of serve, the default command.
func help(stdout io.Writer) int {
	fmt.Fprintln(stdout, usage)
	fmt.Fprintln(stdout, "\nflags of serve:")
	_, fs, err := loadConfig(nil, func(string) string { return "" }, stdout)
	if err != nil {
		return exitFail
	}
	fs.PrintDefaults()
	return exitOK
}

// parseFlags parses fs, mapping -h to exit 0 and other errors to exit 2.
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	return 0, true
}

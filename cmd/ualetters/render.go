package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ualetters/ualetters/catalogue"
	"github.com/ualetters/ualetters/letter"
	"github.com/ualetters/ualetters/service"
)

// lineList is a repeatable string flag (--address).
type lineList []string

func (l *lineList) String() string     { return strings.Join(*l, ", ") }
func (l *lineList) Set(v string) error { *l = append(*l, v); return nil }

// render composes and renders one letter through the same service as the
// HTTP API. Bad input gives a one-line message and exit 1; a bad command
// line exit 2.
func render(args []string, stdout, stderr io.Writer) int {
	var (
		req    service.LetterRequest
		format string
		out    string
	)
	fset := flag.NewFlagSet("render", flag.ContinueOnError)
	fset.SetOutput(stderr)
	sf := letterFlags(fset, &req.Request)
	fset.StringVar(&format, "format", "", "pdf, docx or png (default: from the -o extension, else pdf)")
	fset.StringVar(&req.Recipient, "recipient", "", "recipient key (default: the main addressee)")
	fset.StringVar(&req.Paper, "paper", "a4", "a4 or letter")
	fset.IntVar(&req.Page, "page", 0, "page of a PNG preview (default 1)")
	fset.StringVar(&out, "o", "", `output file ("-" for standard output; default: the letter's own name, e.g. UA-109-23-ur.pdf)`)
	if code, ok := parseFlags(fset, args); !ok {
		return code
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(stderr, "ualetters: render takes no arguments, got %q (quote values with spaces)\n", fset.Args())
		return exitUsage
	}
	req.Format = service.Format(strings.ToLower(format))
	if format == "" {
		req.Format = formatFromName(out)
	}
	if err := sf.apply(&req.Request); err != nil {
		fmt.Fprintln(stderr, "ualetters:", err)
		return exitFail
	}
	return renderOne(req, sf.templates, out, stdout, stderr)
}

func renderOne(req service.LetterRequest, tmplDir, out string, stdout, stderr io.Writer) int {
	svc, ok := newService(tmplDir, stderr)
	if !ok {
		return exitFail
	}
	res, err := svc.Letter(context.Background(), req)
	if err != nil {
		fmt.Fprintln(stderr, "ualetters:", oneLine(err.Error()))
		return exitFail
	}
	noteClosed(svc, req.ActionID, stderr)
	warnNativeReview(svc.Catalogue(), req.ActionID, req.Lang, stderr)
	return writeResult(res, out, stdout, stderr)
}

// warnNativeReview tells the user on stderr when the letter's translation
// needs a native speaker's review before it is sent.
func warnNativeReview(cat *catalogue.Catalogue, actionID, lang string, stderr io.Writer) {
	a, err := cat.Action(actionID)
	if err != nil {
		return
	}
	for _, l := range a.Languages {
		if l.Code == lang && l.NeedsNativeReview {
			fmt.Fprintf(stderr, "note: the %s letter of %s needs native review before it is sent: %s\n",
				l.EnglishName, a.Reference, l.Note)
		}
	}
}

// newService loads the templates and builds the service the API uses.
func newService(tmplDir string, stderr io.Writer) (*service.Service, bool) {
	store, err := catalogue.NewStore(templateFS(tmplDir))
	if err != nil {
		fmt.Fprintf(stderr, "ualetters: templates in %s are invalid (run ualetters check-templates)\n", templatesName(tmplDir))
		return nil, false
	}
	return service.New(store), true
}

// writeResult writes a document to out ("-": standard output; "": its
// own file name) and reports it on stderr.
func writeResult(res *service.Result, out string, stdout, stderr io.Writer) int {
	if out == "-" {
		if _, err := stdout.Write(res.Body); err != nil {
			fmt.Fprintln(stderr, "ualetters:", err)
			return exitFail
		}
		return exitOK
	}
	if out == "" {
		out = res.Filename
	}
	if err := os.WriteFile(out, res.Body, 0o644); err != nil {
		fmt.Fprintln(stderr, "ualetters:", err)
		return exitFail
	}
	pages := ""
	if res.Pages > 0 {
		pages = fmt.Sprintf(", %d page(s)", res.Pages)
	}
	fmt.Fprintf(stderr, "wrote %s (%s, %d bytes%s)\n", out, res.Lang, len(res.Body), pages)
	return exitOK
}

// signerFlags holds the flags of the letter fields that need work after
// parsing.
type signerFlags struct {
	address   lineList
	gender    string
	bodyFile  string
	templates string
}

// letterFlags defines the flags render and fax share: action, language,
// signer, date, own words and templates.
func letterFlags(fset *flag.FlagSet, req *letter.Request) *signerFlags {
	sf := &signerFlags{}
	fset.StringVar(&req.ActionID, "action", "109-23", "action id")
	fset.StringVar(&req.Lang, "lang", "en", "letter language: en, fr, de, ur, sd, bal, pnb")
	fset.StringVar(&req.Signer.Name, "name", "", "signer's name (required)")
	fset.Var(&sf.address, "address", "address line (repeat for several lines)")
	fset.StringVar(&req.Signer.Postcode, "postcode", "", "postcode")
	fset.StringVar(&req.Signer.City, "city", "", "city")
	fset.StringVar(&req.Signer.Country, "country", "", "country")
	fset.StringVar(&req.Signer.Email, "email", "", "e-mail address")
	fset.StringVar(&sf.gender, "gender", "", "female, male or unspecified (grammatical agreement)")
	fset.StringVar(&req.Date, "date", "", "letter date YYYY-MM-DD (default: today in the action's time zone)")
	fset.StringVar(&sf.bodyFile, "body-file", "", "file with the signer's own words, replacing the model text")
	fset.StringVar(&sf.templates, "templates", os.Getenv("UALETTERS_TEMPLATES"), "templates directory (default: the embedded ones)")
	return sf
}

// apply copies the parsed values into req, reading the own-words file.
func (sf *signerFlags) apply(req *letter.Request) error {
	req.Signer.Address = sf.address
	req.Signer.Gender = letter.Gender(sf.gender)
	if sf.bodyFile != "" {
		b, err := os.ReadFile(sf.bodyFile)
		if err != nil {
			return err
		}
		req.Body = string(b)
	}
	return nil
}

// formatFromName guesses the format from an output file name.
func formatFromName(name string) service.Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx":
		return service.DOCX
	case ".png":
		return service.PNG
	}
	return service.PDF
}

// oneLine folds a multi-line message onto one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

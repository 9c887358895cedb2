package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/ualetters/ualetters/service"
)

// fax renders the fax for one recipient (cover sheet + appeal), or with
// -all the ZIP batch for every recipient with a fax number, through the
// same service as POST /v1/actions/{id}/fax and …/faxes.
func fax(args []string, stdout, stderr io.Writer) int {
	var (
		req    service.FaxRequest
		format string
		out    string
		all    bool
	)
	fset := flag.NewFlagSet("fax", flag.ContinueOnError)
	fset.SetOutput(stderr)
	sf := letterFlags(fset, &req.Request)
	fset.StringVar(&req.Recipient, "recipient", "", "key of the recipient to fax (required without -all)")
	fset.BoolVar(&all, "all", false, "every recipient with a fax number, as a ZIP with manifest.json")
	fset.StringVar(&req.CoverLang, "cover-lang", "", "language of the cover sheet (default en)")
	fset.StringVar(&format, "format", "", "pdf, tiff, or png (one page; default: from the -o extension, else pdf)")
	fset.StringVar(&req.Resolution, "resolution", "", "tiff: fine (204×196 dpi, default) or normal (204×98)")
	fset.StringVar(&req.Compression, "compression", "", "tiff: g4 (default) or g3")
	fset.StringVar(&req.Paper, "paper", "a4", "a4 or letter")
	fset.IntVar(&req.Page, "page", 0, "page of a PNG preview (page 1 is the cover)")
	fset.StringVar(&out, "o", "", `output file ("-" for standard output; default: the document's own name)`)
	if code, ok := parseFlags(fset, args); !ok {
		return code
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(stderr, "ualetters: fax takes no arguments, got %q (quote values with spaces)\n", fset.Args())
		return exitUsage
	}
	req.Format = service.Format(strings.ToLower(format))
	if format == "" && strings.ToLower(filepath.Ext(out)) != ".zip" {
		req.Format = faxFormatFromName(out)
	}
	if err := sf.apply(&req.Request); err != nil {
		fmt.Fprintln(stderr, "ualetters:", err)
		return exitFail
	}
	svc, ok := newService(sf.templates, stderr)
	if !ok {
		return exitFail
	}
	res, number, err := runFax(svc, req, all)
	if err != nil {
		fmt.Fprintln(stderr, "ualetters:", oneLine(err.Error()))
		return exitFail
	}
	if number != "" {
		fmt.Fprintf(stderr, "fax number %s\n", number)
	}
	notes(svc, req.ActionID, req.Lang, stderr)
	return writeResult(res, out, stdout, stderr)
}

// runFax renders one fax or the batch; number is the number to dial of a
// single fax.
func runFax(svc *service.Service, req service.FaxRequest, all bool) (*service.Result, string, error) {
	if all {
		b, err := svc.Faxes(context.Background(), req)
		if err != nil {
			return nil, "", err
		}
		return &b.Result, "", nil
	}
	fr, err := svc.Fax(context.Background(), req)
	if err != nil {
		return nil, "", err
	}
	return &fr.Result, fr.Number, nil
}

// faxFormatFromName guesses the format of a fax from an output file name.
func faxFormatFromName(name string) service.Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".tif", ".tiff":
		return service.TIFF
	case ".png":
		return service.PNG
	}
	return service.PDF
}

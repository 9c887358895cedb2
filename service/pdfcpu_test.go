package service

import (
	"context"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/internal/testtool"
)

// TestPDFCPUStrict validates every language's letter and fax PDFs (cover
// sheet in English and in the letter's language) with the pdfcpu CLI in
// strict mode (.ci/run installs the pinned version).
func TestPDFCPUStrict(t *testing.T) {
	pdfcpu := testtool.Need(t, "pdfcpu", "go install github.com/pdfcpu/pdfcpu/cmd/pdfcpu@v0.15.0")
	s := newTestService(t)
	for _, lang := range pdfLangs {
		res, err := s.Letter(context.Background(), pdfRequest(lang, "a4", ""))
		if err != nil {
			t.Fatal(err)
		}
		files := []string{writeFile(t, lang+"-letter.pdf", res.Body)}
		for _, cover := range slices.Compact([]string{"en", lang}) {
			req := FaxRequest{Request: pdfRequest(lang, "a4", "").Request, CoverLang: cover, Format: PDF}
			req.Recipient = "interior"
			fax, err := s.Fax(context.Background(), req)
			if err != nil {
				t.Fatalf("%s fax, %s cover: %v", lang, cover, err)
			}
			files = append(files, writeFile(t, lang+"-fax-"+cover+".pdf", fax.Body))
		}
		for _, f := range files {
			out, err := exec.Command(pdfcpu, "validate", "-m", "strict", f).CombinedOutput()
			if err != nil || !strings.Contains(string(out), "validation ok") {
				t.Errorf("pdfcpu validate -m strict %s: %v\n%s", f, err, out)
			}
		}
	}
}

package service

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"testing"

	"github.com/ualetters/ualetters/letter"
)

var fuzzLangs = []string{"en", "fr", "de", "ur", "sd", "bal", "pnb"}

// FuzzFaxBatch renders the fax batch of UA 109/23 for arbitrary signer
// values, languages and formats. A refused request fails with a
// validation or coverage error; an accepted one is a ZIP whose entries are
// sorted, dated 1980-01-01, pass their CRC, and match manifest.json (file
// names, SHA-256, page counts of the documents returned).
func FuzzFaxBatch(f *testing.F) {
	for i, s := range []string{"Amina Rahimi", "امینہ رحیمی", "ڪ۽۾", "../../etc/passwd", "a\u202Eb", "x\uFFFF"} {
		f.Add(uint8(i), uint8(i), uint8(i), s, s+"\n\n"+s)
	}
	svc := newTestService(f)
	f.Fuzz(func(t *testing.T, li, ci, opts uint8, name, body string) {
		req := FaxRequest{Request: letter.Request{ActionID: "109-23", Lang: fuzzLangs[int(li)%len(fuzzLangs)],
			Date: "2023-11-20", Body: body, Signer: letter.Signer{Name: name}},
			CoverLang: fuzzLangs[int(ci)%len(fuzzLangs)], Format: PDF}
		if opts&1 == 1 {
			req.Format = TIFF
			req.Resolution = []string{"fine", "normal"}[opts>>1&1]
			req.Compression = []string{"g4", "g3"}[opts>>2&1]
		}
		batch, err := svc.Faxes(context.Background(), req)
		if err != nil {
			var (
				ve *letter.ValidationError
				ce *letter.CoverageError
			)
			if !errors.As(err, &ve) && !errors.As(err, &ce) {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		checkBatchZIP(t, batch)
	})
}

func checkBatchZIP(t *testing.T, batch *FaxBatch) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(batch.Body), int64(len(batch.Body)))
	if err != nil {
		t.Fatalf("not a ZIP: %v", err)
	}
	files := map[string][]byte{}
	var names []string
	for _, zf := range zr.File {
		if y, m, d := zf.Modified.Date(); y != 1980 || m != 1 || d != 1 {
			t.Fatalf("%s dated %v", zf.Name, zf.Modified)
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc) // checks the CRC
		if err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		names = append(names, zf.Name)
		files[zf.Name] = b
	}
	if !sort.StringsAreSorted(names) {
		t.Fatalf("entries not sorted: %q", names)
	}
	var m Manifest
	if err := json.Unmarshal(files[ManifestName], &m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	if len(m.Faxes) != len(batch.Faxes) || len(names) != len(m.Faxes)+1 {
		t.Fatalf("%d manifest entries, %d documents, %d ZIP entries", len(m.Faxes), len(batch.Faxes), len(names))
	}
	for i, e := range m.Faxes {
		sum := sha256.Sum256(files[e.File])
		if hex.EncodeToString(sum[:]) != e.SHA256 || !bytes.Equal(files[e.File], batch.Faxes[i].Body) {
			t.Fatalf("%s: bytes differ from the manifest or the document", e.File)
		}
		if e.Pages != batch.Faxes[i].Pages || e.Pages < 2 {
			t.Fatalf("%s: %d pages in the manifest, %d rendered", e.File, e.Pages, batch.Faxes[i].Pages)
		}
	}
}

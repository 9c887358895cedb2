package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFaxCommand renders a single fax TIFF and the batch ZIP from the
// command line; a recipient without a fax number fails with its name.
func TestFaxCommand(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "bern.tiff")
	code, _, stderr := runBin(t, "fax", "--lang", "ur", "--name", "Amina Rahimi", "--recipient", "embassy-bern",
		"--date", "2023-11-20", "--resolution", "normal", "-o", one)
	if code != 0 || !strings.Contains(stderr, "fax number +41313501799") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(one); !bytes.HasPrefix(b, []byte("II*\x00")) {
		t.Error("the .tiff output is not a TIFF")
	}
	batch := filepath.Join(dir, "all.zip")
	if code, _, stderr := runBin(t, "fax", "--lang", "ur", "--name", "Amina Rahimi", "--all", "--format", "tiff",
		"--date", "2023-11-20", "-o", batch); code != 0 {
		t.Fatalf("batch: exit %d: %s", code, stderr)
	}
	zr, err := zip.OpenReader(batch)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	want := "UA-109-23-ur-fax-embassy-bern.tiff UA-109-23-ur-fax-foreign-affairs.tiff UA-109-23-ur-fax-interior.tiff manifest.json"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("batch holds %s", got)
	}
	code, stdout, stderr := runBin(t, "fax", "--name", "A", "--recipient", "prime-minister", "-o", "-")
	if code != 1 || stdout != "" || !strings.Contains(stderr, `"prime-minister" has no fax number`) {
		t.Errorf("recipient without fax: exit %d, stderr %q", code, stderr)
	}
}

package service

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ualetters/ualetters/internal/testtool"
)

// TestBatchZipLocalHeaders walks the batch's local file headers front to
// back, as a streaming reader does: no entry may set the data-descriptor
// flag (bit 3), and each header's CRC-32 and sizes must match the data
// that follows it.
func TestBatchZipLocalHeaders(t *testing.T) {
	body := testBatch(t)
	r, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	off := 0
	for _, f := range r.File {
		h := body[off:]
		if binary.LittleEndian.Uint32(h) != 0x04034b50 {
			t.Fatalf("%s: no local header at offset %d", f.Name, off)
		}
		flags, method := binary.LittleEndian.Uint16(h[6:]), binary.LittleEndian.Uint16(h[8:])
		crc, csize, usize := binary.LittleEndian.Uint32(h[14:]), binary.LittleEndian.Uint32(h[18:]), binary.LittleEndian.Uint32(h[22:])
		nameLen, extraLen := int(binary.LittleEndian.Uint16(h[26:])), int(binary.LittleEndian.Uint16(h[28:]))
		if flags&0x8 != 0 {
			t.Errorf("%s: local header announces a data descriptor (flags %#x)", f.Name, flags)
		}
		start := off + 30 + nameLen + extraLen
		data := body[start : start+int(csize)]
		plain := readEntry(t, f)
		if crc != crc32.ChecksumIEEE(plain) || int(usize) != len(plain) || method != f.Method {
			t.Errorf("%s: local header CRC %08x size %d method %d; data has CRC %08x size %d", f.Name, crc, usize, method, crc32.ChecksumIEEE(plain), len(plain))
		}
		if method == zip.Store && !bytes.Equal(data, plain) {
			t.Errorf("%s: stored bytes differ from the entry", f.Name)
		}
		off = start + int(csize)
	}
}

// TestBatchZipJavaStream reads the batch with Java's ZipInputStream,
// which refuses a stored entry that has a data descriptor, and compares
// every entry with Go's reading of the central directory.
func TestBatchZipJavaStream(t *testing.T) {
	java := testtool.Need(t, "java", "openjdk-17-jdk-headless")
	body := testBatch(t)
	file := filepath.Join(t.TempDir(), "batch.zip")
	if err := os.WriteFile(file, body, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(java, filepath.Join("testdata", "ZipStream.java"), file).CombinedOutput()
	if err != nil {
		t.Fatalf("java ZipInputStream: %v\n%s", err, out)
	}
	r, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, f := range r.File {
		method := map[uint16]string{zip.Store: "stored", zip.Deflate: "deflated"}[f.Method]
		plain := readEntry(t, f)
		fmt.Fprintf(&want, "%s %s %d %08x\n", f.Name, method, len(plain), crc32.ChecksumIEEE(plain))
	}
	if string(out) != want.String() {
		t.Errorf("Java read\n%s\nGo read\n%s", out, want.String())
	}
}

func testBatch(t *testing.T) []byte {
	t.Helper()
	batch, err := newTestService(t).Faxes(context.Background(), faxRequest("", PDF))
	if err != nil {
		t.Fatal(err)
	}
	return batch.Body
}

func readEntry(t *testing.T, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(rc); err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return b.Bytes()
}

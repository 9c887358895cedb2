package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"testing"
)

// objects indexes a PDF by its cross-reference table and checks that
// every entry points at the start of its object.
func objects(t testing.TB, b []byte) map[int][]byte {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	head := regexp.MustCompile(`^xref\n0 (\d+)\n`).FindSubmatch(b[xref:])
	if head == nil {
		t.Fatal("no xref table at startxref")
	}
	n, _ := strconv.Atoi(string(head[1]))
	entries := b[xref+len(head[0]):]
	objs := map[int][]byte{}
	for i := 1; i < n; i++ {
		e := entries[20*i : 20*i+20]
		off, _ := strconv.Atoi(string(e[:10]))
		prefix := strconv.Itoa(i) + " 0 obj\n"
		if !bytes.HasPrefix(b[off:], []byte(prefix)) {
			t.Fatalf("xref entry %d points at %q", i, b[off:off+20])
		}
		end := bytes.Index(b[off:], []byte("\nendobj\n"))
		objs[i] = b[off+len(prefix) : off+end]
	}
	return objs
}

// streamData returns an object's decoded stream.
func streamData(t testing.TB, obj []byte) []byte {
	t.Helper()
	i := bytes.Index(obj, []byte(">>\nstream\n"))
	j := bytes.LastIndex(obj, []byte("\nendstream"))
	if i < 0 || j < 0 {
		t.Fatalf("not a stream: %.60q", obj)
	}
	data := obj[i+len(">>\nstream\n") : j]
	if !bytes.Contains(obj[:i], []byte("/FlateDecode")) {
		return data
	}
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var refRe = regexp.MustCompile(`/Contents (\d+) 0 R`)

// contents returns each page's decoded content stream, in page order.
func contents(t testing.TB, b []byte) [][]byte {
	t.Helper()
	objs := objects(t, b)
	var out [][]byte
	for i := 1; i <= len(objs); i++ {
		if m := refRe.FindSubmatch(objs[i]); m != nil && bytes.HasPrefix(objs[i], []byte("<</Type/Page/")) {
			n, _ := strconv.Atoi(string(m[1]))
			out = append(out, streamData(t, objs[n]))
		}
	}
	return out
}

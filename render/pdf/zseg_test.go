package pdf

import (
	"bytes"
	"compress/zlib"
	"hash/adler32"
	"io"
	"math/rand/v2"
	"testing"
)

// TestAdlerJoin: the checksum joined from two pieces' checksums is the
// standard library's checksum of the two pieces read as one, for pieces
// of every length up to past the modulus (long runs of 0xFF push both
// sums round it).
func TestAdlerJoin(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lengths := []int{0, 1, 2, 511, 512, 5552, 65520, 65521, 65522, 200000}
	for _, fill := range []string{"random", "0xFF"} {
		for _, na := range lengths {
			for _, nb := range lengths {
				a, b := make([]byte, na), make([]byte, nb)
				for i := range a {
					a[i] = 0xFF
					if fill == "random" {
						a[i] = byte(rng.Uint32())
					}
				}
				for i := range b {
					b[i] = 0xFF
					if fill == "random" {
						b[i] = byte(rng.Uint32())
					}
				}
				want := adler32.Checksum(append(bytes.Clone(a), b...))
				if got := adlerJoin(adler32.Checksum(a), adler32.Checksum(b), nb); got != want {
					t.Fatalf("%s %d + %d bytes: joined %08x, want %08x", fill, na, nb, got, want)
				}
			}
		}
	}
}

// TestZlibFromPieces: a stream joined from cached pieces is a zlib
// stream that the standard library reads back, checksum included, warm
// and cold.
func TestZlibFromPieces(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	data := make([]byte, 40000)
	for i := range data {
		data[i] = "BT /F1 10 Tf (ab) Tj ET\n"[rng.IntN(24)]
	}
	cuts := []int{100, 700, 5000, 5100, 20000, 39999}
	c := NewCache(1<<20, 1<<20)
	for _, cache := range []*Cache{nil, c, c} {
		z := cache.appendZlib(nil, data, cuts)
		r, err := zlib.NewReader(bytes.NewReader(z))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("reading the joined stream: %v", err)
		}
		if !bytes.Equal(got, data) {
			t.Fatal("the joined stream does not decode to its data")
		}
	}
}

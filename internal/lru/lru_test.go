package lru

import (
	"strconv"
	"testing"
)

// TestBound fills a cache past its bound: the bytes held never pass it,
// the oldest entries go first and a recently read one stays.
func TestBound(t *testing.T) {
	const max = 10 * (entryOverhead + 100)
	c := New[string, int](max)
	for i := range 100 {
		c.Put(strconv.Itoa(i), i, 100)
		if i == 50 {
			c.Get("45")
		}
		if s := c.Stats(); s.Bytes > max {
			t.Fatalf("after %d puts the cache holds %d bytes, bound %d", i+1, s.Bytes, max)
		}
	}
	s := c.Stats()
	if s.Entries != 10 || s.Bytes != max {
		t.Errorf("holds %d entries, %d bytes; want 10, %d", s.Entries, s.Bytes, max)
	}
	if _, ok := c.Get("0"); ok {
		t.Error("the oldest entry survived")
	}
	if v, ok := c.Get("99"); !ok || v != 99 {
		t.Errorf("newest entry: %v %v", v, ok)
	}
	if _, ok := c.Get("45"); ok {
		t.Error("entry 45 survived 49 newer puts")
	}
}

// TestTooLarge: a value larger than the bound is not stored, and a
// zero bound stores nothing.
func TestTooLarge(t *testing.T) {
	c := New[int, []byte](1000)
	c.Put(1, make([]byte, 2000), 2000)
	if _, ok := c.Get(1); ok {
		t.Error("stored a value larger than the bound")
	}
	z := New[int, int](0)
	z.Put(1, 1, 1)
	if s := z.Stats(); s.Entries != 0 || s.Misses != 0 {
		t.Errorf("zero bound holds %+v", s)
	}
}

// TestLRUOrder: reading an entry protects it from the next eviction.
func TestLRUOrder(t *testing.T) {
	c := New[int, int](3 * (entryOverhead + 1))
	c.Put(1, 1, 1)
	c.Put(2, 2, 1)
	c.Put(3, 3, 1)
	c.Get(1)
	c.Put(4, 4, 1)
	if _, ok := c.Get(2); ok {
		t.Error("2 should have been evicted (least recently used)")
	}
	if _, ok := c.Get(1); !ok {
		t.Error("1 was read before the put and should stay")
	}
}

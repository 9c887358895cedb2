// Package lru is a least-recently-used cache bounded by the bytes its
// entries hold. The render caches (shaped runs, laid-out paragraphs, font
// subsets, compressed streams) are built on it, so each has a budget in
// bytes and reports what it holds.
package lru

import (
	"container/list"
	"sync"
)

// entryOverhead is the bytes an entry costs besides its key and value:
// the map slot, the list element and the entry itself (measured on
// amd64: about 48 + 48 + 40, rounded up).
const entryOverhead = 160

// Cache maps keys to values and evicts the least recently used entries
// when the bytes held pass the bound. It is safe for concurrent use.
type Cache[K comparable, V any] struct {
	mu           sync.Mutex
	max, bytes   int
	order        *list.List // front: most recently used
	entries      map[K]*list.Element
	hits, misses uint64
}

type entry[K comparable, V any] struct {
	key   K
	value V
	size  int
}

// New returns a cache holding at most maxBytes; maxBytes <= 0 gives a
// cache that holds nothing.
func New[K comparable, V any](maxBytes int) *Cache[K, V] {
	return &Cache[K, V]{max: maxBytes, order: list.New(), entries: map[K]*list.Element{}}
}

// Get returns the value stored under key.
func (c *Cache[K, V]) Get(key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		c.order.MoveToFront(el)
		c.hits++
		return el.Value.(*entry[K, V]).value, true
	}
	c.misses++
	var zero V
	return zero, false
}

// Put stores v under key; size is the bytes v holds (its key's bytes
// included). A value larger than the whole bound is not stored; a key
// already present keeps its value.
func (c *Cache[K, V]) Put(key K, v V, size int) {
	size += entryOverhead
	if size > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; ok {
		return
	}
	c.entries[key] = c.order.PushFront(&entry[K, V]{key: key, value: v, size: size})
	c.bytes += size
	for c.bytes > c.max {
		el := c.order.Back()
		e := el.Value.(*entry[K, V])
		c.order.Remove(el)
		delete(c.entries, e.key)
		c.bytes -= e.size
	}
}

// Stats is what a cache holds and how often it answered.
type Stats struct {
	Hits, Misses    uint64
	Entries         int
	Bytes, MaxBytes int
}

// Stats reports the cache's counters and size.
func (c *Cache[K, V]) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{Hits: c.hits, Misses: c.misses, Entries: len(c.entries), Bytes: c.bytes, MaxBytes: c.max}
}

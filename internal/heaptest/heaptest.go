// Package heaptest measures the live heap for tests that check what a
// cache counts against what it really takes.
package heaptest

import "runtime"

// Live collects garbage twice (the first collection only moves sync.Pool
// contents into their victim caches) and returns the bytes still allocated.
func Live() float64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc)
}

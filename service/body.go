package service

import "sync"

// bodies recycles the buffers PDF letters are written into. A one-page
// letter is about 80 KB, most of what rendering it allocates; a server
// that hands each buffer back once the bytes are sent (Result.Release)
// allocates none of it in the steady state, and collects garbage less
// often.
var bodies = sync.Pool{New: func() any { b := make([]byte, 0, 96<<10); return &b }}

// maxRecycled is the largest buffer kept for reuse: a long letter's
// buffer is left to the collector rather than held for short ones.
const maxRecycled = 512 << 10

func recycledBuffer() []byte { return (*bodies.Get().(*[]byte))[:0] }

// Recyclable reports whether r.Body's storage can be handed back with
// Release once its bytes are copied: a caller that would otherwise keep
// the slice (a response written after the handler returns) copies it
// only then.
func (r *Result) Recyclable() bool { return r.recyclable }

// Release hands the storage of a recyclable r.Body back for later
// letters; r.Body is nil afterwards, so the caller must have finished
// with it. It does nothing to other results, and a result that is never
// released is simply collected.
func (r *Result) Release() {
	if !r.recyclable {
		return
	}
	b := r.Body[:0]
	r.Body, r.recyclable = nil, false
	if cap(b) <= maxRecycled {
		bodies.Put(&b)
	}
}

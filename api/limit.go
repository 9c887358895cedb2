package api

import (
	"context"
	"errors"
	"sync/atomic"
	"time"
)

// errOverloaded reports that every render slot stayed busy for the whole
// queue wait, or that the queue itself was full.
var errOverloaded = errors.New("too many letters are being rendered; try again shortly")

// limiter caps the number of renders running at once. A request that finds
// every slot busy waits at most wait for one, and only while fewer than
// queue other requests are already waiting; otherwise it is turned away
// at once, so an overloaded server answers quickly instead of piling up
// work it cannot finish in time.
type limiter struct {
	slots   chan struct{}
	queue   int64
	wait    time.Duration
	waiting atomic.Int64
}

func newLimiter(slots, queue int, wait time.Duration) *limiter {
	if slots < 1 {
		slots = 1
	}
	return &limiter{slots: make(chan struct{}, slots), queue: int64(queue), wait: wait}
}

// acquire takes a slot or returns errOverloaded; the caller must call
// release after a nil error.
func (l *limiter) acquire(ctx context.Context) error {
	select {
	case l.slots <- struct{}{}:
		return nil
	default:
	}
	if l.waiting.Add(1) > l.queue {
		l.waiting.Add(-1)
		return errOverloaded
	}
	defer l.waiting.Add(-1)
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return nil
	case <-t.C:
		return errOverloaded
	case <-ctx.Done():
		return errOverloaded
	}
}

func (l *limiter) release() { <-l.slots }

// inUse is the number of renders running now.
func (l *limiter) inUse() int { return len(l.slots) }

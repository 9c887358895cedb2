package api

import (
	"context"
	"errors"
	"sync"
	"time"
)

// errOverloaded reports that a request could not get a render slot within
// the queue wait, or would not have: the queue ahead of it was too long.
var errOverloaded = errors.New("too many letters are being rendered; try again shortly")

// class is the cost class of a render. Heavy renders (fax TIFFs, fax
// batches, letters with long own words) cost tens to hundreds of times an
// ordinary letter; they are rationed apart so they cannot take every
// core from ordinary letters.
type class int

const (
	light class = iota
	heavy
)

// limiter admits renders. At most slots run at once, and at most
// heavySlots of them heavy. A request that cannot start at once waits in
// a FIFO queue, but only if it would likely start within the queue wait:
// by Little's law the wait is about the work queued ahead of it (waiters
// of its class × their mean render time, measured) divided by the slots
// that serve it. A request that would wait longer is refused at once
// (503 with Retry-After), and one still waiting when the queue wait ends
// is refused then. So the queue is bounded by time, not by a count tuned
// to one machine; maxQueue is only a memory bound.
type limiter struct {
	mu         sync.Mutex
	slots      int
	heavySlots int
	busy       [2]int // running renders per class
	mean       [2]time.Duration
	queue      []*waiter
	maxQueue   int
	wait       time.Duration
}

type waiter struct {
	cls   class
	ready chan struct{} // closed when granted
}

func newLimiter(slots, heavySlots, maxQueue int, wait time.Duration) *limiter {
	slots = max(slots, 1)
	heavySlots = min(max(heavySlots, 1), slots)
	return &limiter{slots: slots, heavySlots: heavySlots, maxQueue: max(maxQueue, 0), wait: wait}
}

// acquire waits for a slot of class c, or fails with errOverloaded (or the
// context's error when ctx ends first). After a nil error the caller must
// call release with the same class.
func (l *limiter) acquire(ctx context.Context, c class) error {
	l.mu.Lock()
	if l.fits(c) {
		l.busy[c]++
		l.mu.Unlock()
		return nil
	}
	if len(l.queue) >= l.maxQueue || l.expectedWait(c) > l.wait {
		l.mu.Unlock()
		return errOverloaded
	}
	w := &waiter{cls: c, ready: make(chan struct{})}
	l.queue = append(l.queue, w)
	l.mu.Unlock()

	t := time.NewTimer(l.wait)
	defer t.Stop()
	var err error
	select {
	case <-w.ready:
		return nil
	case <-t.C:
		err = errOverloaded
	case <-ctx.Done():
		err = ctx.Err()
	}
	return l.leave(w, err)
}

// leave takes w out of the queue; if it was granted meanwhile, the slot is
// kept and nil returned.
func (l *limiter) leave(w *waiter, err error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case <-w.ready:
		return nil
	default:
	}
	for i, q := range l.queue {
		if q == w {
			l.queue = append(l.queue[:i], l.queue[i+1:]...)
			break
		}
	}
	return err
}

// release frees a slot of class c after a render of duration d, and
// starts the waiters that now fit, oldest first.
func (l *limiter) release(c class, d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.busy[c]--
	if l.mean[c] == 0 {
		l.mean[c] = d
	} else {
		l.mean[c] += (d - l.mean[c]) / 5 // moving average, weight 1/5
	}
	for i := 0; i < len(l.queue); {
		w := l.queue[i]
		if !l.fits(w.cls) {
			i++
			continue
		}
		l.busy[w.cls]++
		close(w.ready)
		l.queue = append(l.queue[:i], l.queue[i+1:]...)
	}
}

func (l *limiter) fits(c class) bool {
	return l.busy[light]+l.busy[heavy] < l.slots && (c == light || l.busy[heavy] < l.heavySlots)
}

// expectedWait estimates, by Little's law, how long a new request of
// class c would wait: the renders of its class queued ahead of it and its
// own turn, at the measured mean render time, spread over the slots
// that serve the class.
func (l *limiter) expectedWait(c class) time.Duration {
	ahead := 0
	for _, w := range l.queue {
		if w.cls == c {
			ahead++
		}
	}
	servers := l.slots
	if c == heavy {
		servers = l.heavySlots
	}
	return time.Duration(ahead+1) * l.mean[c] / time.Duration(servers)
}

// inUse is the number of renders running now.
func (l *limiter) inUse() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.busy[light] + l.busy[heavy]
}

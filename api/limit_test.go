package api

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestLimiterSlots: at most slots renders at once; the next waits and is
// refused when the queue wait ends; a release lets a waiter in.
func TestLimiterSlots(t *testing.T) {
	l := newLimiter(2, 1, 10, 50*time.Millisecond)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if err := l.acquire(ctx, light); err != nil {
			t.Fatalf("slot %d: %v", i, err)
		}
	}
	if err := l.acquire(ctx, light); !errors.Is(err, errOverloaded) {
		t.Fatalf("third render: %v, want errOverloaded", err)
	}
	got := make(chan error, 1)
	go func() { got <- l.acquire(ctx, light) }()
	waitQueued(t, l, 1)
	l.release(light, time.Millisecond)
	if err := <-got; err != nil {
		t.Fatalf("waiter after a release: %v", err)
	}
	if n := l.inUse(); n != 2 {
		t.Fatalf("%d in use, want 2", n)
	}
}

// TestLimiterHeavyCap: heavy renders never take more than heavySlots,
// and a light request still gets a free slot beside them.
func TestLimiterHeavyCap(t *testing.T) {
	l := newLimiter(3, 1, 10, 20*time.Millisecond)
	ctx := context.Background()
	if err := l.acquire(ctx, heavy); err != nil {
		t.Fatal(err)
	}
	if err := l.acquire(ctx, heavy); !errors.Is(err, errOverloaded) {
		t.Fatalf("second heavy render: %v, want errOverloaded", err)
	}
	for i := 0; i < 2; i++ {
		if err := l.acquire(ctx, light); err != nil {
			t.Fatalf("light render %d beside a heavy one: %v", i, err)
		}
	}
}

// TestLimiterLittlesLaw: when the measured renders are slow, a request
// that would wait longer than the queue wait is refused at once, without
// waiting for it.
func TestLimiterLittlesLaw(t *testing.T) {
	l := newLimiter(1, 1, 10, time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := l.acquire(ctx, light); err != nil {
		t.Fatal(err)
	}
	l.release(light, 2*time.Hour) // renders take two hours
	if err := l.acquire(ctx, light); err != nil {
		t.Fatal(err)
	}
	if err := l.acquire(ctx, light); !errors.Is(err, errOverloaded) {
		t.Fatalf("expected wait 2h > queue wait 1h: %v, want errOverloaded at once", err)
	}
	// with fast renders the same request queues instead
	l2 := newLimiter(1, 1, 10, time.Hour)
	_ = l2.acquire(ctx, light)
	l2.release(light, time.Millisecond)
	_ = l2.acquire(ctx, light)
	got := make(chan error, 1)
	go func() { got <- l2.acquire(ctx, light) }()
	waitQueued(t, l2, 1)
	l2.release(light, time.Millisecond)
	if err := <-got; err != nil {
		t.Fatalf("fast renders: %v", err)
	}
}

// TestLimiterCancel: a waiter whose context ends leaves the queue with
// the context's error and takes no slot.
func TestLimiterCancel(t *testing.T) {
	l := newLimiter(1, 1, 10, time.Hour)
	_ = l.acquire(context.Background(), light)
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan error, 1)
	go func() { got <- l.acquire(ctx, light) }()
	waitQueued(t, l, 1)
	cancel()
	if err := <-got; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled waiter: %v", err)
	}
	waitQueued(t, l, 0)
	l.release(light, time.Millisecond)
	if n := l.inUse(); n != 0 {
		t.Fatalf("%d in use after the only render ended", n)
	}
}

// TestLimiterMaxQueue: beyond maxQueue waiters, requests are refused.
func TestLimiterMaxQueue(t *testing.T) {
	l := newLimiter(1, 1, 1, time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_ = l.acquire(ctx, light)
	go func() { _ = l.acquire(ctx, light) }()
	waitQueued(t, l, 1)
	if err := l.acquire(ctx, light); !errors.Is(err, errOverloaded) {
		t.Fatalf("second waiter with maxQueue 1: %v", err)
	}
}

func waitQueued(t *testing.T, l *limiter, n int) {
	t.Helper()
	for i := 0; i < 500; i++ {
		l.mu.Lock()
		q := len(l.queue)
		l.mu.Unlock()
		if q == n {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("queue never reached %d", n)
}

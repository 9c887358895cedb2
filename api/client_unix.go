//go:build unix

package api

import (
	"context"
	"net"
	"syscall"
	"time"
)

// clientPoll is how often a render checks that its client is still there.
const clientPoll = 50 * time.Millisecond

// watchClient calls gone when the peer of conn closes or resets the
// connection, until ctx ends. fasthttp does not notice a client that
// leaves while its handler runs, so the socket is peeked (MSG_PEEK, never
// consuming a byte a pipelined request may have sent).
func watchClient(ctx context.Context, conn net.Conn, gone func()) {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return
	}
	go func() {
		t := time.NewTicker(clientPoll)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if peerClosed(rc) {
					gone()
					return
				}
			}
		}
	}()
}

// peerClosed reports whether a read would see end of file or a reset.
func peerClosed(rc syscall.RawConn) bool {
	var (
		b   [1]byte
		n   int
		err error
	)
	// Control, not Read: Read fails once the connection's read deadline
	// (fasthttp's read timeout) has passed, though the client is there.
	if cerr := rc.Control(func(fd uintptr) {
		n, _, err = syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
	}); cerr != nil {
		return true // closed on our side
	}
	return (n == 0 && err == nil) || err == syscall.ECONNRESET
}

//go:build !unix

package api

import (
	"context"
	"net"
)

// watchClient is a no-op where sockets cannot be peeked: renders then end
// by their timeout only.
func watchClient(context.Context, net.Conn, func()) {}

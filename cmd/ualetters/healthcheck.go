package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"
)

// healthcheck asks the local server's /healthz, for container health
// checks in images without curl. Exit 0 when it answers 200.
func healthcheck(args []string, stderr io.Writer) int {
	addr := os.Getenv("UALETTERS_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	fset := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.StringVar(&addr, "addr", addr, "address the server listens on (UALETTERS_ADDR)")
	timeout := fset.Duration("timeout", 3*time.Second, "give up after this long")
	if code, ok := parseFlags(fset, args); !ok {
		return code
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		fmt.Fprintln(stderr, "ualetters: healthcheck: bad address:", err)
		return exitUsage
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	client := &http.Client{Timeout: *timeout}
	resp, err := client.Get("http://" + net.JoinHostPort(host, port) + "/healthz")
	if err != nil {
		fmt.Fprintln(stderr, "ualetters: healthcheck:", err)
		return exitFail
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(stderr, "ualetters: healthcheck: status", resp.Status)
		return exitFail
	}
	return exitOK
}

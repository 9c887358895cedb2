package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var bin string // the ualetters binary built by TestMain

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ualetters-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "ualetters")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "go build:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// server is a running ualetters serve process.
type server struct {
	cmd  *exec.Cmd
	addr string
	mu   sync.Mutex
	logs bytes.Buffer
	done chan error
}

// startServer runs the binary on a random loopback port and waits for its
// "listening" log line.
func startServer(t *testing.T, args ...string) *server {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--log-format", "json"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, done: make(chan error, 1)}
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			s.mu.Lock()
			s.logs.WriteString(line + "\n")
			s.mu.Unlock()
			var rec struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "listening" {
				addrc <- rec.Addr
			}
		}
		s.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
		}
	})
	select {
	case s.addr = <-addrc:
	case err := <-s.done:
		t.Fatalf("server exited before listening: %v\n%s", err, s.log())
	case <-time.After(20 * time.Second):
		t.Fatalf("server did not start:\n%s", s.log())
	}
	return s
}

func (s *server) log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

const letterJSON = `{"lang":"en","name":"Amina Rahimi","date":"2023-11-20"}`

// TestSIGTERMFinishesInFlightRequests starts the binary, begins a request
// whose body is still arriving and several ordinary ones, sends SIGTERM,
// and checks that every request completes and the process exits 0.
func TestSIGTERMFinishesInFlightRequests(t *testing.T) {
	// a long queue wait: this test is about the drain, and on a busy
	// machine the default 300 ms could refuse one of the 8 letters
	s := startServer(t, "--queue-wait", "10s")
	conn, err := net.Dial("tcp", s.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	fmt.Fprintf(conn, "POST /v1/actions/109-23/letter HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		len(letterJSON), letterJSON[:10])

	var wg sync.WaitGroup
	statuses := make(chan int, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Post("http://"+s.addr+"/v1/actions/109-23/letter", "application/json", strings.NewReader(letterJSON))
			if err != nil {
				t.Errorf("request during shutdown: %v", err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	time.Sleep(100 * time.Millisecond) // let the slow request be read up to its body
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if _, err := conn.Write([]byte(letterJSON[10:])); err != nil {
		t.Fatalf("finish the slow request: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("slow request got no response after SIGTERM: %v\n%s", err, s.log())
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Errorf("slow request: status %d, %d bytes", resp.StatusCode, len(body))
	}
	wg.Wait()
	close(statuses)
	for st := range statuses {
		if st != 200 {
			t.Errorf("request during shutdown: status %d", st)
		}
	}
	select {
	case err := <-s.done:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, s.log())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not exit after SIGTERM")
	}
	if !strings.Contains(s.log(), `"msg":"shutting down"`) {
		t.Errorf("no shutdown log line:\n%s", s.log())
	}
}

// TestSIGTERMCancelsLongRenders: renders that would outlast the drain
// (224-page faxes, the page cap raised) are stopped before
// shutdown-timeout ends and answered 503 shutting-down; the process exits
// 0, in about the shutdown timeout.
func TestSIGTERMCancelsLongRenders(t *testing.T) {
	// The costliest fax the input limits allow: one Nastaliq letter a line
	// (about 700 pages, several seconds even on an idle machine), so both
	// renders are still running when the drain's deadline comes at 1.6 s.
	s := startServer(t, "--shutdown-timeout", "2s", "--max-pages", "2000", "--heavy-renders", "2")
	body := `{"lang":"ur","name":"Jane Doe","recipient":"interior","format":"tiff","body":"` + strings.Repeat(`ب\n`, 9999) + `ب"}`
	answers := make(chan string, 2)
	for i := 0; i < 2; i++ {
		go func() {
			resp, err := http.Post("http://"+s.addr+"/v1/actions/109-23/fax", "application/json", strings.NewReader(body))
			if err != nil {
				answers <- "no answer: " + err.Error()
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			answers <- fmt.Sprintf("%d %s", resp.StatusCode, b)
		}()
	}
	waitRendersInFlight(t, s.addr, 2) // both renders are running
	began := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if a := <-answers; !strings.HasPrefix(a, "503 ") || !strings.Contains(a, "shutting-down") {
			t.Errorf("long render during the drain: %.200s", a)
		}
	}
	select {
	case err := <-s.done:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, s.log())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not exit after SIGTERM")
	}
	t.Logf("exited %v after SIGTERM (shutdown-timeout 2 s)", time.Since(began))
}

// waitRendersInFlight polls /metrics until n renders run: on a loaded
// machine the two requests may take longer than any fixed sleep to start.
func waitRendersInFlight(t *testing.T, addr string, n int) {
	t.Helper()
	re := regexp.MustCompile(`(?m)^ualetters_renders_in_flight (\d+)`)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if m := re.FindSubmatch(b); m != nil {
				if got, _ := strconv.Atoi(string(m[1])); got >= n {
					return
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("fewer than %d renders in flight after 30 s", n)
}

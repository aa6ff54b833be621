package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/platform/config"
)

// TestShutdownFinishesRequestsInFlight starts the server, begins a
// request, asks the server to stop while the request is still being sent,
// and checks that the request is answered and the server then stops.
func TestShutdownFinishesRequestsInFlight(t *testing.T) {
	env := map[string]string{
		"PORTAL_ADDR":         "127.0.0.1:0",
		"PORTAL_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "portal.db"),
		"PORTAL_DEMO":         "false",
	}
	cfg, err := config.FromLookup(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	out, stdout := io.Pipe()
	served := make(chan error, 1)
	go func() { served <- serve(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), stdout) }()

	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	addr := regexp.MustCompile(`http://([^/\s]+)/`).FindStringSubmatch(line)
	if addr == nil {
		t.Fatalf("no address in %q", line)
	}
	conn, err := net.Dial("tcp", addr[1])
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"query":"{ __typename }"}`
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		addr[1], len(body), body[:10])
	time.Sleep(100 * time.Millisecond)

	stop() // SIGTERM
	time.Sleep(300 * time.Millisecond)
	select {
	case err := <-served:
		t.Fatalf("the server stopped with a request in flight: %v", err)
	default:
	}
	if _, err := net.DialTimeout("tcp", addr[1], time.Second); err == nil {
		t.Error("the server still accepts connections while shutting down")
	}
	fmt.Fprint(conn, body[10:])
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the request in flight was dropped: %v", err)
	}
	answer, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.Contains(string(answer), `"__typename":"Query"`) {
		t.Fatalf("request in flight: %d %s", res.StatusCode, answer)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not stop after its last request")
	}
}

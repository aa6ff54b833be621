package server_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/config"
)

// TestSlowClientsAreCutOff opens real TCP connections that send part of a
// request and then stall, and checks that the server lets them go at its
// read timeouts rather than holding a connection for them.
func TestSlowClientsAreCutOff(t *testing.T) {
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
		c.HTTP.ReadHeaderTimeout, c.HTTP.ReadTimeout, c.HTTP.IdleTimeout = 300*time.Millisecond, 600*time.Millisecond, 600*time.Millisecond
	}))
	addr := strings.TrimPrefix(api.Server.URL, "http://")
	body := `{"query":"{ __typename }"}`
	for _, tc := range []struct {
		name, sent string
	}{
		{"headers never finished", "POST /graphql HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\n"},
		{"body never finished", fmt.Sprintf("POST /graphql HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:10])},
		{"idle after a request", fmt.Sprintf("POST /graphql HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := fmt.Fprint(conn, tc.sent); err != nil {
				t.Fatal(err)
			}
			watch := clock.StartStopwatch()
			// Whatever the server answers, it must then close the connection.
			_ = conn.SetReadDeadline(clock.System().Now().Add(5 * time.Second))
			r := bufio.NewReader(conn)
			for {
				if res, err := http.ReadResponse(r, nil); err == nil {
					res.Body.Close()
					continue
				}
				break
			}
			if took := watch.Elapsed(); took > 3*time.Second {
				t.Fatalf("the connection was held %s", took)
			}
		})
	}
}

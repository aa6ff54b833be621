package main

import (
	"bytes"
	"fmt"
	"net"
	"net/url"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/reseau-liens/portal/internal/platform/clock"
)

// startPostGraphile runs command, a shell command line in which {db},
// {schema} and {port} stand for the bench's database URL, its schema and
// a free port, e.g.
//
//	npx postgraphile --preset postgraphile/presets/amber -c {db} -s {schema} --port {port}
//
// and waits until its /graphql endpoint answers. PostGraphile is not a
// dependency of the portal: whoever compares installs it (npm i postgraphile@5).
func startPostGraphile(command, schemaURL string) (endpoint string, stop func(), err error) {
	u, err := url.Parse(schemaURL)
	if err != nil {
		return "", nil, err
	}
	q := u.Query()
	schema := q.Get("search_path")
	q.Del("search_path")
	q.Del("statement_cache_capacity") // the portal's, not libpq's
	u.RawQuery = q.Encode()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	port := fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	line := strings.NewReplacer("{db}", u.String(), "{schema}", schema, "{port}", port).Replace(command)
	cmd := exec.Command("sh", "-c", line)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // stop kills npx and node alike
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop = func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		_ = cmd.Wait()
	}
	endpoint = "http://127.0.0.1:" + port
	waiting := clock.StartStopwatch()
	for {
		if answers(endpoint) {
			return endpoint, stop, nil
		}
		if waiting.Elapsed() > 90*time.Second {
			stop()
			return "", nil, fmt.Errorf("PostGraphile did not answer within 90 s: %s", out.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// answers tells whether a GraphQL endpoint answers a query.
func answers(endpoint string) bool {
	res, err := client.Post(endpoint+"/graphql", "application/json", strings.NewReader(`{"query":"{ __typename }"}`))
	if err != nil {
		return false
	}
	res.Body.Close()
	return res.StatusCode == 200
}

// schemaOf is the schema a URL of temporarySchema works in.
func schemaOf(schemaURL string) string {
	u, err := url.Parse(schemaURL)
	if err != nil {
		return ""
	}
	return u.Query().Get("search_path")
}

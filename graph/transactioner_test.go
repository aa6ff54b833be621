package graph_test

import (
	"bytes"
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler/testserver"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/lib/pq"

	"github.com/reseau-liens/portal/graph"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/requestid"
)

// openerFunc is a TxOpener failing as a database would.
type openerFunc func(ctx context.Context) (context.Context, driver.Tx, error)

func (f openerFunc) OpenTx(ctx context.Context) (context.Context, driver.Tx, error) { return f(ctx) }

type noTx struct{}

func (noTx) Commit() error   { return nil }
func (noTx) Rollback() error { return nil }

// mutate posts a mutation to gqlgen's test schema served with the
// portal's transactioner and error presenter.
func mutate(t *testing.T, opener openerFunc) (body string, logged string) {
	t.Helper()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	srv := testserver.New()
	srv.AddTransport(transport.POST{})
	srv.Use(graph.Transactioner{TxOpener: opener})
	srv.SetErrorPresenter(graph.ErrorPresenter(logger))
	ts := httptest.NewServer(requestid.Middleware(srv))
	defer ts.Close()
	res, err := http.Post(ts.URL, "application/json", strings.NewReader(`{"query":"mutation { name }"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return string(raw), logs.String()
}

func TestTransactionFailuresLeakNothing(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		err  error
		code string
	}{
		"a refused connection is UNAVAILABLE":     {&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused 10.1.2.3:5432")}, "UNAVAILABLE"},
		"a broken connection is UNAVAILABLE":      {driver.ErrBadConn, "UNAVAILABLE"},
		"PostgreSQL shutting down is UNAVAILABLE": {&pq.Error{Code: "57P01", Message: "terminating connection due to administrator command"}, "UNAVAILABLE"},
		"anything else is INTERNAL":               {errors.New("pq: relation \"secret_table\" does not exist"), "INTERNAL"},
	} {
		t.Run(name, func(t *testing.T) {
			body, logged := mutate(t, func(ctx context.Context) (context.Context, driver.Tx, error) { return ctx, nil, tc.err })
			var res struct {
				Errors []struct {
					Message    string
					Extensions map[string]any
				}
			}
			if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Errors) != 1 {
				t.Fatalf("response %s", body)
			}
			e := res.Errors[0]
			if e.Extensions["code"] != tc.code || e.Extensions["requestId"] == nil {
				t.Fatalf("extensions %+v", e.Extensions)
			}
			for _, secret := range []string{"10.1.2.3", "secret_table", "administrator", "transaction", "driver"} {
				if strings.Contains(body, secret) {
					t.Fatalf("the response leaks %q: %s", secret, body)
				}
			}
			if !strings.Contains(logged, e.Extensions["requestId"].(string)) {
				t.Fatalf("the log lacks the request ID: %s", logged)
			}
		})
	}
}

func TestMutationsAbortedByAConcurrentTransactionRunAgain(t *testing.T) {
	t.Parallel()
	t.Run("a serialization failure is retried, then the mutation runs", func(t *testing.T) {
		var opens atomic.Int32
		body, _ := mutate(t, func(ctx context.Context) (context.Context, driver.Tx, error) {
			if opens.Add(1) == 1 {
				return ctx, nil, &pq.Error{Code: "40001"}
			}
			return ctx, noTx{}, nil
		})
		// gqlgen's test schema answers every mutation with an error of its own.
		if opens.Load() != 2 || !strings.Contains(body, "mutations are not supported") {
			t.Fatalf("%d opens: %s", opens.Load(), body)
		}
	})
	t.Run("a deadlock that persists ends as CONFLICT", func(t *testing.T) {
		var opens atomic.Int32
		body, _ := mutate(t, func(ctx context.Context) (context.Context, driver.Tx, error) {
			opens.Add(1)
			return ctx, nil, &pq.Error{Code: "40P01"}
		})
		if opens.Load() != database.MaxAttempts || !strings.Contains(body, `"CONFLICT"`) {
			t.Fatalf("%d opens: %s", opens.Load(), body)
		}
	})
	t.Run("other failures are not retried", func(t *testing.T) {
		var opens atomic.Int32
		mutate(t, func(ctx context.Context) (context.Context, driver.Tx, error) {
			opens.Add(1)
			return ctx, nil, driver.ErrBadConn
		})
		if opens.Load() != 1 {
			t.Fatalf("%d opens", opens.Load())
		}
	})
}

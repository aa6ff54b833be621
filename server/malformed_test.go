package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
)

func TestMalformedBodiesGetAFixedAnswer(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	var first string
	for _, body := range []string{
		`{not json SECRET`,
		`{"query": 3, "x": "SECRET"}`,
		`{"query": "{ __typename }", "variables": ["SECRET"]}`,
		`{"query": "{ __typename }", "extensions": "SECRET"}`,
		`"SECRET"`,
	} {
		t.Run(body, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, api.Server.URL+"/graphql", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			res := api.Send(t, req)
			if res.Status != http.StatusBadRequest || len(res.Errors) != 1 || res.Errors[0].Code() != "MALFORMED_REQUEST" {
				t.Fatalf("status %d errors %+v", res.Status, res.Errors)
			}
			msg := res.Errors[0].Message
			if strings.Contains(msg, "SECRET") || strings.Contains(msg, "json") || strings.Contains(msg, "invalid character") {
				t.Fatalf("the answer echoes the decoder or the body: %q", msg)
			}
			if first == "" {
				first = msg
			} else if msg != first {
				t.Fatalf("messages differ: %q and %q", msg, first)
			}
		})
	}
}

package limits_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/config"
)

// typenames is `{ __typename __typename … }` without aliases: n fields
// that validation compares pairwise.
func typenames(n int) string {
	return "{" + strings.Repeat(" __typename", n) + " }"
}

func TestHugeDocumentsAreRefusedBeforeTheyAreParsed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		limits func(*config.Limits)
		code   string
	}{
		{"20 000 repeated fields (220 KB) are QUERY_TOO_LARGE", func(*config.Limits) {}, "QUERY_TOO_LARGE"},
		{"under a larger size limit they are TOO_MANY_FIELDS", func(l *config.Limits) { l.MaxQueryBytes = 1 << 20 }, "TOO_MANY_FIELDS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { tc.limits(&c.Limits) }))
			api.DB.ResetQueries()
			watch := clock.StartStopwatch()
			res := api.Do(t, "", typenames(20000), nil)
			took := watch.Elapsed()
			if len(res.Errors) != 1 || res.Errors[0].Code() != tc.code {
				t.Fatalf("status %d, errors %+v", res.Status, res.Errors)
			}
			if took > 2*time.Second {
				t.Fatalf("the refusal took %s", took)
			}
			if n := api.DB.Queries(); n != 0 {
				t.Fatalf("%d SQL queries for a refused document", n)
			}
		})
	}
	t.Run("the limits are configurable", func(t *testing.T) {
		api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.Limits.MaxQueryBytes, c.Limits.MaxFields = 1<<20, 5 }))
		if res := api.Do(t, "", typenames(5), nil); len(res.Errors) != 0 {
			t.Fatalf("5 fields: %+v", res.Errors)
		}
		if res := api.Do(t, "", typenames(6), nil); len(res.Codes()) != 1 || res.Codes()[0] != "TOO_MANY_FIELDS" {
			t.Fatalf("6 fields: %+v", res.Errors)
		}
	})
}

func TestRepeatedFieldsCountInTheCost(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	for _, tc := range []struct {
		query string
		cost  float64
	}{
		{`{ __typename }`, 0},
		{typenames(3), 2},
		// Two items, each asking `code` three times: 2 + 2×2.
		{`{ programmes(first: 2) { edges { node { code code code } } } }`, 6},
	} {
		res := api.Do(t, "", tc.query, nil)
		if len(res.Errors) != 0 {
			t.Fatalf("%s: %+v", tc.query, res.Errors)
		}
		if got, _ := measure(t, apitest.Error{Extensions: res.Extensions}, "cost"); got != tc.cost {
			t.Errorf("%s: cost %v, want %v", tc.query, got, tc.cost)
		}
	}
}

func TestInvalidDocumentsSpendTheBucketToo(t *testing.T) {
	t.Parallel()
	for name, doc := range map[string]string{
		"validation failures": `{ nope }`,
		"parse failures":      `{ programmes {`,
	} {
		t.Run(name, func(t *testing.T) {
			api := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
				c.Limits.MaxCost, c.Limits.RateBurst, c.Limits.RateLimit = 100, 100, 0.001
			}))
			for i := range 300 {
				res := api.Do(t, "", doc, nil)
				if res.Status == http.StatusTooManyRequests && res.Codes()[0] == "RATE_LIMITED" {
					return
				}
				if len(res.Errors) == 0 {
					t.Fatalf("request %d passed: %s", i, res.Data)
				}
			}
			t.Fatal("300 invalid documents left the client unthrottled")
		})
	}
}

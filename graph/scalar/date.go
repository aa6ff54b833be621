// Package scalar holds the GraphQL scalars the portal adds to gqlgen's.
package scalar

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/reseau-liens/portal/internal/platform/clock"
)

// MarshalDate writes a day (see clock.Date) as an ISO 8601 calendar date,
// "2019-05-03".
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.UTC().Format(time.DateOnly)))
	})
}

// UnmarshalDate reads a calendar date, "2019-05-03". An RFC 3339 time is
// also taken, as the date it names in its own offset (what a client that
// sends midnight in Paris means), so that clients written before the Date
// scalar keep working.
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, fmt.Errorf("une date s'écrit AAAA-MM-JJ, par exemple \"2019-05-03\"")
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return clock.AsDay(t), nil
	}
	return time.Time{}, fmt.Errorf("%q n'est pas une date : elle s'écrit AAAA-MM-JJ, par exemple \"2019-05-03\"", s)
}

package workshop_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

func TestTheGroupsOfAQuoteGetDistinctSlots(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	tokens := tokensAt(t, api, at(2027, 3, 1, 9, 0), demo.PartnerStaff, demo.Practitioner)

	t.Run("three groups follow each other on each session day", func(t *testing.T) {
		id := sentQuote(t, api, tokens, 15, 6, 6)
		series, errs := accept(t, api, tokens[demo.PartnerStaff], id, at(2027, 3, 2, 14, 0), clock.Date(2027, 6, 30))
		errs.WantNone(t)
		if len(series) != 3 {
			t.Fatalf("%d series, want 3 groups", len(series))
		}
		type slot struct{ start, end time.Time }
		var all []slot
		for g, s := range series {
			if len(s.Sessions) != 6 {
				t.Fatalf("group %d: %d sessions, want 6", g+1, len(s.Sessions))
			}
			if want := at(2027, 3, 2, 14+g, 0); !s.FirstSessionAt.Equal(want) || !s.Sessions[0].StartsAt.Equal(want) {
				t.Errorf("group %d starts at %s, want %s", g+1, s.FirstSessionAt.In(paris), want)
			}
			for _, sess := range s.Sessions {
				all = append(all, slot{sess.StartsAt, sess.StartsAt.Add(time.Hour)}) // ARCS sessions last an hour
			}
		}
		for i, a := range all {
			for _, b := range all[i+1:] {
				if a.start.Before(b.end) && b.start.Before(a.end) {
					t.Fatalf("two groups overlap: %s and %s", a.start.In(paris), b.start.In(paris))
				}
			}
		}
	})
	t.Run("groups that would run past midnight are refused", func(t *testing.T) {
		id := sentQuote(t, api, tokens, 12, 6, 6)
		_, errs := accept(t, api, tokens[demo.PartnerStaff], id, at(2027, 3, 2, 23, 0), clock.Date(2027, 6, 30))
		errs.WantCode(t, "INVALID_SCHEDULE")
	})
}

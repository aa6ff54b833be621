package workshop_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

const leaveDoc = `mutation($input: LeaveWaitingListInput!) { leaveWaitingList(input: $input) {
	bookings { id status position child { id firstName } } series { freeSeats waitingCount }
	errors { code message field } } }`

// request asks for seats for new children named by their first names, with
// allowSplit when split is not nil.
func request(t *testing.T, api *apitest.API, token string, seriesID pulid.ID, key, policy string, split *bool, names ...string) payload {
	t.Helper()
	var kids []map[string]any
	for _, n := range names {
		kids = append(kids, kid(n, 8))
	}
	input := map[string]any{"seriesID": seriesID, "newChildren": kids, "policy": policy, "idempotencyKey": key}
	if split != nil {
		input["allowSplit"] = *split
	}
	return mutate(t, api, token, "bookChildren", bookDoc, input)
}

// confirmedNames lists the first names of a series' confirmed children,
// sorted, and those still waiting, in arrival order.
func confirmedNames(t *testing.T, api *apitest.API, seriesID pulid.ID) (confirmed, waiting []string) {
	t.Helper()
	for status, list := range statuses(t, api, seriesID) {
		for _, b := range list {
			name := api.DB.Client.Child.GetX(apitest.Sys, b.ChildID).FirstName
			switch status {
			case "CONFIRMED":
				confirmed = append(confirmed, name)
			case "WAITING":
				waiting = append(waiting, name)
			}
		}
	}
	slices.Sort(confirmed)
	return confirmed, waiting
}

// TestTheWaitingListServesRequestsInArrivalOrder fills a series of two
// seats with two single children, puts a request for two siblings and a
// single child on the waiting list in either order, then frees the seats
// one at a time: an entry is served whole, or split when its booker
// allowed it, and nobody passes an entry waiting for enough seats.
func TestTheWaitingListServesRequestsInArrivalOrder(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	partner := api.Token(t, demo.PartnerStaff)
	yes, no := true, false
	for i, tc := range []struct {
		name         string
		groupFirst   bool
		policy       string
		split        *bool
		afterOne     []string // confirmed besides the seat still taken, after the first seat frees
		afterTwo     []string // confirmed after the second
		waitingAtEnd []string
	}{
		{"siblings kept together, then a single child", true, "CONFIRM_WHAT_FITS", &no,
			nil, []string{"Frère", "Sœur"}, []string{"Seul"}},
		{"siblings to be confirmed as one group, then a single child", true, "AS_ONE_GROUP", nil,
			nil, []string{"Frère", "Sœur"}, []string{"Seul"}},
		{"siblings who may be split, then a single child", true, "CONFIRM_WHAT_FITS", &yes,
			[]string{"Frère"}, []string{"Frère", "Sœur"}, []string{"Seul"}},
		{"siblings (split by default with CONFIRM_WHAT_FITS), then a single child", true, "CONFIRM_WHAT_FITS", nil,
			[]string{"Frère"}, []string{"Frère", "Sœur"}, []string{"Seul"}},
		{"a single child, then siblings kept together", false, "CONFIRM_WHAT_FITS", &no,
			[]string{"Seul"}, []string{"Seul"}, []string{"Frère", "Sœur"}},
		{"a single child, then siblings to be confirmed as one group", false, "AS_ONE_GROUP", nil,
			[]string{"Seul"}, []string{"Seul"}, []string{"Frère", "Sœur"}},
		{"a single child, then siblings who may be split", false, "CONFIRM_WHAT_FITS", &yes,
			[]string{"Seul"}, []string{"Frère", "Seul"}, []string{"Sœur"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSeries(t, api, 2, month)
			key := func(what string) string { return fmt.Sprintf("fair-%d-%s", i, what) }
			first := mustOK(t, request(t, api, partner, s.ID, key("a"), "CONFIRM_WHAT_FITS", nil, "Premier"))
			second := mustOK(t, request(t, api, partner, s.ID, key("b"), "CONFIRM_WHAT_FITS", nil, "Second"))
			group := func() {
				p := mustOK(t, request(t, api, partner, s.ID, key("group"), tc.policy, tc.split, "Frère", "Sœur"))
				for _, b := range p.Bookings {
					if b.Status != "WAITING" {
						t.Fatalf("a full series confirmed %s", b.Child.FirstName)
					}
				}
			}
			single := func() {
				if p := mustOK(t, request(t, api, partner, s.ID, key("single"), "CONFIRM_WHAT_FITS", nil, "Seul")); p.Bookings[0].Status != "WAITING" {
					t.Fatalf("a full series confirmed the single child")
				}
			}
			if tc.groupFirst {
				group()
				single()
			} else {
				single()
				group()
			}

			mustOK(t, cancel(t, api, partner, first.Bookings[0].ID, key("c1")))
			got, _ := confirmedNames(t, api, s.ID)
			if want := sorted(append([]string{"Second"}, tc.afterOne...)); !slices.Equal(got, want) {
				t.Errorf("one seat freed: confirmed %v, want %v", got, want)
			}
			mustOK(t, cancel(t, api, partner, second.Bookings[0].ID, key("c2")))
			got, waiting := confirmedNames(t, api, s.ID)
			if !slices.Equal(got, sorted(tc.afterTwo)) || !slices.Equal(waiting, tc.waitingAtEnd) {
				t.Errorf("both seats freed: confirmed %v and waiting %v, want %v and %v", got, waiting, sorted(tc.afterTwo), tc.waitingAtEnd)
			}
		})
	}

	t.Run("a newcomer does not take the seat a waiting group holds", func(t *testing.T) {
		s := newSeries(t, api, 2, month)
		first := mustOK(t, request(t, api, partner, s.ID, "hold-1", "CONFIRM_WHAT_FITS", nil, "Premier"))
		mustOK(t, request(t, api, partner, s.ID, "hold-2", "CONFIRM_WHAT_FITS", nil, "Second"))
		mustOK(t, request(t, api, partner, s.ID, "hold-3", "AS_ONE_GROUP", nil, "Frère", "Sœur"))
		mustOK(t, cancel(t, api, partner, first.Bookings[0].ID, "hold-4"))
		late := mustOK(t, request(t, api, partner, s.ID, "hold-5", "CONFIRM_WHAT_FITS", nil, "Tardif"))
		if late.Bookings[0].Status != "WAITING" {
			t.Fatalf("the newcomer is %s, want WAITING behind the group", late.Bookings[0].Status)
		}
		var series struct{ FreeSeats, WaitingCount int }
		if err := json.Unmarshal(late.Series, &series); err != nil {
			t.Fatal(err)
		}
		if series.FreeSeats != 1 || series.WaitingCount != 3 {
			t.Fatalf("series %+v, want the seat held (1 free) and 3 waiting", series)
		}
	})
	t.Run("a request to be confirmed as one group cannot allow splitting", func(t *testing.T) {
		s := newSeries(t, api, 2, month)
		p := request(t, api, partner, s.ID, "nosplit-1", "AS_ONE_GROUP", &yes, "Frère", "Sœur")
		p.Errors.WantCode(t, "BAD_USER_INPUT")
		if !strings.Contains(p.Errors[0].Message, "ne peut pas être séparée") || !slices.Equal(p.Errors[0].Field, []string{"input", "allowSplit"}) {
			t.Fatalf("error %+v", p.Errors[0])
		}
		if got := statuses(t, api, s.ID); len(got) != 0 {
			t.Fatalf("the refused request wrote bookings: %v", got)
		}
	})
}

func sorted(names []string) []string {
	out := slices.Clone(names)
	slices.Sort(out)
	return out
}

func leave(t *testing.T, api *apitest.API, token, bookingID, key string) payload {
	t.Helper()
	return mutate(t, api, token, "leaveWaitingList", leaveDoc, map[string]any{"bookingID": bookingID, "idempotencyKey": key})
}

func TestAWaitingBookerLeavesTheList(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	partner := api.Token(t, demo.PartnerStaff)

	t.Run("a group leaves whole and the seats it held go to the next in line at once", func(t *testing.T) {
		s := newSeries(t, api, 2, month)
		first := mustOK(t, request(t, api, partner, s.ID, "lv-1", "CONFIRM_WHAT_FITS", nil, "Premier"))
		mustOK(t, request(t, api, partner, s.ID, "lv-2", "CONFIRM_WHAT_FITS", nil, "Second"))
		group := mustOK(t, request(t, api, partner, s.ID, "lv-3", "AS_ONE_GROUP", nil, "Frère", "Sœur"))
		mustOK(t, request(t, api, partner, s.ID, "lv-4", "CONFIRM_WHAT_FITS", nil, "Seul"))
		mustOK(t, cancel(t, api, partner, first.Bookings[0].ID, "lv-5")) // the group holds the seat

		p := mustOK(t, leave(t, api, partner, group.Bookings[1].ID, "lv-6"))
		if len(p.Bookings) != 2 || p.Bookings[0].ID != group.Bookings[0].ID || p.Bookings[1].ID != group.Bookings[1].ID ||
			p.Bookings[0].Status != "CANCELLED" || p.Bookings[1].Status != "CANCELLED" {
			t.Fatalf("left %+v, want both siblings CANCELLED", p.Bookings)
		}
		confirmed, waiting := confirmedNames(t, api, s.ID)
		if !slices.Equal(confirmed, []string{"Second", "Seul"}) || len(waiting) != 0 {
			t.Fatalf("confirmed %v, waiting %v: the single child should have the seat", confirmed, waiting)
		}

		t.Run("a retry with its key returns the first result", func(t *testing.T) {
			again := mustOK(t, leave(t, api, partner, group.Bookings[1].ID, "lv-6"))
			if len(again.Bookings) != 2 || again.Bookings[0].ID != group.Bookings[0].ID {
				t.Fatalf("retry returned %+v", again.Bookings)
			}
		})
		t.Run("a booking no longer waiting cannot leave", func(t *testing.T) {
			p := leave(t, api, partner, group.Bookings[0].ID, "lv-7")
			p.Errors.WantCode(t, "INVALID_TRANSITION")
			if p.Errors[0].Message != "Cette réservation n'est pas sur la liste d'attente." {
				t.Fatalf("message %q", p.Errors[0].Message)
			}
			leave(t, api, partner, first.Bookings[0].ID, "lv-8").Errors.WantCode(t, "INVALID_TRANSITION")
		})
	})
	t.Run("the confirmed children of a request keep their seats", func(t *testing.T) {
		s := newSeries(t, api, 2, month)
		p := mustOK(t, request(t, api, partner, s.ID, "lv-10", "CONFIRM_WHAT_FITS", nil, "Un", "Deux", "Trois", "Quatre"))
		left := mustOK(t, leave(t, api, partner, p.Bookings[3].ID, "lv-11"))
		if len(left.Bookings) != 2 || left.Bookings[0].Child.FirstName != "Trois" || left.Bookings[1].Child.FirstName != "Quatre" {
			t.Fatalf("left %+v, want Trois and Quatre", left.Bookings)
		}
		confirmed, waiting := confirmedNames(t, api, s.ID)
		if !slices.Equal(confirmed, []string{"Deux", "Un"}) || len(waiting) != 0 {
			t.Fatalf("confirmed %v, waiting %v", confirmed, waiting)
		}
	})
	t.Run("a single waiting child leaves alone", func(t *testing.T) {
		s := newSeries(t, api, 1, month)
		mustOK(t, request(t, api, partner, s.ID, "lv-20", "CONFIRM_WHAT_FITS", nil, "Premier"))
		a := mustOK(t, request(t, api, partner, s.ID, "lv-21", "CONFIRM_WHAT_FITS", nil, "A"))
		mustOK(t, request(t, api, partner, s.ID, "lv-22", "CONFIRM_WHAT_FITS", nil, "B"))
		left := mustOK(t, leave(t, api, partner, a.Bookings[0].ID, "lv-23"))
		if len(left.Bookings) != 1 {
			t.Fatalf("left %+v", left.Bookings)
		}
		if _, waiting := confirmedNames(t, api, s.ID); !slices.Equal(waiting, []string{"B"}) {
			t.Fatalf("waiting %v, want B", waiting)
		}
	})
}

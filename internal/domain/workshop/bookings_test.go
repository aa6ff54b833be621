package workshop_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

const month = 30 * 24 * time.Hour

func TestBookingRules(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	partner := api.Token(t, demo.PartnerStaff)

	t.Run("a child under six at the first session is refused", func(t *testing.T) {
		s := newSeries(t, api, 6, month)
		// Six the day after the first session, in Paris, where it is held.
		day := clock.DayOf(*s.FirstSessionAt, clock.Paris)
		young := map[string]any{"firstName": "Lou", "birthDate": day.AddDate(-6, 0, 1).Format(time.DateOnly)}
		p := book(t, api, partner, s.ID, "age-1", "CONFIRM_WHAT_FITS", young)
		p.Errors.WantCode(t, "CHILD_TOO_YOUNG")
		if got := statuses(t, api, s.ID); len(got) != 0 {
			t.Fatalf("the refused request wrote bookings: %v", got)
		}
	})
	t.Run("a child six on the day of the first session is accepted", func(t *testing.T) {
		s := newSeries(t, api, 6, month)
		day := clock.DayOf(*s.FirstSessionAt, clock.Paris)
		six := map[string]any{"firstName": "Lou", "birthDate": day.AddDate(-6, 0, 0).Format(time.DateOnly)}
		mustOK(t, book(t, api, partner, s.ID, "age-2", "CONFIRM_WHAT_FITS", six))
	})
	t.Run("a child is booked at most once per series", func(t *testing.T) {
		s := newSeries(t, api, 6, month)
		first := mustOK(t, book(t, api, partner, s.ID, "dup-1", "CONFIRM_WHAT_FITS", kid("Noé", 8)))
		childID := first.Bookings[0].Child.ID
		again := mutate(t, api, partner, "bookChildren", bookDoc, map[string]any{
			"seriesID": s.ID, "childIDs": []string{childID}, "policy": "CONFIRM_WHAT_FITS", "idempotencyKey": "dup-2",
		})
		again.Errors.WantCode(t, "ALREADY_BOOKED")

		t.Run("and may be booked again once the booking is cancelled", func(t *testing.T) {
			mustOK(t, cancel(t, api, partner, first.Bookings[0].ID, "dup-3"))
			p := mustOK(t, mutate(t, api, partner, "bookChildren", bookDoc, map[string]any{
				"seriesID": s.ID, "childIDs": []string{childID}, "policy": "CONFIRM_WHAT_FITS", "idempotencyKey": "dup-4",
			}))
			if p.Bookings[0].Status != "CONFIRMED" {
				t.Fatalf("status %s", p.Bookings[0].Status)
			}
		})
	})
	t.Run("the database itself refuses a second live booking of a child", func(t *testing.T) {
		s := newSeries(t, api, 6, month)
		p := mustOK(t, book(t, api, partner, s.ID, "db-1", "CONFIRM_WHAT_FITS", kid("Inès", 8)))
		ctx := apitest.Sys
		b := api.DB.Client.Booking.GetX(ctx, pid(p.Bookings[0].ID))
		err := api.DB.Client.Booking.Create().SetSeriesID(s.ID).SetChildID(b.ChildID).
			SetOrganisationID(api.Demo.SchoolID).SetStatus(booking.StatusWaiting).Exec(ctx)
		if err == nil {
			t.Fatal("a second live booking of the child was stored")
		}
	})
	t.Run("children beyond the capacity go to the waiting list, in order", func(t *testing.T) {
		s := newSeries(t, api, 6, month)
		var kids []map[string]any
		for _, n := range []string{"A", "B", "C", "D", "E", "F", "G", "H"} {
			kids = append(kids, kid(n, 8))
		}
		p := mustOK(t, book(t, api, partner, s.ID, "cap-1", "CONFIRM_WHAT_FITS", kids...))
		for i, b := range p.Bookings {
			want := "CONFIRMED"
			if i >= 6 {
				want = "WAITING"
			}
			if b.Status != want {
				t.Errorf("child %d (%s) is %s, want %s", i+1, b.Child.FirstName, b.Status, want)
			}
		}
		var data struct {
			BookChildren struct {
				Series struct{ FreeSeats, WaitingCount int }
			}
		}
		_ = data
		got := statuses(t, api, s.ID)
		if len(got["CONFIRMED"]) != 6 || len(got["WAITING"]) != 2 {
			t.Fatalf("%d confirmed, %d waiting", len(got["CONFIRMED"]), len(got["WAITING"]))
		}

		t.Run("cancelling a confirmed booking promotes the first waiting child at once", func(t *testing.T) {
			c := mustOK(t, cancel(t, api, partner, p.Bookings[2].ID, "cap-2"))
			if c.Booking.Status != "CANCELLED" {
				t.Fatalf("status %s", c.Booking.Status)
			}
			got := statuses(t, api, s.ID)
			if len(got["CONFIRMED"]) != 6 || len(got["WAITING"]) != 1 || got["WAITING"][0].ID != pid(p.Bookings[7].ID) {
				t.Fatalf("after the cancellation: %d confirmed, waiting %v", len(got["CONFIRMED"]), got["WAITING"])
			}
		})
	})
	t.Run("a group waits as one and is promoted as one", func(t *testing.T) {
		s := newSeries(t, api, 6, month)
		four := mustOK(t, book(t, api, partner, s.ID, "grp-1", "CONFIRM_WHAT_FITS", kid("A", 8), kid("B", 8), kid("C", 8), kid("D", 8)))
		group := mustOK(t, book(t, api, partner, s.ID, "grp-2", "AS_ONE_GROUP", kid("E", 8), kid("F", 8), kid("G", 8)))
		for _, b := range group.Bookings {
			if b.Status != "WAITING" {
				t.Fatalf("a group of 3 for 2 seats: %s is %s", b.Child.FirstName, b.Status)
			}
		}
		// A single child after the group would fit the two seats, but the
		// group holds them: a later, smaller request does not pass it.
		single := mustOK(t, book(t, api, partner, s.ID, "grp-3", "CONFIRM_WHAT_FITS", kid("H", 8)))
		if single.Bookings[0].Status != "WAITING" {
			t.Fatalf("the single child is %s, want WAITING behind the group", single.Bookings[0].Status)
		}
		mustOK(t, cancel(t, api, partner, four.Bookings[0].ID, "grp-4"))
		got := statuses(t, api, s.ID)
		if len(got["WAITING"]) != 1 || got["WAITING"][0].ID != pid(single.Bookings[0].ID) || len(got["CONFIRMED"]) != 6 {
			t.Fatalf("three free seats: %d confirmed, waiting %v, want the whole group confirmed and the single child waiting", len(got["CONFIRMED"]), got["WAITING"])
		}
		mustOK(t, cancel(t, api, partner, four.Bookings[1].ID, "grp-5"))
		got = statuses(t, api, s.ID)
		if len(got["WAITING"]) != 0 || len(got["CONFIRMED"]) != 6 {
			t.Fatalf("one more free seat: %d confirmed, %d waiting", len(got["CONFIRMED"]), len(got["WAITING"]))
		}
	})
	t.Run("the same request retried with its key books nothing more", func(t *testing.T) {
		s := newSeries(t, api, 6, month)
		first := mustOK(t, book(t, api, partner, s.ID, "retry-1", "CONFIRM_WHAT_FITS", kid("Zoé", 8), kid("Tom", 9)))
		again := mustOK(t, book(t, api, partner, s.ID, "retry-1", "CONFIRM_WHAT_FITS", kid("Zoé", 8), kid("Tom", 9)))
		if len(again.Bookings) != 2 || again.Bookings[0].ID != first.Bookings[0].ID || again.Bookings[1].ID != first.Bookings[1].ID {
			t.Fatalf("the retry returned %+v, want %+v", again.Bookings, first.Bookings)
		}
		if got := statuses(t, api, s.ID); len(got["CONFIRMED"]) != 2 {
			t.Fatalf("%d confirmed after a retry, want 2", len(got["CONFIRMED"]))
		}
		t.Run("and a cancellation retried returns the first result", func(t *testing.T) {
			c1 := mustOK(t, cancel(t, api, partner, first.Bookings[0].ID, "retry-2"))
			c2 := mustOK(t, cancel(t, api, partner, first.Bookings[0].ID, "retry-2"))
			if c1.Booking.ID != c2.Booking.ID || c2.Booking.Status != "CANCELLED" {
				t.Fatalf("retry returned %+v", c2.Booking)
			}
			cancel(t, api, partner, first.Bookings[0].ID, "retry-3").Errors.WantCode(t, "INVALID_TRANSITION")
		})
		t.Run("a key used for another request is refused", func(t *testing.T) {
			other := newSeries(t, api, 6, month)
			book(t, api, partner, other.ID, "retry-1", "CONFIRM_WHAT_FITS", kid("Léa", 8)).Errors.WantCode(t, "IDEMPOTENCY_KEY_REUSED")
		})
	})
	t.Run("only partner staff book", func(t *testing.T) {
		s := newSeries(t, api, 6, month)
		for _, who := range []string{demo.Prescriber, demo.Practitioner, ""} {
			token := ""
			if who != "" {
				token = api.Token(t, who)
			}
			res := api.Do(t, token, bookDoc, map[string]any{"input": map[string]any{
				"seriesID": s.ID, "newChildren": []map[string]any{kid("X", 8)}, "policy": "CONFIRM_WHAT_FITS", "idempotencyKey": "k-" + who,
			}})
			if len(res.Errors) != 1 || res.Errors[0].Code() != "FORBIDDEN" {
				t.Errorf("%q: errors %+v, want FORBIDDEN", who, res.Errors)
			}
		}
		if got := statuses(t, api, s.ID); len(got) != 0 {
			t.Fatalf("refused requests wrote bookings: %v", got)
		}
	})
	t.Run("new siblings share one family record of the series' provider", func(t *testing.T) {
		s := newSeries(t, api, 6, month)
		sib := func(name string) map[string]any {
			k := kid(name, 9)
			k["familyGroup"] = "fratrie"
			return k
		}
		p := mustOK(t, book(t, api, partner, s.ID, "sib-1", "AS_ONE_GROUP", sib("Léo"), sib("Léna"), kid("Sam", 7)))
		ctx := apitest.Sys
		fam := func(i int) *ent.Family {
			return api.DB.Client.Booking.GetX(ctx, pid(p.Bookings[i].ID)).QueryChild().QueryFamily().OnlyX(ctx)
		}
		if fam(0).ID != fam(1).ID || fam(0).ID == fam(2).ID || fam(0).ProviderID != api.Demo.ProviderID {
			t.Fatalf("families %s, %s, %s", fam(0).ID, fam(1).ID, fam(2).ID)
		}
	})
	t.Run("a series that has begun takes no booking", func(t *testing.T) {
		s := newSeries(t, api, 6, -time.Hour)
		book(t, api, partner, s.ID, "late-1", "CONFIRM_WHAT_FITS", kid("Max", 8)).Errors.WantCode(t, "SERIES_CLOSED")
	})
}

const attendanceDoc = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) {
	attendances { present } errors { code message field } } }`

func TestAttendance(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	partner, practitioner := api.Token(t, demo.PartnerStaff), api.Token(t, demo.Practitioner)
	s := newSeries(t, api, 6, month)
	p := mustOK(t, book(t, api, partner, s.ID, "att-1", "CONFIRM_WHAT_FITS", kid("Ana", 8), kid("Ben", 9)))
	ctx := apitest.Sys
	sessions := s.QuerySessions().AllX(ctx)
	// The series has begun since: its first session was an hour ago.
	api.DB.Client.WorkshopSession.UpdateOne(sessions[0]).SetStartsAt(api.Clock.Now().Add(-time.Hour)).ExecX(ctx)
	entries := []map[string]any{{"bookingID": p.Bookings[0].ID, "present": true}, {"bookingID": p.Bookings[1].ID, "present": false}}

	t.Run("the practitioner records who attended", func(t *testing.T) {
		var data struct{ RecordAttendance payload }
		api.MustSucceed(t, practitioner, attendanceDoc, map[string]any{"input": map[string]any{"sessionID": sessions[0].ID, "entries": entries}}, &data)
		got := mustOK(t, data.RecordAttendance)
		if len(got.Attendances) != 2 || !got.Attendances[0].Present || got.Attendances[1].Present {
			t.Fatalf("attendances %+v", got.Attendances)
		}
	})
	t.Run("a session that has not begun has no register", func(t *testing.T) {
		var data struct{ RecordAttendance payload }
		api.MustSucceed(t, practitioner, attendanceDoc, map[string]any{"input": map[string]any{"sessionID": sessions[1].ID, "entries": entries}}, &data)
		data.RecordAttendance.Errors.WantCode(t, "SESSION_NOT_STARTED")
	})
	t.Run("partner staff do not record attendance", func(t *testing.T) {
		res := api.Do(t, partner, attendanceDoc, map[string]any{"input": map[string]any{"sessionID": sessions[0].ID, "entries": entries}})
		if len(res.Errors) == 0 {
			t.Fatal("partner staff recorded attendance")
		}
	})
}

func TestPartnersAddChildrenOnlyToTheirWorkshopFamilies(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	partner := viewer.NewContext(context.Background(), &viewer.Viewer{
		PersonID: api.Demo.People[demo.PartnerStaff],
		Memberships: []viewer.Membership{
			{Role: membership.RolePartnerStaff, OrganisationID: api.Demo.SchoolID},
		},
	})
	// A family the provider follows in an accompaniment is not the school's to extend.
	err := api.DB.Client.Child.Create().SetFamilyID(api.Demo.FamilyID).SetFirstName("Intrus").
		SetBirthDate(api.Clock.Now().AddDate(-7, 0, 0)).Exec(partner)
	if !errors.Is(err, privacy.Deny) {
		t.Fatalf("adding a child to an accompanied family: %v, want a privacy denial", err)
	}
}

func TestAFreedSeatGoesToTheNextWaitingChildWhoeverBookedIt(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	partner := api.Token(t, demo.PartnerStaff)
	ctx := apitest.Sys
	s := newSeries(t, api, 1, month)
	mine := mustOK(t, book(t, api, partner, s.ID, "x-1", "CONFIRM_WHAT_FITS", kid("Mia", 8)))
	// Another organisation's child waits behind.
	other := api.DB.Client.Organisation.Query().Where(organisation.IDNEQ(api.Demo.SchoolID)).FirstX(ctx)
	fam := api.DB.Client.Family.Create().SetProviderID(api.Demo.ProviderID).SetReference("AUTRE-1").
		SetTerritory("Gard").SetHouseholdComposition(family.HouseholdCompositionOther).SaveX(ctx)
	ch := api.DB.Client.Child.Create().SetFamilyID(fam.ID).SetFirstName("Adam").
		SetBirthDate(api.Clock.Now().AddDate(-8, 0, 0)).SaveX(ctx)
	theirs := api.DB.Client.Booking.Create().SetSeriesID(s.ID).SetChildID(ch.ID).SetOrganisationID(other.ID).
		SetStatus(booking.StatusWaiting).SetPosition(2).SaveX(ctx)

	mustOK(t, cancel(t, api, partner, mine.Bookings[0].ID, "x-2"))
	if got := api.DB.Client.Booking.GetX(ctx, theirs.ID); got.Status != booking.StatusConfirmed {
		t.Fatalf("the other organisation's child is %s, want CONFIRMED", got.Status)
	}
}

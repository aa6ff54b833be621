package workshop_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/clock/clocktest"
)

const bookWithIDDoc = `mutation($input: BookChildrenInput!) { bookChildren(input: $input) {
	bookings { id status child { id firstName lastNameInitial } }
	errors { code message field existingID } } }`

type duplicatePayload struct {
	Bookings []struct {
		ID, Status string
		Child      struct {
			ID, FirstName   string
			LastNameInitial *string
		}
	}
	Errors []struct {
		Code, Message string
		Field         []string
		ExistingID    *string
	}
}

func bookNew(t *testing.T, api *apitest.API, token, seriesID, key string, child map[string]any) duplicatePayload {
	t.Helper()
	var data struct{ BookChildren duplicatePayload }
	api.MustSucceed(t, token, bookWithIDDoc, map[string]any{"input": map[string]any{
		"seriesID": seriesID, "newChildren": []map[string]any{child}, "policy": "CONFIRM_WHAT_FITS", "idempotencyKey": key,
	}}, &data)
	return data.BookChildren
}

// TestANewChildLikeOneAlreadyBookedIsRefusedUnlessConfirmed books Inès
// M., then asks for a "new" child that differs in one field or none:
// alike on first name (folded), initial and birth date, it is refused with
// the known child's id, until the booker confirms it is another child.
func TestANewChildLikeOneAlreadyBookedIsRefusedUnlessConfirmed(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	partner := api.Token(t, demo.PartnerStaff)
	s := newSeries(t, api, 6, month)
	for i, tc := range []struct {
		name      string
		firstName string
		initial   any // nil: not given
		dayAfter  int // birth date, in days after the known child's
		confirm   bool
		duplicate bool
	}{
		{"the same child, typed alike", "Inès", "M", 0, false, true},
		{"the same child, without accent, in capitals, initial in lower case with a dot", "  INES ", "m.", 0, false, true},
		{"the same first name and birth date, no initial given", "Inès", nil, 0, false, true},
		{"another first name", "Inaya", "M", 0, false, false},
		{"another initial", "Inès", "B", 0, false, false},
		{"another birth date", "Inès", "M", 1, false, false},
		{"the same child, confirmed as another", "Inès", "M", 0, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Each case has a known child of its own birth date.
			born := clocktest.Start().AddDate(-8, 0, -10*i)
			known := bookNew(t, api, partner, string(newSeries(t, api, 6, month).ID), fmt.Sprintf("dupk-%d", i), map[string]any{
				"firstName": "Inès", "lastNameInitial": "M", "birthDate": born.Format(time.DateOnly), "confirmNewChild": true,
			})
			if len(known.Errors) > 0 {
				t.Fatalf("the known child: %+v", known.Errors)
			}
			knownID := known.Bookings[0].Child.ID
			other := newSeries(t, api, 6, month)
			child := map[string]any{"firstName": tc.firstName, "birthDate": born.AddDate(0, 0, tc.dayAfter).Format(time.DateOnly)}
			if tc.initial != nil {
				child["lastNameInitial"] = tc.initial
			}
			if tc.confirm {
				child["confirmNewChild"] = true
			}
			p := bookNew(t, api, partner, string(other.ID), fmt.Sprintf("dup-%d", i), child)
			if !tc.duplicate {
				if len(p.Errors) > 0 || len(p.Bookings) != 1 || p.Bookings[0].Child.ID == knownID {
					t.Fatalf("errors %+v, bookings %+v: want a booking of a new child", p.Errors, p.Bookings)
				}
				return
			}
			if len(p.Errors) != 1 || p.Errors[0].Code != "DUPLICATE_CHILD" {
				t.Fatalf("errors %+v, want DUPLICATE_CHILD", p.Errors)
			}
			e := p.Errors[0]
			if e.ExistingID == nil || *e.ExistingID != knownID {
				t.Errorf("existingID %v, want the known child %s", e.ExistingID, knownID)
			}
			if !slices.Equal(e.Field, []string{"input", "newChildren", "0"}) {
				t.Errorf("field %v", e.Field)
			}
			if !strings.HasPrefix(e.Message, "Vous avez déjà inscrit un enfant de même prénom, de même initiale de nom et né le même jour") {
				t.Errorf("message %q", e.Message)
			}
			if got := statuses(t, api, other.ID); len(got) != 0 {
				t.Fatalf("the refused request wrote bookings: %v", got)
			}
		})
	}

	t.Run("the initial is stored in capitals", func(t *testing.T) {
		p := bookNew(t, api, partner, string(s.ID), "dup-init-1", map[string]any{
			"firstName": "Éloi", "lastNameInitial": "é", "birthDate": clocktest.Start().AddDate(-9, 0, 0).Format(time.DateOnly),
		})
		if len(p.Errors) > 0 || p.Bookings[0].Child.LastNameInitial == nil || *p.Bookings[0].Child.LastNameInitial != "É" {
			t.Fatalf("errors %+v, bookings %+v", p.Errors, p.Bookings)
		}
	})
	t.Run("an initial is one letter", func(t *testing.T) {
		for i, bad := range []string{"Ma", "1", "-"} {
			p := bookNew(t, api, partner, string(s.ID), fmt.Sprintf("dup-bad-%d", i), map[string]any{
				"firstName": "Zoé", "lastNameInitial": bad, "birthDate": clocktest.Start().AddDate(-9, 0, 0).Format(time.DateOnly),
			})
			if len(p.Errors) != 1 || p.Errors[0].Code != "INVALID_INITIAL" || p.Errors[0].Message != "L'initiale du nom s'écrit en une seule lettre." ||
				!slices.Equal(p.Errors[0].Field, []string{"input", "newChildren", "0", "lastNameInitial"}) {
				t.Errorf("%q: errors %+v", bad, p.Errors)
			}
		}
	})
	t.Run("a child another organisation booked is not the partner's to compare with", func(t *testing.T) {
		ctx := apitest.Sys
		born := clocktest.Start().AddDate(-7, 0, 3)
		other := api.DB.Client.Organisation.Query().Where(organisation.IDNEQ(api.Demo.SchoolID)).FirstX(ctx)
		fam := api.DB.Client.Family.Create().SetProviderID(api.Demo.ProviderID).SetReference("AUTRE-DUP").
			SetTerritory("Gard").SetHouseholdComposition(family.HouseholdCompositionOther).SaveX(ctx)
		ch := api.DB.Client.Child.Create().SetFamilyID(fam.ID).SetFirstName("Adam").SetLastNameInitial("K").
			SetBirthDate(clock.AsDay(born)).SaveX(ctx)
		api.DB.Client.Booking.Create().SetSeriesID(s.ID).SetChildID(ch.ID).SetOrganisationID(other.ID).
			SetStatus(booking.StatusConfirmed).SetPosition(1000).ExecX(ctx)
		p := bookNew(t, api, partner, string(s.ID), "dup-other-1", map[string]any{
			"firstName": "Adam", "lastNameInitial": "K", "birthDate": born.Format(time.DateOnly),
		})
		if len(p.Errors) > 0 || p.Bookings[0].Child.ID == string(ch.ID) {
			t.Fatalf("errors %+v, bookings %+v", p.Errors, p.Bookings)
		}
	})
}

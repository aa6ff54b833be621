package network_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

const statementDoc = `query($id: ID!, $q: String!) { node(id: $id) { ... on Convention {
	placesTaken committedAmountCents
	statement(quarter: $q) { quarter startsOn endsOn unitPriceCents placesUsed amountOwedCents placesTakenToDate
		lines { accompanimentID status validatedAt amountCents } } } } }`

type statementAnswer struct {
	Node *struct {
		PlacesTaken          int
		CommittedAmountCents int
		Statement            *struct {
			Quarter, StartsOn, EndsOn string
			UnitPriceCents            int
			PlacesUsed                int
			AmountOwedCents           int
			PlacesTakenToDate         int
			Lines                     []struct {
				AccompanimentID pulid.ID
				Status          string
				ValidatedAt     time.Time
				AmountCents     int
			}
		}
	}
}

func quarterOf(t time.Time) string {
	d := clock.DayOf(t, clock.Paris)
	return fmt.Sprintf("%d-Q%d", d.Year(), (int(d.Month())-1)/3+1)
}

// A convention's quarterly statement bills each place once, at the unit
// price, in the quarter its accompaniment was validated: its figures are
// its lines', and its quarters add up to the convention's committed
// amount. The financer's members and the provider's coordinators read it;
// nobody else.
func TestQuarterlyStatementBillsEachPlaceOnceInItsQuarter(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	id := api.DB.Client.Convention.Query().Where(convention.FinancerID(api.Demo.DepartmentalCouncilID)).OnlyIDX(apitest.Sys)
	read := func(account, quarter string) (statementAnswer, *apitest.Response) {
		var got statementAnswer
		res := api.Do(t, api.Token(t, account), statementDoc, map[string]any{"id": id, "q": quarter})
		res.Decode(t, &got)
		return got, res
	}

	// Every quarter from two years back to the next one: together they
	// bill every place taken so far.
	now := api.Clock.Now()
	today := clock.DayOf(now, clock.Paris)
	month := clock.Date(today.Year(), today.Month(), 1)
	total, places := 0, 0
	for m := -24; m <= 3; m += 3 {
		q := quarterOf(month.AddDate(0, m, 0).Add(12 * time.Hour))
		got, res := read(demo.Prescriber, q)
		if len(res.Errors) > 0 || got.Node == nil || got.Node.Statement == nil {
			t.Fatalf("%s: %+v %s", q, res.Errors, res.Data)
		}
		s := got.Node.Statement
		sum := 0
		for _, l := range s.Lines {
			sum += l.AmountCents
			if l.AmountCents != s.UnitPriceCents || quarterOf(l.ValidatedAt) != q {
				t.Errorf("%s: line %+v, want the unit price %d and a validation in the quarter", q, l, s.UnitPriceCents)
			}
		}
		if s.PlacesUsed != len(s.Lines) || s.AmountOwedCents != sum || s.AmountOwedCents != s.PlacesUsed*s.UnitPriceCents {
			t.Errorf("%s: %d places, %d owed; the lines say %d places, %d owed", q, s.PlacesUsed, s.AmountOwedCents, len(s.Lines), sum)
		}
		if s.PlacesTakenToDate != got.Node.PlacesTaken {
			t.Errorf("%s: %d places to date, the convention says %d", q, s.PlacesTakenToDate, got.Node.PlacesTaken)
		}
		total += s.AmountOwedCents
		places += s.PlacesUsed
		if m == 3 {
			if places != got.Node.PlacesTaken || total != got.Node.CommittedAmountCents {
				t.Errorf("the quarters bill %d places, %d cents; the convention has %d places taken, %d committed",
					places, total, got.Node.PlacesTaken, got.Node.CommittedAmountCents)
			}
		}
	}
	if places == 0 {
		t.Fatal("no place billed in the demo's quarters: the test proves nothing")
	}

	q := quarterOf(now)
	for _, account := range apitest.EveryAccount() {
		t.Run(account, func(t *testing.T) {
			got, res := read(account, q)
			reads := got.Node != nil && got.Node.Statement != nil
			if want := account == demo.Coordinator || account == demo.Prescriber; reads != want {
				t.Errorf("%s reads the statement: %v, want %v (%+v)", account, reads, want, res.Errors)
			}
		})
	}
	t.Run("a malformed quarter is refused in French", func(t *testing.T) {
		_, res := read(demo.Coordinator, "2027-13")
		if len(res.Errors) != 1 || res.Errors[0].Code() != "BAD_USER_INPUT" ||
			!strings.HasPrefix(res.Errors[0].Message, "Le trimestre « 2027-13 » est mal écrit") {
			t.Errorf("errors %+v", res.Errors)
		}
	})
}

package workshop_test

import (
	"testing"

	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

const editRequestDoc = `mutation($in: EditQuoteRequestInput!) { editQuoteRequest(input: $in) {
	quote { id status childrenCount groupSize weeks place travelKm } errors { code message field } } }`

const cancelRequestDoc = `mutation($in: CancelQuoteRequestInput!) { cancelQuoteRequest(input: $in) {
	quote { id status cancelledAt } errors { code message field } } }`

type requestResult struct {
	ID, Status, Place        string
	ChildrenCount, GroupSize int
	Weeks, TravelKm          int
	CancelledAt              *string
}

func TestAQuoteRequestIsEditedUntilItIsPriced(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	id := requestModelQuote(t, api, 30)

	var got requestResult
	api.Mutate(t, demo.PartnerStaff, editRequestDoc, in(map[string]any{"quoteID": id, "childrenCount": 12, "place": " Gymnase "})).
		WantOK(t).Decode(t, "quote", &got)
	if got.ChildrenCount != 12 || got.Place != "Gymnase" || got.GroupSize != 6 || got.Weeks != 6 || got.TravelKm != 30 || got.Status != "REQUESTED" {
		t.Fatalf("edited request %+v", got)
	}
	t.Run("the request's rules hold as when it was made", func(t *testing.T) {
		api.Mutate(t, demo.PartnerStaff, editRequestDoc, in(map[string]any{"quoteID": id, "groupSize": 7})).WantCode(t, "GROUP_TOO_LARGE")
		api.Mutate(t, demo.Coordinator, editRequestDoc, in(map[string]any{"quoteID": id, "weeks": 0})).WantCode(t, "BAD_USER_INPUT")
	})
	t.Run("the practitioner's pricing follows the edited request", func(t *testing.T) {
		p := mustOK(t, mutate(t, api, api.Token(t, demo.Practitioner), "priceQuote", priceQuoteDoc, map[string]any{"quoteID": id}))
		// Two groups, one travel per session day.
		if p.Quote.TotalCents != 2*90000+6*30*50 {
			t.Fatalf("priced %d cents for two groups", p.Quote.TotalCents)
		}
	})
	t.Run("once priced, the request is no longer edited, in French", func(t *testing.T) {
		p := api.Mutate(t, demo.PartnerStaff, editRequestDoc, in(map[string]any{"quoteID": id, "childrenCount": 6})).
			WantCode(t, "QUOTE_ALREADY_PRICED")
		if p.Errors[0].Message != "Ce devis a déjà été chiffré : la demande ne peut plus être modifiée." {
			t.Fatalf("message %q", p.Errors[0].Message)
		}
	})
	t.Run("once sent, the database itself keeps the request as priced", func(t *testing.T) {
		mustOK(t, mutate(t, api, api.Token(t, demo.Practitioner), "sendQuote", sendQuoteDoc, map[string]any{"quoteID": id}))
		err := api.DB.Client.Quote.UpdateOneID(pulid.ID(id)).SetChildrenCount(1).Exec(apitest.Sys)
		if err == nil {
			t.Fatal("the request of a sent quote was changed")
		}
		if n := api.DB.Client.Quote.Update().Where(quote.ID(pulid.ID(id))).SetWeeks(1).SaveX(apitest.Sys); n != 0 {
			t.Fatalf("%d sent quotes changed", n)
		}
	})
}

func TestAPartnerWithdrawsItsOwnRequest(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	id := requestModelQuote(t, api, 0)
	p := api.Mutate(t, demo.Coordinator, cancelRequestDoc, in(map[string]any{"quoteID": id})).WantCode(t, "FORBIDDEN")
	if msg := p.Errors[0].Message; msg != "Seul le partenaire qui a demandé ce devis peut retirer sa demande." {
		t.Fatalf("message %q", msg)
	}
	var got requestResult
	api.Mutate(t, demo.PartnerStaff, cancelRequestDoc, in(map[string]any{"quoteID": id})).WantOK(t).Decode(t, "quote", &got)
	if got.Status != "CANCELLED" || got.CancelledAt == nil {
		t.Fatalf("withdrawn request %+v", got)
	}
	t.Run("a withdrawn request is neither priced nor edited", func(t *testing.T) {
		mutate(t, api, api.Token(t, demo.Practitioner), "priceQuote", priceQuoteDoc, map[string]any{"quoteID": id}).
			Errors.WantCode(t, "INVALID_TRANSITION")
		p := api.Mutate(t, demo.PartnerStaff, editRequestDoc, in(map[string]any{"quoteID": id, "weeks": 3})).WantCode(t, "INVALID_TRANSITION")
		if p.Errors[0].Message != "Un devis à l'état « annulé » ne peut pas être modifié." {
			t.Fatalf("message %q", p.Errors[0].Message)
		}
	})
}

// TestEveryQuoteStatusForRequestChanges: the request is edited and
// withdrawn while REQUESTED only (then priced, not edited).
func TestEveryQuoteStatusForRequestChanges(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	for _, status := range []quote.Status{
		quote.StatusRequested, quote.StatusSent, quote.StatusAccepted,
		quote.StatusDeclined, quote.StatusExpired, quote.StatusCancelled,
	} {
		for _, step := range []struct {
			name, doc string
			vars      func(id string) map[string]any
		}{
			{"edited", editRequestDoc, func(id string) map[string]any { return in(map[string]any{"quoteID": id, "weeks": 5}) }},
			{"withdrawn", cancelRequestDoc, func(id string) map[string]any { return in(map[string]any{"quoteID": id}) }},
		} {
			t.Run("a "+string(status)+" quote is "+step.name+" only if REQUESTED", func(t *testing.T) {
				id := requestModelQuote(t, api, 0)
				forceStatus(t, api, id, status)
				p := api.Mutate(t, demo.PartnerStaff, step.doc, step.vars(id))
				if status == quote.StatusRequested {
					p.WantOK(t)
				} else {
					p.WantCode(t, "INVALID_TRANSITION")
				}
			})
		}
	}
}

// forceStatus brings a requested quote to status through the machine's
// steps (REQUESTED → SENT → the answers; REQUESTED → CANCELLED).
func forceStatus(t *testing.T, api *apitest.API, id string, status quote.Status) {
	t.Helper()
	c := api.DB.Client
	q := c.Quote.GetX(apitest.Sys, pulid.ID(id))
	steps := []quote.Status{quote.StatusSent, status}
	if status == quote.StatusCancelled {
		steps = steps[1:]
	}
	for _, s := range steps {
		if q.Status != status {
			q = c.Quote.UpdateOne(q).SetStatus(s).SaveX(apitest.Sys)
		}
	}
	if q.Status != status {
		t.Fatalf("status %s, want %s", q.Status, status)
	}
}

package network_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/network"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

const recordConvention = `mutation($in: RecordConventionInput!) { recordConvention(input: $in) {
	convention { id places unitPriceCents placesTaken placesLeft committedAmountCents warnings financer { id } }
	errors { code message field } } }`

type conventionFigures struct {
	ID                   pulid.ID
	Places               int
	UnitPriceCents       int
	PlacesTaken          int
	PlacesLeft           int
	CommittedAmountCents int
	Warnings             []string
	Financer             struct{ ID pulid.ID }
}

func TestRecordingConventions(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coord := api.Token(t, demo.Coordinator)
	cdGard := linkOf(t, api, api.Demo.ProviderID, api.Demo.DepartmentalCouncilID)
	mip := api.Demo.Programmes["MIP"]
	year := api.Clock.Now().Year()
	period := func(from, to int) (string, string) {
		return time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339),
			time.Date(to, 12, 31, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	}
	record := func(t *testing.T, token string, in map[string]any) (conventionFigures, apitest.UserErrors) {
		t.Helper()
		base := map[string]any{"linkID": cdGard.ID, "programmeID": mip, "places": 5, "unitPriceCents": 180000}
		base["startsAt"], base["endsAt"] = period(year+2, year+2)
		for k, v := range in {
			base[k] = v
		}
		var got struct {
			RecordConvention struct {
				Convention *conventionFigures
				Errors     apitest.UserErrors
			}
		}
		api.MustSucceed(t, token, recordConvention, map[string]any{"in": base}, &got)
		if got.RecordConvention.Convention == nil {
			return conventionFigures{}, got.RecordConvention.Errors
		}
		return *got.RecordConvention.Convention, got.RecordConvention.Errors
	}
	count := func() int { return api.DB.Client.Convention.Query().CountX(apitest.Sys) }
	before := count()

	t.Run("a convention for a later year is recorded, financed by the partner by default", func(t *testing.T) {
		c, errs := record(t, coord, nil)
		errs.WantNone(t)
		if c.Places != 5 || c.PlacesTaken != 0 || c.PlacesLeft != 5 || c.CommittedAmountCents != 0 || c.Financer.ID != api.Demo.DepartmentalCouncilID {
			t.Fatalf("got %+v", c)
		}
	})

	starts, ends := period(year, year)
	for _, tc := range []struct {
		name, account string
		in            map[string]any
		code          string
	}{
		{"a period overlapping this year's MIP convention is refused", demo.Coordinator,
			map[string]any{"startsAt": starts, "endsAt": ends}, string(network.ConventionOverlap)},
		{"a period meeting that later one on its last day is refused", demo.Coordinator,
			map[string]any{"startsAt": time.Date(year+2, 12, 31, 0, 0, 0, 0, time.UTC).Format(time.RFC3339),
				"endsAt": time.Date(year+3, 6, 30, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)}, string(network.ConventionOverlap)},
		{"a period that ends before it starts is refused", demo.Coordinator,
			map[string]any{"startsAt": ends, "endsAt": starts}, string(network.InvalidPeriod)},
		{"a programme of another provider is refused", demo.Coordinator,
			map[string]any{"programmeID": api.Demo.Programmes["RELIANCE"], "startsAt": starts, "endsAt": ends}, string(network.ProgrammeNotOfProvider)},
		{"a link that is only proposed takes no convention", demo.Coordinator,
			map[string]any{"linkID": proposedLink(t, api)}, string(network.LinkNotActive)},
		{"a prescriber of the partner cannot record one", demo.Prescriber, nil, string(apierror.Forbidden)},
		{"another provider's coordinator cannot see the link", demo.RelianceCoordinator, nil, string(apierror.NotFound)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := count()
			_, errs := record(t, api.Token(t, tc.account), tc.in)
			errs.WantCode(t, tc.code)
			if count() != n {
				t.Fatal("a refused convention was written")
			}
		})
	}

	t.Run("another programme on the same link and period is fine", func(t *testing.T) {
		_, errs := record(t, coord, map[string]any{"programmeID": api.Demo.Programmes["MADI"], "startsAt": starts, "endsAt": ends})
		errs.WantNone(t)
		if count() != before+2 {
			t.Fatalf("%d conventions, want %d", count(), before+2)
		}
	})
}

// proposedLink is the demo's proposed link (the leisure centre).
func proposedLink(t *testing.T, api *apitest.API) pulid.ID {
	t.Helper()
	for _, l := range api.DB.Client.PartnerLink.Query().AllX(apitest.Sys) {
		if l.Status == "PROPOSED" {
			return l.ID
		}
	}
	t.Fatal("no proposed link in the demo")
	return ""
}

// refSeq numbers the test families.
var refSeq atomic.Int64

// accompanimentsOn links n new accompaniments in a status to a convention.
func accompanimentsOn(t *testing.T, api *apitest.API, c *ent.Convention, status accompaniment.Status, n int) {
	t.Helper()
	client := api.DB.Client
	prog := client.Programme.GetX(apitest.Sys, c.ProgrammeID)
	for range n {
		f := client.Family.Create().SetProviderID(prog.ProviderID).SetReference(fmt.Sprintf("C%d", refSeq.Add(1))).
			SetTerritory("Gard").SetHouseholdComposition(family.HouseholdCompositionSingleParent).SaveX(apitest.Sys)
		client.Accompaniment.Create().SetProviderID(prog.ProviderID).SetFamilyID(f.ID).SetProgrammeID(prog.ID).
			SetStatus(status).SetConventionID(c.ID).ExecX(apitest.Sys)
	}
}

func TestConventionConsumption(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	client := api.DB.Client
	mip := client.Convention.Query().Where(convention.ProgrammeID(api.Demo.Programmes["MIP"])).OnlyX(apitest.Sys)
	demoTaken := client.Accompaniment.Query().
		Where(accompaniment.ConventionID(mip.ID), accompaniment.StatusIn(network.ConsumingStatuses...)).CountX(apitest.Sys)

	// Requests not validated take no place.
	for _, s := range []accompaniment.Status{accompaniment.StatusRequested, accompaniment.StatusEvaluating,
		accompaniment.StatusDeclined, accompaniment.StatusWithdrawn} {
		accompanimentsOn(t, api, mip, s, 1)
	}
	accompanimentsOn(t, api, mip, accompaniment.StatusActive, 2)
	accompanimentsOn(t, api, mip, accompaniment.StatusClosed, 1)
	accompanimentsOn(t, api, mip, accompaniment.StatusInterrupted, 1)
	taken := demoTaken + 4

	query := `query($id: ID!) { node(id: $id) { ... on Convention { places unitPriceCents placesTaken placesLeft committedAmountCents warnings } } }`
	figures := func(t *testing.T, account string) conventionFigures {
		t.Helper()
		var got struct{ Node conventionFigures }
		api.MustSucceed(t, api.Token(t, account), query, map[string]any{"id": mip.ID}, &got)
		return got.Node
	}

	t.Run("validated accompaniments take places; the rest follows", func(t *testing.T) {
		c := figures(t, demo.Coordinator)
		if c.PlacesTaken != taken || c.PlacesLeft != mip.Places-taken || c.CommittedAmountCents != taken*int(mip.UnitPriceCents) {
			t.Fatalf("got %+v, want %d places taken of %d at %d", c, taken, mip.Places, mip.UnitPriceCents)
		}
	})

	t.Run("the partner's prescriber sees the same figures, though not every accompaniment", func(t *testing.T) {
		if p, c := figures(t, demo.Prescriber), figures(t, demo.Coordinator); p.PlacesTaken != c.PlacesTaken {
			t.Fatalf("prescriber sees %d places taken, coordinator %d", p.PlacesTaken, c.PlacesTaken)
		}
	})

	t.Run("a convention nearly used up is flagged and found by the filter", func(t *testing.T) {
		if w := figures(t, demo.Coordinator).Warnings; len(w) != 0 && taken*100 < mip.Places*network.NearlyUsedUpShare {
			t.Fatalf("warnings %v before the threshold", w)
		}
		if ids := needingAttention(t, api); contains(ids, mip.ID) && taken*100 < mip.Places*network.NearlyUsedUpShare {
			t.Fatal("listed before the threshold")
		}
		need := (mip.Places*network.NearlyUsedUpShare+99)/100 - taken
		accompanimentsOn(t, api, mip, accompaniment.StatusActive, need)
		if w := figures(t, demo.Coordinator).Warnings; len(w) != 1 || w[0] != string(network.NearlyUsedUp) {
			t.Fatalf("warnings %v, want NEARLY_USED_UP", w)
		}
		if !contains(needingAttention(t, api), mip.ID) {
			t.Fatal("not listed among the conventions needing attention")
		}
	})

	t.Run("places left never go below zero", func(t *testing.T) {
		accompanimentsOn(t, api, mip, accompaniment.StatusActive, mip.Places)
		if c := figures(t, demo.Coordinator); c.PlacesLeft != 0 {
			t.Fatalf("places left %d", c.PlacesLeft)
		}
	})

	t.Run("a convention ending within 30 days is flagged and found by the filter", func(t *testing.T) {
		soon := client.Convention.Create().SetPartnerLinkID(mip.PartnerLinkID).SetProgrammeID(api.Demo.Programmes["ARCS"]).
			SetFinancerID(mip.FinancerID).SetPlaces(10).SetUnitPriceCents(5500).
			SetStartsAt(api.Clock.Now().AddDate(0, -2, 0)).SetEndsAt(api.Clock.Now().AddDate(0, 0, 10)).SaveX(apitest.Sys)
		var got struct{ Node conventionFigures }
		api.MustSucceed(t, api.Token(t, demo.Coordinator), query, map[string]any{"id": soon.ID}, &got)
		if w := got.Node.Warnings; len(w) != 1 || w[0] != string(network.EndsSoon) {
			t.Fatalf("warnings %v, want ENDS_SOON", w)
		}
		if !contains(needingAttention(t, api), soon.ID) {
			t.Fatal("not listed among the conventions needing attention")
		}
	})

	t.Run("another provider's coordinator lists none of them", func(t *testing.T) {
		var got struct{ ConventionsNeedingAttention struct{ TotalCount int } }
		api.MustSucceed(t, api.Token(t, demo.RelianceCoordinator), `{ conventionsNeedingAttention(first: 10) { totalCount } }`, nil, &got)
		if got.ConventionsNeedingAttention.TotalCount != 0 {
			t.Fatalf("sees %d", got.ConventionsNeedingAttention.TotalCount)
		}
	})
}

func needingAttention(t *testing.T, api *apitest.API) []pulid.ID {
	t.Helper()
	var got struct {
		ConventionsNeedingAttention struct {
			Edges []struct{ Node struct{ ID pulid.ID } }
		}
	}
	api.MustSucceed(t, api.Token(t, demo.Coordinator), `{ conventionsNeedingAttention(first: 50) { edges { node { id } } } }`, nil, &got)
	var ids []pulid.ID
	for _, e := range got.ConventionsNeedingAttention.Edges {
		ids = append(ids, e.Node.ID)
	}
	return ids
}

func contains(ids []pulid.ID, id pulid.ID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func TestAPageOfConventionsCostsTheSameNumberOfQueriesWhateverItsSize(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithoutTokenCache()) // the counts include the token check
	client := api.DB.Client
	mip := client.Convention.Query().Where(convention.ProgrammeID(api.Demo.Programmes["MIP"])).OnlyX(apitest.Sys)
	for i := range 30 {
		c := client.Convention.Create().SetPartnerLinkID(mip.PartnerLinkID).SetProgrammeID(mip.ProgrammeID).
			SetFinancerID(mip.FinancerID).SetPlaces(3).SetUnitPriceCents(1000).
			SetStartsAt(time.Date(1990+i, 1, 1, 0, 0, 0, 0, time.UTC)).SetEndsAt(time.Date(1990+i, 6, 1, 0, 0, 0, 0, time.UTC)).SaveX(apitest.Sys)
		accompanimentsOn(t, api, c, accompaniment.StatusClosed, 1)
	}
	query := `query($n: Int) { conventions(first: $n) { totalCount edges { node {
		places placesTaken placesLeft committedAmountCents warnings } } } }`
	cost := func(n int) int64 {
		api.DB.ResetQueries()
		var got struct {
			Conventions struct {
				Edges []struct{ Node conventionFigures }
			}
		}
		api.MustSucceed(t, api.Token(t, demo.Coordinator), query, map[string]any{"n": n}, &got)
		if len(got.Conventions.Edges) != n {
			t.Fatalf("%d conventions, want %d", len(got.Conventions.Edges), n)
		}
		return api.DB.Queries()
	}
	small, large := cost(2), cost(30)
	if small != large {
		t.Fatalf("a page of 2 cost %d queries, a page of 30 cost %d: N+1", small, large)
	}
	// Two to authenticate, the count, the page, the places taken.
	if large > 5 {
		t.Fatalf("the page cost %d queries, want at most 5", large)
	}
}

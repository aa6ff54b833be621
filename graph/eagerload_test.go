package graph_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/contactevent"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// addFamilies gives the demo provider n more families with two guardians
// and two children each, so that pages can grow.
func addFamilies(t *testing.T, client *ent.Client, providerID pulid.ID, n int) []*ent.Child {
	t.Helper()
	ctx := apitest.Sys
	var children []*ent.Child
	for i := range n {
		f := client.Family.Create().
			SetProviderID(providerID).
			SetReference(fmt.Sprintf("LOAD-%03d", i)).
			SetTerritory("Gard").
			SetHouseholdComposition(family.HouseholdCompositionTwoParents).
			SaveX(ctx)
		for g := range 2 {
			client.Guardian.Create().SetFamilyID(f.ID).SetFirstName(fmt.Sprintf("Parent%d", g)).
				SetLastName("Exemple").SetRelationship(guardian.RelationshipParent).SaveX(ctx)
			children = append(children, client.Child.Create().SetFamilyID(f.ID).SetFirstName(fmt.Sprintf("Enfant%d", g)).
				SetBirthDate(time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC)).SaveX(ctx))
		}
	}
	return children
}

// addSeries adds n upcoming workshop series of the demo provider, each
// with three sessions and two children booked.
func addSeries(t *testing.T, api *apitest.API, children []*ent.Child, n int) {
	t.Helper()
	ctx := apitest.Sys
	client := api.DB.Client
	first := api.Clock.Now().Add(30 * 24 * time.Hour)
	for i := range n {
		s := client.WorkshopSeries.Create().
			SetProviderID(api.Demo.ProviderID).
			SetProgrammeID(api.Demo.Programmes["ARCS"]).
			SetHostOrganisationID(api.Demo.SchoolID).
			SetTitle(fmt.Sprintf("Atelier %d", i)).
			SetPlace("École").
			SetCapacity(6).
			SetFirstSessionAt(first).
			SaveX(ctx)
		for w := range 3 {
			client.WorkshopSession.Create().SetSeriesID(s.ID).SetStartsAt(first.Add(time.Duration(w) * 7 * 24 * time.Hour)).SaveX(ctx)
		}
		for _, c := range children[2*i : 2*i+2] {
			client.Booking.Create().SetSeriesID(s.ID).SetChildID(c.ID).SetOrganisationID(api.Demo.SchoolID).
				SetStatus(booking.StatusConfirmed).SaveX(ctx)
		}
	}
}

// addCaseload gives each family of children an active accompaniment
// with three contact events, so that the caseload page can grow.
func addCaseload(t *testing.T, api *apitest.API, children []*ent.Child) {
	t.Helper()
	ctx := apitest.Sys
	client := api.DB.Client
	start := api.Clock.Now().AddDate(0, -2, 0)
	seen := map[pulid.ID]bool{}
	for _, c := range children {
		if seen[c.FamilyID] {
			continue
		}
		seen[c.FamilyID] = true
		a := client.Accompaniment.Create().SetProviderID(api.Demo.ProviderID).SetFamilyID(c.FamilyID).
			SetProgrammeID(api.Demo.Programmes["MIP"]).SetStatus(entacc.StatusActive).SetValidatedAt(start).
			SetStartsAt(start).SetEndsAt(start.AddDate(0, 6, 0)).SaveX(ctx)
		for d := range 3 {
			client.ContactEvent.Create().SetAccompanimentID(a.ID).SetKind(contactevent.KindCall).
				SetOccurredAt(start.AddDate(0, 0, 7*d)).ExecX(ctx)
		}
	}
}

// queriesFor runs a document as the coordinator and returns how many SQL
// queries it cost.
func queriesFor(t *testing.T, api *apitest.API, query string, vars map[string]any) int64 {
	t.Helper()
	api.DB.ResetQueries()
	api.MustSucceed(t, api.Token(t, demo.Coordinator), query, vars, nil)
	return api.DB.Queries()
}

func TestAPageCostsTheSameNumberOfQueriesWhateverItsSize(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithoutTokenCache()) // the counts include the token check
	children := addFamilies(t, api.DB.Client, api.Demo.ProviderID, 60)
	addSeries(t, api, children, 55)
	addCaseload(t, api, children)

	for _, tc := range []struct {
		name, query string
		// most is the number of SQL queries the page costs: two to
		// authenticate the token, then one per level of the tree (the first
		// page counts its rows in its own query), and the audit trail: one
		// INSERT, plus one read of the providers of families not in the page
		// (package audit).
		most int64
	}{
		{
			name: "families with guardians and children",
			query: `query($n: Int) { families(first: $n) { totalCount edges { node {
				reference guardians { firstName } children { firstName } } } } }`,
			most: 2 + 3 + 1,
		},
		{
			name: "workshop series with sessions, bookings and booked children",
			query: `query($n: Int) { workshopSeries(first: $n) { totalCount edges { node {
				title sessions { startsAt } bookings(first: 10) { totalCount edges { node { status child { firstName } } } } } } } }`,
			most: 2 + 5 + 2,
		},
		{
			name: "active caseload with families, children and last contacts",
			query: `query($n: Int) { accompaniments(first: $n, where: {status: ACTIVE}) { totalCount edges { node { id status startsAt
				family { reference children { firstName } } contactEvents(first: 5) { totalCount edges { node { kind occurredAt } } } } } } }`,
			// the accompaniments with their count, their contacts and the
			// contacts' counts, the family loader's two (the references, the
			// families the viewer reads) and the children.
			most: 2 + 6 + 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			small := queriesFor(t, api, tc.query, map[string]any{"n": 2})
			large := queriesFor(t, api, tc.query, map[string]any{"n": 50})
			if small != large {
				t.Fatalf("a page of 2 cost %d queries, a page of 50 cost %d: N+1", small, large)
			}
			if large > tc.most {
				t.Fatalf("the page cost %d queries, want at most %d", large, tc.most)
			}
		})
	}
}

// TestTwoAliasesOfOneEdgeEachGetTheirOwnFields: the families of a page
// are loaded once, shaped by the selection of the first caller; a second
// alias selecting other fields of the children must still get them.
func TestTwoAliasesOfOneEdgeEachGetTheirOwnFields(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	children := addFamilies(t, api.DB.Client, api.Demo.ProviderID, 3)
	addCaseload(t, api, children)
	var got struct {
		Accompaniments struct {
			Edges []struct {
				Node struct {
					A struct{ Children []struct{ FirstName string } }
					B struct {
						Territory string
						Children  []struct{ BirthDate string }
					}
				}
			}
		}
	}
	api.MustSucceed(t, api.Token(t, demo.Coordinator), `{ accompaniments(first: 50, where: {status: ACTIVE}) { edges { node {
		a: family { children { firstName } } b: family { territory children { birthDate } } } } } }`, nil, &got)
	if len(got.Accompaniments.Edges) == 0 {
		t.Fatal("no accompaniment")
	}
	for _, e := range got.Accompaniments.Edges {
		if len(e.Node.A.Children) == 0 || len(e.Node.A.Children) != len(e.Node.B.Children) || e.Node.B.Territory == "" {
			t.Fatalf("%+v", e.Node)
		}
		for i := range e.Node.A.Children {
			if e.Node.A.Children[i].FirstName == "" || !strings.HasPrefix(e.Node.B.Children[i].BirthDate, "20") {
				t.Fatalf("a field of one alias is missing: %+v", e.Node)
			}
		}
	}
}

// TestAPageWithoutItsTotalIsNotCounted: a page that shows its pageInfo
// but not its totalCount learns whether there is a next page from the
// row it fetches past its end, with no count at all.
func TestAPageWithoutItsTotalIsNotCounted(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithoutTokenCache())
	addFamilies(t, api.DB.Client, api.Demo.ProviderID, 5)
	for _, n := range []int{2, 100} {
		var got struct {
			Families struct {
				PageInfo struct{ HasNextPage bool }
				Edges    []struct{ Node struct{ ID string } }
			}
		}
		api.MustSucceed(t, api.Token(t, demo.Coordinator),
			`query($n: Int) { families(first: $n) { pageInfo { hasNextPage } edges { node { id } } } }`, map[string]any{"n": n}, &got)
		if want := n == 2; got.Families.PageInfo.HasNextPage != want {
			t.Errorf("a page of %d of %d families: hasNextPage %v, want %v", n, len(got.Families.Edges), got.Families.PageInfo.HasNextPage, want)
		}
	}
	// After a cursor the total is counted apart: without it, the page
	// costs one query less.
	after := map[string]any{"c": firstCursor(t, api)}
	counted := queriesFor(t, api, `query($c: Cursor) { families(first: 2, after: $c) { totalCount pageInfo { hasNextPage } edges { node { id } } } }`, after)
	uncounted := queriesFor(t, api, `query($c: Cursor) { families(first: 2, after: $c) { pageInfo { hasNextPage } edges { node { id } } } }`, after)
	if uncounted != counted-1 {
		t.Errorf("after a cursor, the page cost %d queries with its total, %d without: want one less", counted, uncounted)
	}
}

// firstCursor is the end cursor of the coordinator's first page of 2 families.
func firstCursor(t *testing.T, api *apitest.API) string {
	t.Helper()
	var got struct {
		Families struct{ PageInfo struct{ EndCursor string } }
	}
	api.MustSucceed(t, api.Token(t, demo.Coordinator), `{ families(first: 2) { pageInfo { endCursor } edges { node { id } } } }`, nil, &got)
	return got.Families.PageInfo.EndCursor
}

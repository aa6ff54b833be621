package accompaniment_test

import (
	"slices"
	"testing"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// The active caseload is the accompaniments connection with its `where`
// filters; each filter is checked against the same selection made in Go.
func TestTheCaseloadFilters(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coord := api.Token(t, demo.Coordinator)
	all := api.DB.Client.Accompaniment.Query().Where(entacc.ProviderID(api.Demo.ProviderID)).
		WithFamily().WithEducators().AllX(apitest.Sys)
	since := api.Clock.Now().AddDate(0, -3, 0)
	cases := []struct {
		name  string
		where map[string]any
		keep  func(a *ent.Accompaniment) bool
	}{
		{"by status", map[string]any{"status": "ACTIVE"}, func(a *ent.Accompaniment) bool { return a.Status == entacc.StatusActive }},
		{"by programme", map[string]any{"programmeID": api.Demo.Programmes["MIP"]},
			func(a *ent.Accompaniment) bool { return a.ProgrammeID == api.Demo.Programmes["MIP"] }},
		{"by educator", map[string]any{"hasEducatorsWith": []map[string]any{{"id": api.Demo.People[demo.Practitioner]}}},
			func(a *ent.Accompaniment) bool {
				return slices.ContainsFunc(a.Edges.Educators, func(p *ent.Person) bool { return p.ID == api.Demo.People[demo.Practitioner] })
			}},
		{"by prescriber", map[string]any{"prescriberID": api.Demo.People[demo.SecondPrescriber]},
			func(a *ent.Accompaniment) bool {
				return a.PrescriberID != nil && *a.PrescriberID == api.Demo.People[demo.SecondPrescriber]
			}},
		{"by financer", map[string]any{"financerID": api.Demo.DepartmentalCouncilID},
			func(a *ent.Accompaniment) bool {
				return a.FinancerID != nil && *a.FinancerID == api.Demo.DepartmentalCouncilID
			}},
		{"by territory", map[string]any{"hasFamilyWith": []map[string]any{{"territory": all[0].Edges.Family.Territory}}},
			func(a *ent.Accompaniment) bool { return a.Edges.Family.Territory == all[0].Edges.Family.Territory }},
		{"by start date", map[string]any{"startsAtGTE": since},
			func(a *ent.Accompaniment) bool { return a.StartsAt != nil && !a.StartsAt.Before(since) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want []pulid.ID
			for _, a := range all {
				if c.keep(a) {
					want = append(want, a.ID)
				}
			}
			if len(want) == 0 || len(want) == len(all) {
				t.Fatalf("the demo data does not exercise this filter (%d of %d)", len(want), len(all))
			}
			got := caseload(t, api, coord, c.where)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("got %v, want %v", got, want)
			}
		})
	}
}

func caseload(t *testing.T, api *apitest.API, token string, where map[string]any) []pulid.ID {
	t.Helper()
	var got struct {
		Accompaniments struct {
			Edges []struct {
				Node struct {
					ID pulid.ID `json:"id"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"accompaniments"`
	}
	api.MustSucceed(t, token, `query($w: AccompanimentWhereInput) { accompaniments(first: 100, where: $w) { edges { node { id } } } }`,
		map[string]any{"w": where}, &got)
	var ids []pulid.ID
	for _, e := range got.Accompaniments.Edges {
		ids = append(ids, e.Node.ID)
	}
	return ids
}

package network_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/network"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

const registerOrganisation = `mutation($in: RegisterOrganisationInput!) {
	registerOrganisation(input: $in) { created organisation { id name territory kind } errors { code message field } } }`

const proposeLink = `mutation($in: ProposeLinkInput!) {
	proposeLink(input: $in) { link { id status } errors { code message field } } }`

// changeLink returns the document of a status-change mutation.
func changeLink(mutation string) string {
	return `mutation($in: ChangeLinkInput!) { ` + mutation + `(input: $in) {
		link { id status activatedAt suspendedAt endedAt events { fromStatus toStatus at note actor { displayName } } }
		errors { code message field } } }`
}

type linkResult struct {
	Link *struct {
		ID          pulid.ID
		Status      string
		ActivatedAt *string
		SuspendedAt *string
		EndedAt     *string
		Events      []struct {
			FromStatus *string
			ToStatus   string
			At         string
			Note       string
			Actor      *struct{ DisplayName string }
		}
	}
	Errors apitest.UserErrors
}

// registration is the answer to registerOrganisation.
type registration struct {
	Created      bool
	Organisation *struct {
		ID   pulid.ID
		Name string
	}
	Errors apitest.UserErrors
}

// registerAs registers an organisation as account.
func registerAs(t *testing.T, api *apitest.API, account, name, territory, kind string) registration {
	t.Helper()
	var got struct{ RegisterOrganisation registration }
	api.MustSucceed(t, api.Token(t, account), registerOrganisation, map[string]any{"in": map[string]any{
		"name": name, "territory": territory, "kind": kind,
	}}, &got)
	return got.RegisterOrganisation
}

func TestOrganisationsAreSharedBetweenProviders(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)

	t.Run("a coordinator finds the organisation another provider registered, whatever the case", func(t *testing.T) {
		r := registerAs(t, api, demo.RelianceCoordinator, "  LE 21 (démo) ", "GARD", "CULTURAL_NETWORK")
		r.Errors.WantNone(t)
		le21 := api.DB.Client.Organisation.Query().Where().AllX(apitest.Sys)
		var want pulid.ID
		for _, o := range le21 {
			if o.Name == "Le 21 (démo)" {
				want = o.ID
			}
		}
		if r.Created || r.Organisation.ID != want {
			t.Fatalf("created=%v id=%s, want the existing Le 21 %s", r.Created, r.Organisation.ID, want)
		}
	})

	t.Run("a new organisation is created", func(t *testing.T) {
		r := registerAs(t, api, demo.Coordinator, "Médiathèque des Exemples", "Gard", "MUNICIPALITY")
		r.Errors.WantNone(t)
		if !r.Created || r.Organisation.Name != "Médiathèque des Exemples" {
			t.Fatalf("got %+v", r)
		}
	})

	t.Run("accents, capitals and spacing aside, it is the same organisation", func(t *testing.T) {
		r := registerAs(t, api, demo.RelianceCoordinator, "MÉDIATHÈQUE  des exemples", "gard", "MUNICIPALITY")
		r.Errors.WantNone(t)
		if r.Created || r.Organisation.Name != "Médiathèque des Exemples" {
			t.Fatalf("got %+v, want the médiathèque registered above", r)
		}
	})

	t.Run("only coordinators register organisations", func(t *testing.T) {
		for _, account := range []string{demo.Prescriber, demo.Educator, demo.PartnerStaff} {
			registerAs(t, api, account, "Intrus", "Gard", "OTHER").Errors.WantCode(t, string(apierror.Forbidden))
		}
		if n := api.DB.Client.Organisation.Query().CountX(apitest.Sys); n != 13 {
			t.Fatalf("%d organisations, want the 12 of the demo and the one registered above", n)
		}
	})
}

func TestOrganisationsRegisteredAtTheSameMomentAreOne(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	// The race is between a look-up and an insert a millisecond apart:
	// several rounds give it every chance to happen.
	const rounds, parallel = 10, 8
	for round := range rounds {
		name := fmt.Sprintf("Maison de quartier Émile Zola %d", round)
		var (
			mu      sync.Mutex
			ids     = map[pulid.ID]int{}
			created int
			refused []string
			wg      sync.WaitGroup
			start   = make(chan struct{})
		)
		for i := range parallel {
			token := api.Token(t, []string{demo.Coordinator, demo.RelianceCoordinator}[i%2])
			wg.Go(func() {
				<-start
				res := api.Do(t, token, registerOrganisation, map[string]any{"in": map[string]any{
					"name": name, "territory": "Gard", "kind": "ASSOCIATION",
				}})
				var got struct{ RegisterOrganisation *registration }
				if len(res.Errors) == 0 {
					res.Decode(t, &got)
				}
				mu.Lock()
				defer mu.Unlock()
				switch r := got.RegisterOrganisation; {
				case len(res.Errors) > 0:
					refused = append(refused, res.Codes()...)
				case r == nil || len(r.Errors) > 0 || r.Organisation == nil:
					refused = append(refused, fmt.Sprint(r))
				default:
					ids[r.Organisation.ID]++
					if r.Created {
						created++
					}
				}
			})
		}
		close(start)
		wg.Wait()
		if len(refused) > 0 || len(ids) != 1 || created != 1 {
			t.Fatalf("round %d: %d registrations gave %d organisations, %d of them created, refusals %v",
				round, parallel, len(ids), created, refused)
		}
	}
}

func TestTheLifecycleOfAPartnerLink(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coord := api.Token(t, demo.Coordinator)
	org := api.DB.Client.Organisation.Create().SetName("Maison des familles").SetTerritory("Gard").
		SetKind("ASSOCIATION").SaveX(apitest.Sys)

	var proposed struct{ ProposeLink linkResult }
	api.MustSucceed(t, coord, proposeLink, map[string]any{"in": map[string]any{
		"organisationID": org.ID, "note": "rencontre au forum",
	}}, &proposed)
	proposed.ProposeLink.Errors.WantNone(t)
	if proposed.ProposeLink.Link.Status != "PROPOSED" {
		t.Fatalf("status %s, want PROPOSED", proposed.ProposeLink.Link.Status)
	}
	linkID := proposed.ProposeLink.Link.ID

	step := func(t *testing.T, token, mutation, note string) linkResult {
		t.Helper()
		var got map[string]linkResult
		api.MustSucceed(t, token, changeLink(mutation), map[string]any{"in": map[string]any{"linkID": linkID, "note": note}}, &got)
		return got[mutation]
	}

	for _, tc := range []struct {
		mutation, want string
		dated          func(r linkResult) *string
	}{
		{"activateLink", "ACTIVE", func(r linkResult) *string { return r.Link.ActivatedAt }},
		{"suspendLink", "SUSPENDED", func(r linkResult) *string { return r.Link.SuspendedAt }},
		{"activateLink", "ACTIVE", func(r linkResult) *string { return r.Link.ActivatedAt }},
		{"endLink", "ENDED", func(r linkResult) *string { return r.Link.EndedAt }},
	} {
		t.Run(tc.mutation+" makes the link "+tc.want+", dated", func(t *testing.T) {
			r := step(t, coord, tc.mutation, "étape "+tc.want)
			r.Errors.WantNone(t)
			if r.Link.Status != tc.want || tc.dated(r) == nil {
				t.Fatalf("link %+v, want %s and dated", r.Link, tc.want)
			}
		})
	}

	t.Run("the history keeps every change with its date, author and note", func(t *testing.T) {
		var got struct {
			Node struct {
				Events []struct {
					FromStatus *string
					ToStatus   string
					Note       string
					Actor      *struct{ DisplayName string }
				}
			}
		}
		api.MustSucceed(t, coord, `query($id: ID!) { node(id: $id) { ... on PartnerLink {
			events { fromStatus toStatus note actor { displayName } } } } }`, map[string]any{"id": linkID}, &got)
		want := []string{"-> PROPOSED", "PROPOSED -> ACTIVE", "ACTIVE -> SUSPENDED", "SUSPENDED -> ACTIVE", "ACTIVE -> ENDED"}
		if len(got.Node.Events) != len(want) {
			t.Fatalf("%d events, want %d", len(got.Node.Events), len(want))
		}
		for i, e := range got.Node.Events {
			from := ""
			if e.FromStatus != nil {
				from = *e.FromStatus + " "
			}
			if from+"-> "+e.ToStatus != want[i] || e.Actor == nil || e.Actor.DisplayName != "Claire Coordinatrice (démo)" || e.Note == "" {
				t.Errorf("event %d: %+v, want %s by the coordinator with a note", i, e, want[i])
			}
		}
	})

	t.Run("an ended link cannot be activated, suspended or ended again", func(t *testing.T) {
		for _, m := range []string{"activateLink", "suspendLink", "endLink"} {
			step(t, coord, m, "").Errors.WantCode(t, string(network.InvalidTransition))
		}
	})

	t.Run("an ended link may be proposed again, its history continuing", func(t *testing.T) {
		var again struct{ ProposeLink linkResult }
		api.MustSucceed(t, coord, proposeLink, map[string]any{"in": map[string]any{"organisationID": org.ID}}, &again)
		again.ProposeLink.Errors.WantNone(t)
		if again.ProposeLink.Link.ID != linkID || again.ProposeLink.Link.Status != "PROPOSED" {
			t.Fatalf("got %+v, want the same link PROPOSED", again.ProposeLink.Link)
		}
		step(t, coord, "suspendLink", "").Errors.WantCode(t, string(network.InvalidTransition))
	})

	t.Run("a live link cannot be proposed twice", func(t *testing.T) {
		var got struct{ ProposeLink linkResult }
		api.MustSucceed(t, coord, proposeLink, map[string]any{"in": map[string]any{"organisationID": api.Demo.DepartmentalCouncilID}}, &got)
		got.ProposeLink.Errors.WantCode(t, string(network.LinkExists))
	})

	t.Run("only the provider's coordinators change its links", func(t *testing.T) {
		abl := linkOf(t, api, api.Demo.ProviderID, api.Demo.DepartmentalCouncilID)
		for _, tc := range []struct{ account, code string }{
			{demo.Prescriber, string(apierror.Forbidden)},         // sees the link of his organisation
			{demo.Educator, string(apierror.Forbidden)},           // sees his provider's links
			{demo.RelianceCoordinator, string(apierror.NotFound)}, // does not see it at all
		} {
			var got map[string]linkResult
			api.MustSucceed(t, api.Token(t, tc.account), changeLink("suspendLink"), map[string]any{"in": map[string]any{"linkID": abl.ID}}, &got)
			got["suspendLink"].Errors.WantCode(t, tc.code)
		}
		if linkOf(t, api, api.Demo.ProviderID, api.Demo.DepartmentalCouncilID).Status != partnerlink.StatusActive {
			t.Fatal("the link changed")
		}
	})
}

func TestRequireActiveLink(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	client := api.DB.Client
	orgs := map[string]pulid.ID{}
	for _, o := range client.Organisation.Query().AllX(apitest.Sys) {
		orgs[o.Name] = o.ID
	}
	// A prescriber's request runs as the prescriber, who may not even see
	// the link: the answer must not depend on it.
	ctx := viewer.NewContext(t.Context(), &viewer.Viewer{PersonID: api.Demo.People[demo.Prescriber]})

	for _, tc := range []struct {
		name          string
		provider, org pulid.ID
		wantNotActive bool
	}{
		{"an active link lets requests through", api.Demo.ProviderID, api.Demo.DepartmentalCouncilID, false},
		{"a proposed link does not", api.Demo.ProviderID, orgs["Centre de loisirs Les Écureuils (démo)"], true},
		{"a suspended link does not", api.Demo.RelianceProviderID, orgs["Centre social L'Escale (démo)"], true},
		{"no link does not", api.Demo.RelianceProviderID, api.Demo.SchoolID, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := network.RequireActiveLink(ctx, client, tc.provider, tc.org)
			e, ok := apierror.As(err)
			switch {
			case !tc.wantNotActive && err != nil:
				t.Fatalf("got %v, want nil", err)
			case tc.wantNotActive && (!ok || e.Code != network.LinkNotActive):
				t.Fatalf("got %v, want LINK_NOT_ACTIVE", err)
			}
		})
	}

	t.Run("suspending a link stops requests at once", func(t *testing.T) {
		link := linkOf(t, api, api.Demo.ProviderID, api.Demo.DepartmentalCouncilID)
		var got map[string]linkResult
		api.MustSucceed(t, api.Token(t, demo.Coordinator), changeLink("suspendLink"), map[string]any{"in": map[string]any{"linkID": link.ID}}, &got)
		got["suspendLink"].Errors.WantNone(t)
		err := network.RequireActiveLink(ctx, client, api.Demo.ProviderID, api.Demo.DepartmentalCouncilID)
		if e, ok := apierror.As(err); !ok || e.Code != network.LinkNotActive {
			t.Fatalf("got %v, want LINK_NOT_ACTIVE", err)
		}
	})
}

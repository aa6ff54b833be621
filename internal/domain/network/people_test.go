package network_test

import (
	"testing"

	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/network"
	"github.com/reseau-liens/portal/internal/domain/people"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

const invitePerson = `mutation($in: InvitePersonInput!) { invitePerson(input: $in) {
	membership { id role endedAt person { id displayName email } organisation { id } } errors { code message field } } }`

type membershipResult struct {
	Membership *struct {
		ID      pulid.ID
		Role    string
		EndedAt *string
		Person  struct {
			ID          pulid.ID
			DisplayName string
			Email       string
		}
	}
	Errors apitest.UserErrors
}

func invite(t *testing.T, api *apitest.API, account string, in map[string]any) membershipResult {
	t.Helper()
	var got struct{ InvitePerson membershipResult }
	api.MustSucceed(t, api.Token(t, account), invitePerson, map[string]any{"in": in}, &got)
	return got.InvitePerson
}

func changeMembership(t *testing.T, api *apitest.API, account, mutation string, in map[string]any) membershipResult {
	t.Helper()
	input := map[string]string{"changeRole": "ChangeRoleInput", "removePerson": "RemovePersonInput"}[mutation]
	var got map[string]membershipResult
	api.MustSucceed(t, api.Token(t, account), `mutation($in: `+input+`!) { `+mutation+`(input: $in) {
		membership { id role endedAt } errors { code message field } } }`, map[string]any{"in": in}, &got)
	return got[mutation]
}

func TestPeopleOfPartners(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	newcomer := map[string]any{
		"organisationID": api.Demo.DepartmentalCouncilID, "email": "Nadia.Nouvelle@demo.invalid",
		"displayName": "Nadia Nouvelle", "role": "PRESCRIBER",
	}
	var invited membershipResult

	t.Run("a coordinator invites a new person into an active partner", func(t *testing.T) {
		invited = invite(t, api, demo.Coordinator, newcomer)
		invited.Errors.WantNone(t)
		if m := invited.Membership; m.Role != "PRESCRIBER" || m.Person.Email != "nadia.nouvelle@demo.invalid" || m.EndedAt != nil {
			t.Fatalf("got %+v", m)
		}
	})

	t.Run("inviting her again is ALREADY_MEMBER", func(t *testing.T) {
		invite(t, api, demo.Coordinator, newcomer).Errors.WantCode(t, string(network.AlreadyMember))
	})

	t.Run("an existing person is invited by email, without a new account", func(t *testing.T) {
		r := invite(t, api, demo.Coordinator, map[string]any{
			"organisationID": api.Demo.SchoolID, "email": "NADIA.nouvelle@demo.invalid", "role": "PARTNER_STAFF",
		})
		r.Errors.WantNone(t)
		if r.Membership.Person.ID != invited.Membership.Person.ID {
			t.Fatal("a second account was created")
		}
	})

	for _, tc := range []struct {
		name, account string
		in            map[string]any
		code          string
	}{
		{"not into an organisation whose link is only proposed", demo.Coordinator,
			map[string]any{"organisationID": api.Organisation(t, "Centre de loisirs Les Écureuils (démo)")}, string(network.LinkNotActive)},
		{"not into another provider's partner", demo.Coordinator,
			map[string]any{"organisationID": api.Organisation(t, "Association Parents-Relais (démo)")}, string(network.LinkNotActive)},
		{"not as coordinator", demo.Coordinator, map[string]any{"role": "COORDINATOR"}, ""},
		{"not by a prescriber", demo.Prescriber, nil, string(apierror.Forbidden)},
		{"a new person needs a name", demo.Coordinator, map[string]any{"email": "x@demo.invalid", "displayName": nil}, string(people.NameRequired)},
		{"a plain email is required", demo.Coordinator, map[string]any{"email": "Nadia <x@demo.invalid>"}, string(people.InvalidEmail)},
	} {
		t.Run("invitations are refused: "+tc.name, func(t *testing.T) {
			in := map[string]any{"organisationID": api.Demo.DepartmentalCouncilID, "email": "autre@demo.invalid",
				"displayName": "Autre", "role": "PRESCRIBER"}
			for k, v := range tc.in {
				in[k] = v
			}
			if tc.code == "" { // refused by the GraphQL enum itself
				res := api.Do(t, api.Token(t, tc.account), invitePerson, map[string]any{"in": in})
				if len(res.Errors) == 0 {
					t.Fatal("accepted")
				}
				return
			}
			invite(t, api, tc.account, in).Errors.WantCode(t, tc.code)
		})
	}

	t.Run("a coordinator changes a partner member's role", func(t *testing.T) {
		r := changeMembership(t, api, demo.Coordinator, "changeRole", map[string]any{"membershipID": invited.Membership.ID, "role": "PARTNER_STAFF"})
		r.Errors.WantNone(t)
		if r.Membership.Role != "PARTNER_STAFF" {
			t.Fatalf("role %s", r.Membership.Role)
		}
	})

	t.Run("a coordinator cannot touch provider staff or another provider's partners", func(t *testing.T) {
		educator := api.DB.Client.Membership.Query().Where(membership.PersonID(api.Demo.People[demo.Educator])).OnlyX(apitest.Sys)
		r := changeMembership(t, api, demo.Coordinator, "removePerson", map[string]any{"membershipID": educator.ID})
		r.Errors.WantCode(t, string(apierror.Forbidden))
		r = changeMembership(t, api, demo.RelianceCoordinator, "removePerson", map[string]any{"membershipID": invited.Membership.ID})
		r.Errors.WantCode(t, string(apierror.NotFound))
	})
}

func TestARemovedPersonsTokenIsRefusedAtOnceAndTheirRecordsStay(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	token := api.Token(t, demo.Prescriber)
	whoAmI := `{ viewer { displayName } }`
	if res := api.Do(t, token, whoAmI, nil); len(res.Errors) > 0 {
		t.Fatalf("before removal: %v", res.Codes())
	}
	m := api.DB.Client.Membership.Query().Where(membership.PersonID(api.Demo.People[demo.Prescriber])).OnlyX(apitest.Sys)

	r := changeMembership(t, api, demo.Coordinator, "removePerson", map[string]any{"membershipID": m.ID})
	r.Errors.WantNone(t)
	if r.Membership.EndedAt == nil {
		t.Fatal("the membership has no end date")
	}

	t.Run("the next request with their token is refused", func(t *testing.T) {
		res := api.Do(t, token, whoAmI, nil)
		if res.Status != 401 || !res.HasCode(string(apierror.Unauthenticated)) {
			t.Fatalf("status %d, codes %v, want 401 UNAUTHENTICATED", res.Status, res.Codes())
		}
	})

	t.Run("nothing is deleted: the membership stays, ended, and their requests stay attributed", func(t *testing.T) {
		var got struct {
			Node struct{ Prescriber *struct{ ID pulid.ID } }
		}
		api.MustSucceed(t, api.Token(t, demo.Coordinator), `query($id: ID!) { node(id: $id) { ... on Accompaniment { prescriber { id } } } }`,
			map[string]any{"id": api.Demo.Accompaniments[accompaniment.StatusActive]}, &got)
		if got.Node.Prescriber == nil || got.Node.Prescriber.ID != api.Demo.People[demo.Prescriber] {
			t.Fatalf("prescriber %+v", got.Node.Prescriber)
		}
		if api.DB.Client.Membership.GetX(apitest.Sys, m.ID).EndedAt == nil {
			t.Fatal("the membership is gone or not ended")
		}
	})

	t.Run("a removed membership cannot be changed or removed again", func(t *testing.T) {
		r := changeMembership(t, api, demo.Coordinator, "removePerson", map[string]any{"membershipID": m.ID})
		r.Errors.WantCode(t, string(network.MembershipEnded))
		r = changeMembership(t, api, demo.Coordinator, "changeRole", map[string]any{"membershipID": m.ID, "role": "PARTNER_STAFF"})
		r.Errors.WantCode(t, string(network.MembershipEnded))
	})

	t.Run("invited again, the person does not get their old token back; a new one works", func(t *testing.T) {
		invite(t, api, demo.Coordinator, map[string]any{
			"organisationID": api.Demo.DepartmentalCouncilID, "email": "pierre.prescripteur@demo.invalid", "role": "PRESCRIBER",
		}).Errors.WantNone(t)
		if res := api.Do(t, token, whoAmI, nil); res.Status != 401 || !res.HasCode(string(apierror.Unauthenticated)) {
			t.Fatalf("the old token after the new invitation: status %d, codes %v, want 401 UNAUTHENTICATED", res.Status, res.Codes())
		}
		var issued struct {
			IssueAccessToken struct{ Secret *string }
		}
		api.MustSucceed(t, api.Token(t, demo.Coordinator), `mutation($p: ID!) { issueAccessToken(input: {personID: $p, label: "retour"}) { secret } }`,
			map[string]any{"p": api.Demo.People[demo.Prescriber]}, &issued)
		if issued.IssueAccessToken.Secret == nil {
			t.Fatal("no new token")
		}
		if res := api.Do(t, *issued.IssueAccessToken.Secret, whoAmI, nil); len(res.Errors) > 0 {
			t.Fatalf("a new token after the new invitation: %v", res.Codes())
		}
	})
}

func TestAnInvitedPersonCanUseTheirToken(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	r := invite(t, api, demo.Coordinator, map[string]any{
		"organisationID": api.Demo.SchoolID, "email": "nouveau@demo.invalid", "displayName": "Nouveau", "role": "PARTNER_STAFF",
	})
	r.Errors.WantNone(t)
	issued, err := api.Services.Auth.Issue(apitest.Sys, r.Membership.Person.ID, "test", 0, "")
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Viewer struct{ DisplayName string } }
	api.MustSucceed(t, issued.Secret, `{ viewer { displayName } }`, nil, &got)
	if got.Viewer.DisplayName != "Nouveau" {
		t.Fatalf("viewer %+v", got.Viewer)
	}
}

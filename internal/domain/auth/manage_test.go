package auth_test

import (
	"context"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent/accesstoken"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"

	_ "github.com/reseau-liens/portal/ent/runtime"
)

const issue = `mutation($person: ID!, $days: Int) {
	issueAccessToken(input: {personID: $person, label: "laptop", validDays: $days}) {
		accessToken { id personID issuedByID } secret errors { code field } } }`

const revoke = `mutation($id: ID!) { revokeAccessToken(input: {tokenID: $id}) { accessToken { id revokedAt } errors { code } } }`

const whoAmI = `{ viewer { id } }`

type issued struct {
	IssueAccessToken struct {
		AccessToken *struct{ ID, PersonID, IssuedByID pulid.ID }
		Secret      *string
		Errors      []struct {
			Code  string
			Field []string
		}
	}
}

func tokenCount(t *testing.T, api *apitest.API) int {
	t.Helper()
	n, err := api.DB.Client.AccessToken.Query().Count(apitest.Sys)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// demoTokenID finds the ID of an account's demo token.
func demoTokenID(t *testing.T, api *apitest.API, account string) pulid.ID {
	t.Helper()
	id, err := api.DB.Client.AccessToken.Query().
		Where(accesstoken.PersonID(api.Demo.People[account])).FirstID(apitest.Sys)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestACoordinatorIssuesTokensForTheirPeopleAndPartners(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coordinator := api.Token(t, demo.Coordinator)

	t.Run("for the school's partner staff: the secret is shown once and works", func(t *testing.T) {
		var got issued
		api.MustSucceed(t, coordinator, issue, map[string]any{"person": api.Demo.People[demo.PartnerStaff]}, &got)
		p := got.IssueAccessToken
		if len(p.Errors) > 0 || p.Secret == nil || p.AccessToken == nil ||
			p.AccessToken.PersonID != api.Demo.People[demo.PartnerStaff] || p.AccessToken.IssuedByID != api.Demo.People[demo.Coordinator] {
			t.Fatalf("payload %+v", p)
		}
		var me struct{ Viewer struct{ ID pulid.ID } }
		api.MustSucceed(t, *p.Secret, whoAmI, nil, &me)
		if me.Viewer.ID != api.Demo.People[demo.PartnerStaff] {
			t.Fatalf("the new token is %s", me.Viewer.ID)
		}

		t.Run("and the database holds a hash, never the secret", func(t *testing.T) {
			var stored []byte
			err := api.DB.SQL.QueryRowContext(context.Background(),
				`SELECT secret_hash FROM access_tokens WHERE id = `+api.DB.Placeholder(), string(p.AccessToken.ID)).Scan(&stored)
			if err != nil {
				t.Fatal(err)
			}
			if len(stored) != 32 || strings.Contains(string(stored), *p.Secret) {
				t.Fatalf("stored %q", stored)
			}
			rows, err := api.DB.SQL.QueryContext(context.Background(), `SELECT * FROM access_tokens`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			cols, _ := rows.Columns()
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				for i, v := range vals {
					if b, ok := v.([]byte); ok && strings.Contains(string(b), *p.Secret) ||
						(func() bool { s, ok := v.(string); return ok && strings.Contains(s, *p.Secret) })() {
						t.Fatalf("column %s holds the secret", cols[i])
					}
				}
			}
		})
	})

	refused := map[string]struct {
		token, person string
	}{
		"a coordinator, for a person of another provider":           {demo.Coordinator, demo.RelianceEducator},
		"a coordinator, for a partner not linked to their provider": {demo.RelianceCoordinator, demo.PartnerStaff},
		"an educator, even for a colleague":                         {demo.Educator, demo.Practitioner},
		"a prescriber, for themselves":                              {demo.Prescriber, demo.Prescriber},
	}
	for name, tc := range refused {
		t.Run(name+" is FORBIDDEN and nothing is written", func(t *testing.T) {
			before := tokenCount(t, api)
			res := api.Do(t, api.Token(t, tc.token), issue, map[string]any{"person": api.Demo.People[tc.person]})
			if codes := res.Codes(); len(codes) != 1 || codes[0] != "FORBIDDEN" {
				t.Fatalf("codes %v data %s", codes, res.Data)
			}
			if after := tokenCount(t, api); after != before {
				t.Fatalf("%d tokens, was %d", after, before)
			}
		})
	}
	t.Run("anonymous is refused", func(t *testing.T) {
		var got issued
		api.MustSucceed(t, "", issue, map[string]any{"person": api.Demo.People[demo.Educator]}, &got)
		if e := got.IssueAccessToken.Errors; len(e) != 1 || e[0].Code != "UNAUTHENTICATED" {
			t.Fatalf("errors %+v", e)
		}
	})
	t.Run("a validity beyond a year is a user error on validDays", func(t *testing.T) {
		var got issued
		api.MustSucceed(t, coordinator, issue, map[string]any{"person": api.Demo.People[demo.Educator], "days": 400}, &got)
		if e := got.IssueAccessToken.Errors; len(e) != 1 || e[0].Code != "BAD_USER_INPUT" || strings.Join(e[0].Field, ".") != "input.validDays" {
			t.Fatalf("errors %+v", e)
		}
	})
}

func TestARevokedTokenIsRefusedAtTheNextRequest(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, by, owner string }{
		{"revoked by its owner", demo.PartnerStaff, demo.PartnerStaff},
		{"revoked by the coordinator of a partner", demo.Coordinator, demo.PartnerStaff},
		{"revoked by the coordinator of a colleague", demo.Coordinator, demo.Educator},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := apitest.New(t)
			token := api.Token(t, tc.owner)
			api.MustSucceed(t, token, whoAmI, nil, nil)
			var got struct {
				RevokeAccessToken struct {
					AccessToken struct{ RevokedAt *string }
					Errors      []struct{ Code string }
				}
			}
			api.MustSucceed(t, api.Token(t, tc.by), revoke, map[string]any{"id": demoTokenID(t, api, tc.owner)}, &got)
			if got.RevokeAccessToken.AccessToken.RevokedAt == nil || len(got.RevokeAccessToken.Errors) > 0 {
				t.Fatalf("payload %+v", got)
			}
			res := api.Do(t, token, whoAmI, nil)
			if res.Status != 401 || len(res.Codes()) != 1 || res.Codes()[0] != "UNAUTHENTICATED" {
				t.Fatalf("after revocation: status %d codes %v", res.Status, res.Codes())
			}
		})
	}
	for _, tc := range []struct{ name, by, owner string }{
		{"someone else's token, by a colleague", demo.Educator, demo.Practitioner},
		{"a token of another provider's people, by a coordinator", demo.RelianceCoordinator, demo.Educator},
	} {
		t.Run(tc.name+" cannot be revoked", func(t *testing.T) {
			api := apitest.New(t)
			res := api.Do(t, api.Token(t, tc.by), revoke, map[string]any{"id": demoTokenID(t, api, tc.owner)})
			if codes := res.Codes(); len(codes) != 1 || (codes[0] != "NOT_FOUND" && codes[0] != "FORBIDDEN") {
				t.Fatalf("codes %v", codes)
			}
			api.MustSucceed(t, api.Token(t, tc.owner), whoAmI, nil, nil)
		})
	}
}

func TestPeopleListTheirTokensAndCoordinatorsTheirPeoples(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	const tokensOf = `query($id: ID!) { node(id: $id) { ... on Person { accessTokens { id } } } }`
	for _, tc := range []struct {
		name, viewer, owner string
		sees                bool
	}{
		{"one's own", demo.Educator, demo.Educator, true},
		{"a coordinator, a colleague's", demo.Coordinator, demo.Educator, true},
		{"a coordinator, a partner's", demo.Coordinator, demo.PartnerStaff, true},
		{"a colleague, not", demo.Practitioner, demo.Educator, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got struct {
				Node *struct{ AccessTokens []struct{ ID pulid.ID } }
			}
			api.MustSucceed(t, api.Token(t, tc.viewer), tokensOf, map[string]any{"id": api.Demo.People[tc.owner]}, &got)
			seen := got.Node != nil && len(got.Node.AccessTokens) == 1 && got.Node.AccessTokens[0].ID == demoTokenID(t, api, tc.owner)
			if seen != tc.sees {
				t.Fatalf("sees the token: %v, want %v (%+v)", seen, tc.sees, got.Node)
			}
		})
	}
}

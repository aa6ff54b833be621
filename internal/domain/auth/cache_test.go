package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/config"
)

func wantUnauthenticated(t *testing.T, res *apitest.Response, when string) {
	t.Helper()
	if res.Status != 401 || len(res.Codes()) != 1 || res.Codes()[0] != "UNAUTHENTICATED" {
		t.Fatalf("%s: status %d codes %v", when, res.Status, res.Codes())
	}
}

func TestVerifiedTokensAreCachedUntilAnythingChanges(t *testing.T) {
	t.Run("a request with a token verified a moment ago reads no token", func(t *testing.T) {
		api := apitest.New(t)
		token := api.Token(t, demo.Educator)
		api.DB.ResetQueries()
		api.MustSucceed(t, token, whoAmI, nil, nil)
		first := api.DB.Queries()
		api.DB.ResetQueries()
		api.MustSucceed(t, token, whoAmI, nil, nil)
		if second := api.DB.Queries(); second != first-2 {
			t.Fatalf("%d statements the first time, %d the second: the token and memberships look-ups should be gone", first, second)
		}
	})
	t.Run("an expired token is refused though cached", func(t *testing.T) {
		api := apitest.New(t)
		token := api.Token(t, demo.Educator)
		api.MustSucceed(t, token, whoAmI, nil, nil)
		api.Clock.Advance(400 * 24 * time.Hour)
		wantUnauthenticated(t, api.Do(t, token, whoAmI, nil), "after expiry")
	})
	t.Run("with the cache off, every request reads the token", func(t *testing.T) {
		api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.TokenCacheTTL = 0 }))
		token := api.Token(t, demo.Educator)
		api.MustSucceed(t, token, whoAmI, nil, nil)
		api.DB.ResetQueries()
		api.MustSucceed(t, token, whoAmI, nil, nil)
		first := api.DB.Queries()
		api.DB.ResetQueries()
		api.MustSucceed(t, token, whoAmI, nil, nil)
		if second := api.DB.Queries(); second != first {
			t.Fatalf("%d then %d statements", first, second)
		}
	})
}

// TestARevokedTokenIsRefusedByEveryProcessAtOnce: a second portal process
// on the same PostgreSQL database, which trusted the token a moment ago,
// refuses it on its very next request after the revocation (or the
// removal of its person) commits in the first.
func TestARevokedTokenIsRefusedByEveryProcessAtOnce(t *testing.T) {
	if !apitest.New(t).DB.IsPostgres() {
		t.Skip("processes share invalidations through PostgreSQL only (SQLite serves one process)")
	}
	t.Run("revoked", func(t *testing.T) {
		api := apitest.New(t)
		other := api.Another(t)
		token := api.Token(t, demo.PartnerStaff)
		for range 3 {
			other.MustSucceed(t, token, whoAmI, nil, nil)
		}
		api.MustSucceed(t, token, revoke, map[string]any{"id": demoTokenID(t, api, demo.PartnerStaff)}, nil)
		wantUnauthenticated(t, other.Do(t, token, whoAmI, nil), "through the second process")
		wantUnauthenticated(t, api.Do(t, token, whoAmI, nil), "through the first process")
	})
	t.Run("person removed", func(t *testing.T) {
		api := apitest.New(t)
		other := api.Another(t)
		token := api.Token(t, demo.PartnerStaff)
		other.MustSucceed(t, token, whoAmI, nil, nil)
		sys := viewer.SystemContext(context.Background())
		api.DB.Client.Membership.Update().Where(membership.PersonID(api.Demo.People[demo.PartnerStaff])).
			SetEndedAt(api.Clock.Now()).ExecX(sys)
		wantUnauthenticated(t, api.Do(t, token, whoAmI, nil), "through the first process")
		wantUnauthenticated(t, other.Do(t, token, whoAmI, nil), "through the second process")
	})
}

package apitest

import (
	"context"
	"testing"

	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/ent/schema/pulid"

	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/demo"
)

// Sys is the portal's own context (the system viewer), for a test's
// set-up and checks that read or write past the privacy rules.
var Sys = viewer.SystemContext(context.Background())

// Anonymous is the account of a request without a token.
const Anonymous = "anonymous"

// EveryAccount lists the demo accounts and Anonymous: the callers a
// generic test tries.
func EveryAccount() []string { return append(demo.Accounts(), Anonymous) }

// Organisation returns the id of the one organisation named name, or
// whose name starts with name ("Le 21" for "Le 21 (démo)").
func (a *API) Organisation(t testing.TB, name string) pulid.ID {
	t.Helper()
	orgs := a.DB.Client.Organisation.Query().Where(organisation.NameHasPrefix(name)).AllX(Sys)
	for _, o := range orgs {
		if o.Name == name || len(orgs) == 1 {
			return o.ID
		}
	}
	t.Fatalf("apitest: no one organisation named %q among %d", name, len(orgs))
	return ""
}

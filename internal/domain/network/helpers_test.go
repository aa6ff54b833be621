package network_test

import (
	"context"
	"slices"
	"testing"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
)

// sys is the portal's own context, for test set-up and checks.
var sys = viewer.SystemContext(context.Background())

// linkOf returns the link between a demo provider and organisation.
func linkOf(t *testing.T, api *apitest.API, providerID, orgID pulid.ID) *ent.PartnerLink {
	t.Helper()
	return api.DB.Client.PartnerLink.Query().
		Where(partnerlink.ProviderID(providerID), partnerlink.OrganisationID(orgID)).
		OnlyX(sys)
}

// payloadErrors is the errors list of a mutation payload.
type payloadErrors []struct {
	Code    string
	Message string
	Field   []string
}

func (e payloadErrors) codes() []string {
	var out []string
	for _, x := range e {
		out = append(out, x.Code)
	}
	return out
}

// wantCode fails unless the payload errors are exactly one of code.
func wantCode(t *testing.T, errs payloadErrors, code string) {
	t.Helper()
	if len(errs) != 1 || errs[0].Code != code {
		t.Fatalf("errors %v, want [%s]", errs.codes(), code)
	}
}

// wantNoErrors fails on any payload error.
func wantNoErrors(t *testing.T, errs payloadErrors) {
	t.Helper()
	if len(errs) > 0 {
		t.Fatalf("unexpected errors %+v", errs)
	}
}

// hasCode reports whether a GraphQL response carries an error with code.
func hasCode(res *apitest.Response, code string) bool {
	return slices.Contains(res.Codes(), code)
}

package network_test

import (
	"testing"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
)

// linkOf returns the link between a demo provider and organisation.
func linkOf(t *testing.T, api *apitest.API, providerID, orgID pulid.ID) *ent.PartnerLink {
	t.Helper()
	return api.DB.Client.PartnerLink.Query().
		Where(partnerlink.ProviderID(providerID), partnerlink.OrganisationID(orgID)).
		OnlyX(apitest.Sys)
}

package access_test

import (
	"context"
	"testing"

	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// The network's write rules hold on their own, whatever domain code
// calls ent: these tests write through ent directly.
func TestNetworkWriteRules(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	client := api.DB.Client
	as := func(providerID pulid.ID, role membership.Role, person string) context.Context {
		return viewer.NewContext(context.Background(), &viewer.Viewer{
			PersonID:    api.Demo.People[person],
			Memberships: []viewer.Membership{{Role: role, ProviderID: providerID}},
		})
	}
	abl := as(api.Demo.ProviderID, membership.RoleCoordinator, demo.Coordinator)
	reliance := as(api.Demo.RelianceProviderID, membership.RoleCoordinator, demo.RelianceCoordinator)
	educator := as(api.Demo.ProviderID, membership.RoleEducator, demo.Educator)
	link := client.PartnerLink.Query().Where(partnerlink.ProviderID(api.Demo.ProviderID),
		partnerlink.OrganisationID(api.Demo.DepartmentalCouncilID)).OnlyX(apitest.Sys)
	prescriber := client.Membership.Query().Where(membership.PersonID(api.Demo.People[demo.Prescriber])).OnlyX(apitest.Sys)
	educatorMembership := client.Membership.Query().Where(membership.PersonID(api.Demo.People[demo.Educator])).OnlyX(apitest.Sys)

	for _, tc := range []struct {
		name  string
		write func() error
		allow bool
	}{
		{"a coordinator suspends their provider's link", func() error {
			return client.PartnerLink.UpdateOneID(link.ID).SetStatus(partnerlink.StatusSuspended).Exec(abl)
		}, true},
		{"another provider's coordinator cannot", func() error {
			return client.PartnerLink.UpdateOneID(link.ID).SetStatus(partnerlink.StatusEnded).Exec(reliance)
		}, false},
		{"an educator cannot", func() error {
			return client.PartnerLink.UpdateOneID(link.ID).SetStatus(partnerlink.StatusEnded).Exec(educator)
		}, false},
		{"a coordinator cannot create a link for another provider", func() error {
			return client.PartnerLink.Create().SetProviderID(api.Demo.RelianceProviderID).SetOrganisationID(api.Demo.SchoolID).Exec(abl)
		}, false},
		{"a coordinator changes the role of a linked partner's member", func() error {
			return client.Membership.UpdateOneID(prescriber.ID).SetRole(membership.RolePartnerStaff).Exec(abl)
		}, true},
		{"another provider's coordinator cannot", func() error {
			return client.Membership.UpdateOneID(prescriber.ID).SetRole(membership.RolePrescriber).Exec(reliance)
		}, false},
		{"a coordinator cannot change provider staff", func() error {
			return client.Membership.UpdateOneID(educatorMembership.ID).SetRole(membership.RoleCoordinator).Exec(abl)
		}, false},
		{"a coordinator cannot make a partner's member a coordinator", func() error {
			return client.Membership.UpdateOneID(prescriber.ID).SetRole(membership.RoleCoordinator).Exec(abl)
		}, false},
		{"a coordinator cannot add a member to an unlinked organisation", func() error {
			return client.Membership.Create().SetPersonID(api.Demo.People[demo.Educator]).
				SetOrganisationID(api.Organisation(t, "Association Parents-Relais (démo)")).SetRole(membership.RolePrescriber).Exec(abl)
		}, false},
		{"link events are append-only", func() error {
			_, err := client.PartnerLinkEvent.Delete().Exec(abl)
			return err
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.write()
			if tc.allow && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !tc.allow && err == nil {
				t.Fatal("allowed")
			}
		})
	}
}

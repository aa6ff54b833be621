package access_test

import (
	"testing"

	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// Every check, for every kind of viewer: allowed exactly when the viewer
// coordinates (the provider, where the check names one), else FORBIDDEN
// with a French sentence.
func TestCanChecks(t *testing.T) {
	t.Parallel()
	const provider, other, org pulid.ID = "P1", "P2", "O1"
	as := func(role membership.Role, provider, org pulid.ID) *viewer.Viewer {
		return &viewer.Viewer{PersonID: "X", Memberships: []viewer.Membership{{Role: role, ProviderID: provider, OrganisationID: org}}}
	}
	viewers := map[string]struct {
		v                                *viewer.Viewer
		coordinates, coordinatesProvider bool
	}{
		"anonymous":                      {&viewer.Viewer{}, false, false},
		"coordinator of the provider":    {as(membership.RoleCoordinator, provider, ""), true, true},
		"coordinator of another":         {as(membership.RoleCoordinator, other, ""), true, false},
		"educator of the provider":       {as(membership.RoleEducator, provider, ""), false, false},
		"prescriber of a partner":        {as(membership.RolePrescriber, "", org), false, false},
		"partner staff of a partner org": {as(membership.RolePartnerStaff, "", org), false, false},
	}
	checks := map[string]struct {
		can        func(*viewer.Viewer) error
		ofProvider bool
	}{
		"register organisations": {access.CanRegisterOrganisations, false},
		"invite people":          {access.CanInvitePeople, false},
		"export":                 {access.CanExport, false},
		"manage links":           {func(v *viewer.Viewer) error { return access.CanManageLinks(v, provider) }, true},
		"manage conventions":     {func(v *viewer.Viewer) error { return access.CanManageConventions(v, provider) }, true},
		"read activity figures":  {func(v *viewer.Viewer) error { return access.CanReadActivityFigures(v, provider) }, true},
	}
	for vname, vc := range viewers {
		for cname, c := range checks {
			t.Run(vname+"/"+cname, func(t *testing.T) {
				want := vc.coordinates
				if c.ofProvider {
					want = vc.coordinatesProvider
				}
				err := c.can(vc.v)
				if want {
					if err != nil {
						t.Fatalf("refused: %v", err)
					}
					return
				}
				e, ok := apierror.As(err)
				if !ok || e.Code != apierror.Forbidden || e.Message == "" || e.Message[len(e.Message)-1] != '.' {
					t.Fatalf("got %v, want FORBIDDEN with a French sentence", err)
				}
			})
		}
	}
}

package access_test

import (
	"context"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// Every check, for every kind of viewer: allowed exactly when the viewer
// coordinates (the provider, where the check names one; or prescribes,
// where the check lets prescribers too), else FORBIDDEN with a French
// sentence.
func TestCanChecks(t *testing.T) {
	t.Parallel()
	const provider, other, org pulid.ID = "P1", "P2", "O1"
	as := func(role membership.Role, provider, org pulid.ID) *viewer.Viewer {
		return &viewer.Viewer{PersonID: "X", Memberships: []viewer.Membership{{Role: role, ProviderID: provider, OrganisationID: org}}}
	}
	viewers := map[string]struct {
		v                                            *viewer.Viewer
		coordinates, coordinatesProvider, prescribes bool
	}{
		"anonymous":                      {&viewer.Viewer{}, false, false, false},
		"coordinator of the provider":    {as(membership.RoleCoordinator, provider, ""), true, true, false},
		"coordinator of another":         {as(membership.RoleCoordinator, other, ""), true, false, false},
		"educator of the provider":       {as(membership.RoleEducator, provider, ""), false, false, false},
		"prescriber of a partner":        {as(membership.RolePrescriber, "", org), false, false, true},
		"partner staff of a partner org": {as(membership.RolePartnerStaff, "", org), false, false, false},
	}
	// Who each check lets through.
	const (
		anyCoordinator = iota
		providersCoordinator
		providersCoordinatorOrPrescriber
		nobody
	)
	partnerOrg := org
	checks := map[string]struct {
		can func(*viewer.Viewer) error
		who int
	}{
		"register organisations": {access.CanRegisterOrganisations, anyCoordinator},
		"invite people":          {access.CanInvitePeople, anyCoordinator},
		"export":                 {access.CanExport, anyCoordinator},
		"manage links":           {func(v *viewer.Viewer) error { return access.CanManageLinks(v, provider) }, providersCoordinator},
		"manage conventions":     {func(v *viewer.Viewer) error { return access.CanManageConventions(v, provider) }, providersCoordinator},
		"read activity figures":  {func(v *viewer.Viewer) error { return access.CanReadActivityFigures(v, provider) }, providersCoordinator},
		"manage a partner's prescriber": {func(v *viewer.Viewer) error {
			return access.CanManagePartnerMembership(v, membership.RolePrescriber, &partnerOrg)
		}, anyCoordinator},
		"manage a partner's staff": {func(v *viewer.Viewer) error {
			return access.CanManagePartnerMembership(v, membership.RolePartnerStaff, &partnerOrg)
		}, anyCoordinator},
		// No one manages a provider's roles through these checks.
		"manage a provider's educator": {func(v *viewer.Viewer) error {
			if err := access.CanManagePartnerMembership(v, membership.RoleEducator, &partnerOrg); err != nil {
				return err
			}
			return access.CanManagePartnerMembership(v, membership.RolePrescriber, nil)
		}, nobody},
		"request an accompaniment": {func(v *viewer.Viewer) error { return access.CanRequestAccompaniment(v, provider) }, providersCoordinatorOrPrescriber},
	}
	for vname, vc := range viewers {
		for cname, c := range checks {
			t.Run(vname+"/"+cname, func(t *testing.T) {
				want := map[int]bool{
					anyCoordinator:                   vc.coordinates,
					providersCoordinator:             vc.coordinatesProvider,
					providersCoordinatorOrPrescriber: vc.coordinatesProvider || vc.prescribes,
					nobody:                           false,
				}[c.who]
				wantAllowed(t, c.can(vc.v), want)
			})
		}
	}

	// The check that reads the links: a coordinator manages the members
	// of the organisations linked to their provider only.
	api := apitest.New(t)
	nord := api.Organisation(t, "Conseil départemental du Nord") // linked to Reliance only
	for _, tc := range []struct {
		account string
		org     pulid.ID
		want    bool
	}{
		{demo.Coordinator, api.Demo.SchoolID, true},
		{demo.Coordinator, api.Demo.DepartmentalCouncilID, true},
		{demo.Coordinator, nord, false},
		{demo.RelianceCoordinator, nord, true},
		{demo.RelianceCoordinator, api.Demo.SchoolID, false},
		{demo.Educator, api.Demo.SchoolID, false},
		{demo.Prescriber, api.Demo.DepartmentalCouncilID, false},
	} {
		t.Run(tc.account+"/manage the members of "+string(tc.org), func(t *testing.T) {
			ctx := api.Viewer(t, tc.account)
			wantAllowed(t, access.CanManageMembersOf(ctx, api.DB.Client, viewer.FromContext(ctx), tc.org), tc.want)
		})
	}
}

// wantAllowed fails unless err is nil when allowed, and FORBIDDEN with a
// French sentence otherwise.
func wantAllowed(t *testing.T, err error, allowed bool) {
	t.Helper()
	if allowed {
		if err != nil {
			t.Fatalf("refused: %v", err)
		}
		return
	}
	e, ok := apierror.As(err)
	if !ok || e.Code != apierror.Forbidden || !strings.HasSuffix(e.Message(context.Background()), ".") {
		t.Fatalf("got %v, want FORBIDDEN with a French sentence", err)
	}
}

package workshop

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// SetSchoolZoneInput sets the zone of the national school calendar of an
// organisation; a nil Zone clears it.
type SetSchoolZoneInput struct {
	OrganisationID pulid.ID
	Zone           *organisation.SchoolZone
}

// SetSchoolZone records a school's zone (A, B or C): the series planned
// from its quotes skip that zone's holidays (see AcceptQuote).
func (s *Service) SetSchoolZone(ctx context.Context, in SetSchoolZoneInput) (*ent.Organisation, error) {
	c := database.ClientFor(ctx, s.client)
	if err := access.CanSetSchoolZone(viewer.FromContext(ctx), in.OrganisationID); err != nil {
		return nil, err
	}
	org, err := c.Organisation.Get(ctx, in.OrganisationID)
	if ent.IsNotFound(err) {
		return nil, apierror.New(apierror.NotFound, "not_found.organisation").OnField("input", "organisationID")
	}
	if err != nil {
		return nil, err
	}
	update := c.Organisation.UpdateOne(org)
	if in.Zone == nil {
		update.ClearSchoolZone()
	} else {
		update.SetSchoolZone(*in.Zone)
	}
	return update.Save(ctx)
}

package workshop

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// OpenSeries opens a series made from a partner's quote to the provider's
// other linked partners, or reserves it again to that partner. Only the
// provider's coordinators may (access.WriteWorkshopSeries).
func (s *Service) OpenSeries(ctx context.Context, id pulid.ID, open bool) (*ent.WorkshopSeries, error) {
	c := database.ClientFor(ctx, s.client)
	series, err := c.WorkshopSeries.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apierror.New(apierror.NotFound, "Cette série d'ateliers est introuvable.").OnField("input", "seriesID")
	}
	if err != nil {
		return nil, err
	}
	return series.Update().SetOpenToPartners(open).Save(ctx)
}

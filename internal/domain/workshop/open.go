package workshop

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// OpenSeriesInput opens a series to every linked partner, or reserves it
// again to the partner whose quote made it.
type OpenSeriesInput struct {
	SeriesID pulid.ID
	Open     bool
}

// OpenSeries opens a series made from a partner's quote to the provider's
// other linked partners, or reserves it again to that partner. Only the
// provider's coordinators may (access.WriteWorkshopSeries).
func (s *Service) OpenSeries(ctx context.Context, in OpenSeriesInput) (*ent.WorkshopSeries, error) {
	c := database.ClientFor(ctx, s.client)
	series, err := c.WorkshopSeries.Get(ctx, in.SeriesID)
	if ent.IsNotFound(err) {
		return nil, apierror.New(apierror.NotFound, "not_found.series").OnField("input", "seriesID")
	}
	if err != nil {
		return nil, err
	}
	return series.Update().SetOpenToPartners(in.Open).Save(ctx)
}

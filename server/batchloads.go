package server

import (
	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/domain/accompaniment"
	"github.com/reseau-liens/portal/internal/domain/network"
	"github.com/reseau-liens/portal/internal/domain/workshop"
)

// installBatchLoads lets the per-page figures (progress, places taken,
// seats) note the nodes the request's queries load. Installing twice on
// one client would only note the same nodes twice.
func installBatchLoads(client *ent.Client) {
	client.Accompaniment.Intercept(accompaniment.ProgressLoadedWithAccompaniments(), accompaniment.FamilyLoadedWithAccompaniments())
	client.Convention.Intercept(network.PlacesTakenLoadedWithConventions())
	client.WorkshopSeries.Intercept(workshop.SeatsLoadedWithSeries())
}

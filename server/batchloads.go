package server

import (
	"sync"

	"github.com/reseau-liens/portal/accompaniment"
	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/network"
	"github.com/reseau-liens/portal/workshop"
)

var installed sync.Map // *ent.Client → struct{}

// installBatchLoads lets the per-page figures (progress, places taken,
// seats) note the nodes the request's queries load, once per client.
func installBatchLoads(client *ent.Client) {
	if _, done := installed.LoadOrStore(client, struct{}{}); done {
		return
	}
	client.Accompaniment.Intercept(accompaniment.ProgressLoadedWithAccompaniments())
	client.Convention.Intercept(network.PlacesTakenLoadedWithConventions())
	client.WorkshopSeries.Intercept(workshop.SeatsLoadedWithSeries())
}

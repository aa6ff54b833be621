package accompaniment

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/batchload"
	"github.com/reseau-liens/portal/internal/platform/database"
)

var progressLoads = batchload.NewKey[*Progress]()

// LoadProgress returns an accompaniment's progress, computed with the
// other accompaniments the request loaded: a page costs one query.
func (s *Service) LoadProgress(ctx context.Context, id pulid.ID) (*Progress, error) {
	return progressLoads.Load(ctx, id, func(ctx context.Context, ids []pulid.ID) (map[pulid.ID]*Progress, error) {
		return progressOf(ctx, database.ClientFor(ctx, s.client), ids, s.client.Clock.Now())
	})
}

// ProgressLoadedWithAccompaniments is the interceptor, for the query of
// accompaniments, that lets LoadProgress batch a request's pages.
func ProgressLoadedWithAccompaniments() ent.Interceptor {
	return batchload.Expecting(progressLoads, func(a *ent.Accompaniment) pulid.ID { return a.ID })
}

package accompaniment

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/batchload"
)

var progressLoads = batchload.NewKey[*Progress]()

// LoadProgress returns an accompaniment's progress, computed with the
// other accompaniments the request loaded: a page costs one query.
func LoadProgress(ctx context.Context, client *ent.Client, id pulid.ID) (*Progress, error) {
	return progressLoads.Load(ctx, id, func(ctx context.Context, ids []pulid.ID) (map[pulid.ID]*Progress, error) {
		return ProgressOf(ctx, client, ids, client.Clock.Now())
	})
}

// ProgressLoadedWithAccompaniments is the interceptor, for the query of
// accompaniments, that lets LoadProgress batch a request's pages.
func ProgressLoadedWithAccompaniments() ent.Interceptor {
	return batchload.Expecting(progressLoads, func(a *ent.Accompaniment) pulid.ID { return a.ID })
}

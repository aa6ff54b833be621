package graph

import (
	"context"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/reseau-liens/portal/accompaniment"
	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/network"
	"github.com/reseau-liens/portal/workshop"
)

// Loaders is a gqlgen extension that gives each operation its own
// loaders, so that fields aggregating per parent cost one query per page.
type Loaders struct {
	Client *ent.Client
}

var (
	_ graphql.HandlerExtension     = Loaders{}
	_ graphql.OperationInterceptor = Loaders{}
)

// ExtensionName implements graphql.HandlerExtension.
func (Loaders) ExtensionName() string { return "Loaders" }

// Validate implements graphql.HandlerExtension.
func (Loaders) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptOperation implements graphql.OperationInterceptor.
func (l Loaders) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	ctx = workshop.WithSeatLoader(ctx)
	return next(context.WithValue(ctx, loadersKey{}, newLoaderSet(l.Client)))
}

type loadersKey struct{}

// loaderSet holds the loaders of one operation.
type loaderSet struct {
	placesTaken *pageLoader
	progress    *batcher[pulid.ID, *accompaniment.Progress]
}

func newLoaderSet(client *ent.Client) *loaderSet {
	return &loaderSet{
		placesTaken: &pageLoader{
			fetch: func(ctx context.Context, ids []pulid.ID) (map[pulid.ID]int, error) {
				return network.PlacesTaken(ctx, client, ids)
			},
			done: map[pulid.ID]int{},
		},
		progress: newBatcher(func(ctx context.Context, ids []pulid.ID) (map[pulid.ID]*accompaniment.Progress, error) {
			return accompaniment.ProgressOf(ctx, client, ids, time.Now())
		}),
	}
}

// loadersFor returns the operation's loaders, or fresh ones outside an
// operation served with the Loaders extension.
func loadersFor(ctx context.Context, client *ent.Client) *loaderSet {
	if l, ok := ctx.Value(loadersKey{}).(*loaderSet); ok {
		return l
	}
	return newLoaderSet(client)
}

// pageLoader loads a per-convention figure for the whole page at once:
// the first convention of a list that asks fetches the figure of every
// convention of that list (found in the parent fields' results), the
// others find it remembered. No timing window, so the count of queries is
// deterministic.
type pageLoader struct {
	fetch func(context.Context, []pulid.ID) (map[pulid.ID]int, error)
	mu    sync.Mutex
	done  map[pulid.ID]int
}

func (l *pageLoader) load(ctx context.Context, id pulid.ID) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if v, ok := l.done[id]; ok {
		return v, nil
	}
	ids := []pulid.ID{id}
	for _, s := range siblingConventions(ctx) {
		if _, ok := l.done[s]; !ok && s != id {
			ids = append(ids, s)
		}
	}
	got, err := l.fetch(ctx, ids)
	if err != nil {
		return 0, err
	}
	for _, k := range ids {
		l.done[k] = got[k]
	}
	return l.done[id], nil
}

// siblingConventions returns the conventions of the nearest list or
// connection above the field being resolved.
func siblingConventions(ctx context.Context) []pulid.ID {
	var ids []pulid.ID
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		switch r := fc.Result.(type) {
		case *ent.ConventionConnection:
			if r == nil {
				return nil
			}
			for _, e := range r.Edges {
				ids = append(ids, e.Node.ID)
			}
			return ids
		case []*ent.ConventionEdge:
			for _, e := range r {
				ids = append(ids, e.Node.ID)
			}
			return ids
		case []*ent.Convention:
			for _, c := range r {
				ids = append(ids, c.ID)
			}
			return ids
		}
	}
	return nil
}

// consumption returns a convention's consumption figures.
func (r *Resolver) consumption(ctx context.Context, c *ent.Convention) (network.Consumption, error) {
	taken, err := loadersFor(ctx, r.client).placesTaken.load(ctx, c.ID)
	if err != nil {
		return network.Consumption{}, err
	}
	return network.ConsumptionOf(c, taken, time.Now()), nil
}

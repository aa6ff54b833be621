// Package batchload loads a per-node figure (an accompaniment's progress,
// a convention's places taken, a series' seats) for a whole page at once.
//
// The nodes that a request's ent queries return are noted as expected
// (see Expecting); the first figure the request asks fetches it for every
// expected node in one query, and the others find it remembered. Unlike a
// time-window dataloader, the number of queries does not depend on how
// the scheduler interleaves the resolvers: a page costs one query per
// figure, always.
package batchload

import (
	"context"
	"sync"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// Fetch loads the figure of each id; an id missing from the map gets the
// zero value.
type Fetch[V any] func(ctx context.Context, ids []pulid.ID) (map[pulid.ID]V, error)

// Key names one figure. Declare it once, as a package variable.
type Key[V any] struct {
	_ byte // not zero-sized, so that every key has its own address
}

// NewKey returns the key of a new figure.
func NewKey[V any]() *Key[V] { return &Key[V]{} }

type requestKey struct{}

// request holds the loaders of one request, by key.
type request struct {
	mu      sync.Mutex
	loaders map[any]any
}

// Begin returns ctx with an empty set of loaders: everything loaded under
// it is remembered until the request ends.
func Begin(ctx context.Context) context.Context {
	return context.WithValue(ctx, requestKey{}, &request{loaders: map[any]any{}})
}

// loader is one figure's state in one request.
type loader[V any] struct {
	mu       sync.Mutex
	expected map[pulid.ID]struct{}
	known    map[pulid.ID]V
}

// loaderOf returns the request's loader of k, or nil outside a request.
func (k *Key[V]) loaderOf(ctx context.Context) *loader[V] {
	r, ok := ctx.Value(requestKey{}).(*request)
	if !ok {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	l, ok := r.loaders[k].(*loader[V])
	if !ok {
		l = &loader[V]{expected: map[pulid.ID]struct{}{}, known: map[pulid.ID]V{}}
		r.loaders[k] = l
	}
	return l
}

// Expect notes ids whose figure the request will likely ask.
func (k *Key[V]) Expect(ctx context.Context, ids ...pulid.ID) {
	l := k.loaderOf(ctx)
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range ids {
		if _, done := l.known[id]; !done {
			l.expected[id] = struct{}{}
		}
	}
}

// Load returns the figure of id. Within a request, the first call fetches
// it with every expected id and later calls are answered from memory;
// outside one, it fetches id alone.
func (k *Key[V]) Load(ctx context.Context, id pulid.ID, fetch Fetch[V]) (V, error) {
	l := k.loaderOf(ctx)
	if l == nil {
		got, err := fetch(ctx, []pulid.ID{id})
		return got[id], err
	}
	// Holding the lock through the fetch makes concurrent callers wait for
	// the one batch instead of each starting their own.
	l.mu.Lock()
	defer l.mu.Unlock()
	if v, ok := l.known[id]; ok {
		return v, nil
	}
	ids := make([]pulid.ID, 0, len(l.expected)+1)
	ids = append(ids, id)
	for e := range l.expected {
		if e != id {
			ids = append(ids, e)
		}
	}
	got, err := fetch(ctx, ids)
	if err != nil {
		var zero V
		return zero, err
	}
	for _, e := range ids {
		l.known[e] = got[e]
		delete(l.expected, e)
	}
	return l.known[id], nil
}

// Expecting returns an ent interceptor, for the query of N, that expects
// the figure of k for every node the request's queries return: eager
// loaded edges included, so nested pages are batched too.
func Expecting[N any, V any](k *Key[V], idOf func(N) pulid.ID) ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			v, err := next.Query(ctx, q)
			if nodes, ok := v.([]N); ok && err == nil {
				ids := make([]pulid.ID, len(nodes))
				for i, n := range nodes {
					ids[i] = idOf(n)
				}
				k.Expect(ctx, ids...)
			}
			return v, err
		})
	})
}

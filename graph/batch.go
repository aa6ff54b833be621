package graph

import (
	"context"
	"sync"
	"time"
)

// batchWait is how long a batch collects keys before it is fetched:
// gqlgen resolves the fields of a list's items concurrently, so the items
// of a page land in one batch.
const batchWait = 2 * time.Millisecond

// batcher loads values by key in batches and remembers them for the rest
// of the request: a field that aggregates per parent costs one query per
// page, not one per row.
type batcher[K comparable, V any] struct {
	fetch func(context.Context, []K) (map[K]V, error)

	mu      sync.Mutex
	done    map[K]V
	pending *batch[K, V]
}

type batch[K comparable, V any] struct {
	keys  []K
	ready chan struct{}
	got   map[K]V
	err   error
}

func newBatcher[K comparable, V any](fetch func(context.Context, []K) (map[K]V, error)) *batcher[K, V] {
	return &batcher[K, V]{fetch: fetch, done: map[K]V{}}
}

// load returns the value of key, fetched with the keys asked meanwhile.
func (b *batcher[K, V]) load(ctx context.Context, key K) (V, error) {
	b.mu.Lock()
	if v, ok := b.done[key]; ok {
		b.mu.Unlock()
		return v, nil
	}
	bt := b.pending
	if bt == nil {
		bt = &batch[K, V]{ready: make(chan struct{})}
		b.pending = bt
		time.AfterFunc(batchWait, func() { b.run(ctx, bt) })
	}
	bt.keys = append(bt.keys, key)
	b.mu.Unlock()

	select {
	case <-bt.ready:
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
	return bt.got[key], bt.err
}

func (b *batcher[K, V]) run(ctx context.Context, bt *batch[K, V]) {
	b.mu.Lock()
	b.pending = nil
	b.mu.Unlock()
	bt.got, bt.err = b.fetch(ctx, bt.keys)
	if bt.err == nil {
		b.mu.Lock()
		for k, v := range bt.got {
			b.done[k] = v
		}
		b.mu.Unlock()
	}
	close(bt.ready)
}

package batchload_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/batchload"
)

// squares is a figure whose fetches are counted.
type squares struct {
	fetches atomic.Int32
	fail    atomic.Bool
}

func (s *squares) fetch(_ context.Context, ids []pulid.ID) (map[pulid.ID]int, error) {
	s.fetches.Add(1)
	if s.fail.Load() {
		return nil, errors.New("database down")
	}
	out := map[pulid.ID]int{}
	for _, id := range ids {
		out[id] = len(id) * len(id)
	}
	return out, nil
}

func ids(n int) []pulid.ID {
	out := make([]pulid.ID, n)
	for i := range out {
		out[i] = pulid.ID(string(make([]byte, i+1)))
	}
	return out
}

func TestAPageOfExpectedNodesCostsOneFetchWhateverTheInterleaving(t *testing.T) {
	for _, size := range []int{1, 3, 100} {
		key, sq := batchload.NewKey[int](), &squares{}
		ctx := batchload.Begin(context.Background())
		page := ids(size)
		key.Expect(ctx, page...)
		var wg sync.WaitGroup
		for _, id := range page {
			wg.Go(func() {
				got, err := key.Load(ctx, id, sq.fetch)
				if err != nil || got != len(id)*len(id) {
					t.Errorf("%d items: got %d, %v", size, got, err)
				}
			})
		}
		wg.Wait()
		if n := sq.fetches.Load(); n != 1 {
			t.Fatalf("a page of %d cost %d fetches", size, n)
		}
	}
}

func TestFiguresAreRememberedForTheRestOfTheRequestOnly(t *testing.T) {
	key, sq := batchload.NewKey[int](), &squares{}
	ctx := batchload.Begin(context.Background())
	id := ids(2)[1]
	for range 3 {
		if _, err := key.Load(ctx, id, sq.fetch); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := key.Load(batchload.Begin(context.Background()), id, sq.fetch); err != nil {
		t.Fatal(err)
	}
	if n := sq.fetches.Load(); n != 2 {
		t.Fatalf("one request asked thrice and another once: %d fetches, want 2", n)
	}
}

func TestOutsideARequestEachLoadFetches(t *testing.T) {
	key, sq := batchload.NewKey[int](), &squares{}
	key.Expect(context.Background(), ids(5)...) // no request: nothing to note
	for _, id := range ids(2) {
		if _, err := key.Load(context.Background(), id, sq.fetch); err != nil {
			t.Fatal(err)
		}
	}
	if n := sq.fetches.Load(); n != 2 {
		t.Fatalf("%d fetches, want 2", n)
	}
}

func TestAFailedFetchIsNotRemembered(t *testing.T) {
	key, sq := batchload.NewKey[int](), &squares{}
	ctx := batchload.Begin(context.Background())
	id := ids(1)[0]
	sq.fail.Store(true)
	if _, err := key.Load(ctx, id, sq.fetch); err == nil {
		t.Fatal("a failed fetch gave no error")
	}
	sq.fail.Store(false)
	if got, err := key.Load(ctx, id, sq.fetch); err != nil || got != 1 {
		t.Fatalf("after recovery: %d, %v", got, err)
	}
}

func TestFiguresOfDifferentKeysAreKeptApart(t *testing.T) {
	a, b := batchload.NewKey[int](), batchload.NewKey[int]()
	ctx := batchload.Begin(context.Background())
	id := ids(3)[2]
	if _, err := a.Load(ctx, id, func(context.Context, []pulid.ID) (map[pulid.ID]int, error) {
		return map[pulid.ID]int{id: 1}, nil
	}); err != nil {
		t.Fatal(err)
	}
	got, err := b.Load(ctx, id, func(context.Context, []pulid.ID) (map[pulid.ID]int, error) {
		return map[pulid.ID]int{id: 2}, nil
	})
	if err != nil || got != 2 {
		t.Fatalf("key b answered %d, %v: it reused key a's figure", got, err)
	}
}

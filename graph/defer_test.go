package graph_test

import (
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// TestADeferredFragmentIsAnsweredInPlace: the portal serves no
// incremental delivery, so a fragment marked @defer comes in the one
// answer, not dropped.
func TestADeferredFragmentIsAnsweredInPlace(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	var got struct {
		Families struct {
			Edges []struct {
				Node struct{ ID, Reference string }
			}
		}
	}
	api.MustSucceed(t, api.Token(t, demo.Coordinator),
		`{ families(first: 5) { edges { node { id ... @defer { reference } } } } }`, nil, &got)
	if len(got.Families.Edges) == 0 {
		t.Fatal("no family to read")
	}
	for _, e := range got.Families.Edges {
		if e.Node.Reference == "" {
			t.Errorf("family %s without its deferred reference", e.Node.ID)
		}
	}
}

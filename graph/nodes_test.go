package graph_test

import (
	"testing"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// As GitHub's API does, nodes(ids:) answers one entry per id, null where
// there is no node the viewer may see, with a NOT_FOUND error at that
// entry's path: one unknown id among them does not void the list.
func TestNodesAnswersNullForEachUnknownID(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	token := api.Token(t, demo.Coordinator)
	unknown := pulid.New(api.Demo.FamilyID.Prefix())
	const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`
	for name, tc := range map[string]struct {
		ids  []pulid.ID
		want string
	}{
		"a single unknown id": {[]pulid.ID{unknown}, `{"nodes":[null]}`},
		"an unknown id among known ones": {[]pulid.ID{api.Demo.FamilyID, unknown, api.Demo.ProviderID},
			`{"nodes":[{"id":"` + string(api.Demo.FamilyID) + `"},null,{"id":"` + string(api.Demo.ProviderID) + `"}]}`},
		"a single known id": {[]pulid.ID{api.Demo.FamilyID}, `{"nodes":[{"id":"` + string(api.Demo.FamilyID) + `"}]}`},
	} {
		t.Run(name, func(t *testing.T) {
			res := api.Do(t, token, query, map[string]any{"ids": tc.ids})
			if string(res.Data) != tc.want {
				t.Fatalf("data %s, want %s (errors %+v)", res.Data, tc.want, res.Errors)
			}
			var unknownAt []float64
			for _, e := range res.Errors {
				if e.Code() != "NOT_FOUND" || len(e.Path) != 2 || e.Path[0] != "nodes" {
					t.Fatalf("unexpected error %+v", e)
				}
				unknownAt = append(unknownAt, e.Path[1].(float64))
			}
			for i, id := range tc.ids {
				want := id == unknown
				got := false
				for _, at := range unknownAt {
					got = got || int(at) == i
				}
				if got != want {
					t.Errorf("entry %d (%s): NOT_FOUND error %v, want %v", i, id, got, want)
				}
			}
		})
	}
}

package server_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/graph"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

func TestProbesAndSchema(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	for _, tc := range []struct {
		path, contains string
	}{
		{"/healthz", `"ok"`},
		{"/readyz", `"ready"`},
		{"/schema.graphql", "type Family implements Node"},
		{"/", "<html"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res, err := http.Get(api.Server.URL + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusOK || !strings.Contains(string(body), tc.contains) {
				t.Fatalf("GET %s: %d, body lacks %q", tc.path, res.StatusCode, tc.contains)
			}
		})
	}
}

func TestTheCatalogueIsPublicWithTheBrochureFigures(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	var data struct {
		Programmes struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Code                  string
					PriceCents            int64
					GroupSeriesPriceCents *int64
					DurationMonths        *int
					Capacity              *int
					ExcludedMeasures      []string
					Provider              struct{ Name string }
				}
			}
		}
	}
	api.MustSucceed(t, "", `{ programmes(first: 50, orderBy: {field: CODE}) { totalCount edges { node {
		code priceCents groupSeriesPriceCents durationMonths capacity excludedMeasures provider { name } } } } }`, nil, &data)

	type figures struct {
		price, group int64
		months, cap  int
	}
	want := map[string]figures{
		"MIP": {price: 180000, months: 6}, "MADI": {price: 200000, months: 6}, "MAPA": {price: 180000, months: 6},
		"ARCS": {price: 5500, group: 90000}, "RELIANCE": {price: 0, months: 6, cap: 30},
	}
	seen := map[string]bool{}
	for _, e := range data.Programmes.Edges {
		n := e.Node
		w, ok := want[n.Code]
		if !ok {
			continue
		}
		seen[n.Code] = true
		got := figures{price: n.PriceCents}
		if n.GroupSeriesPriceCents != nil {
			got.group = *n.GroupSeriesPriceCents
		}
		if n.DurationMonths != nil {
			got.months = *n.DurationMonths
		}
		if n.Capacity != nil {
			got.cap = *n.Capacity
		}
		if got != w {
			t.Errorf("%s: got %+v, want %+v", n.Code, got, w)
		}
		if n.Code == "RELIANCE" && strings.Join(n.ExcludedMeasures, ",") != "IEAD,AEMO,ARTICLE_226_4" {
			t.Errorf("Reliance excludes %v", n.ExcludedMeasures)
		}
	}
	if len(seen) != len(want) {
		t.Fatalf("programmes found: %v", seen)
	}
}

func TestIntrospectionShowsRelayShapes(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	var data struct {
		Schema struct {
			QueryType struct {
				Fields []struct{ Name string }
			}
		} `json:"__schema"`
		Family struct {
			Interfaces []struct{ Name string }
		}
	}
	api.MustSucceed(t, "", `{ __schema { queryType { fields { name } } } family: __type(name: "Family") { interfaces { name } } }`, nil, &data)
	fields := map[string]bool{}
	for _, f := range data.Schema.QueryType.Fields {
		fields[f.Name] = true
	}
	for _, name := range []string{"node", "nodes", "viewer", "providers", "organisations", "partnerLinks", "conventions", "people",
		"programmes", "families", "children", "accompaniments", "workshopSeries", "bookings", "quotes", "auditEvents"} {
		if !fields[name] {
			t.Errorf("Query lacks %s", name)
		}
	}
	if len(data.Family.Interfaces) != 1 || data.Family.Interfaces[0].Name != "Node" {
		t.Errorf("Family implements %v, want Node", data.Family.Interfaces)
	}
}

func TestBadInputGetsATypedErrorNeverAServerError(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	coordinator := api.Token(t, demo.Coordinator)
	for _, tc := range []struct {
		name, query string
		code        string
	}{
		{"unknown field", `{ programmes { edges { node { nope } } } }`, "GRAPHQL_VALIDATION_FAILED"},
		{"syntax error", `{ programmes {`, "GRAPHQL_PARSE_FAILED"},
		{"malformed ID", `{ node(id: "1 OR 1=1") { id } }`, "BAD_USER_INPUT"},
		{"unknown ID prefix", `{ node(id: "zzz_01ARZ3NDEKTSV4RRFFQ69G5FAV") { id } }`, "BAD_USER_INPUT"},
		{"missing record", `{ node(id: "fam_01ARZ3NDEKTSV4RRFFQ69G5FAV") { id } }`, "NOT_FOUND"},
		{"negative page", `{ families(first: -1) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED"},
		{"page too large", `{ families(first: 101) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED"},
		{"bad cursor", `{ families(after: "not-a-cursor") { totalCount } }`, "BAD_USER_INPUT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := api.Do(t, coordinator, tc.query, nil)
			if res.Status >= 500 {
				t.Fatalf("status %d", res.Status)
			}
			if len(res.Errors) == 0 || res.Errors[0].Code() != tc.code {
				t.Fatalf("want code %s, got %+v", tc.code, res.Errors)
			}
			for _, e := range res.Errors {
				if strings.Contains(strings.ToLower(e.Message), "sql") || strings.Contains(e.Message, ".go:") {
					t.Errorf("error leaks internals: %q", e.Message)
				}
			}
		})
	}

	t.Run("page size through a variable", func(t *testing.T) {
		res := api.Do(t, coordinator, `query($n: Int) { families(first: $n) { totalCount } }`, map[string]any{"n": 1000})
		if len(res.Errors) == 0 || res.Errors[0].Code() != "BAD_USER_INPUT" {
			t.Fatalf("want BAD_USER_INPUT, got %+v", res.Errors)
		}
	})

	t.Run("a body that is not JSON", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, api.Server.URL+"/graphql", strings.NewReader("{not json"))
		req.Header.Set("Content-Type", "application/json")
		res := api.Send(t, req)
		if res.Status != http.StatusBadRequest || len(res.Errors) == 0 {
			t.Fatalf("status %d errors %+v", res.Status, res.Errors)
		}
	})
}

func TestAConnectionWithoutFirstReturnsADefaultPage(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	// More organisations than a default page holds, so that a missing
	// default would show as a page of the whole table.
	for i := range graph.DefaultPageSize {
		api.DB.Client.Organisation.Create().SetName(fmt.Sprintf("Association %02d (test)", i)).
			SetKind(organisation.KindAssociation).SetTerritory("Gard").SaveX(apitest.Sys)
	}
	var data struct {
		Organisations struct {
			TotalCount int
			Edges      []struct{ Node struct{ ID string } }
			PageInfo   struct{ HasNextPage bool }
		}
	}
	api.MustSucceed(t, "", `{ organisations { totalCount edges { node { id } } pageInfo { hasNextPage } } }`, nil, &data)
	got := data.Organisations
	if got.TotalCount <= graph.DefaultPageSize || len(got.Edges) != graph.DefaultPageSize || !got.PageInfo.HasNextPage {
		t.Fatalf("default page: %d items of %d, hasNextPage %v; want %d and a next page",
			len(got.Edges), got.TotalCount, got.PageInfo.HasNextPage, graph.DefaultPageSize)
	}
}

func TestGETServesQueriesAndGraphQLResponseJSON(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	q := url.Values{"query": {`{ providers { totalCount } }`}}
	req, _ := http.NewRequest(http.MethodGet, api.Server.URL+"/graphql?"+q.Encode(), nil)
	req.Header.Set("Accept", "application/graphql-response+json")
	res, err := api.Server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/graphql-response+json") ||
		!strings.Contains(string(body), `"totalCount":2`) {
		t.Fatalf("GET: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
}

func TestAuthentication(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)

	t.Run("a demo token is the viewer", func(t *testing.T) {
		var data struct {
			Viewer struct {
				DisplayName string
				Memberships []struct{ Role string }
			}
		}
		api.MustSucceed(t, api.Token(t, demo.Coordinator), `{ viewer { displayName memberships { role } } }`, nil, &data)
		if len(data.Viewer.Memberships) == 0 || data.Viewer.Memberships[0].Role != "COORDINATOR" {
			t.Fatalf("viewer: %+v", data.Viewer)
		}
	})
	t.Run("no token is the anonymous visitor", func(t *testing.T) {
		res := api.Do(t, "", `{ viewer { id } }`, nil)
		if len(res.Errors) != 0 || string(res.Data) != `{"viewer":null}` {
			t.Fatalf("anonymous viewer: %s %+v", res.Data, res.Errors)
		}
	})
	for name, header := range map[string]string{
		"unknown token":   "Bearer plt_unknownunknownunknownunknownunknownunkno",
		"not a bearer":    "Basic dXNlcjpwYXNz",
		"malformed token": "Bearer x",
	} {
		t.Run(name+" is UNAUTHENTICATED", func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, api.Server.URL+"/graphql", strings.NewReader(`{"query":"{ viewer { id } }"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", header)
			res := api.Send(t, req)
			if res.Status != http.StatusUnauthorized || len(res.Codes()) != 1 || res.Codes()[0] != "UNAUTHENTICATED" {
				t.Fatalf("status %d codes %v", res.Status, res.Codes())
			}
		})
	}
}

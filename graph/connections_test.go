package graph_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/config"
)

// The schema as introspection serves it, reduced to what the walk needs.
type (
	typeRef struct {
		Kind   string   `json:"kind"`
		Name   string   `json:"name"`
		OfType *typeRef `json:"ofType"`
	}
	inputValue struct {
		Name         string  `json:"name"`
		Type         typeRef `json:"type"`
		DefaultValue *string `json:"defaultValue"`
	}
	schemaField struct {
		Name string       `json:"name"`
		Args []inputValue `json:"args"`
		Type typeRef      `json:"type"`
	}
	schemaType struct {
		Name        string                  `json:"name"`
		Kind        string                  `json:"kind"`
		Fields      []schemaField           `json:"fields"`
		InputFields []inputValue            `json:"inputFields"`
		EnumValues  []struct{ Name string } `json:"enumValues"`
	}
)

const introspectionDoc = `{ __schema { queryType { name } types { name kind
	fields { name type { ...ref } args { name defaultValue type { ...ref } } }
	inputFields { name type { ...ref } }
	enumValues { name } } } }
fragment ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`

// named is the type under the non-null and list wrappers.
func (r typeRef) named() string {
	if r.OfType != nil {
		return r.OfType.named()
	}
	return r.Name
}

func (t schemaType) field(name string) (schemaField, bool) {
	for _, f := range t.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return schemaField{}, false
}

func (t schemaType) inputField(name string) (inputValue, bool) {
	for _, f := range t.InputFields {
		if f.Name == name {
			return f, true
		}
	}
	return inputValue{}, false
}

// connection is a root query field returning a Relay connection.
type connection struct {
	field   string
	node    schemaType
	orderBy string     // the orderBy input type, "" when the field has none
	fields  []string   // the values of its order field enum
	where   schemaType // the where input type, if any
}

// rootConnections lists, from the served schema, the root fields that
// return a connection and can be paged both ways without other arguments.
func rootConnections(t *testing.T, api *apitest.API, token string) []connection {
	t.Helper()
	var data struct {
		Schema struct {
			QueryType struct{ Name string }
			Types     []schemaType
		} `json:"__schema"`
	}
	api.MustSucceed(t, token, introspectionDoc, nil, &data)
	types := map[string]schemaType{}
	for _, ty := range data.Schema.Types {
		types[ty.Name] = ty
	}
	var out []connection
	for _, f := range types[data.Schema.QueryType.Name].Fields {
		conn := types[f.Type.named()]
		edges, ok := conn.field("edges")
		if _, counted := conn.field("totalCount"); !ok || !counted {
			continue
		}
		node, _ := types[edges.Type.named()].field("node")
		c := connection{field: f.Name, node: types[node.Type.named()]}
		args := map[string]inputValue{}
		for _, a := range f.Args {
			args[a.Name] = a
		}
		pageable := true
		for _, name := range []string{"first", "after", "last", "before"} {
			_, ok := args[name]
			pageable = pageable && ok
		}
		for _, a := range f.Args {
			if a.Type.Kind == "NON_NULL" && a.DefaultValue == nil {
				pageable = false // needs an argument the walk cannot invent
			}
		}
		if !pageable {
			t.Errorf("%s returns a connection that cannot be paged both ways", f.Name)
			continue
		}
		if a, ok := args["orderBy"]; ok {
			c.orderBy = a.Type.named()
			field, _ := types[c.orderBy].inputField("field")
			for _, v := range types[field.Type.named()].EnumValues {
				c.fields = append(c.fields, v.Name)
			}
		}
		if a, ok := args["where"]; ok {
			c.where = types[a.Type.named()]
		}
		out = append(out, c)
	}
	return out
}

// camel turns an order field enum value (FIRST_SESSION_AT) into the name
// of the node field it orders by (firstSessionAt).
func camel(enum string) string {
	parts := strings.Split(strings.ToLower(enum), "_")
	for i := 1; i < len(parts); i++ {
		parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
	}
	return strings.Join(parts, "")
}

type node struct {
	ID    string `json:"id"`
	Value any    `json:"value"`
}

type page struct {
	TotalCount int
	PageInfo   struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
	Edges []struct{ Node node }
}

// walker pages through one connection in one order.
type walker struct {
	t     *testing.T
	api   *apitest.API
	token string
	c     connection
	order map[string]any // nil for the default order
	value string         // node field holding the order value, "" if none
}

func (w walker) page(args map[string]any) page {
	w.t.Helper()
	value := ""
	if w.value != "" {
		value = "value: " + w.value
	}
	orderVar, orderArg := "", ""
	if w.c.orderBy != "" {
		orderVar, orderArg = ", $orderBy: "+w.c.orderBy, ", orderBy: $orderBy"
	}
	whereVar, whereArg := "", ""
	if w.c.where.Name != "" {
		whereVar, whereArg = ", $where: "+w.c.where.Name, ", where: $where"
	}
	doc := fmt.Sprintf(`query($first: Int, $after: Cursor, $last: Int, $before: Cursor%s%s) {
		c: %s(first: $first, after: $after, last: $last, before: $before%s%s) {
			totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			edges { node { id %s } } } }`, orderVar, whereVar, w.c.field, orderArg, whereArg, value)
	vars := map[string]any{"orderBy": w.order}
	for k, v := range args {
		vars[k] = v
	}
	var data struct{ C page }
	w.api.MustSucceed(w.t, w.token, doc, vars, &data)
	return data.C
}

// forward walks with first/after, n at a time, until the end or until it
// has limit nodes (0 for no limit).
func (w walker) forward(n, limit int) ([]node, int) {
	w.t.Helper()
	var nodes []node
	args := map[string]any{"first": n}
	for range 1000 {
		p := w.page(args)
		for _, e := range p.Edges {
			nodes = append(nodes, e.Node)
		}
		if !p.PageInfo.HasNextPage {
			return nodes, p.TotalCount
		}
		if limit > 0 && len(nodes) >= limit {
			return nodes[:limit], p.TotalCount
		}
		if len(p.Edges) == 0 {
			w.t.Fatalf("an empty page says it has a next page")
		}
		args = map[string]any{"first": n, "after": *p.PageInfo.EndCursor}
	}
	w.t.Fatal("the walk does not end")
	return nil, 0
}

// backward walks with last/before from the end, n at a time, until the
// start or until it has limit nodes, and returns the nodes in the
// connection's order.
func (w walker) backward(n, limit int) []node {
	w.t.Helper()
	var pages [][]node
	args := map[string]any{"last": n}
	for range 1000 {
		p := w.page(args)
		var nodes []node
		for _, e := range p.Edges {
			nodes = append(nodes, e.Node)
		}
		pages = append([][]node{nodes}, pages...)
		if all := slices.Concat(pages...); !p.PageInfo.HasPreviousPage || len(all) >= limit {
			return all[max(0, len(all)-limit):]
		}
		if len(p.Edges) == 0 {
			w.t.Fatalf("an empty page says it has a previous page")
		}
		args = map[string]any{"last": n, "before": *p.PageInfo.StartCursor}
	}
	w.t.Fatal("the walk does not end")
	return nil
}

func ids(nodes []node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.ID
	}
	return out
}

// sameSet fails unless got holds each of want's ids exactly once.
func sameSet(t *testing.T, what string, got []node, want map[string]bool) {
	t.Helper()
	seen := map[string]bool{}
	for _, n := range got {
		if seen[n.ID] {
			t.Errorf("%s: %s appears twice", what, n.ID)
		}
		seen[n.ID] = true
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("%s: %s is lost", what, id)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("%s: %d distinct nodes, want %d (%d edges)", what, len(seen), len(want), len(got))
	}
}

// ordered fails unless time values come in the direction's order, the
// nulls last going up (first going down), as PostgreSQL places them.
func ordered(t *testing.T, what string, nodes []node, desc bool) {
	t.Helper()
	var prev *time.Time
	seenNull := false
	for i, n := range nodes {
		s, ok := n.Value.(string)
		if n.Value == nil {
			if !desc {
				seenNull = true
			} else if prev != nil {
				t.Errorf("%s: a null after a value at %d", what, i)
			}
			continue
		}
		v, err := time.Parse(time.RFC3339Nano, s)
		if !ok || err != nil {
			return // not a time: the database's own order
		}
		if seenNull {
			t.Errorf("%s: a value after a null at %d", what, i)
		}
		if prev != nil && (!desc && v.Before(*prev) || desc && v.After(*prev)) {
			t.Errorf("%s: %s comes after %s", what, v, *prev)
		}
		prev = &v
	}
}

// walkCap bounds the walks one and three at a time: beyond it (the audit
// trail grows with every read of the walk), they check the first and last
// walkCap rows of the order against a walk a hundred at a time.
const walkCap = 40

// TestEveryConnectionPagesThroughEveryRowInEveryOrder walks every root
// connection of the served schema, in each of its orders and both
// directions, forward and backward: every row comes once, none is lost,
// and each row is found again by filtering on its own order value.
func TestEveryConnectionPagesThroughEveryRowInEveryOrder(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.Limits.RateLimit = 0 }))
	addTiesNullsAndOffsets(t, api)
	token := api.Token(t, demo.Coordinator)
	conns := rootConnections(t, api, token)
	if len(conns) < 10 {
		t.Fatalf("introspection found %d root connections", len(conns))
	}
	for _, c := range conns {
		t.Run(c.field, func(t *testing.T) {
			all, total := walker{t: t, api: api, token: token, c: c}.forward(100, 0)
			want := map[string]bool{}
			for _, n := range all {
				want[n.ID] = true
			}
			if total != len(want) {
				t.Errorf("totalCount %d for %d nodes", total, len(want))
			}
			orders := []map[string]any{nil}
			for _, f := range c.fields {
				for _, d := range []string{"ASC", "DESC"} {
					orders = append(orders, map[string]any{"field": f, "direction": d})
				}
			}
			for _, order := range orders {
				name, value := "default", ""
				if order != nil {
					name = fmt.Sprintf("%s %s", order["field"], order["direction"])
					if f := camel(order["field"].(string)); hasField(c.node, f) {
						value = f
					}
				}
				w := walker{t: t, api: api, token: token, c: c, order: order, value: value}
				ref, total := w.forward(100, 0)
				what := fmt.Sprintf("%s by %s", c.field, name)
				sameSet(t, what, ref, want)
				if total != len(want) {
					t.Errorf("%s: totalCount %d, want %d", what, total, len(want))
				}
				ordered(t, what, ref, order != nil && order["direction"] == "DESC")
				head, tail := ids(ref[:min(walkCap, len(ref))]), ids(ref[max(0, len(ref)-walkCap):])
				for _, n := range []int{1, 3} {
					what := fmt.Sprintf("%s, %d a page", what, n)
					got, _ := w.forward(n, walkCap)
					if !slices.Equal(ids(got), head) {
						t.Errorf("%s: %v, want %v", what, ids(got), head)
					}
					if back := w.backward(n, walkCap); !slices.Equal(ids(back), tail) {
						t.Errorf("%s, backward: %v, want %v", what, ids(back), tail)
					}
				}
				if value != "" && order["direction"] == "ASC" {
					findByOwnValue(t, w, ref[:min(walkCap, len(ref))])
				}
			}
		})
	}
}

// addTiesNullsAndOffsets gives the demo data what orders trip on: workshop
// series without a first session and series sharing one, and families
// whose creation times were written in other time zones, to the
// nanosecond.
func addTiesNullsAndOffsets(t *testing.T, api *apitest.API) {
	t.Helper()
	ctx := apitest.Sys
	c := api.DB.Client
	now := api.Clock.Now()
	for i := range 6 {
		s := c.WorkshopSeries.Create().
			SetProviderID(api.Demo.ProviderID).
			SetProgrammeID(api.Demo.Programmes["ARCS"]).
			SetHostOrganisationID(api.Demo.SchoolID).
			SetTitle(fmt.Sprintf("Série %d", i)).
			SetPlace("École").
			SetCapacity(6)
		if i%2 == 0 {
			s.SetFirstSessionAt(now.AddDate(0, 1, 0))
		}
		s.ExecX(ctx)
	}
	zones := []*time.Location{time.FixedZone("", 3600), time.FixedZone("EST", -5*3600), time.UTC}
	for i := range 9 {
		at := now.Add(time.Duration(i-4)*time.Hour + time.Duration(i)*time.Nanosecond).In(zones[i%3])
		c.Family.Create().
			SetProviderID(api.Demo.ProviderID).
			SetReference(fmt.Sprintf("ZONE-%d", i)).
			SetTerritory("Gard").
			SetHouseholdComposition(family.HouseholdCompositionTwoParents).
			SetCreatedAt(at).
			ExecX(ctx)
	}
}

func hasField(t schemaType, name string) bool {
	_, ok := t.field(name)
	return ok
}

// findByOwnValue filters the connection on each row's own order value,
// when its where input has that equality field: the row must be found.
func findByOwnValue(t *testing.T, w walker, nodes []node) {
	t.Helper()
	if _, ok := w.c.where.inputField(w.value); !ok {
		return
	}
	for _, n := range nodes {
		if n.Value == nil {
			continue
		}
		f := walker{t: t, api: w.api, token: w.token, c: w.c, value: w.value}
		found, _ := f.forwardWhere(map[string]any{w.value: n.Value})
		if !slices.Contains(ids(found), n.ID) {
			raw, _ := json.Marshal(n.Value)
			t.Errorf("%s(where: {%s: %s}) does not find %s", w.c.field, w.value, raw, n.ID)
		}
	}
}

// forwardWhere pages through the rows matching where, 100 at a time.
func (w walker) forwardWhere(where map[string]any) ([]node, int) {
	w.t.Helper()
	var nodes []node
	args := map[string]any{"first": 100, "where": where}
	for range 100 {
		p := w.page(args)
		for _, e := range p.Edges {
			nodes = append(nodes, e.Node)
		}
		if !p.PageInfo.HasNextPage {
			return nodes, p.TotalCount
		}
		args = map[string]any{"first": 100, "where": where, "after": *p.PageInfo.EndCursor}
	}
	w.t.Fatal("the walk does not end")
	return nil, 0
}

// TestAFirstPageCountsWhatTheCountQueryCounts: a page without a cursor
// counts its rows in its own query; its totalCount is the one a count
// alone (first: 0) gives, forward, backward, and under a condition with
// its own parameter, for every root connection.
func TestAFirstPageCountsWhatTheCountQueryCounts(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.Limits.RateLimit = 0 }))
	addTiesNullsAndOffsets(t, api)
	token := api.Token(t, demo.Coordinator)
	for _, c := range rootConnections(t, api, token) {
		if c.node.Name == "AuditEvent" {
			continue // every page read adds to it
		}
		t.Run(c.field, func(t *testing.T) {
			w := walker{t: t, api: api, token: token, c: c}
			all := w.page(map[string]any{"first": 0}).TotalCount
			for _, args := range []map[string]any{{"first": 2}, {"last": 2}, {"first": all + 5}} {
				if got := w.page(args).TotalCount; got != all {
					t.Errorf("%v: totalCount %d, want %d", args, got, all)
				}
			}
			if _, ok := c.where.inputField("idNEQ"); !ok || all == 0 {
				return
			}
			one := w.page(map[string]any{"first": 1}).Edges[0].Node.ID
			where := map[string]any{"idNEQ": one}
			if got := w.page(map[string]any{"first": 2, "where": where}).TotalCount; got != all-1 {
				t.Errorf("without %s: totalCount %d, want %d", one, got, all-1)
			}
		})
	}
}

package access_test

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/migrate"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// The where filters of the schema, as introspection serves them.
type (
	filterRef struct {
		Kind   string     `json:"kind"`
		Name   string     `json:"name"`
		OfType *filterRef `json:"ofType"`
	}
	filterValue struct {
		Name string    `json:"name"`
		Type filterRef `json:"type"`
	}
	filterField struct {
		Name string        `json:"name"`
		Args []filterValue `json:"args"`
		Type filterRef     `json:"type"`
	}
	filterType struct {
		Name        string        `json:"name"`
		Fields      []filterField `json:"fields"`
		InputFields []filterValue `json:"inputFields"`
	}
)

func (r filterRef) named() string {
	if r.OfType != nil {
		return r.OfType.named()
	}
	return r.Name
}

// edgeFilter is a has<Edge>With field of a where input: field, the where
// input of the edge's type, and that type.
type edgeFilter struct{ field, where, node string }

// filterSchema maps each where input to its edge filters, and lists the
// connections (root, or fields of a node) that take a where argument.
type filterSchema struct {
	edges map[string][]edgeFilter
	// roots: root connection field → its where input.
	roots map[string]string
	// nested: node type → its connection fields taking a where → their where input.
	nested map[string]map[string]string
	// nodeOf: connection field of the query type → its node type.
	nodeOf map[string]string
}

var hasWith = regexp.MustCompile(`^has([A-Z]\w*)With$`)

func introspectFilters(t *testing.T, api *apitest.API) filterSchema {
	t.Helper()
	var data struct {
		Schema struct {
			QueryType struct{ Name string }
			Types     []filterType
		} `json:"__schema"`
	}
	api.MustSucceed(t, "", `{ __schema { queryType { name } types { name
		fields { name type { ...ref } args { name type { ...ref } } }
		inputFields { name type { ...ref } } } } }
		fragment ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`, nil, &data)
	types := map[string]filterType{}
	for _, ty := range data.Schema.Types {
		types[ty.Name] = ty
	}
	s := filterSchema{edges: map[string][]edgeFilter{}, roots: map[string]string{},
		nested: map[string]map[string]string{}, nodeOf: map[string]string{}}
	for _, ty := range data.Schema.Types {
		if !strings.HasSuffix(ty.Name, "WhereInput") {
			continue
		}
		for _, f := range ty.InputFields {
			if where := f.Type.named(); hasWith.MatchString(f.Name) && strings.HasSuffix(where, "WhereInput") {
				s.edges[ty.Name] = append(s.edges[ty.Name], edgeFilter{f.Name, where, strings.TrimSuffix(where, "WhereInput")})
			}
		}
	}
	whereOf := func(f filterField) string {
		for _, a := range f.Args {
			if a.Name == "where" {
				return a.Type.named()
			}
		}
		return ""
	}
	nodeOf := func(f filterField) string {
		edges, _ := fieldOf(types[f.Type.named()], "edges")
		node, _ := fieldOf(types[edges.Type.named()], "node")
		return node.Type.named()
	}
	for _, f := range types[data.Schema.QueryType.Name].Fields {
		if w := whereOf(f); w != "" {
			s.roots[f.Name] = w
			s.nodeOf[f.Name] = nodeOf(f)
		}
	}
	for _, ty := range data.Schema.Types {
		for _, f := range ty.Fields {
			if w := whereOf(f); w != "" && ty.Name != data.Schema.QueryType.Name {
				if s.nested[ty.Name] == nil {
					s.nested[ty.Name] = map[string]string{}
				}
				s.nested[ty.Name][f.Name] = w
			}
		}
	}
	return s
}

func fieldOf(ty filterType, name string) (filterField, bool) {
	for _, f := range ty.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return filterField{}, false
}

// chain is a path of edge filters from a where input.
type chain []edgeFilter

func (c chain) String() string {
	names := make([]string, len(c))
	for i, e := range c {
		names[i] = e.field
	}
	return strings.Join(names, ".")
}

func (c chain) leaf() string { return c[len(c)-1].node }

// chains lists the edge paths of a where input, one and two edges deep.
func (s filterSchema) chains(where string) []chain {
	var out []chain
	for _, e1 := range s.edges[where] {
		out = append(out, chain{e1})
		for _, e2 := range s.edges[e1.where] {
			out = append(out, chain{e1, e2})
		}
	}
	return out
}

// filter builds the where value that follows c and puts leaf at its end.
// The second step of a two-edge chain goes through an `or`, and a one-edge
// chain is also asked through `not: {not: …}`, so that the boolean
// combinators are crossed too.
func (c chain) filter(leaf map[string]any, doubleNot bool) map[string]any {
	w := leaf
	for i := len(c) - 1; i >= 0; i-- {
		w = map[string]any{c[i].field: []any{w}}
		if i == 1 {
			w = map[string]any{"or": []any{w}}
		}
	}
	if doubleNot {
		w = map[string]any{"not": map[string]any{"not": w}}
	}
	return w
}

// exists is c with its last step replaced by the bare has<Edge> flag.
func (c chain) exists(has bool) map[string]any {
	last := c[len(c)-1]
	flag := map[string]any{strings.TrimSuffix(last.field, "With"): has}
	if len(c) == 1 {
		return flag
	}
	return chain(c[:len(c)-1]).filter(flag, false)
}

// readable returns, by type, the records of all the viewer of token may
// read, asked through the nodes query.
func readable(t *testing.T, api *apitest.API, token string, all map[string][]pulid.ID) map[string]ids {
	t.Helper()
	var every []pulid.ID
	for _, list := range all {
		every = append(every, list...)
	}
	res := api.Do(t, token, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, map[string]any{"ids": every})
	var data struct {
		Nodes []*struct {
			Typename string `json:"__typename"`
			ID       string `json:"id"`
		} `json:"nodes"`
	}
	res.Decode(t, &data)
	out := map[string]ids{}
	for _, n := range data.Nodes {
		if n == nil {
			continue
		}
		if out[n.Typename] == nil {
			out[n.Typename] = ids{}
		}
		out[n.Typename].add(pulid.ID(n.ID))
	}
	return out
}

// everyRecord lists the ids of every table that has one, by ent type.
func everyRecord(t *testing.T, api *apitest.API) map[string][]pulid.ID {
	t.Helper()
	byTable := map[string][]pulid.ID{}
	for _, table := range migrate.Tables {
		if len(table.PrimaryKey) != 1 || table.PrimaryKey[0].Name != "id" {
			continue
		}
		rows, err := api.DB.SQL.Query("SELECT id FROM " + table.Name)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			byTable[table.Name] = append(byTable[table.Name], pulid.ID(id))
		}
		rows.Close()
	}
	var every []pulid.ID
	for _, list := range byTable {
		every = append(every, list...)
	}
	nodes, err := api.DB.Client.Noders(apitest.Sys, every, ent.WithNodeType(ent.IDToType))
	if err != nil {
		t.Fatalf("reading nodes as the portal: %v", err)
	}
	out := map[string][]pulid.ID{}
	for i, n := range nodes {
		typ := reflect.TypeOf(n).Elem().Name()
		out[typ] = append(out[typ], every[i])
	}
	return out
}

// invented is an id of typ that no record has.
func invented(all map[string][]pulid.ID, typ string) (pulid.ID, bool) {
	if len(all[typ]) == 0 {
		return "", false
	}
	return pulid.New(all[typ][0].Prefix()), true
}

// question is one filter asked twice: naming what the viewer cannot see,
// and naming what does not exist (or, for the bare flags, what they see).
type question struct {
	what        string
	root, field string // field: a nested connection of the root's nodes, or ""
	where       string // the where input type of the filtered connection
	hidden, not map[string]any
}

// ask puts every question in one document, two aliases each, and returns
// the questions whose two counts differ.
func ask(t *testing.T, api *apitest.API, token string, qs []question) []string {
	t.Helper()
	var vars []string
	var fields []string
	values := map[string]any{}
	for i, q := range qs {
		for j, w := range []map[string]any{q.hidden, q.not} {
			name := fmt.Sprintf("w%d_%d", i, j)
			vars = append(vars, fmt.Sprintf("$%s: %s", name, q.where))
			values[name] = w
			if q.field == "" {
				fields = append(fields, fmt.Sprintf("a%d_%d: %s(first: 0, where: $%s) { totalCount }", i, j, q.root, name))
			} else {
				fields = append(fields, fmt.Sprintf("a%d_%d: %s(first: 100) { edges { node { %s(first: 1, where: $%s) { totalCount } } } }",
					i, j, q.root, q.field, name))
			}
		}
	}
	doc := fmt.Sprintf("query(%s) {\n%s\n}", strings.Join(vars, ", "), strings.Join(fields, "\n"))
	res := api.Do(t, token, doc, values)
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %+v", res.Errors[:min(3, len(res.Errors))])
	}
	var data map[string]struct {
		TotalCount int
		Edges      []struct {
			Node map[string]struct{ TotalCount int }
		}
	}
	res.Decode(t, &data)
	count := func(i, j int, q question) int {
		c := data[fmt.Sprintf("a%d_%d", i, j)]
		if q.field == "" {
			return c.TotalCount
		}
		n := 0
		for _, e := range c.Edges {
			n += e.Node[q.field].TotalCount
		}
		return n
	}
	var leaks []string
	for i, q := range qs {
		if a, b := count(i, 0, q), count(i, 1, q); a != b {
			leaks = append(leaks, fmt.Sprintf("%s: %d against %d", q.what, a, b))
		}
	}
	return leaks
}

// TestFiltersNeverReachWhatTheViewerCannotSee asks every connection that
// takes a where filter (each root connection, and each connection of their
// nodes), through every edge filter one and two edges deep, as every demo
// account and anonymously: naming the records the viewer cannot read must
// count as naming a record that does not exist, and the bare has<Edge>
// flag must count only the records the viewer can read.
func TestFiltersNeverReachWhatTheViewerCannotSee(t *testing.T) {
	t.Parallel()
	s := introspectFilters(t, apitest.New(t, unlimited))
	if len(s.roots) < 10 {
		t.Fatalf("introspection found %d root connections with a where filter", len(s.roots))
	}
	var total, leaked atomic.Int64
	t.Cleanup(func() {
		t.Logf("%d filters asked, %d reached records out of the viewer's scope", total.Load(), leaked.Load())
	})
	for _, account := range apitest.EveryAccount() {
		t.Run(account, func(t *testing.T) {
			// Each account on its own copy: reading adds to the audit
			// trail, which the accounts must not see each other add to.
			t.Parallel()
			api := apitest.New(t, unlimited)
			seedFollowUps(t, api)
			all := everyRecord(t, api)
			token := api.Token(t, account)
			visible := readable(t, api, token, all)
			hidden := map[string][]any{}
			for typ, list := range all {
				for _, id := range list {
					if !visible[typ][id] {
						hidden[typ] = append(hidden[typ], id)
					}
				}
			}
			var qs []question
			// Below the root, one edge deep is enough: a where input is
			// decoded the same way wherever it appears.
			add := func(root, field, where string, depth int) {
				for _, c := range s.chains(where) {
					if len(c) > depth {
						continue
					}
					leaf := c.leaf()
					none, ok := invented(all, leaf)
					if !ok {
						continue // no record of that type: nothing to reach
					}
					what := root + "." + field + " " + c.String()
					if len(hidden[leaf]) > 0 {
						named := map[string]any{"idIn": hidden[leaf]}
						missing := map[string]any{"idIn": []any{none}}
						qs = append(qs, question{what, root, field, where, c.filter(named, false), c.filter(missing, false)})
						if len(c) == 1 {
							qs = append(qs, question{what + " (not not)", root, field, where, c.filter(named, true), c.filter(missing, true)})
						}
					}
					seen := []any{none} // an empty idIn is an empty filter
					for _, id := range sorted(visible[leaf]) {
						seen = append(seen, id)
					}
					visibleOnly := c.filter(map[string]any{"idIn": seen}, false)
					qs = append(qs, question{what + " (bare flag)", root, field, where, c.exists(true), visibleOnly})
					if len(c) == 1 {
						qs = append(qs, question{what + " (bare flag false)", root, field, where, c.exists(false), map[string]any{"not": visibleOnly}})
					}
				}
			}
			for _, root := range slices.Sorted(maps.Keys(s.roots)) {
				add(root, "", s.roots[root], 2)
				nested := s.nested[s.nodeOf[root]]
				for _, field := range slices.Sorted(maps.Keys(nested)) {
					add(root, field, nested[field], 1)
				}
			}
			leaks := ask(t, api, token, qs)
			total.Add(int64(len(qs)))
			leaked.Add(int64(len(leaks)))
			for _, l := range leaks {
				t.Error(l)
			}
		})
	}
}

// TestAnAnonymousVisitorCannotTellWhetherANamedChildAttendsAWorkshop is the
// issue's example: a child's first name and birth date, through the
// bookings of the public catalogue, answer as an invented child's do.
func TestAnAnonymousVisitorCannotTellWhetherANamedChildAttendsAWorkshop(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, unlimited)
	ctx := apitest.Sys
	booked := api.DB.Client.Booking.Query().Where(booking.SeriesID(api.Demo.SeriesID)).
		QueryChild().FirstX(ctx)
	count := func(firstName string, birthDate time.Time) int {
		var data struct{ WorkshopSeries struct{ TotalCount int } }
		api.MustSucceed(t, "", `query($w: WorkshopSeriesWhereInput) { workshopSeries(first: 0, where: $w) { totalCount } }`,
			map[string]any{"w": map[string]any{"hasBookingsWith": []any{map[string]any{"hasChildWith": []any{map[string]any{
				"firstName": firstName, "birthDate": birthDate.Format(time.DateOnly)}}}}}}, &data)
		return data.WorkshopSeries.TotalCount
	}
	real, invented := count(booked.FirstName, booked.BirthDate), count(booked.FirstName, booked.BirthDate.AddDate(0, 0, 1))
	if real != invented {
		t.Errorf("the real child counts %d series, the invented one %d", real, invented)
	}
}

// TestActivityFiguresAnswerAnotherProviderAsAProviderWithNoData: the
// figures of a provider one does not coordinate are refused, as those of a
// provider that does not exist.
func TestActivityFiguresAnswerAnotherProviderAsAProviderWithNoData(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, unlimited)
	doc := `query($p: ID!) { activityFigures(providerID: $p, from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") { total { files families } } }`
	answer := func(token string, provider pulid.ID) string {
		res := api.Do(t, token, doc, map[string]any{"p": provider})
		return fmt.Sprintf("%s %v", res.Data, res.Codes())
	}
	coordinates := map[pulid.ID]string{api.Demo.ProviderID: demo.Coordinator, api.Demo.RelianceProviderID: demo.RelianceCoordinator}
	for _, account := range apitest.EveryAccount() {
		token := api.Token(t, account)
		none := answer(token, pulid.New(api.Demo.ProviderID.Prefix()))
		for provider, coordinator := range coordinates {
			if account == coordinator {
				continue
			}
			if got := answer(token, provider); got != none {
				t.Errorf("%s asking %s's figures: %s, and for no provider: %s", account, coordinator, got, none)
			}
		}
	}
}

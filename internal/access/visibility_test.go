package access_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/platform/config"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"

	_ "github.com/reseau-liens/portal/ent/runtime"
)

func (w *world) expectedFor(api *apitest.API, account string) map[string]ids {
	if account == apitest.Anonymous {
		return w.visible(someone{})
	}
	return w.visible(w.someone(api.Demo.People[account]))
}

// rootConnections maps each root connection of the schema to the type of
// its nodes.
var rootConnections = map[string]string{
	"accompaniments":              "Accompaniment",
	"auditEvents":                 "AuditEvent",
	"bookings":                    "Booking",
	"children":                    "Child",
	"conventions":                 "Convention",
	"conventionsNeedingAttention": "Convention",
	"families":                    "Family",
	"organisations":               "Organisation",
	"orientations":                "Orientation",
	"partnerLinks":                "PartnerLink",
	"people":                      "Person",
	"programmes":                  "Programme",
	"providers":                   "Provider",
	"quotes":                      "Quote",
	"workshopSeries":              "WorkshopSeries",
}

// narrowedRoots are the root connections that list part of what the
// viewer sees of their type: the part they keep of it.
var narrowedRoots = map[string]func(w *world, visible ids) ids{
	"conventionsNeedingAttention": (*world).needsAttention,
}

func TestEveryRoleSeesExactlyItsScopeThroughEveryRootField(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, unlimited)
	seedFollowUps(t, api)
	w := loadWorld(t, api.DB.Client)

	t.Run("the schema has no root connection this test does not know", func(t *testing.T) {
		for _, f := range introspect(t, api).rootConnections() {
			if _, ok := rootConnections[f]; !ok {
				t.Errorf("root connection %s is not covered by this test", f)
			}
		}
	})
	t.Run("the follow-ups seeded are in the scope of each provider's staff", func(t *testing.T) {
		for _, account := range []string{demo.Coordinator, demo.Educator, demo.RelianceCoordinator, demo.RelianceEducator} {
			if len(w.expectedFor(api, account)["Orientation"]) != 1 {
				t.Errorf("%s should see one orientation", account)
			}
		}
		for _, account := range []string{demo.Coordinator, demo.RelianceCoordinator, demo.PartnerStaff} {
			if len(w.needsAttention(w.expectedFor(api, account)["Convention"])) == 0 {
				t.Errorf("%s should see a convention needing attention", account)
			}
		}
		for _, account := range []string{demo.Prescriber, demo.PartnerStaff, demo.SecondPrescriber} {
			if len(w.expectedFor(api, account)["WebhookEndpoint"]) != 1 {
				t.Errorf("%s should see their organisation's endpoint", account)
			}
		}
	})
	for _, account := range apitest.EveryAccount() {
		want := w.expectedFor(api, account)
		for field, typ := range rootConnections {
			t.Run(account+" "+field, func(t *testing.T) {
				want := want
				if typ == "AuditEvent" {
					// Reading files adds events as the test goes: compare
					// with the trail as it stands now.
					want = loadWorld(t, api.DB.Client).expectedFor(api, account)
				}
				wantIDs := want[typ]
				if narrow, ok := narrowedRoots[field]; ok {
					wantIDs = narrow(w, wantIDs)
				}
				var got map[string]struct {
					TotalCount int
					Edges      []struct{ Node struct{ ID pulid.ID } }
				}
				q := fmt.Sprintf(`{ %s(first: 100) { totalCount edges { node { id } } } }`, field)
				api.MustSucceed(t, api.Token(t, account), q, nil, &got)
				seen := ids{}
				for _, e := range got[field].Edges {
					seen.add(e.Node.ID)
				}
				if !maps.Equal(seen, wantIDs) {
					t.Errorf("sees %v, want %v", sorted(seen), sorted(wantIDs))
				}
				if got[field].TotalCount != len(wantIDs) {
					t.Errorf("totalCount %d, want %d", got[field].TotalCount, len(wantIDs))
				}
			})
		}
		t.Run(account+" directory and webhookEndpoints", func(t *testing.T) {
			// The root fields that list records without a connection.
			var got struct {
				Directory struct {
					TotalCount int
					Offers     []struct{ ID pulid.ID }
				}
				WebhookEndpoints []struct{ ID pulid.ID }
			}
			api.MustSucceed(t, api.Token(t, account), `{ directory(first: 100) { totalCount offers { id } } webhookEndpoints { id } }`, nil, &got)
			offers, endpoints := ids{}, ids{}
			for _, o := range got.Directory.Offers {
				offers.add(o.ID)
			}
			for _, e := range got.WebhookEndpoints {
				endpoints.add(e.ID)
			}
			if !maps.Equal(offers, want["DirectoryOffer"]) || got.Directory.TotalCount != len(want["DirectoryOffer"]) {
				t.Errorf("directory: sees %v (totalCount %d), want %v", sorted(offers), got.Directory.TotalCount, sorted(want["DirectoryOffer"]))
			}
			if !maps.Equal(endpoints, want["WebhookEndpoint"]) {
				t.Errorf("webhookEndpoints: sees %v, want %v", sorted(endpoints), sorted(want["WebhookEndpoint"]))
			}
		})
		t.Run(account+" node and nodes", func(t *testing.T) {
			// Every record of the database, asked for by ID: exactly the
			// visible ones come back; the others are null, as if missing.
			var every []pulid.ID
			typeOf := map[pulid.ID]string{}
			for _, typ := range nodeTypes {
				for _, id := range sorted(w.everyID(typ)) {
					every = append(every, id)
					typeOf[id] = typ
				}
			}
			var got struct {
				Nodes []*struct {
					ID       pulid.ID
					Typename string `json:"__typename"`
				}
			}
			// Missing records come back null with a NOT_FOUND error.
			res := api.Do(t, api.Token(t, account), `query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }`,
				map[string]any{"ids": every})
			checkOnlyMissingEdges(t, res)
			res.Decode(t, &got)
			for i, id := range every {
				typ := typeOf[id]
				n := got.Nodes[i]
				if visible := want[typ][id]; visible != (n != nil) {
					t.Errorf("%s %s: returned %v, should be visible: %v", typ, id, n != nil, visible)
				}
			}
		})
	}
}

// everyID lists every record of a type.
func (w *world) everyID(typ string) ids {
	out := ids{}
	add := func(id pulid.ID) { out.add(id) }
	switch typ {
	case "Provider":
		for _, r := range w.providers {
			add(r.ID)
		}
	case "Programme":
		for _, r := range w.programmes {
			add(r.ID)
		}
	case "Organisation":
		for _, r := range w.organisations {
			add(r.ID)
		}
	case "Family":
		for _, r := range w.families {
			add(r.ID)
		}
	case "Guardian":
		for _, r := range w.guardians {
			add(r.ID)
		}
	case "Child":
		for _, r := range w.children {
			add(r.ID)
		}
	case "Consent":
		for _, r := range w.consents {
			add(r.ID)
		}
	case "Accompaniment":
		for _, r := range w.accompaniments {
			add(r.ID)
		}
	case "ContactEvent":
		for _, r := range w.contacts {
			add(r.ID)
		}
	case "Document":
		for _, r := range w.documents {
			add(r.ID)
		}
	case "DocumentRevision":
		for _, r := range w.revisions {
			add(r.ID)
		}
	case "WorkshopSeries":
		for _, r := range w.series {
			add(r.ID)
		}
	case "WorkshopSession":
		for _, r := range w.sessions {
			add(r.ID)
		}
	case "Booking":
		for _, r := range w.bookings {
			add(r.ID)
		}
	case "Quote":
		for _, r := range w.quotes {
			add(r.ID)
		}
	case "QuoteLine":
		for _, r := range w.quoteLines {
			add(r.ID)
		}
	case "PartnerLink":
		for _, r := range w.links {
			add(r.ID)
		}
	case "Convention":
		for _, r := range w.conventions {
			add(r.ID)
		}
	case "Person":
		for _, r := range w.people {
			add(r.ID)
		}
	case "Membership":
		for _, r := range w.memberships {
			add(r.ID)
		}
	case "AccessToken":
		for _, r := range w.tokens {
			add(r.ID)
		}
	case "AuditEvent":
		for _, r := range w.audit {
			add(pulid.ID(r.ID))
		}
	case "DirectoryOffer":
		for _, r := range w.offers {
			add(r.ID)
		}
	case "Orientation":
		for _, r := range w.orientations {
			add(r.ID)
		}
	case "WebhookEndpoint":
		for _, r := range w.endpoints {
			add(r.ID)
		}
	}
	return out
}

func TestNoEdgeReachableFromTheRootLeadsOutOfScope(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, unlimited)
	seedFollowUps(t, api)
	w := loadWorld(t, api.DB.Client)
	schema := introspect(t, api)
	fragments := schema.edgeFragments()

	for _, account := range apitest.EveryAccount() {
		t.Run(account, func(t *testing.T) {
			want := w.expectedFor(api, account)
			token := api.Token(t, account)
			seen := map[pulid.ID]string{}
			var frontier []pulid.ID
			var laterEvents []pulid.ID
			collect := func(raw json.RawMessage) {
				for id, typ := range recordsIn(raw) {
					if _, ok := seen[id]; ok {
						continue
					}
					seen[id] = typ
					frontier = append(frontier, id)
					if typ == "AuditEvent" && !want[typ][id] {
						laterEvents = append(laterEvents, id) // written during the walk
						continue
					}
					if !want[typ][id] {
						t.Errorf("%s %s is reachable but out of scope", typ, id)
					}
				}
			}
			// From every root connection, with every edge of its nodes
			// loaded at once (the eager-loading path)...
			for field := range rootConnections {
				q := fmt.Sprintf(`{ %s(first: 100) { edges { node { __typename id %s } } } }`, field, fragments[rootConnections[field]])
				res := api.Do(t, token, q, nil)
				checkOnlyMissingEdges(t, res)
				collect(res.Data)
			}
			res := api.Do(t, token, fmt.Sprintf(`{ viewer { __typename id %s } }`, fragments["Person"]), nil)
			checkOnlyMissingEdges(t, res)
			collect(res.Data)
			// ...and from the root fields that are lists, not connections...
			res = api.Do(t, token, fmt.Sprintf(`{ directory(first: 100) { offers { __typename id %s } } webhookEndpoints { __typename id %s } }`,
				fragments["DirectoryOffer"], fragments["WebhookEndpoint"]), nil)
			checkOnlyMissingEdges(t, res)
			collect(res.Data)
			// ...then from every record reached, every edge again, until
			// nothing new turns up.
			for len(frontier) > 0 {
				batch := frontier
				frontier = nil
				res := api.Do(t, token, fmt.Sprintf(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id %s } }`, allFragments(fragments)),
					map[string]any{"ids": batch})
				checkOnlyMissingEdges(t, res)
				collect(res.Data)
			}
			if len(laterEvents) > 0 {
				now := loadWorld(t, api.DB.Client).expectedFor(api, account)
				for _, id := range laterEvents {
					if !now["AuditEvent"][id] {
						t.Errorf("AuditEvent %s is reachable but out of scope", id)
					}
				}
			}
			// The walk reaches everything in scope, so it proves something.
			for typ, set := range want {
				for id := range set {
					if _, ok := seen[id]; !ok && typ != "AuditEvent" {
						t.Errorf("%s %s is in scope but the walk never reached it", typ, id)
					}
				}
			}
		})
	}
}

// checkOnlyMissingEdges fails on any error but the one a required edge to
// a record out of scope gives (it resolves as missing).
func checkOnlyMissingEdges(t *testing.T, res *apitest.Response) {
	t.Helper()
	for _, e := range res.Errors {
		if !refusedEdge(e) {
			t.Errorf("unexpected error %s at %v: %s", e.Code(), e.Path, e.Message)
		}
	}
}

// refusedEdge reports whether e is how the portal withholds a record:
// NOT_FOUND for a lookup by id, FORBIDDEN for the field of a readable
// record that leads to it.
func refusedEdge(e apitest.Error) bool {
	if e.Code() == "NOT_FOUND" {
		return true
	}
	return e.Code() == "FORBIDDEN" && len(e.Path) > 1
}

// recordsIn finds every {__typename, id} object in a response.
func recordsIn(raw json.RawMessage) map[pulid.ID]string {
	out := map[pulid.ID]string{}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if typ, ok := x["__typename"].(string); ok {
				if id, ok := x["id"].(string); ok {
					out[pulid.ID(id)] = typ
				}
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	var v any
	_ = json.Unmarshal(raw, &v)
	walk(v)
	return out
}

func sorted(s ids) []pulid.ID {
	out := slices.Collect(maps.Keys(s))
	slices.Sort(out)
	return out
}

// schemaInfo is what the tests need of the served schema.
type schemaInfo struct {
	Types []struct {
		Kind       string
		Name       string
		Interfaces []struct{ Name string }
		Fields     []struct {
			Name string
			Args []struct{ Name string }
			Type typeRef
		}
	}
	QueryType struct{ Name string }
}

type typeRef struct {
	Kind   string
	Name   *string
	OfType *typeRef
}

func (r typeRef) named() string {
	for r.Name == nil && r.OfType != nil {
		r = *r.OfType
	}
	if r.Name == nil {
		return ""
	}
	return *r.Name
}

func introspect(t *testing.T, api *apitest.API) *schemaInfo {
	t.Helper()
	var got struct {
		Schema schemaInfo `json:"__schema"`
	}
	api.MustSucceed(t, "", `{ __schema { queryType { name } types { kind name interfaces { name }
		fields { name args { name } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`, nil, &got)
	return &got.Schema
}

func (s *schemaInfo) isNode(name string) bool {
	for _, typ := range s.Types {
		if typ.Name == name {
			return slices.ContainsFunc(typ.Interfaces, func(i struct{ Name string }) bool { return i.Name == "Node" })
		}
	}
	return false
}

// connectionNode returns the node type of a connection type, or "".
func (s *schemaInfo) connectionNode(name string) string {
	if !strings.HasSuffix(name, "Connection") {
		return ""
	}
	node := strings.TrimSuffix(name, "Connection")
	if s.isNode(node) {
		return node
	}
	return ""
}

// rootConnections lists the root fields returning a connection of records.
func (s *schemaInfo) rootConnections() []string {
	var out []string
	for _, typ := range s.Types {
		if typ.Name != s.QueryType.Name {
			continue
		}
		for _, f := range typ.Fields {
			if s.connectionNode(f.Type.named()) != "" {
				out = append(out, f.Name)
			}
		}
	}
	return out
}

// edgeFragments selects, per record type, every edge to other records
// (single, list or connection) with their __typename and id. Aliases keep
// the same field name on different types from conflicting.
func (s *schemaInfo) edgeFragments() map[string]string {
	out := map[string]string{}
	for _, typ := range s.Types {
		if typ.Kind != "OBJECT" || !s.isNode(typ.Name) {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "... on %s { __typename", typ.Name)
		for _, f := range typ.Fields {
			target := f.Type.named()
			alias := typ.Name + "_" + f.Name
			switch {
			case s.isNode(target):
				fmt.Fprintf(&b, " %s: %s { __typename id }", alias, f.Name)
			case s.connectionNode(target) != "":
				fmt.Fprintf(&b, " %s: %s(first: 100) { totalCount edges { node { __typename id } } }", alias, f.Name)
			}
		}
		b.WriteString(" } ")
		out[typ.Name] = b.String()
	}
	return out
}

func allFragments(f map[string]string) string {
	var b strings.Builder
	for _, typ := range slices.Sorted(maps.Keys(f)) {
		b.WriteString(f[typ])
	}
	return b.String()
}

// unlimited lifts the query limits: the walks ask for every edge at once,
// far beyond what a client would (the limits are tested in package limits).
var unlimited = apitest.WithConfig(func(c *config.Config) {
	c.Limits.MaxDepth = 1000
	c.Limits.MaxCost = 1 << 30
	c.Limits.MaxAliases = 1 << 20
	c.Limits.MaxQueryBytes = 1 << 24
	c.Limits.MaxFields = 1 << 20
	c.Limits.MaxInputValues = 1 << 20
	c.Limits.RateLimit = 0
	c.Limits.RateBurst = 1 << 30
	// The generic tests send large documents, slow under -race on a busy
	// machine: the time limit is tested in server and limits.
	c.Limits.RequestTimeout = 5 * time.Minute
})

package audit_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/auditevent"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/demo"
)

// addFamilies gives the demo provider n more families with two guardians
// and two children each, so that pages can grow.
func addFamilies(t *testing.T, client *ent.Client, providerID pulid.ID, n int) {
	t.Helper()
	ctx := apitest.Sys
	for i := range n {
		f := client.Family.Create().SetProviderID(providerID).SetReference(fmt.Sprintf("LOG-%03d", i)).
			SetTerritory("Gard").SetHouseholdComposition(family.HouseholdCompositionTwoParents).SaveX(ctx)
		for g := range 2 {
			client.Guardian.Create().SetFamilyID(f.ID).SetFirstName(fmt.Sprintf("Parent%d", g)).
				SetLastName("Exemple").SetRelationship(guardian.RelationshipParent).SaveX(ctx)
			client.Child.Create().SetFamilyID(f.ID).SetFirstName(fmt.Sprintf("Enfant%d", g)).
				SetBirthDate(time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC)).SaveX(ctx)
		}
	}
}

// TestAPageOfFamiliesWritesOneReadEventWhateverItsSize: the read log is
// one event per request (and provider), in one INSERT. Before it, a page
// of n families with their guardians and children appended 5n events
// (one per record read) and the page of 50 below wrote about 250 rows.
func TestAPageOfFamiliesWritesOneReadEventWhateverItsSize(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithoutTokenCache()) // every request checks its token: the counts compare
	addFamilies(t, api.DB.Client, api.Demo.ProviderID, 60)
	const page = `query($n: Int) { families(first: $n) { edges { node {
		reference guardians { firstName } children { firstName } } } } }`
	type cost struct{ statements, events, reads, returned int64 }
	run := func(n int) cost {
		before := api.DB.Client.AuditEvent.Query().CountX(apitest.Sys)
		token := api.Token(t, demo.Coordinator)
		api.DB.ResetQueries()
		var got struct {
			Families struct {
				Edges []struct {
					Node struct{ Guardians, Children []struct{ FirstName string } }
				}
			}
		}
		api.MustSucceed(t, token, page, map[string]any{"n": n}, &got)
		c := cost{statements: api.DB.Statements()}
		for _, e := range got.Families.Edges {
			c.returned += int64(1 + len(e.Node.Guardians) + len(e.Node.Children))
		}
		c.events = int64(api.DB.Client.AuditEvent.Query().CountX(apitest.Sys) - before)
		if _, err := audit.Seal(apitest.Sys, api.DB.Client); err != nil {
			t.Fatal(err)
		}
		last := api.DB.Client.AuditEvent.Query().Order(ent.Desc(auditevent.FieldSeq)).FirstX(apitest.Sys)
		c.reads = int64(len(last.RecordIds))
		return c
	}
	small, large := run(2), run(50)
	t.Logf("page of 2: %+v; page of 50: %+v", small, large)
	if small.events != 1 || large.events != 1 {
		t.Fatalf("%d and %d events written, want one per request", small.events, large.events)
	}
	if small.statements != large.statements {
		t.Fatalf("a page of 2 cost %d statements, a page of 50 %d", small.statements, large.statements)
	}
	// The token, the families, guardians and children, the one INSERT.
	if large.statements > 2+3+1 {
		t.Fatalf("the page cost %d statements", large.statements)
	}
	// Every record returned is listed, and the look-ahead row a page
	// reads to know whether another page follows (with its edges).
	if large.reads < large.returned {
		t.Fatalf("the read log lists %d records, want every one of the %d read", large.reads, large.returned)
	}
}

func TestACoordinatorFindsWhoReadAnyRecordOfAFamilysFile(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	c := api.DB.Client.Child.Query().Where(child.FamilyID(api.Demo.FamilyID)).FirstX(apitest.Sys)
	api.MustSucceed(t, api.Token(t, demo.Educator), `query($id: ID!) { node(id: $id) { ... on Child { firstName } } }`,
		map[string]any{"id": string(c.ID)}, nil)
	var got trail
	api.MustSucceed(t, api.Token(t, demo.Coordinator), events, map[string]any{"where": map[string]any{
		"recordID": string(api.Demo.FamilyID), "action": "read", "actorID": string(api.Demo.People[demo.Educator])}}, &got)
	if got.AuditEvents.TotalCount != 1 || got.AuditEvents.Edges[0].Node.Reads[0].RecordType != "Child" {
		t.Fatalf("%+v", got)
	}
}

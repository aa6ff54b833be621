package audit_test

import (
	"testing"

	"github.com/reseau-liens/portal/ent/auditevent"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

func TestRefusedAccessesAreLoggedForTheRecordsProvider(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	familyID := string(api.Demo.FamilyID)
	intruder := string(api.Demo.People[demo.RelianceCoordinator])
	refusals := func(t *testing.T, recordID string) trail {
		t.Helper()
		var got trail
		api.MustSucceed(t, api.Token(t, demo.Coordinator), events, map[string]any{"where": map[string]any{
			"action": "refused", "recordID": recordID, "actorID": intruder}}, &got)
		return got
	}

	t.Run("a read of another provider's family (NOT_FOUND)", func(t *testing.T) {
		rsp := api.Do(t, api.Token(t, demo.RelianceCoordinator), readFamily, map[string]any{"id": familyID})
		if len(rsp.Errors) == 0 {
			t.Fatal("the family was read")
		}
		got := refusals(t, familyID)
		if got.AuditEvents.TotalCount != 1 {
			t.Fatalf("%+v", got)
		}
		e := got.AuditEvents.Edges[0].Node
		if e.RecordType != "Family" || e.ProviderID != string(api.Demo.ProviderID) || e.RequestID == "" {
			t.Fatalf("event %+v", e)
		}
	})
	t.Run("a refused mutation, whose transaction rolls back", func(t *testing.T) {
		rsp := api.Do(t, api.Token(t, demo.RelianceCoordinator),
			`mutation($id: ID!) { requestErasure(input: {familyID: $id}) { errors { code } } }`,
			map[string]any{"id": familyID})
		if len(rsp.Errors) == 0 || rsp.Errors[0].Extensions["code"] != "NOT_FOUND" {
			t.Fatalf("the erasure was not refused: %+v", rsp)
		}
		if got := refusals(t, familyID); got.AuditEvents.TotalCount != 2 {
			t.Fatalf("%d refusals", got.AuditEvents.TotalCount)
		}
	})
	t.Run("an invented ID is no refused access", func(t *testing.T) {
		invented := string(pulid.New("fam"))
		api.Do(t, api.Token(t, demo.RelianceCoordinator), readFamily, map[string]any{"id": invented})
		if got := refusals(t, invented); got.AuditEvents.TotalCount != 0 {
			t.Fatalf("%+v", got)
		}
	})
	t.Run("an anonymous visitor is refused and logged too", func(t *testing.T) {
		api.Do(t, "", readFamily, map[string]any{"id": familyID})
		n := api.DB.Client.AuditEvent.Query().Where(auditevent.Action("refused"), auditevent.ActorIDIsNil(),
			auditevent.RecordID(familyID)).CountX(apitest.Sys)
		if n != 1 {
			t.Fatalf("%d anonymous refusals", n)
		}
	})
	t.Run("the intruder's own provider does not see it", func(t *testing.T) {
		var got trail
		api.MustSucceed(t, api.Token(t, demo.RelianceCoordinator), events,
			map[string]any{"where": map[string]any{"action": "refused"}}, &got)
		if got.AuditEvents.TotalCount != 0 {
			t.Fatalf("%+v", got)
		}
	})
}

package audit_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/reseau-liens/portal/ent/auditevent"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/demo"
)

const readFamily = `query($id: ID!) { node(id: $id) { ... on Family { reference } } }`

func TestRawSQLCannotChangeOrRemoveAuditEvents(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	api.MustSucceed(t, api.Token(t, demo.Prescriber), readFamily, map[string]any{"id": string(api.Demo.FamilyID)}, nil)
	ctx := context.Background()
	statements := []string{
		"UPDATE audit_events SET action = 'nothing'",
		"UPDATE audit_events SET actor_id = NULL WHERE action = 'read'",
		"DELETE FROM audit_events",
		"DELETE FROM audit_events WHERE action = 'read'",
	}
	if api.DB.IsPostgres() {
		statements = append(statements, "TRUNCATE audit_events")
	}
	before := api.DB.Client.AuditEvent.Query().CountX(viewer.SystemContext(ctx))
	for _, stmt := range statements {
		t.Run(stmt, func(t *testing.T) {
			_, err := api.DB.SQL.ExecContext(ctx, stmt)
			if err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Fatalf("err %v", err)
			}
		})
	}
	if after := api.DB.Client.AuditEvent.Query().CountX(viewer.SystemContext(ctx)); after != before {
		t.Fatalf("%d events, was %d", after, before)
	}
	t.Run("an insert without a content hash", func(t *testing.T) {
		_, err := api.DB.SQL.ExecContext(ctx, `INSERT INTO audit_events (id, occurred_at, action, record_type)
			VALUES ('aud_forged', '2026-01-01 00:00:00+00:00', 'read', 'Family')`)
		if err == nil || !strings.Contains(err.Error(), "content hash") {
			t.Fatalf("err %v", err)
		}
	})
}

func TestTheChainVerifiesAndBreaksWhenASuperuserAltersAnEvent(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	ctx := context.Background()
	for range 4 {
		api.MustSucceed(t, api.Token(t, demo.Prescriber), readFamily, map[string]any{"id": string(api.Demo.FamilyID)}, nil)
	}

	v, err := audit.Verify(ctx, api.DB.Client)
	if err != nil || !v.OK() || v.Events == 0 || v.Unchained != 0 {
		t.Fatalf("%+v, %v", v, err)
	}
	n := api.DB.Client.AuditEvent.Query().CountX(viewer.SystemContext(ctx))
	if v.Events != n || v.FirstSeq != 1 || v.LastSeq != int64(n) {
		t.Fatalf("%+v for %d events", v, n)
	}

	// A superuser lifts the protection and rewrites who read the family.
	lift, restore := "DROP TRIGGER audit_events_no_update", ""
	if api.DB.IsPostgres() {
		lift = "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update"
		restore = "ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update"
	}
	mustExec(t, api, lift)
	mustExec(t, api, "UPDATE audit_events SET actor_id = 'psn_someone_else' WHERE seq = 3")
	if restore != "" {
		mustExec(t, api, restore)
	}
	v, err = audit.Verify(ctx, api.DB.Client)
	if err != nil || v.OK() {
		t.Fatalf("%+v, %v", v, err)
	}
	if len(v.Problems) != 1 || !strings.Contains(v.Problems[0], "événement 3 ") || !strings.Contains(v.Problems[0], "modifié") {
		t.Fatalf("problems %q", v.Problems)
	}
}

func TestConcurrentWritersDoNotForkTheChain(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	token := api.Token(t, demo.Prescriber)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				api.MustSucceed(t, token, readFamily, map[string]any{"id": string(api.Demo.FamilyID)}, nil)
			}
		}()
	}
	wg.Wait()
	v, err := audit.Verify(context.Background(), api.DB.Client)
	if err != nil || !v.OK() {
		t.Fatalf("%+v, %v", v, err)
	}
	reads := api.DB.Client.AuditEvent.Query().Where(auditevent.Action(audit.ActionRead)).
		CountX(apitest.Sys)
	if reads < 40 {
		t.Fatalf("%d read events", reads)
	}
}

func mustExec(t *testing.T, api *apitest.API, stmt string) {
	t.Helper()
	if _, err := api.DB.SQL.ExecContext(context.Background(), stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

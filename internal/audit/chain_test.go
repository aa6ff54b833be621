package audit_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/auditevent"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/database"
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
	t.Run("an insert that names its own place in the chain", func(t *testing.T) {
		forged := &ent.AuditEvent{ID: "aud_forged_place", OccurredAt: api.DB.Clock.Now().UTC(), Action: "read", RecordType: "Family"}
		sum, err := audit.ContentHash(forged)
		if err != nil {
			t.Fatal(err)
		}
		_, err = api.DB.SQL.ExecContext(ctx, `INSERT INTO audit_events (id, occurred_at, action, record_type, content_hash, seq, prev_hash, hash)
			VALUES ($1, $2, 'read', 'Family', $3, 1000000, $4, $4)`, string(forged.ID), forged.OccurredAt, sum, database.ChainGenesis)
		if !api.DB.IsPostgres() {
			// SQLite chains in the insert, and refuses to renumber an event.
			if err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Fatalf("err %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		// PostgreSQL clears what the writer claimed; the sealer places it.
		v, err := audit.Verify(ctx, api.DB.Client)
		ev := api.DB.Client.AuditEvent.GetX(viewer.SystemContext(ctx), forged.ID)
		if err != nil || !v.OK() || ev.Seq == nil || *ev.Seq != v.LastSeq {
			t.Fatalf("%+v %v; the forged event at %v", v, err, ev.Seq)
		}
	})
	t.Run("a seal that changes the event", func(t *testing.T) {
		ev := &ent.AuditEvent{ID: "aud_forged_seal", OccurredAt: api.DB.Clock.Now().UTC(), Action: "read", RecordType: "Family"}
		sum, err := audit.ContentHash(ev)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := api.DB.SQL.ExecContext(ctx, `INSERT INTO audit_events (id, occurred_at, action, record_type, content_hash)
			VALUES ($1, $2, 'read', 'Family', $3)`, string(ev.ID), ev.OccurredAt, sum); err != nil {
			t.Fatal(err)
		}
		link, err := database.ChainLink(database.ChainGenesis, sum)
		if err != nil {
			t.Fatal(err)
		}
		// A well-formed link, with the reader rewritten on the way.
		_, err = api.DB.SQL.ExecContext(ctx, `UPDATE audit_events SET seq = 2000000, prev_hash = $1, hash = $2, actor_id = 'psn_someone_else' WHERE id = $3`,
			database.ChainGenesis, link, string(ev.ID))
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("err %v", err)
		}
		// A link that does not follow from the content.
		_, err = api.DB.SQL.ExecContext(ctx, `UPDATE audit_events SET seq = 2000000, prev_hash = $1, hash = $1 WHERE id = $2`,
			database.ChainGenesis, string(ev.ID))
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("err %v", err)
		}
	})
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

// On PostgreSQL a request writes its read log unchained and takes no
// lock for it: the chain is sealed after the commit (audit.Seal). On
// SQLite the insert chains it at once.
func TestAReadWaitsForItsSealOnPostgreSQLAndIsChainedAtOnceOnSQLite(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	ctx := context.Background()
	if _, err := audit.Seal(ctx, api.DB.Client); err != nil {
		t.Fatal(err)
	}
	api.MustSucceed(t, api.Token(t, demo.Prescriber), readFamily, map[string]any{"id": string(api.Demo.FamilyID)}, nil)
	waiting := api.DB.Client.AuditEvent.Query().Where(auditevent.SeqIsNil()).CountX(apitest.Sys)
	if want := map[bool]int{true: 1, false: 0}[api.DB.IsPostgres()]; waiting != want {
		t.Fatalf("%d events wait for their seal, want %d", waiting, want)
	}
	sealed, err := audit.Seal(ctx, api.DB.Client)
	if err != nil || sealed != waiting {
		t.Fatalf("sealed %d of %d: %v", sealed, waiting, err)
	}
	last := api.DB.Client.AuditEvent.Query().Order(ent.Desc(auditevent.FieldSeq)).FirstX(apitest.Sys)
	v, err := audit.Verify(ctx, api.DB.Client)
	if err != nil || !v.OK() || last.Action != audit.ActionRead || *last.Seq != v.LastSeq || v.Unchained != 0 {
		t.Fatalf("%+v %v; last %+v", v, err, last)
	}
	if again, err := audit.Seal(ctx, api.DB.Client); err != nil || again != 0 {
		t.Fatalf("sealed %d again: %v", again, err)
	}
}

func TestConcurrentWritersAndSealersDoNotForkTheChain(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	token := api.Token(t, demo.Prescriber)
	var writers, sealers sync.WaitGroup
	done := make(chan struct{})
	for range 3 {
		sealers.Go(func() {
			for {
				if _, err := audit.Seal(context.Background(), api.DB.Client); err != nil {
					t.Error(err)
					return
				}
				select {
				case <-done:
					return
				default:
				}
			}
		})
	}
	for range 8 {
		writers.Go(func() {
			for range 5 {
				api.MustSucceed(t, token, readFamily, map[string]any{"id": string(api.Demo.FamilyID)}, nil)
			}
		})
	}
	writers.Wait()
	close(done)
	sealers.Wait()
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

// A superuser removes events: Verify names what is missing, one event or
// a run of them.
func TestVerifyNamesTheMissingEvents(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	ctx := context.Background()
	for range 7 {
		api.MustSucceed(t, api.Token(t, demo.Prescriber), readFamily, map[string]any{"id": string(api.Demo.FamilyID)}, nil)
	}
	if v, err := audit.Verify(ctx, api.DB.Client); err != nil || !v.OK() || v.LastSeq < 7 {
		t.Fatalf("%+v, %v", v, err)
	}
	if api.DB.IsPostgres() {
		mustExec(t, api, "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_delete")
	} else {
		mustExec(t, api, "DROP TRIGGER audit_events_no_delete")
	}
	mustExec(t, api, "DELETE FROM audit_events WHERE seq IN (2, 4, 5)")
	v, err := audit.Verify(ctx, api.DB.Client)
	if err != nil || v.OK() {
		t.Fatalf("%+v, %v", v, err)
	}
	want := []string{"événement 2 manquant", "événements 4 à 5 manquants"}
	for _, w := range want {
		if !slices.ContainsFunc(v.Problems, func(p string) bool { return strings.HasPrefix(p, w) }) {
			t.Fatalf("problems %q, want %q", v.Problems, w)
		}
	}
}

func mustExec(t *testing.T, api *apitest.API, stmt string) {
	t.Helper()
	if _, err := api.DB.SQL.ExecContext(context.Background(), stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

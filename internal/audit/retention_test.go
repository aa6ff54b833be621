package audit_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/auditevent"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/demo"
)

func TestTheRetentionJobArchivesOldEventsAndKeepsTheChainVerifiable(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	ctx := context.Background()
	sys := viewer.SystemContext(ctx)
	dir := t.TempDir()
	read := func() {
		api.MustSucceed(t, api.Token(t, demo.Prescriber), readFamily, map[string]any{"id": string(api.Demo.FamilyID)}, nil)
	}
	for range 3 {
		read()
	}
	old := api.DB.Client.AuditEvent.Query().CountX(sys)
	api.Clock.Advance(10 * 24 * time.Hour)
	read() // within the period

	const retention = 5 * 24 * time.Hour // the job takes any period; the configuration bounds it
	n, err := audit.Archive(ctx, api.DB.DB, dir, retention)
	if err != nil || n != old {
		t.Fatalf("archived %d of %d: %v", n, old, err)
	}
	t.Run("the archive holds them, one JSON line each", func(t *testing.T) {
		files, _ := filepath.Glob(filepath.Join(dir, "audit-*.jsonl.gz"))
		if len(files) != 1 {
			t.Fatalf("files %v", files)
		}
		f, err := os.Open(files[0])
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := 0
		for s := bufio.NewScanner(zr); s.Scan(); lines++ {
			var ev map[string]any
			if err := json.Unmarshal(s.Bytes(), &ev); err != nil || ev["hash"] == nil {
				t.Fatalf("line %q: %v", s.Text(), err)
			}
		}
		if lines != old {
			t.Fatalf("%d lines for %d events", lines, old)
		}
	})
	t.Run("the database keeps the recent ones and the chain verifies from the new anchor", func(t *testing.T) {
		left := api.DB.Client.AuditEvent.Query().Where(auditevent.Action(audit.ActionRead)).CountX(sys)
		if left != 1 {
			t.Fatalf("%d read events left", left)
		}
		read()
		v, err := audit.Verify(ctx, api.DB.Client)
		if err != nil || !v.OK() || v.FirstSeq != int64(old)+1 || v.Events != 3 {
			t.Fatalf("%+v %v", v, err)
		}
	})
	t.Run("nothing more to archive within the period", func(t *testing.T) {
		if n, err := audit.Archive(ctx, api.DB.DB, dir, retention); err != nil || n != 0 {
			t.Fatalf("%d %v", n, err)
		}
	})
	t.Run("events not archived still cannot be removed", func(t *testing.T) {
		_, err := api.DB.SQL.ExecContext(ctx, "DELETE FROM audit_events")
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("removing the oldest events by hand breaks the chain", func(t *testing.T) {
		lift := "DROP TRIGGER audit_events_no_delete"
		if api.DB.IsPostgres() {
			lift = "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_delete"
		}
		mustExec(t, api, lift)
		v, _ := audit.Verify(ctx, api.DB.Client)
		mustExec(t, api, "DELETE FROM audit_events WHERE seq = "+strconv.FormatInt(v.FirstSeq, 10))
		if v, err := audit.Verify(ctx, api.DB.Client); err != nil || v.OK() {
			t.Fatalf("%+v %v", v, err)
		}
	})
}

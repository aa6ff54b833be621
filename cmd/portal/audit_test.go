package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/platform/config"
)

func TestAuditVerifyChecksTheChain(t *testing.T) {
	t.Setenv("PORTAL_DATABASE_URL", "sqlite:"+filepath.Join(t.TempDir(), "portal.db"))
	verify := func() string {
		t.Helper()
		var out, errs bytes.Buffer
		if code := run([]string{"audit", "verify"}, &out, &errs); code != 0 {
			t.Fatalf("exit %d: %s %s", code, out.String(), errs.String())
		}
		return out.String()
	}
	if out := verify(); !strings.Contains(out, "aucun événement") {
		t.Fatalf("output %q", out)
	}
	// The count agrees with its noun.
	for _, want := range []string{"1 événement (n° 1 à 1)", "2 événements (n° 1 à 2)"} {
		appendEvent(t)
		if out := verify(); !strings.Contains(out, "La chaîne est intacte : "+want) {
			t.Fatalf("output %q, want %q", out, want)
		}
	}
	var out, errs bytes.Buffer
	if code := run([]string{"audit", "check"}, &out, &errs); code == 0 {
		t.Fatal("an unknown subcommand was accepted")
	}
}

// appendEvent appends an audit event to the configured database, as the
// portal does.
func appendEvent(t *testing.T) {
	t.Helper()
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	ctx := viewer.SystemContext(context.Background())
	db, err := openDatabase(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n := db.Client.AuditEvent.Query().CountX(ctx)
	ev := &ent.AuditEvent{ID: pulid.ID(fmt.Sprintf("aud_cli%03d", n)), OccurredAt: db.Clock.Now().UTC(), Action: "read", RecordType: "Family"}
	sum, err := audit.ContentHash(ev)
	if err != nil {
		t.Fatal(err)
	}
	db.Client.AuditEvent.Create().SetID(ev.ID).SetOccurredAt(ev.OccurredAt).SetAction(ev.Action).
		SetRecordType(ev.RecordType).SetContentHash(sum).SaveX(ctx)
}

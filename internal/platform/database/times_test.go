package database_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/provider"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/clock/clocktest"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// TestTheUTCTimesMigrationRewritesTimesStoredByEarlierPortals takes an
// SQLite file as the portal left it before times were stored in UTC, with
// rows written in Go's time.String() form, and upgrades it: the rows read
// back at their instants, to the microsecond, sort as the instants do and
// are found by their own time.
func TestTheUTCTimesMigrationRewritesTimesStoredByEarlierPortals(t *testing.T) {
	ctx := context.Background()
	db, err := database.Open("sqlite:"+filepath.Join(t.TempDir(), "portal.db"), clocktest.New())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	const before = "20261122221239" // the last migration before 20261201220000_utc_times
	if _, err := db.ApplyUpTo(ctx, before); err != nil {
		t.Fatal(err)
	}

	// As earlier portals wrote them: time.String(), in the offset the time
	// came in, to the nanosecond, with a monotonic reading when it had one.
	base := clocktest.Start().UTC().Truncate(time.Second)
	paris, newYork := time.FixedZone("", 3600), time.FixedZone("EST", -5*3600)
	rows := []struct {
		id     string
		at     time.Time
		stored string
	}{
		{"prv_a", base.Add(30 * time.Minute).In(paris), ""}, // sorts after prv_c as text
		{"prv_b", base.Add(123456789 * time.Nanosecond).In(newYork), ""},
		{"prv_c", base.Add(time.Hour + 500*time.Millisecond), ""},
		{"prv_d", base.Add(2 * time.Hour).In(time.UTC), ""},
	}
	rows[0].stored = rows[0].at.String()
	rows[1].stored = rows[1].at.String()
	rows[2].stored = rows[2].at.String() + " m=+0.012345678"
	rows[3].stored = rows[3].at.String()
	for _, r := range rows {
		if _, err := db.SQL.ExecContext(ctx, "INSERT INTO providers (id, created_at, updated_at, name, slug, territory) VALUES (?, ?, ?, ?, ?, 'Gard')",
			r.id, r.stored, r.stored, r.id, r.id); err != nil {
			t.Fatal(err)
		}
	}

	applied, err := db.Apply(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(applied, "20261201220000") {
		t.Fatalf("applied %v, want the UTC times migration", applied)
	}
	var stored string
	if err := db.SQL.QueryRowContext(ctx, "SELECT created_at || '' FROM providers WHERE id = 'prv_b'").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if want := rows[1].at.UTC().Truncate(time.Microsecond).Format("2006-01-02 15:04:05.999999999-07:00"); stored != want {
		t.Errorf("stored %q, want %q", stored, want)
	}

	sys := viewer.SystemContext(ctx)
	got, err := db.Client.Provider.Query().Order(provider.ByCreatedAt()).All(sys)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(rows)
	slices.SortFunc(want, func(a, b struct {
		id     string
		at     time.Time
		stored string
	}) int {
		return a.at.Compare(b.at)
	})
	if len(got) != len(want) {
		t.Fatalf("%d providers, want %d", len(got), len(want))
	}
	for i, p := range got {
		w := want[i]
		if string(p.ID) != w.id || !p.CreatedAt.Equal(w.at.Truncate(time.Microsecond)) || !p.UpdatedAt.Equal(p.CreatedAt) {
			t.Errorf("provider %d: %s created %s, want %s created %s", i, p.ID, p.CreatedAt, w.id, w.at)
		}
		n, err := db.Client.Provider.Query().Where(provider.CreatedAt(p.CreatedAt.In(paris))).Count(sys)
		if err != nil || n != 1 {
			t.Errorf("%s by its own creation time: %d, %v", p.ID, n, err)
		}
	}
}

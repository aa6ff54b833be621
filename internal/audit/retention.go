package audit

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"entgo.io/ent/dialect"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/auditevent"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// archiveBatch is how many events Archive reads at a time.
const archiveBatch = 5000

// Archive is the retention job: it exports the events older than
// retention to a file in dir (gzip-compressed JSON lines, named by the
// period and the numbers it covers), then appends an "archive" event
// naming the last archived event and its hash (the chain's new anchor,
// see Verify) and removes the archived events, in one transaction. A
// prefix of the chain is archived: up to the event before the first one
// still within the period. It returns how many events it archived.
//
// It seals first (see Seal), so that what it archives is chained: on
// PostgreSQL a few events may still wait for their seal, and its own
// archive event is sealed in its transaction, before the events it
// covers are removed.
//
// On PostgreSQL it first makes sure the partitions of this month and the
// next exist (database.EnsureAuditPartitions), and it removes the events
// of a month older than the cutoff by dropping the month's partition; the
// events of the month the cutoff falls in, and those of the default
// partition, are deleted one by one, as on SQLite.
func Archive(ctx context.Context, db *database.DB, dir string, retention time.Duration) (int, error) {
	client := db.Client
	sys := viewer.SystemContext(ctx)
	if err := db.EnsureAuditPartitions(sys); err != nil {
		return 0, err
	}
	if _, err := Seal(sys, client); err != nil {
		return 0, err
	}
	now := client.Clock.Now().UTC()
	cutoff := now.Add(-retention)
	expired, err := expiredPartitions(sys, db, cutoff)
	if err != nil {
		return 0, err
	}
	from, _, err := anchorOf(sys, client)
	if err != nil {
		return 0, err
	}
	through, err := lastToArchive(sys, client, from, cutoff)
	if err != nil {
		return 0, err
	}
	if through <= from {
		// Nothing new to archive; a month archived earlier but not dropped
		// then (an event of it was later than the anchor) may go now.
		return 0, dropOnly(sys, db, expired, from)
	}
	name, count, head, err := export(sys, client, dir, from, through, cutoff)
	if err != nil {
		return 0, err
	}
	tx, err := beginRetention(sys, db, expired)
	if err != nil {
		return 0, err
	}
	mark := eventOf(entry{action: ActionArchive, recordType: "AuditEvent", operation: "audit retention"}, now.Truncate(time.Microsecond))
	mark.Records = map[string][]string{
		archivedThroughSeq: {strconv.FormatInt(through, 10)},
		archivedHeadHash:   {head},
		archiveFile:        {name},
		"archivedEvents":   {strconv.Itoa(count)},
	}
	if err := insert(sys, tx.Client(), []*ent.AuditEvent{mark}); err != nil {
		return 0, rollback(tx, err)
	}
	if db.Dialect == dialect.Postgres { // SQLite chained it in the insert
		if _, err := Seal(sys, tx.Client()); err != nil {
			return 0, rollback(tx, err)
		}
	}
	if err := dropArchived(sys, tx, expired, through, true); err != nil {
		return 0, rollback(tx, err)
	}
	_, err = tx.AuditEvent.Delete().Where(auditevent.Or(
		auditevent.SeqLTE(through),
		auditevent.And(auditevent.SeqIsNil(), auditevent.OccurredAtLT(cutoff)),
	)).Exec(access.ArchivingContext(sys))
	if err != nil {
		return 0, rollback(tx, fmt.Errorf("audit retention: %w", err))
	}
	return count, tx.Commit()
}

// dropOnly drops the expired partitions whose events were all archived
// through the anchor, in a transaction of its own; it exported nothing,
// so a partition holding unchained events stays.
func dropOnly(sys context.Context, db *database.DB, expired []database.AuditPartition, anchor int64) error {
	if len(expired) == 0 {
		return nil
	}
	tx, err := beginRetention(sys, db, expired)
	if err != nil {
		return err
	}
	if err := dropArchived(sys, tx, expired, anchor, false); err != nil {
		return rollback(tx, err)
	}
	return tx.Commit()
}

func rollback(tx *ent.Tx, err error) error {
	_ = tx.Rollback()
	return err
}

// lastToArchive is the number of the last event to archive: the one
// before the first event within the period, or the last event when all
// are older.
func lastToArchive(sys context.Context, client *ent.Client, from int64, cutoff time.Time) (int64, error) {
	recent, err := client.AuditEvent.Query().
		Where(auditevent.SeqGT(from), auditevent.OccurredAtGTE(cutoff)).
		Order(ent.Asc(auditevent.FieldSeq)).Select(auditevent.FieldSeq).First(sys)
	if err == nil {
		return *recent.Seq - 1, nil
	}
	if !ent.IsNotFound(err) {
		return 0, err
	}
	last, err := client.AuditEvent.Query().Where(auditevent.SeqNotNil()).
		Order(ent.Desc(auditevent.FieldSeq)).Select(auditevent.FieldSeq).First(sys)
	if ent.IsNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return *last.Seq, nil
}

// export writes the events after from up to through, and the unchained
// ones older than cutoff, to a new file in dir, and returns its name, how
// many events it holds and the hash of the last one. The file is written
// aside and renamed once complete, so that no half file bears the name.
func export(sys context.Context, client *ent.Client, dir string, from, through int64, cutoff time.Time) (string, int, string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", 0, "", fmt.Errorf("audit retention: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".audit-*.tmp")
	if err != nil {
		return "", 0, "", fmt.Errorf("audit retention: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename, a no-op
	zw := gzip.NewWriter(tmp)
	enc := json.NewEncoder(zw)
	var count int
	var first, last time.Time
	var head string
	note := func(ev *ent.AuditEvent) error {
		if count == 0 || ev.OccurredAt.Before(first) {
			first = ev.OccurredAt
		}
		if ev.OccurredAt.After(last) {
			last = ev.OccurredAt
		}
		count++
		return enc.Encode(ev)
	}
	legacy, err := client.AuditEvent.Query().Where(auditevent.SeqIsNil(), auditevent.OccurredAtLT(cutoff)).All(sys)
	if err != nil {
		return "", 0, "", err
	}
	for _, ev := range legacy {
		if err := note(ev); err != nil {
			return "", 0, "", err
		}
	}
	for after := from; after < through; {
		batch, err := client.AuditEvent.Query().Where(auditevent.SeqGT(after), auditevent.SeqLTE(through)).
			Order(ent.Asc(auditevent.FieldSeq)).Limit(archiveBatch).All(sys)
		if err != nil {
			return "", 0, "", err
		}
		if len(batch) == 0 {
			break
		}
		for _, ev := range batch {
			if err := note(ev); err != nil {
				return "", 0, "", err
			}
			after, head = *ev.Seq, deref(ev.Hash)
		}
	}
	if err := zw.Close(); err != nil {
		return "", 0, "", err
	}
	if err := tmp.Sync(); err != nil {
		return "", 0, "", err
	}
	if err := tmp.Close(); err != nil {
		return "", 0, "", err
	}
	name := fmt.Sprintf("audit-%s_%s-%d-%d.jsonl.gz", first.UTC().Format("20060102"), last.UTC().Format("20060102"), from+1, through)
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return "", 0, "", fmt.Errorf("audit retention: %w", err)
	}
	return name, count, head, nil
}

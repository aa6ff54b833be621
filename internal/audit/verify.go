package audit

import (
	"context"
	"fmt"
	"strconv"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/auditevent"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// Verification is what Verify found.
type Verification struct {
	// Events is how many chained events were checked.
	Events int
	// FirstSeq and LastSeq bound them; Head is the last one's hash, to
	// note down outside the database (a later Verify must reach it).
	FirstSeq, LastSeq int64
	Head              string
	// Anchor is where the chain starts: the genesis, or the hash of the
	// last event the retention job archived.
	Anchor string
	// Unchained counts events written before the chain was introduced
	// (on SQLite; on PostgreSQL, Seal chains them too).
	Unchained int
	// Problems lists every break found, in French; none means the chain
	// holds.
	Problems []string
}

// OK reports whether the chain holds.
func (v Verification) OK() bool { return len(v.Problems) == 0 }

// verifyBatch is how many events Verify reads at a time.
const verifyBatch = 2000

// Verify seals what waits for its seal (see Seal), then walks the audit
// chain in order and checks each event: its
// content hash matches its content, its previous hash is the hash of the
// event before it, its hash links the two, and no number is missing. The
// first event follows the genesis or, once the retention job removed
// older events, the archived head that the latest "archive" event names.
func Verify(ctx context.Context, client *ent.Client) (Verification, error) {
	sys := viewer.SystemContext(ctx)
	var out Verification
	if _, err := Seal(sys, client); err != nil {
		return out, err
	}
	unchained, err := client.AuditEvent.Query().Where(auditevent.SeqIsNil()).Count(sys)
	if err != nil {
		return out, err
	}
	out.Unchained = unchained
	anchorSeq, anchor, err := anchorOf(sys, client)
	if err != nil {
		return out, err
	}
	out.Anchor = anchor
	prevSeq, prevHash := anchorSeq, anchor
	for {
		batch, err := client.AuditEvent.Query().
			Where(auditevent.SeqNotNil(), auditevent.SeqGT(prevSeq)).
			Order(ent.Asc(auditevent.FieldSeq)).Limit(verifyBatch).All(sys)
		if err != nil {
			return out, err
		}
		for _, ev := range batch {
			seq := *ev.Seq
			if out.Events == 0 {
				out.FirstSeq = seq
			}
			out.Events++
			if seq != prevSeq+1 {
				out.Problems = append(out.Problems, missing(prevSeq+1, seq-1))
			}
			out.Problems = append(out.Problems, checkEvent(ev, prevHash)...)
			prevSeq, prevHash = seq, deref(ev.Hash)
		}
		if len(batch) < verifyBatch {
			break
		}
	}
	out.LastSeq, out.Head = prevSeq, prevHash
	if len(out.Problems) > 50 {
		n := len(out.Problems)
		out.Problems = append(out.Problems[:50], fmt.Sprintf("… et %d autres anomalies", n-50))
	}
	return out, nil
}

// missing names the events from first to last that the chain lacks.
func missing(first, last int64) string {
	if first == last {
		return fmt.Sprintf("événement %d manquant", first)
	}
	return fmt.Sprintf("événements %d à %d manquants", first, last)
}

// checkEvent lists what is wrong with one event, given the hash of the
// event before it.
func checkEvent(ev *ent.AuditEvent, prevHash string) []string {
	var problems []string
	seq := *ev.Seq
	content, err := ContentHash(ev)
	switch {
	case err != nil:
		problems = append(problems, fmt.Sprintf("événement %d (%s) : contenu illisible (%v)", seq, ev.ID, err))
	case content != deref(ev.ContentHash):
		problems = append(problems, fmt.Sprintf("événement %d (%s) : son contenu a été modifié", seq, ev.ID))
	}
	if deref(ev.PrevHash) != prevHash {
		problems = append(problems, fmt.Sprintf("événement %d (%s) : il ne suit pas l'événement précédent", seq, ev.ID))
	}
	link, err := database.ChainLink(deref(ev.PrevHash), deref(ev.ContentHash))
	if err != nil || link != deref(ev.Hash) {
		problems = append(problems, fmt.Sprintf("événement %d (%s) : son empreinte ne correspond pas", seq, ev.ID))
	}
	return problems
}

// anchorOf is where the chain starts: the archived head that the latest
// archive event names, or the genesis.
func anchorOf(sys context.Context, client *ent.Client) (int64, string, error) {
	last, err := client.AuditEvent.Query().
		Where(auditevent.Action(ActionArchive), auditevent.SeqNotNil()).
		Order(ent.Desc(auditevent.FieldSeq)).First(sys)
	if ent.IsNotFound(err) {
		return 0, database.ChainGenesis, nil
	}
	if err != nil {
		return 0, "", err
	}
	through, head := archivedHead(last)
	if through == 0 {
		return 0, database.ChainGenesis, nil
	}
	return through, head, nil
}

// archivedHead reads the last archived event's number and hash from an
// archive event.
func archivedHead(ev *ent.AuditEvent) (int64, string) {
	var seq int64
	if v := ev.Records[archivedThroughSeq]; len(v) == 1 {
		seq, _ = strconv.ParseInt(v[0], 10, 64)
	}
	var hash string
	if v := ev.Records[archivedHeadHash]; len(v) == 1 {
		hash = v[0]
	}
	return seq, hash
}

// The keys of an archive event's records.
const (
	archivedThroughSeq = "archivedThroughSeq"
	archivedHeadHash   = "archivedHeadHash"
	archiveFile        = "archiveFile"
)

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

package database

import (
	"context"
	"crypto/sha256"
	"database/sql/driver"
	"encoding/hex"
	"fmt"

	"modernc.org/sqlite"
)

// ChainGenesis is the previous hash of the first audit event.
const ChainGenesis = "0000000000000000000000000000000000000000000000000000000000000000"

// ChainLink is the hash of an audit event in the chain: SHA-256 of the
// previous event's hash followed by the hash of the event's content, both
// hexadecimal. The PostgreSQL trigger computes the same with sha256().
func ChainLink(prevHex, contentHex string) (string, error) {
	prev, err := hex.DecodeString(prevHex)
	if err != nil {
		return "", fmt.Errorf("audit chain: previous hash: %w", err)
	}
	content, err := hex.DecodeString(contentHex)
	if err != nil {
		return "", fmt.Errorf("audit chain: content hash: %w", err)
	}
	sum := sha256.Sum256(append(prev, content...))
	return hex.EncodeToString(sum[:]), nil
}

// sealBatch is how many events one call of audit_events_seal chains: each
// call is a statement of its own, so that outside a transaction a sealer
// lets the others take their turn between batches.
const sealBatch = 2000

// SealAuditEvents chains the committed audit events that are not chained
// yet and returns how many it chained. On PostgreSQL events are chained
// after they commit, by the migrations' audit_events_seal, so that
// writers do not take turns on the chain's lock; on SQLite, which has one
// writer at a time, the insert trigger chains each event at once and
// there is nothing left to seal (its audit_events_seal, below, answers 0).
func SealAuditEvents(ctx context.Context, q ExecQuerier) (int, error) {
	total := 0
	for {
		rows, err := q.QueryContext(ctx, `SELECT audit_events_seal($1)`, sealBatch)
		if err != nil {
			return total, fmt.Errorf("audit chain: %w", err)
		}
		var n int
		if rows.Next() {
			err = rows.Scan(&n)
		}
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return total, fmt.Errorf("audit chain: %w", err)
		}
		total += n
		if n < sealBatch {
			return total, nil
		}
	}
}

// LockAuditChain makes the PostgreSQL transaction tx the chain's only
// sealer until it ends (audit_events_seal takes the same lock, and takes
// it again at once in the transaction that holds it). A transaction that
// will also lock the table takes this lock first, as sealers do.
func LockAuditChain(ctx context.Context, tx ExecQuerier) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('portal.audit_events'))`)
	return err
}

// The SQLite chain trigger (see the migrations) calls portal_audit_link:
// SQLite has no SHA-256 of its own. audit_events_seal has nothing to do
// there (see SealAuditEvents).
func init() {
	err := sqlite.RegisterDeterministicScalarFunction("audit_events_seal", 1,
		func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error) { return int64(0), nil })
	if err != nil {
		panic(err)
	}
	err = sqlite.RegisterDeterministicScalarFunction("portal_audit_link", 2,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			prev, ok1 := args[0].(string)
			content, ok2 := args[1].(string)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("portal_audit_link: two hexadecimal texts expected")
			}
			return ChainLink(prev, content)
		})
	if err != nil {
		panic(err)
	}
}

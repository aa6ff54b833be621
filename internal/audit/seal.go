package audit

import (
	"context"

	"github.com/reseau-liens/portal/internal/platform/database"
)

// Seal chains the audit events written since the last seal and returns
// how many: on PostgreSQL an event is chained after its request commits
// (by the "audit-chain" job within a second, and by Verify and the
// retention job before they read the chain), so that requests logging
// their reads never wait for one another's commits; on SQLite the insert
// chains it at once and Seal finds nothing. q is the client or the
// transaction to seal in.
func Seal(ctx context.Context, q database.ExecQuerier) (int, error) {
	return database.SealAuditEvents(ctx, q)
}

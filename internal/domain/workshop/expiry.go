package workshop

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// A sent quote expires at its expires_at, set when it is sent: from that
// instant on it can no longer be answered. ExpireQuotes writes the status
// EXPIRED periodically; until it runs, answerable refuses the quote all the
// same, so an answer never depends on when the job last ran.

// ExpireQuotes moves every SENT quote whose expiry is at or before now to
// EXPIRED, in one UPDATE statement. It returns how many quotes expired.
func (s *Service) ExpireQuotes(ctx context.Context, now time.Time) (int, error) {
	// The scheduler runs this on behalf of nobody: the portal itself writes,
	// as no viewer's write rule would let it touch every provider's quotes.
	return database.ClientFor(ctx, s.client).Quote.Update().
		Where(quote.StatusEQ(quote.StatusSent), quote.ExpiresAtLTE(now)).
		SetStatus(quote.StatusExpired).
		Save(viewer.SystemContext(ctx))
}

// expired reports whether q can no longer be answered at now: it was
// marked EXPIRED, or it is SENT and its expiry has passed (the same
// condition as ExpireQuotes').
func expired(q *ent.Quote, now time.Time) bool {
	if q.Status == quote.StatusExpired {
		return true
	}
	return q.Status == quote.StatusSent && q.ExpiresAt != nil && !now.Before(*q.ExpiresAt)
}

// expiredError is the refusal of an answer to an expired quote.
func expiredError(q *ent.Quote) *apierror.Error {
	if q.ExpiresAt == nil {
		return apierror.New(QuoteExpired, "ws.quote_expired").OnField("input", "quoteID")
	}
	return apierror.New(QuoteExpired, "ws.quote_expired_on", i18n.Day(*q.ExpiresAt)).OnField("input", "quoteID")
}

package workshop

import "github.com/reseau-liens/portal/internal/platform/apierror"

// The codes of the changes to planned workshops (sessions.go,
// series_changes.go, quote_requests.go).
const (
	// SessionStarted: a session that has begun is neither cancelled nor moved.
	SessionStarted apierror.Code = "SESSION_STARTED"
	// QuoteAlreadyPriced: a request is edited only until the practitioner prices it.
	QuoteAlreadyPriced apierror.Code = "QUOTE_ALREADY_PRICED"
)

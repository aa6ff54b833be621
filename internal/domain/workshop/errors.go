package workshop

import "github.com/reseau-liens/portal/internal/platform/apierror"

// The codes of the workshop rules, returned in mutation payloads.
const (
	// InvalidTransition: the quote or booking is not in a state that allows the step.
	InvalidTransition apierror.Code = "INVALID_TRANSITION"
	// QuoteExpired: a sent quote can no longer be answered after its expiry date.
	QuoteExpired apierror.Code = "QUOTE_EXPIRED"
	// QuoteNotPriced: a quote is sent only once it has lines.
	QuoteNotPriced apierror.Code = "QUOTE_NOT_PRICED"
	// NotAWorkshop: quotes and series exist for workshop programmes only.
	NotAWorkshop apierror.Code = "NOT_A_WORKSHOP"
	// GroupTooLarge: a group exceeds the programme's group size limit.
	GroupTooLarge apierror.Code = "GROUP_TOO_LARGE"
	// InvalidSchedule: the dates given cannot hold the quoted sessions.
	InvalidSchedule apierror.Code = "INVALID_SCHEDULE"
	// SeriesClosed: the series is cancelled or has already begun.
	SeriesClosed apierror.Code = "SERIES_CLOSED"
	// ChildTooYoung: the child is under the programme's minimum age at the first session.
	ChildTooYoung apierror.Code = "CHILD_TOO_YOUNG"
	// AlreadyBooked: the child already holds a booking in the series.
	AlreadyBooked apierror.Code = "ALREADY_BOOKED"
	// ChildOfAnotherProvider: the child's family is followed by another provider.
	ChildOfAnotherProvider apierror.Code = "CHILD_OF_ANOTHER_PROVIDER"
	// IdempotencyKeyReused: the key was first used for another request.
	IdempotencyKeyReused apierror.Code = "IDEMPOTENCY_KEY_REUSED"
	// SessionNotStarted: attendance is recorded once a session has begun.
	SessionNotStarted apierror.Code = "SESSION_NOT_STARTED"
	// NotBookedInSeries: attendance is for confirmed bookings of the session's series.
	NotBookedInSeries apierror.Code = "NOT_BOOKED_IN_SERIES"
	// SeriesReserved: a series made from a partner's quote is booked by that
	// partner only, until a coordinator opens it.
	SeriesReserved apierror.Code = "SERIES_RESERVED"
)

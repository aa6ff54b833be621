package schema

import "github.com/reseau-liens/portal/internal/platform/statemachine"

// The status machines of the portal, each a map from a status to the
// statuses it may move to, enforced by the schemas' hooks
// (statemachine.Guard) on every write. The domain packages read them to
// word their refusals and to decide what comes next.

// AccompanimentMoves: requested → evaluating → active → closed, with the
// side exits. An unanswered request expires; an active file is withdrawn,
// interrupted (a MADI continuing it), suspended (hospitalisation, move)
// or closed with its final report; a suspended file resumes, or the family
// withdraws.
var AccompanimentMoves = statemachine.Machine[string]{
	"REQUESTED":  {"EVALUATING", "DECLINED", "WITHDRAWN", "EXPIRED"},
	"EVALUATING": {"ACTIVE", "DECLINED", "WITHDRAWN", "EXPIRED"},
	"ACTIVE":     {"CLOSED", "WITHDRAWN", "INTERRUPTED", "SUSPENDED"},
	"SUSPENDED":  {"ACTIVE", "WITHDRAWN"},
}

// ExtensionMoves: the financer's prescriber approves or refuses a
// requested extension.
var ExtensionMoves = statemachine.Machine[string]{
	"REQUESTED": {"APPROVED", "REFUSED"},
}

// PartnerLinkMoves: a proposed link is activated; an active one
// suspended and resumed; any live link ended; an ended one proposed again,
// its history continuing.
var PartnerLinkMoves = statemachine.Machine[string]{
	"PROPOSED":  {"ACTIVE", "ENDED"},
	"ACTIVE":    {"SUSPENDED", "ENDED"},
	"SUSPENDED": {"ACTIVE", "ENDED"},
	"ENDED":     {"PROPOSED"},
}

// QuoteMoves: the practitioner sends a requested quote; the partner
// accepts or declines a sent one before it expires. A partner withdraws
// its own request until it is sent (then it declines).
var QuoteMoves = statemachine.Machine[string]{
	"REQUESTED": {"SENT", "CANCELLED"},
	"SENT":      {"ACCEPTED", "DECLINED", "EXPIRED"},
}

// BookingMoves: a waiting booking is confirmed when a seat frees; any
// live booking may be cancelled.
var BookingMoves = statemachine.Machine[string]{
	"WAITING":   {"CONFIRMED", "CANCELLED"},
	"CONFIRMED": {"CANCELLED"},
}

// WorkshopSeriesMoves: a scheduled series may be cancelled.
var WorkshopSeriesMoves = statemachine.Machine[string]{
	"SCHEDULED": {"CANCELLED"},
}

// OrientationOutcomeMoves: a pending orientation is joined, declined or
// left without response by the family; one without response may still be
// joined or declined later. Joined and declined are final.
var OrientationOutcomeMoves = statemachine.Machine[string]{
	"PENDING":     {"JOINED", "DECLINED", "NO_RESPONSE"},
	"NO_RESPONSE": {"JOINED", "DECLINED"},
}

// DirectoryOfferMoves: a published offer is withdrawn (for a while: it
// may be published again) or archived; a withdrawn one archived.
// Archived is final. Only published offers are found by the search.
var DirectoryOfferMoves = statemachine.Machine[string]{
	"PUBLISHED": {"WITHDRAWN", "ARCHIVED"},
	"WITHDRAWN": {"PUBLISHED", "ARCHIVED"},
}

// QuoteRequestEditable: the partner's request (children, groups, weeks,
// place, travel) is edited while the quote is REQUESTED only; package
// workshop also refuses once the practitioner has priced it.
var QuoteRequestEditable = []string{"REQUESTED"}

// QuoteRequestFields are the fields of the partner's request.
var QuoteRequestFields = []string{
	"children_count", "group_size", "sessions_per_week", "weeks", "place", "travel_km",
}

// WorkshopSessionMoves: a scheduled session may be cancelled (a move
// keeps it scheduled).
var WorkshopSessionMoves = statemachine.Machine[string]{
	"SCHEDULED": {"CANCELLED"},
}

// AppointmentMoves: a planned appointment is held (and becomes a contact
// event) or cancelled; both are final.
var AppointmentMoves = statemachine.Machine[string]{
	"PLANNED": {"HELD", "CANCELLED"},
}

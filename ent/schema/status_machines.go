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
// accepts or declines a sent one before it expires.
var QuoteMoves = statemachine.Machine[string]{
	"REQUESTED": {"SENT"},
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

package notify

import (
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/outboxmessage"
)

// wording is how one kind of notice reads: its title (the mail's subject)
// and its text, catalogue keys whose arguments are, in order, the family's
// reference, the programme's name, the notice's detail and its day (see
// Notice). mailTo is the outbox's word for who receives it.
type wording struct {
	title, text string
	mailTo      outboxmessage.RecipientKind
}

// catalogue is every kind of notice, in the order preferences list them;
// a kind missing here cannot be sent (a test checks that it covers the
// schema's enum).
var catalogue = []struct {
	kind notification.Kind
	wording
}{
	{notification.KindRequestReceived, wording{"notify.request_received.title", "notify.request_received.text", outboxmessage.RecipientKindCoordinator}},
	{notification.KindRequestUnanswered, wording{"notify.request_unanswered.title", "notify.request_unanswered.text", outboxmessage.RecipientKindCoordinator}},
	{notification.KindEducatorAssigned, wording{"notify.educator_assigned.title", "notify.educator_assigned.text", outboxmessage.RecipientKindEducator}},
	{notification.KindRequestValidated, wording{"notify.request_validated.title", "notify.request_validated.text", outboxmessage.RecipientKindPrescriber}},
	{notification.KindRequestDeclined, wording{"notify.request_declined.title", "notify.request_declined.text", outboxmessage.RecipientKindPrescriber}},
	{notification.KindFirstAppointmentSet, wording{"notify.first_appointment_set.title", "notify.first_appointment_set.text", outboxmessage.RecipientKindPrescriber}},
	{notification.KindRequestExpired, wording{"notify.request_expired.title", "notify.request_expired.text", outboxmessage.RecipientKindPrescriber}},
	{notification.KindFinalReportDelivered, wording{"notify.final_report_delivered.title", "notify.final_report_delivered.text", outboxmessage.RecipientKindPrescriber}},
	// A workshop's notices name its series' title where a file's name
	// the programme (see workshop.tellBookers).
	{notification.KindSessionCancelled, wording{"notify.session_cancelled.title", "notify.workshop.text", outboxmessage.RecipientKindPartner}},
	{notification.KindSessionMoved, wording{"notify.session_moved.title", "notify.workshop.text", outboxmessage.RecipientKindPartner}},
	{notification.KindSeriesCancelled, wording{"notify.series_cancelled.title", "notify.workshop.text", outboxmessage.RecipientKindPartner}},
}

// Kinds lists every kind of notice, in the catalogue's order.
func Kinds() []notification.Kind {
	all := make([]notification.Kind, len(catalogue))
	for i, k := range catalogue {
		all[i] = k.kind
	}
	return all
}

// wordingOf returns how kind reads; ok is false for a kind the catalogue
// lacks.
func wordingOf(kind notification.Kind) (w wording, ok bool) {
	for _, k := range catalogue {
		if k.kind == kind {
			return k.wording, true
		}
	}
	return wording{}, false
}

package accompaniment

import (
	"github.com/reseau-liens/portal/internal/domain/consent"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// The codes of the workflow's rules, returned in mutation payloads.
const (
	// InvalidTransition: the status machine does not allow this step from
	// the current status.
	InvalidTransition = statemachine.InvalidTransition
	// NotActive: the step needs a validated, running accompaniment.
	NotActive apierror.Code = "NOT_ACTIVE"
	// ConsentRequired: the family has not consented to be accompanied
	// (raised by package consent, named here for the workflow's callers).
	ConsentRequired = consent.Required
	// NotEligible: the family is under a measure the programme excludes.
	NotEligible apierror.Code = "NOT_ELIGIBLE"
	// CapacityReached: the programme already follows its maximum of families.
	CapacityReached apierror.Code = "CAPACITY_REACHED"
	// ConventionFull: every place of the financer's convention is taken.
	ConventionFull apierror.Code = "CONVENTION_FULL"
	// ReasonRequired: a withdrawal, an interruption or a decline for
	// another reason needs a text.
	ReasonRequired apierror.Code = "REASON_REQUIRED"
	// ContactBeforeStart: a contact dated before the first appointment, or
	// with no first appointment yet.
	ContactBeforeStart apierror.Code = "CONTACT_BEFORE_START"
	// ContactAfterClose: a contact dated after the accompaniment closed.
	ContactAfterClose apierror.Code = "CONTACT_AFTER_CLOSE"
	// ContactInFuture: a contact dated after now; contacts are recorded
	// once they took place.
	ContactInFuture apierror.Code = "CONTACT_IN_FUTURE"
	// FirstAppointmentTooOld: a first appointment more than the
	// programme's duration ago, so that the accompaniment would be over.
	FirstAppointmentTooOld apierror.Code = "FIRST_APPOINTMENT_TOO_OLD"
	// RequestingGuardianRequired: a new family names no requesting
	// guardian, in whose name the documents are written.
	RequestingGuardianRequired apierror.Code = "REQUESTING_GUARDIAN_REQUIRED"
	// ReportBeforeStart: the final report before the start date.
	ReportBeforeStart apierror.Code = "REPORT_BEFORE_START"
	// WrongDocumentKind: the programme uses another founding document, or
	// the kind is not written with this mutation.
	WrongDocumentKind apierror.Code = "WRONG_DOCUMENT_KIND"
	// DocumentExists: the document is already written; revise it instead.
	DocumentExists apierror.Code = "DOCUMENT_EXISTS"
	// DocumentDelivered: a delivered final report cannot be revised.
	DocumentDelivered apierror.Code = "DOCUMENT_DELIVERED"
	// NotAnEducator: an assigned person is not an educator or practitioner
	// of the provider.
	NotAnEducator apierror.Code = "NOT_AN_EDUCATOR"
	// NotAnAccompaniment: the programme is a workshop.
	NotAnAccompaniment apierror.Code = "NOT_AN_ACCOMPANIMENT"
	// NotContinuable: no programme of the provider continues this one, or
	// it is already continued.
	NotContinuable apierror.Code = "NOT_CONTINUABLE"
	// SelfReferralNotAllowed: the programme takes referred families only.
	SelfReferralNotAllowed apierror.Code = "SELF_REFERRAL_NOT_ALLOWED"
	// DateOutOfRange: a suspension or resumption dated before the file's
	// start, before the suspension, or after today.
	DateOutOfRange apierror.Code = "DATE_OUT_OF_RANGE"
	// ExtensionTooLong: the extensions of a file would add more than
	// MaxExtensionMonths months.
	ExtensionTooLong apierror.Code = "EXTENSION_TOO_LONG"
	// ExtensionPending: an extension of the file awaits the financer's
	// decision.
	ExtensionPending apierror.Code = "EXTENSION_PENDING"
	// NoFinancer: no organisation finances the place, so no one can
	// approve an extension.
	NoFinancer apierror.Code = "NO_FINANCER"
)

func notFound(field ...string) error {
	return apierror.New(apierror.NotFound, "error.not_found").OnField(field...)
}

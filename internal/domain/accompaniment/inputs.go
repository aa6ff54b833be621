package accompaniment

import (
	"time"

	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/contactevent"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/schema/types"
)

// The inputs of the workflow's mutations, bound to the GraphQL input types
// of the same names (schema/accompaniment.graphql).

// RequestAccompanimentInput asks for an accompaniment of a family: an
// existing one (FamilyID) or one described here (Family).
type RequestAccompanimentInput struct {
	ProgrammeID pulid.ID
	FamilyID    *pulid.ID
	Family      *NewFamilyInput
	FinancerID  *pulid.ID
	Note        *string
}

// NewFamilyInput describes a family, its guardians and children.
type NewFamilyInput struct {
	Territory              string
	HouseholdComposition   family.HouseholdComposition
	SocioEconomicSituation *family.SocioEconomicSituation
	ProtectiveMeasures     []types.ProtectiveMeasure
	// PostalAddress and Phone are where and how the educator reaches the
	// family for home visits (sensitive).
	PostalAddress *string
	Phone         *string
	Guardians     []*NewGuardianInput
	Children      []*NewChildInput
}

// NewGuardianInput is a parent or caregiver of a new family.
type NewGuardianInput struct {
	FirstName    string
	LastName     string
	Relationship guardian.Relationship
	Requester    *bool
	Phone        *string
	Email        *string
}

// NewChildInput is a child of a new family.
type NewChildInput struct {
	FirstName   string
	BirthDate   time.Time
	SchoolLevel *child.SchoolLevel
}

// AccompanimentStepInput names the accompaniment of a step with no other
// data (starting the evaluation, validating).
type AccompanimentStepInput struct {
	AccompanimentID pulid.ID
}

// DeclineAccompanimentInput declines a request with a reason.
type DeclineAccompanimentInput struct {
	AccompanimentID pulid.ID
	Reason          entacc.DeclineReason
	Text            *string
}

// EndAccompanimentInput withdraws or interrupts with a reason.
type EndAccompanimentInput struct {
	AccompanimentID pulid.ID
	Reason          string
}

// AssignEducatorsInput sets the educators of an accompaniment.
type AssignEducatorsInput struct {
	AccompanimentID pulid.ID
	EducatorIDs     []pulid.ID
}

// SetFirstAppointmentInput sets the first appointment, hence the dates.
type SetFirstAppointmentInput struct {
	AccompanimentID pulid.ID
	At              time.Time
}

// RecordContactInput is one contact of the educator with the family.
type RecordContactInput struct {
	AccompanimentID pulid.ID
	Kind            contactevent.Kind
	OccurredAt      time.Time
	DurationMinutes int
	Note            *string
}

// WriteDocumentInput writes the first revision of a document.
type WriteDocumentInput struct {
	AccompanimentID pulid.ID
	Kind            document.Kind
	Body            *string
	Stakes          *string
	Missions        *string
	Work            *string
}

// ReviseDocumentInput adds a revision to a document.
type ReviseDocumentInput struct {
	DocumentID pulid.ID
	Body       *string
	Stakes     *string
	Missions   *string
	Work       *string
}

// CloseWithFinalReportInput closes an accompaniment with its report.
type CloseWithFinalReportInput struct {
	AccompanimentID pulid.ID
	Body            string
}

// ContinueAsMADIInput continues a MIP as a MADI.
type ContinueAsMADIInput struct {
	AccompanimentID pulid.ID
}

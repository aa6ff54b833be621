package network

import (
	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// The codes of the network's rule violations.
const (
	// InvalidTransition: the link's status does not allow this change.
	InvalidTransition = statemachine.InvalidTransition
	// LinkNotActive: the provider and the organisation have no active
	// link (none, proposed, suspended or ended).
	LinkNotActive apierror.Code = "LINK_NOT_ACTIVE"
	// LinkExists: the provider already has a live link with the
	// organisation.
	LinkExists apierror.Code = "LINK_EXISTS"
	// ConventionOverlap: a convention for the same programme and partner
	// already covers part of the period.
	ConventionOverlap apierror.Code = "CONVENTION_OVERLAP"
	// InvalidPeriod: a period that ends before it starts.
	InvalidPeriod apierror.Code = "INVALID_PERIOD"
	// ProgrammeNotOfProvider: the programme belongs to another provider.
	ProgrammeNotOfProvider apierror.Code = "PROGRAMME_NOT_OF_PROVIDER"
	// AlreadyMember: the person already has a current membership in the
	// organisation.
	AlreadyMember apierror.Code = "ALREADY_MEMBER"
	// MembershipEnded: the membership was ended; it can no longer change.
	MembershipEnded apierror.Code = "MEMBERSHIP_ENDED"
)

// notFound turns ent's not-found error into a user error on a field.
func notFound(err error, key string, field ...string) error {
	if ent.IsNotFound(err) {
		return apierror.New(apierror.NotFound, key).OnField(field...)
	}
	return err
}

package consent

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	entconsent "github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// The codes of this package's user errors.
const (
	// Required: the family has not given (or has withdrawn) the consent a
	// purpose needs.
	Required apierror.Code = "CONSENT_REQUIRED"
	// AlreadyGiven: the family's consent for that purpose is in force.
	AlreadyGiven apierror.Code = "CONSENT_ALREADY_GIVEN"
	// AlreadyWithdrawn: the consent was withdrawn before.
	AlreadyWithdrawn apierror.Code = "CONSENT_ALREADY_WITHDRAWN"
)

// Require returns nil when the family's consent for purpose is in force,
// and a CONSENT_REQUIRED error otherwise. It reads as the portal: whoever
// asks for the purpose (a prescriber requesting an accompaniment) may not
// read the family's consents themselves, and must still be refused.
func Require(ctx context.Context, client *ent.Client, familyID pulid.ID, purpose entconsent.Purpose) error {
	ok, err := InForce(ctx, client, familyID, purpose)
	if err != nil {
		return err
	}
	if !ok {
		return apierror.New(Required, "consent.required", describe(purpose))
	}
	return nil
}

// InForce reports whether the family's consent for purpose is given and
// not withdrawn, read as the portal (see Require).
func InForce(ctx context.Context, client *ent.Client, familyID pulid.ID, purpose entconsent.Purpose) (bool, error) {
	client = database.ClientFor(ctx, client) // within a mutation, its transaction
	return client.Consent.Query().
		Where(inForce(familyID, purpose)...).
		Exist(viewer.SystemContext(ctx))
}

// RecordConsentInput is the input of recordConsent.
type RecordConsentInput struct {
	FamilyID pulid.ID
	Purpose  entconsent.Purpose
}

// WithdrawConsentInput is the input of withdrawConsent.
type WithdrawConsentInput struct {
	ConsentID pulid.ID
}

// Record records the family's consent for purpose, given now, by the
// viewer. The access rules decide who may (the coordinators of the
// family's provider and its assigned educators).
func (s *Service) Record(ctx context.Context, in RecordConsentInput) (*ent.Consent, error) {
	familyID, purpose := in.FamilyID, in.Purpose
	client := database.ClientFor(ctx, s.client) // within a mutation, its transaction
	if err := entconsent.PurposeValidator(purpose); err != nil {
		return nil, apierror.New(apierror.BadUserInput, "consent.unknown_purpose").OnField("input", "purpose")
	}
	if _, err := client.Family.Get(ctx, familyID); err != nil {
		return nil, err // NOT_FOUND when out of the viewer's scope too
	}
	given, err := client.Consent.Query().Where(inForce(familyID, purpose)...).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if given {
		return nil, apierror.New(AlreadyGiven, "consent.already_given", describe(purpose)).OnField("input", "purpose")
	}
	return client.Consent.Create().
		SetFamilyID(familyID).
		SetPurpose(purpose).
		SetGivenAt(client.Clock.Now()).
		SetRecordedByID(viewer.FromContext(ctx).PersonID).
		Save(ctx)
}

// Withdraw records the withdrawal of a consent, now, by the viewer. The
// consent is kept: its history is the proof of what was allowed when.
func (s *Service) Withdraw(ctx context.Context, in WithdrawConsentInput) (*ent.Consent, error) {
	consentID := in.ConsentID
	client := database.ClientFor(ctx, s.client) // within a mutation, its transaction
	c, err := client.Consent.Get(ctx, consentID)
	if err != nil {
		return nil, err
	}
	if c.WithdrawnAt != nil {
		return nil, apierror.New(AlreadyWithdrawn, "consent.already_withdrawn", i18n.Day(*c.WithdrawnAt)).OnField("input", "consentID")
	}
	return client.Consent.UpdateOne(c).
		SetWithdrawnAt(client.Clock.Now()).
		SetWithdrawnByID(viewer.FromContext(ctx).PersonID).
		Save(ctx)
}

func inForce(familyID pulid.ID, purpose entconsent.Purpose) []predicate.Consent {
	return []predicate.Consent{
		entconsent.FamilyID(familyID),
		entconsent.PurposeEQ(purpose),
		entconsent.WithdrawnAtIsNil(),
	}
}

func describe(p entconsent.Purpose) any {
	switch p {
	case entconsent.PurposeAccompaniment:
		return i18n.T("consent.purpose.accompaniment")
	case entconsent.PurposeSharingWithPrescriber:
		return i18n.T("consent.purpose.sharing_with_prescriber")
	case entconsent.PurposePartnerContact:
		return i18n.T("consent.purpose.partner_contact")
	}
	return string(p)
}

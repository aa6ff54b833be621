package accompaniment

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	entconsent "github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/reportdelivery"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/consent"
)

// recipient is one addressee the final report is owed to, or withheld
// from with a reason the coordinator reads in the file's history.
type recipient struct {
	kind     reportdelivery.Recipient
	id       pulid.ID // guardian, person or organisation
	address  string
	withheld string // the catalogue key of why no copy leaves; empty when it is sent
}

// The reasons a copy is withheld, as the file's history shows them
// (catalogue keys, written in French).
const (
	noRequester         = "acc.report_withheld.no_requester"
	noGuardianAddress   = "acc.report_withheld.no_guardian_address"
	noSharingConsent    = "acc.report_withheld.no_sharing_consent"
	noPrescriberAddress = "acc.report_withheld.no_prescriber_address"
	noFinancerAddress   = "acc.report_withheld.no_financer_address"
)

// reportRecipients lists to whom the final report of a goes, following the
// brochure: the requesting parents who have an address, then a copy to the
// prescriber and to the financer ("copie jointe au prescripteur/financeur"),
// each only while the family consents to share its file. It reads as the
// portal: an educator closing the file may not browse the partners, yet
// the copies are owed to them.
func reportRecipients(ctx context.Context, c *ent.Client, a *ent.Accompaniment) ([]recipient, error) {
	sys := viewer.SystemContext(ctx)
	requesters, err := c.Guardian.Query().Where(guardian.FamilyID(a.FamilyID), guardian.Requester(true)).
		Order(ent.Asc(guardian.FieldCreatedAt), ent.Asc(guardian.FieldID)).All(sys)
	if err != nil {
		return nil, err
	}
	var out []recipient
	if len(requesters) == 0 {
		out = append(out, recipient{kind: reportdelivery.RecipientGuardian, withheld: noRequester})
	}
	for _, g := range requesters {
		r := recipient{kind: reportdelivery.RecipientGuardian, id: g.ID, address: g.Email}
		if g.Email == "" {
			r.withheld = noGuardianAddress
		}
		out = append(out, r)
	}

	shared, err := consent.InForce(ctx, c, a.FamilyID, entconsent.PurposeSharingWithPrescriber)
	if err != nil {
		return nil, err
	}
	var prescriberAddress string
	if a.PrescriberID != nil {
		p, err := c.Person.Get(sys, *a.PrescriberID)
		if err != nil {
			return nil, err
		}
		prescriberAddress = p.Email
		r := recipient{kind: reportdelivery.RecipientPrescriber, id: p.ID, address: p.Email}
		switch {
		case !shared:
			r = recipient{kind: reportdelivery.RecipientPrescriber, withheld: noSharingConsent}
		case p.Email == "":
			r.withheld = noPrescriberAddress
		}
		out = append(out, r)
	}

	financerID, err := financerOf(sys, c, a)
	if err != nil || financerID == nil {
		return out, err
	}
	org, err := c.Organisation.Get(sys, *financerID)
	if err != nil {
		return nil, err
	}
	switch {
	case !shared:
		out = append(out, recipient{kind: reportdelivery.RecipientFinancer, withheld: noSharingConsent})
	case org.ContactEmail == "":
		out = append(out, recipient{kind: reportdelivery.RecipientFinancer, withheld: noFinancerAddress})
	case org.ContactEmail != prescriberAddress: // the same mailbox gets one copy
		out = append(out, recipient{kind: reportdelivery.RecipientFinancer, id: org.ID, address: org.ContactEmail})
	}
	return out, nil
}

// financerOf is the organisation that finances the place: the
// convention's financer, else the one named with the request.
func financerOf(ctx context.Context, c *ent.Client, a *ent.Accompaniment) (*pulid.ID, error) {
	if a.ConventionID != nil {
		conv, err := c.Convention.Get(ctx, *a.ConventionID)
		if err != nil {
			return nil, err
		}
		return &conv.FinancerID, nil
	}
	return a.FinancerID, nil
}

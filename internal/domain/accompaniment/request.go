package accompaniment

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/reseau-liens/portal/internal/domain/network"
	"github.com/reseau-liens/portal/internal/domain/people"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/programme"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// Request records a request for an accompaniment. A prescriber requests in
// their own and their organisation's name; a coordinator of the programme's
// provider records a family's own request (self-referral). The family is
// either an existing one of the programme's provider that the viewer can
// see, or created here with its guardians and children.
func (s *Service) Request(ctx context.Context, in RequestAccompanimentInput) (*ent.Accompaniment, error) {
	c := database.ClientFor(ctx, s.client)
	v := viewer.FromContext(ctx)
	prog, err := c.Programme.Get(ctx, in.ProgrammeID)
	if ent.IsNotFound(err) {
		return nil, notFound("input", "programmeID")
	} else if err != nil {
		return nil, err
	}
	if prog.Kind != programme.KindAccompaniment {
		return nil, apierror.New(NotAnAccompaniment, "acc.workshop_not_accompaniment", prog.Code).OnField("input", "programmeID")
	}
	if err := access.CanRequestAccompaniment(v, prog.ProviderID); err != nil {
		return nil, err
	}
	selfReferral := v.IsCoordinatorOf(prog.ProviderID)
	var orgID pulid.ID
	if !selfReferral {
		orgID = v.OrganisationIDs(membership.RolePrescriber)[0]
		// A suspended or ended partnership stops its referrals at once.
		if err := network.RequireActiveLink(ctx, c, prog.ProviderID, orgID); err != nil {
			return nil, err
		}
	} else if !prog.SelfReferralAllowed {
		return nil, apierror.New(SelfReferralNotAllowed, "acc.referred_only", prog.Code)
	}
	if (in.FamilyID == nil) == (in.Family == nil) {
		return nil, apierror.New(apierror.BadUserInput, "acc.family_or_id").OnField("input", "family")
	}
	if in.Family != nil {
		if err := checkFamily(in.Family, s.client.Clock.Now()); err != nil {
			return nil, err
		}
	}
	var fam *ent.Family
	if in.FamilyID != nil {
		fam, err = c.Family.Query().Where(family.ID(*in.FamilyID), family.ProviderID(prog.ProviderID)).Only(ctx)
		if ent.IsNotFound(err) {
			return nil, notFound("input", "familyID")
		} else if err != nil {
			return nil, err
		}
	}
	if in.FinancerID != nil {
		if _, err := c.Organisation.Get(ctx, *in.FinancerID); ent.IsNotFound(err) {
			return nil, notFound("input", "financerID")
		} else if err != nil {
			return nil, err
		}
	}

	// Checks done: write.
	if fam == nil {
		if fam, err = createFamily(ctx, c, prog.ProviderID, in.Family); err != nil {
			return nil, err
		}
	}
	create := c.Accompaniment.Create().
		SetProviderID(prog.ProviderID).
		SetProgrammeID(prog.ID).
		SetFamilyID(fam.ID).
		SetSelfReferral(selfReferral).
		SetNillableFinancerID(in.FinancerID)
	if in.Note != nil {
		create.SetRequestNote(*in.Note)
	}
	if !selfReferral {
		create.SetPrescriberID(v.PersonID).SetPrescriberOrganisationID(orgID)
	}
	a, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	if in.Family != nil {
		// Members come after the request: a prescriber may only add them
		// to a family they referred.
		if err := addMembers(ctx, c, fam, in.Family); err != nil {
			return nil, err
		}
	}
	coordinators, err := coordinatorsOf(ctx, c, prog.ProviderID)
	if err != nil {
		return nil, err
	}
	if err := tell(ctx, c, a, notification.KindRequestReceived, coordinators, "", nil); err != nil {
		return nil, err
	}
	return a, nil
}

// checkFamily refuses what would make a new family's file false: a name
// left empty, a child born in the future, no guardian in whose name the
// documents are written. It trims the names in place.
func checkFamily(in *NewFamilyInput, now time.Time) error {
	var err error
	if in.PostalAddress, in.Phone, err = checkFamilyContact(in.PostalAddress, in.Phone, "input", "family"); err != nil {
		return err
	}
	requester := false
	for i, g := range in.Guardians {
		field := func(name string) []string { return []string{"input", "family", "guardians", strconv.Itoa(i), name} }
		var err error
		if g.FirstName, err = people.Name(g.FirstName, people.MaxNameBytes, i18n.T("people.guardian_first_name"), field("firstName")...); err != nil {
			return err
		}
		if g.LastName, err = people.Name(g.LastName, people.MaxNameBytes, i18n.T("people.guardian_last_name"), field("lastName")...); err != nil {
			return err
		}
		if g.Email != nil && strings.TrimSpace(*g.Email) != "" {
			email, err := people.Email(*g.Email, field("email")...)
			if err != nil {
				return err
			}
			g.Email = &email
		} else {
			g.Email = nil
		}
		if g.Phone != nil && strings.TrimSpace(*g.Phone) != "" {
			phone, err := people.Phone(*g.Phone, field("phone")...)
			if err != nil {
				return err
			}
			g.Phone = &phone
		} else {
			g.Phone = nil
		}
		requester = requester || (g.Requester != nil && *g.Requester)
	}
	if !requester {
		return apierror.New(RequestingGuardianRequired,
			"acc.requesting_guardian").
			OnField("input", "family", "guardians")
	}
	for i, ch := range in.Children {
		field := func(name string) []string { return []string{"input", "family", "children", strconv.Itoa(i), name} }
		var err error
		if ch.FirstName, err = people.Name(ch.FirstName, people.MaxNameBytes, i18n.T("people.child_first_name"), field("firstName")...); err != nil {
			return err
		}
		if err := people.BirthDate(ch.BirthDate, now, field("birthDate")...); err != nil {
			return err
		}
	}
	return nil
}

func createFamily(ctx context.Context, c *ent.Client, providerID pulid.ID, in *NewFamilyInput) (*ent.Family, error) {
	ref, err := newReference()
	if err != nil {
		return nil, err
	}
	return c.Family.Create().
		SetProviderID(providerID).
		SetReference(ref).
		SetTerritory(strings.TrimSpace(in.Territory)).
		SetHouseholdComposition(in.HouseholdComposition).
		SetNillableSocioEconomicSituation(in.SocioEconomicSituation).
		SetProtectiveMeasures(in.ProtectiveMeasures).
		SetNillablePostalAddress(in.PostalAddress).
		SetNillablePhone(in.Phone).
		Save(ctx)
}

func addMembers(ctx context.Context, c *ent.Client, fam *ent.Family, in *NewFamilyInput) error {
	for _, g := range in.Guardians {
		create := c.Guardian.Create().SetFamilyID(fam.ID).
			SetFirstName(g.FirstName).SetLastName(g.LastName).SetRelationship(g.Relationship).
			SetNillableRequester(g.Requester).SetNillablePhone(g.Phone).SetNillableEmail(g.Email)
		if err := create.Exec(ctx); err != nil {
			return err
		}
	}
	for _, ch := range in.Children {
		err := c.Child.Create().SetFamilyID(fam.ID).SetFirstName(ch.FirstName).
			SetBirthDate(ch.BirthDate).SetNillableSchoolLevel(ch.SchoolLevel).Exec(ctx)
		if err != nil {
			return err
		}
	}
	return nil
}

// newReference draws a pseudonymous family reference.
func newReference() (string, error) {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "FAM-" + strings.ToUpper(hex.EncodeToString(b)), nil
}

package demo

import (
	"fmt"

	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/domain/auth"
)

// Where a demo account's membership is.
const (
	atABL      = "provider:au-bonheur-des-liens"
	atReliance = "provider:reliance"
)

// account is one demo person and their single membership: at is a
// provider (atABL, atReliance) or an organisation key.
type account struct {
	key, displayName, email string
	role                    membership.Role
	at                      string
	about                   string // shown by PrintWelcome
}

// accounts lists the demo people in the order PrintWelcome shows them.
var accounts = []account{
	{Coordinator, "Claire Coordinatrice (démo)", "claire.coordinatrice@demo.invalid",
		membership.RoleCoordinator, atABL, "coordinator of Au bonheur des liens: sees all its families"},
	{Educator, "Éric Éducateur (démo)", "eric.educateur@demo.invalid",
		membership.RoleEducator, atABL, "educator of Au bonheur des liens: sees the families assigned to him"},
	{Practitioner, "Paula Praticienne (démo)", "paula.praticienne@demo.invalid",
		membership.RolePractitioner, atABL, "practitioner of Au bonheur des liens: runs the ARCS workshop, wrote its quote"},
	{Prescriber, "Pierre Prescripteur (démo)", "pierre.prescripteur@demo.invalid",
		membership.RolePrescriber, orgCDGard, "prescriber at the departmental council: sees the families he referred"},
	{PartnerStaff, "Sophie Scolaire (démo)", "sophie.scolaire@demo.invalid",
		membership.RolePartnerStaff, orgSchool, "partner staff at the school: sees the bookings she made"},
	{RelianceCoordinator, "Rachel Coordinatrice Reliance (démo)", "rachel.coordinatrice@demo.invalid",
		membership.RoleCoordinator, atReliance, "coordinator of Reliance: sees Reliance's families only"},
	{RelianceEducator, "Romain Référent Reliance (démo)", "romain.referent@demo.invalid",
		membership.RoleEducator, atReliance, "educator of Reliance"},
	{SecondPrescriber, "Cécile Prescriptrice CCAS (démo)", "cecile.prescriptrice@demo.invalid",
		membership.RolePrescriber, orgCCAS, "prescriber at the CCAS: referred one family only"},
}

// loadPeople creates the demo accounts and their memberships.
func (l *loader) loadPeople() error {
	for _, a := range accounts {
		p, err := l.c.Person.Create().
			SetDisplayName(a.displayName).
			SetEmail(a.email).
			Save(l.ctx)
		if err != nil {
			return fmt.Errorf("person %s: %w", a.key, err)
		}
		m := l.c.Membership.Create().SetPersonID(p.ID).SetRole(a.role)
		switch a.at {
		case atABL:
			m.SetProviderID(l.abl.ID)
		case atReliance:
			m.SetProviderID(l.rel.ID)
		default:
			m.SetOrganisationID(l.orgs[a.at].ID)
		}
		if err := m.Exec(l.ctx); err != nil {
			return fmt.Errorf("membership of %s: %w", a.key, err)
		}
		l.people[a.key] = p.ID
		l.res.People[a.key] = p.ID
	}
	return nil
}

// person returns the ID of a demo account.
func (l *loader) person(key string) pulid.ID { return l.people[key] }

// issueTokens issues one token per demo account, inside the transaction.
func (l *loader) issueTokens() error {
	for _, a := range accounts {
		issued, err := auth.NewService(l.c).Issue(l.ctx, l.people[a.key], TokenLabel, TokenTTL, "")
		if err != nil {
			return fmt.Errorf("token of %s: %w", a.key, err)
		}
		l.res.Tokens[a.key] = issued.Secret
		l.res.TokensExpireAt = issued.Token.ExpiresAt
	}
	return nil
}

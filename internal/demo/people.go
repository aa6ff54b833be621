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
		membership.RoleCoordinator, atABL, "coordinatrice d'Au bonheur des liens : voit toutes ses familles"},
	{Educator, "Éric Éducateur (démo)", "eric.educateur@demo.invalid",
		membership.RoleEducator, atABL, "éducateur d'Au bonheur des liens : voit les familles qui lui sont confiées"},
	{Practitioner, "Paula Praticienne (démo)", "paula.praticienne@demo.invalid",
		membership.RolePractitioner, atABL, "praticienne d'Au bonheur des liens : anime l'atelier ARCS, a rédigé son devis"},
	{Prescriber, "Pierre Prescripteur (démo)", "pierre.prescripteur@demo.invalid",
		membership.RolePrescriber, orgCDGard, "prescripteur au conseil départemental : voit les familles qu'il a orientées"},
	{PartnerStaff, "Sophie Scolaire (démo)", "sophie.scolaire@demo.invalid",
		membership.RolePartnerStaff, orgSchool, "personnel partenaire de l'école : voit les réservations qu'elle a faites"},
	{RelianceCoordinator, "Rachel Coordinatrice Reliance (démo)", "rachel.coordinatrice@demo.invalid",
		membership.RoleCoordinator, atReliance, "coordinatrice de Reliance : ne voit que les familles de Reliance"},
	{RelianceEducator, "Romain Référent Reliance (démo)", "romain.referent@demo.invalid",
		membership.RoleEducator, atReliance, "référent éducatif de Reliance"},
	{SecondPrescriber, "Cécile Prescriptrice CCAS (démo)", "cecile.prescriptrice@demo.invalid",
		membership.RolePrescriber, orgCCAS, "prescriptrice au CCAS : n'a orienté qu'une famille"},
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

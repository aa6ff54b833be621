package demo

import (
	"fmt"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// Keys of the demo organisations.
const (
	orgCDGard   = "cd-gard"
	orgCDNord   = "cd-nord"
	orgCCAS     = "ccas"
	orgSchool   = "school"
	orgCPTS     = "cpts"
	orgAutonomy = "autonomy"
	orgCAF      = "caf"
	orgCity     = "city"
	orgLe21     = "le-21"
	orgParents  = "parents-relais"
	orgSocial   = "centre-social"
	orgLeisure  = "leisure"
)

// organisationSpec is one partner organisation.
type organisationSpec struct {
	key, name, territory, email string
	kind                        organisation.Kind
}

// demoOrganisations covers every organisation kind; names are invented
// and marked "(démo)", addresses use the reserved .invalid domain.
var demoOrganisations = []organisationSpec{
	{orgCDGard, "Conseil départemental du Gard (démo)", "Gard", "solidarites@cd-gard.demo.invalid", organisation.KindDepartmentalCouncil},
	{orgCDNord, "Conseil départemental du Nord (démo)", "Nord", "parentalite@cd-nord.demo.invalid", organisation.KindDepartmentalCouncil},
	{orgCCAS, "CCAS de Val-des-Exemples (démo)", "Gard", "accueil@ccas-valdesexemples.demo.invalid", organisation.KindCCAS},
	{orgSchool, "École élémentaire Les Tilleuls (démo)", "Gard", "direction@ecole-tilleuls.demo.invalid", organisation.KindSchool},
	{orgCPTS, "CPTS Cévennes-Exemple (démo)", "Gard", "coordination@cpts-cevennes.demo.invalid", organisation.KindCPTS},
	{orgAutonomy, "Service territorial de l'autonomie (démo)", "Gard", "autonomie@sta.demo.invalid", organisation.KindAutonomyService},
	{orgCAF, "Caisse d'allocations familiales (démo)", "Gard et Nord", "partenaires@caf.demo.invalid", organisation.KindFamilyAllowanceFund},
	{orgCity, "Mairie de Val-des-Exemples (démo)", "Gard", "education@mairie-valdesexemples.demo.invalid", organisation.KindMunicipality},
	{orgLe21, "Le 21 (démo)", "Gard", "lieux-de-vie@le21.demo.invalid", organisation.KindCulturalNetwork},
	{orgParents, "Association Parents-Relais (démo)", "Roubaix-Tourcoing", "contact@parents-relais.demo.invalid", organisation.KindAssociation},
	{orgSocial, "Centre social L'Escale (démo)", "Roubaix-Tourcoing", "accueil@escale.demo.invalid", organisation.KindAssociation},
	{orgLeisure, "Centre de loisirs Les Écureuils (démo)", "Gard", "animation@ecureuils.demo.invalid", organisation.KindOther},
}

// linkSpec is a partner link of a provider; activated and suspended are
// day offsets from today, nil when the link never reached that state.
type linkSpec struct {
	org                  string
	status               partnerlink.Status
	proposed             int
	activated, suspended *int
}

// loadPartners creates the organisations, the partner links and the
// conventions.
func (l *loader) loadPartners() error {
	for _, spec := range demoOrganisations {
		o, err := l.c.Organisation.Create().
			SetName(spec.name).
			SetKind(spec.kind).
			SetTerritory(spec.territory).
			SetContactEmail(spec.email).
			Save(l.ctx)
		if err != nil {
			return fmt.Errorf("organisation %s: %w", spec.key, err)
		}
		l.orgs[spec.key] = o
	}
	l.res.DepartmentalCouncilID = l.orgs[orgCDGard].ID
	l.res.CCASID = l.orgs[orgCCAS].ID
	l.res.SchoolID = l.orgs[orgSchool].ID

	active := partnerlink.StatusActive
	ablLinks := []linkSpec{
		{orgCDGard, active, -420, ptr(-400), nil},
		{orgCCAS, active, -380, ptr(-365), nil},
		{orgSchool, active, -120, ptr(-110), nil},
		{orgCPTS, active, -300, ptr(-280), nil},
		{orgAutonomy, active, -330, ptr(-320), nil},
		{orgCAF, active, -500, ptr(-480), nil},
		{orgCity, active, -200, ptr(-190), nil},
		{orgLe21, active, -260, ptr(-250), nil},
		{orgLeisure, partnerlink.StatusProposed, -6, nil, nil},
	}
	relLinks := []linkSpec{
		{orgCDNord, active, -600, ptr(-590), nil},
		{orgCAF, active, -450, ptr(-440), nil},
		{orgParents, active, -240, ptr(-230), nil},
		{orgSocial, partnerlink.StatusSuspended, -400, ptr(-390), ptr(-21)},
	}
	links := map[string]*ent.PartnerLink{}
	for _, group := range []struct {
		provider *ent.Provider
		specs    []linkSpec
	}{{l.abl, ablLinks}, {l.rel, relLinks}} {
		for _, spec := range group.specs {
			create := l.c.PartnerLink.Create().
				SetProviderID(group.provider.ID).
				SetOrganisationID(l.orgs[spec.org].ID).
				SetStatus(spec.status).
				SetProposedAt(l.at(spec.proposed, 10, 0))
			if spec.activated != nil {
				create.SetActivatedAt(l.at(*spec.activated, 11, 0))
			}
			if spec.suspended != nil {
				create.SetSuspendedAt(l.at(*spec.suspended, 15, 0))
			}
			link, err := create.Save(l.ctx)
			if err != nil {
				return fmt.Errorf("partner link %s/%s: %w", group.provider.Slug, spec.org, err)
			}
			if group.provider == l.abl {
				links[spec.org] = link
			}
		}
	}

	// Conventions of Au bonheur des liens for twelve months from the first
	// of the month six months ago, on active links: places per programme at
	// the published price. Dated around today, they are running and far
	// from their end whatever the day the demo is loaded.
	starts := clock.Date(l.today.Year(), l.today.Month()-6, 1)
	ends := starts.AddDate(1, 0, -1)
	conventions := []struct {
		org, code string
		places    int
		price     int64
	}{
		{orgCDGard, "MIP", 10, 180000},
		{orgAutonomy, "MAPA", 4, 180000},
		{orgCAF, "MADI", 2, 200000},
	}
	for _, spec := range conventions {
		c, err := l.c.Convention.Create().
			SetPartnerLinkID(links[spec.org].ID).
			SetProgrammeID(l.progs[spec.code].ID).
			SetFinancerID(l.orgs[spec.org].ID).
			SetPlaces(spec.places).
			SetUnitPriceCents(spec.price).
			SetStartsAt(starts).
			SetEndsAt(ends).
			Save(l.ctx)
		if err != nil {
			return fmt.Errorf("convention %s/%s: %w", spec.org, spec.code, err)
		}
		l.convs[spec.code] = c
	}
	return nil
}

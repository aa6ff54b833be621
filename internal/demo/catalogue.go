package demo

import (
	"fmt"

	"github.com/reseau-liens/portal/ent/programme"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/schema/types"
)

// programmeSpec is one programme as the provider publishes it. Prices are
// VAT included, in euro cents; nil means "not published / not relevant".
type programmeSpec struct {
	code, name, audience            string
	kind                            programme.Kind
	pricing                         programme.PricingModel
	priceCents                      int64
	durationMonths, sessionMinutes  *int
	visitsMin, visitsMax            *int
	callsMin, callsMax              *int
	groupSeriesPrice                *int64
	groupSeriesSessions, groupLimit *int
	minimumAge, capacity            *int
	documentKind                    *programme.DocumentKind
	follows                         string
	excluded                        []types.ProtectiveMeasure
	confidential                    bool
}

// The figures of the 2023 brochure of Au bonheur des liens (see the
// programme table of the domain).
var ablProgrammes = []programmeSpec{
	{
		code: "MIP", name: "Module d'Intervention Précoce (MIP)",
		audience: "Tous les parents confrontés à une crise ou à un événement familial particulier.",
		kind:     programme.KindAccompaniment, pricing: programme.PricingModelPerAccompaniment,
		priceCents: 180000, durationMonths: ptr(6),
		visitsMin: ptr(6), visitsMax: ptr(7), callsMin: ptr(4), callsMax: ptr(5),
		documentKind: ptr(programme.DocumentKindIndividualDocument),
	},
	{
		code: "MADI", name: "Module d'Accompagnement à Domicile Intensif (MADI)",
		audience: "Les parents en situation de crise aiguë.",
		kind:     programme.KindAccompaniment, pricing: programme.PricingModelPerAccompaniment,
		priceCents: 200000, durationMonths: ptr(6),
		visitsMin: ptr(9), visitsMax: ptr(12), callsMin: ptr(8), callsMax: ptr(10),
		documentKind: ptr(programme.DocumentKindIndividualDocument),
		follows:      "MIP",
	},
	{
		code: "MAPA", name: "Module d'Accompagnement et de Prévention des Aidants (MAPA)",
		audience: "Les aidants familiaux d'un enfant, d'un conjoint, d'un frère, d'une sœur ou d'un parent âgé en situation de handicap ou atteint d'une longue maladie.",
		kind:     programme.KindAccompaniment, pricing: programme.PricingModelPerAccompaniment,
		priceCents: 180000, durationMonths: ptr(6),
		visitsMin: ptr(6), visitsMax: ptr(7), callsMin: ptr(4), callsMax: ptr(5),
		documentKind: ptr(programme.DocumentKindIndividualDocument),
	},
	{
		code: "ARCS", name: "Atelier de Remise en Confiance Scolaire (ARCS)",
		audience: "Les enfants du CP (dès 6 ans) jusqu'au baccalauréat et au-delà.",
		kind:     programme.KindWorkshop, pricing: programme.PricingModelPerSession,
		// 55 € per individual one-hour session; the model group series of
		// six children, one hour a week for six weeks, costs 900 €.
		priceCents: 5500, sessionMinutes: ptr(60),
		groupSeriesPrice: ptr(int64(90000)), groupSeriesSessions: ptr(6), groupLimit: ptr(6),
		minimumAge: ptr(6),
	},
}

// relianceProgramme is Reliance's single scheme: free, confidential,
// contractualised, about 30 families at a time, closed to families under
// an IEAD, AEMO or article 226-4 measure.
var relianceProgramme = programmeSpec{
	code: "RELIANCE", name: "Reliance : soutien à la parentalité",
	audience: "Les parents du territoire de Roubaix-Tourcoing qui y adhèrent librement ; l'inscription est gratuite et confidentielle. " +
		"Ce dispositif n'accueille pas les familles faisant déjà l'objet d'une mesure IEAD, AEMO ou article 226-4.",
	kind: programme.KindAccompaniment, pricing: programme.PricingModelPerAccompaniment,
	priceCents: 0, capacity: ptr(30),
	// Assumption: the Reliance presentation publishes no duration; six
	// months, like the other accompaniments, so that ends_at can be set.
	durationMonths: ptr(6),
	documentKind:   ptr(programme.DocumentKindContract),
	excluded:       []types.ProtectiveMeasure{types.MeasureIEAD, types.MeasureAEMO, types.MeasureArticle226_4},
	confidential:   true,
}

// loadProviders creates the two providers and their programmes.
func (l *loader) loadProviders() error {
	var err error
	l.abl, err = l.c.Provider.Create().
		SetName("Au bonheur des liens (démo)").
		SetSlug("au-bonheur-des-liens").
		SetTerritory("Gard").
		SetDescription("Données de démonstration, fictives. Collectif d'éducateurs experts indépendants : " +
			"modules d'intervention précoce et d'accompagnement à domicile, ateliers de remise en confiance scolaire.").
		Save(l.ctx)
	if err != nil {
		return fmt.Errorf("provider au-bonheur-des-liens: %w", err)
	}
	l.rel, err = l.c.Provider.Create().
		SetName("Reliance (démo)").
		SetSlug("reliance").
		SetTerritory("Roubaix-Tourcoing").
		SetDescription("Données de démonstration, fictives. Dispositif gratuit et confidentiel de soutien à la " +
			"parentalité, auquel les familles adhèrent librement ; le cadre est co-construit et contractualisé.").
		Save(l.ctx)
	if err != nil {
		return fmt.Errorf("provider reliance: %w", err)
	}
	l.res.ProviderID, l.res.RelianceProviderID = l.abl.ID, l.rel.ID

	for _, spec := range ablProgrammes {
		if err := l.createProgramme(l.abl.ID, spec); err != nil {
			return err
		}
	}
	return l.createProgramme(l.rel.ID, relianceProgramme)
}

func (l *loader) createProgramme(providerID pulid.ID, spec programmeSpec) error {
	create := l.c.Programme.Create().
		SetProviderID(providerID).
		SetCode(spec.code).
		SetName(spec.name).
		SetAudience(spec.audience).
		SetKind(spec.kind).
		SetPricingModel(spec.pricing).
		SetPriceCents(spec.priceCents).
		SetNillableDurationMonths(spec.durationMonths).
		SetNillableSessionMinutes(spec.sessionMinutes).
		SetNillableHomeVisitsMin(spec.visitsMin).
		SetNillableHomeVisitsMax(spec.visitsMax).
		SetNillableCallsMin(spec.callsMin).
		SetNillableCallsMax(spec.callsMax).
		SetNillableGroupSeriesPriceCents(spec.groupSeriesPrice).
		SetNillableGroupSeriesSessions(spec.groupSeriesSessions).
		SetNillableGroupSizeLimit(spec.groupLimit).
		SetNillableMinimumAge(spec.minimumAge).
		SetNillableCapacity(spec.capacity).
		SetNillableDocumentKind(spec.documentKind).
		SetConfidential(spec.confidential)
	if spec.follows != "" {
		create.SetFollowsProgrammeCode(spec.follows)
	}
	if len(spec.excluded) > 0 {
		create.SetExcludedMeasures(spec.excluded)
	}
	p, err := create.Save(l.ctx)
	if err != nil {
		return fmt.Errorf("programme %s: %w", spec.code, err)
	}
	l.progs[spec.code] = p
	l.res.Programmes[spec.code] = p.ID
	return nil
}

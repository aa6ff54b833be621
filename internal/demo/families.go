package demo

import (
	"fmt"
	"strings"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/schema/types"
)

// guardianSpec is a parent or caregiver; names are invented.
type guardianSpec struct {
	first, last string
	rel         guardian.Relationship
	requester   bool
}

// childSpec is a child whose age today is years (and months more).
type childSpec struct {
	first         string
	years, months int
}

// familySpec is a household of a provider.
type familySpec struct {
	ref, territory string
	household      family.HouseholdComposition
	situation      *family.SocioEconomicSituation
	measures       []types.ProtectiveMeasure
	guardians      []guardianSpec
	children       []childSpec
}

// createFamily creates a family with its guardians and children and
// returns the children in the order of spec.children.
func (l *loader) createFamily(providerID pulid.ID, spec familySpec) (*ent.Family, []*ent.Child, error) {
	create := l.c.Family.Create().
		SetProviderID(providerID).
		SetReference(spec.ref).
		SetTerritory(spec.territory).
		SetHouseholdComposition(spec.household).
		SetNillableSocioEconomicSituation(spec.situation)
	if len(spec.measures) > 0 {
		create.SetProtectiveMeasures(spec.measures)
	}
	f, err := create.Save(l.ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("family %s: %w", spec.ref, err)
	}
	for _, g := range spec.guardians {
		gc := l.c.Guardian.Create().
			SetFamilyID(f.ID).
			SetFirstName(g.first).
			SetLastName(g.last).
			SetRelationship(g.rel).
			SetRequester(g.requester)
		if g.requester {
			gc.SetEmail(demoEmail(g.first, g.last))
		}
		if err := gc.Exec(l.ctx); err != nil {
			return nil, nil, fmt.Errorf("guardian of %s: %w", spec.ref, err)
		}
	}
	children := make([]*ent.Child, 0, len(spec.children))
	for _, c := range spec.children {
		ch, err := l.c.Child.Create().
			SetFamilyID(f.ID).
			SetFirstName(c.first).
			SetBirthDate(l.birth(c.years, c.months)).
			SetSchoolLevel(schoolLevel(c.years)).
			Save(l.ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("child of %s: %w", spec.ref, err)
		}
		children = append(children, ch)
	}
	return f, children, nil
}

// schoolLevels are the French school years from CP (age 6) on.
var schoolLevels = []child.SchoolLevel{
	child.SchoolLevelCP, child.SchoolLevelCE1, child.SchoolLevelCE2, child.SchoolLevelCM1,
	child.SchoolLevelCM2, child.SchoolLevelSixieme, child.SchoolLevelCinquieme,
	child.SchoolLevelQuatrieme, child.SchoolLevelTroisieme, child.SchoolLevelSeconde,
	child.SchoolLevelPremiere, child.SchoolLevelTerminale,
}

// schoolLevel is the usual school year of a child of that age.
func schoolLevel(age int) child.SchoolLevel {
	switch {
	case age < 3:
		return child.SchoolLevelNotSchooled
	case age < 6:
		return child.SchoolLevelPreschool
	case age-6 < len(schoolLevels):
		return schoolLevels[age-6]
	default:
		return child.SchoolLevelHigherEducation
	}
}

// demoEmail is an obviously fictional address in the reserved .invalid
// domain.
func demoEmail(first, last string) string {
	r := strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "ï", "i", "î", "i",
		"ô", "o", "ç", "c", "ü", "u", " ", "-", "'", "")
	return r.Replace(strings.ToLower(first+"."+last)) + "@famille.demo.invalid"
}

// consents records the consents of a family, given on day given (an
// offset) and recorded by recorder; withdrawn, when set, is the day they
// were withdrawn by the same person.
func (l *loader) consents(f *ent.Family, recorder string, given int, withdrawn *int, purposes ...consent.Purpose) error {
	for _, p := range purposes {
		c := l.c.Consent.Create().
			SetFamilyID(f.ID).
			SetPurpose(p).
			SetGivenAt(l.at(given, 11, 30)).
			SetRecordedByID(l.person(recorder))
		if withdrawn != nil {
			c.SetWithdrawnAt(l.at(*withdrawn, 9, 15)).SetWithdrawnByID(l.person(recorder))
		}
		if err := c.Exec(l.ctx); err != nil {
			return fmt.Errorf("consent %s of %s: %w", p, f.Reference, err)
		}
	}
	return nil
}

// Shorthands for the socio-economic situations.
var (
	employed      = ptr(family.SocioEconomicSituationEmployed)
	minimumIncome = ptr(family.SocioEconomicSituationMinimumIncome)
	belowPoverty  = ptr(family.SocioEconomicSituationBelowPovertyLine)
	otherIncome   = ptr(family.SocioEconomicSituationOther)
)

const (
	cevennes  = "Gard (secteur Cévennes)"
	nimes     = "Gard (secteur Nîmes)"
	roubaixTC = "Roubaix-Tourcoing"
)

package demo

import (
	"fmt"

	"github.com/reseau-liens/portal/ent/directoryoffer"
)

// offerSpec is one offer of the shared directory.
type offerSpec struct {
	org                                              string
	category                                         directoryoffer.Category
	title, description, territory, audience, contact string
}

// demoOffers are offers of partner intervention networks, the brochure's
// "Le 21" first; contacts use the reserved .invalid domain.
var demoOffers = []offerSpec{
	{orgLe21, directoryoffer.CategoryArtisticPractice, "Atelier de théâtre parents-enfants (démo)",
		"Un atelier hebdomadaire de pratique théâtrale pour les parents et leurs enfants, dans un lieu de vie du réseau.",
		"Gard", "familles, enfants dès 6 ans", "theatre@le21.demo.invalid"},
	{orgLe21, directoryoffer.CategoryCrafts, "Atelier poterie et céramique (démo)",
		"Modelage de l'argile, tournage et cuisson : un atelier d'artisanat ouvert aux familles.",
		"Gard", "adultes et adolescents", "poterie@le21.demo.invalid"},
	{orgLe21, directoryoffer.CategoryPublicWriting, "Écrivain public (démo)",
		"Permanence d'écriture publique : aide à la rédaction de courriers administratifs et de lettres personnelles.",
		"Gard", "adultes", "ecrivain@le21.demo.invalid"},
	{orgLe21, directoryoffer.CategoryAccessToRights, "Permanence d'accès aux droits (démo)",
		"Accompagnement dans les démarches : droits sociaux, logement, allocations familiales.",
		"Gard", "familles", "droits@le21.demo.invalid"},
	{orgLe21, directoryoffer.CategoryProfessionalNetwork, "Réseau d'entraide professionnelle (démo)",
		"Rencontres mensuelles pour préparer un retour à l'emploi : curriculum, entretiens, réseau.",
		"Gard", "adultes en recherche d'emploi", "emploi@le21.demo.invalid"},
	{orgSocial, directoryoffer.CategoryArtisticPractice, "Atelier musique et chant (démo)",
		"Pratique musicale collective, percussions et chant, pour les familles du quartier.",
		"Roubaix-Tourcoing", "familles", "musique@escale.demo.invalid"},
	{orgParents, directoryoffer.CategoryAccessToRights, "Point info droits des familles (démo)",
		"Information juridique et accompagnement des parents dans leurs démarches administratives.",
		"Roubaix-Tourcoing", "parents", "droits@parents-relais.demo.invalid"},
}

// loadDirectory publishes the demo offers.
func (l *loader) loadDirectory() error {
	for _, o := range demoOffers {
		err := l.c.DirectoryOffer.Create().
			SetOrganisationID(l.orgs[o.org].ID).
			SetCategory(o.category).
			SetTitle(o.title).
			SetDescription(o.description).
			SetTerritory(o.territory).
			SetAudience(o.audience).
			SetContact(o.contact).
			Exec(l.ctx)
		if err != nil {
			return fmt.Errorf("offer %q: %w", o.title, err)
		}
	}
	return nil
}

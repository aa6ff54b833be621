package demo

import (
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/contactevent"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/schema/types"
)

// Statuses, shortened for the scenario below.
const (
	requested   = accompaniment.StatusRequested
	evaluating  = accompaniment.StatusEvaluating
	active      = accompaniment.StatusActive
	closed      = accompaniment.StatusClosed
	declined    = accompaniment.StatusDeclined
	withdrawn   = accompaniment.StatusWithdrawn
	interrupted = accompaniment.StatusInterrupted
	expired     = accompaniment.StatusExpired
)

// Both consents a prescribed accompaniment needs.
var prescribedConsents = []consent.Purpose{consent.PurposeAccompaniment, consent.PurposeSharingWithPrescriber}

// loadFamilies creates the caseloads: ten families of Au bonheur des liens
// whose accompaniments cover every status (nine referred by Prescriber,
// one by SecondPrescriber) and one family of Reliance.
func (l *loader) loadFamilies() error {
	for _, step := range []func() error{
		l.familyClosedThenMADI, l.familyActiveMIP, l.familyActiveMAPA, l.familyRequested,
		l.familyEvaluating, l.familyDeclined, l.familyWithdrawn, l.familyInterrupted,
		l.familyExpired, l.familySecondPrescriber, l.familyReliance,
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// familyClosedThenMADI: a MIP that ran its six months and was closed with
// a final report, followed by a MADI with the same educator and the
// practitioner.
func (l *loader) familyClosedThenMADI() error {
	f, _, err := l.createFamily(l.abl.ID, familySpec{
		ref: "DEMO-ABL-001", territory: cevennes,
		household: family.HouseholdCompositionSingleParent, situation: minimumIncome,
		guardians: []guardianSpec{{"Camille", "Exemple", guardian.RelationshipMother, true}},
		children:  []childSpec{{"Léo", 9, 4}, {"Jade", 5, 2}},
	})
	if err != nil {
		return err
	}
	if err := l.consents(f, Coordinator, -250, nil, prescribedConsents...); err != nil {
		return err
	}
	mip, err := l.accompany(accSpec{
		family: f, code: "MIP", status: closed, prescriber: Prescriber, financer: orgCDGard,
		requested: -250, evaluation: ptr(-247), validated: ptr(-242), start: ptr(-236), closed: ptr(-49),
		note:      "Séparation récente, tensions autour des temps de garde (démo).",
		educators: []string{Educator},
	})
	if err != nil {
		return err
	}
	l.record(mip)
	if err := l.contacts(mip, Educator, -236, -55, 7, 5); err != nil {
		return err
	}
	if err := l.document(mip, document.KindIndividualDocument, nil,
		dia(-222, Educator, "Camille Exemple", "retrouver un rythme familial apaisé")); err != nil {
		return err
	}
	if err := l.document(mip, document.KindStakesMap, nil, stakesMap(-220, Educator,
		"Sécurité affective de Léo et Jade ; place de chaque parent.",
		"Soutenir la mère dans l'organisation du quotidien ; faire le lien avec l'école.",
		"Routines du soir ; préparation des passages de garde.")); err != nil {
		return err
	}
	if err := l.document(mip, document.KindFinalReport, ptr(-49), revisionSpec{day: -51, author: Educator,
		body: "Bilan d'actions (démo) : 7 visites à domicile et 5 appels. Le rythme familial s'est stabilisé ; " +
			"une crise récente conduit à proposer un MADI avec la même équipe. Copie au prescripteur."}); err != nil {
		return err
	}

	madi, err := l.accompany(accSpec{
		family: f, code: "MADI", status: active, prescriber: Prescriber, financer: orgCAF,
		requested: -48, evaluation: ptr(-47), validated: ptr(-45), start: ptr(-40),
		note:      "Crise aiguë après la fin du MIP : un MADI prend le relais avec la même équipe (démo).",
		educators: []string{Educator, Practitioner}, predecessor: mip,
	})
	if err != nil {
		return err
	}
	if err := l.contacts(madi, Educator, -40, -1, 4, 4,
		contactSpec{contactevent.KindPartnerMeeting, -12, 17, 60, "Accompagnement de la mère à une réunion à l'école (démo)."},
		contactSpec{contactevent.KindText, -2, 18, 5, "SMS de confirmation du prochain rendez-vous (démo)."},
	); err != nil {
		return err
	}
	if err := l.document(madi, document.KindIndividualDocument, nil,
		dia(-33, Educator, "Camille Exemple", "traverser la crise sans rupture pour les enfants")); err != nil {
		return err
	}
	return l.document(madi, document.KindStakesMap, nil, stakesMap(-30, Practitioner,
		"Apaiser les conflits ; confiance scolaire de Léo.",
		"Médiation familiale ; accompagnement aux rendez-vous de l'école.",
		"Communication non violente ; outils de gestion des émotions."))
}

// familyActiveMIP is Result.FamilyID: an active MIP with a revised DIA.
func (l *loader) familyActiveMIP() error {
	f, _, err := l.createFamily(l.abl.ID, familySpec{
		ref: "DEMO-ABL-002", territory: nimes,
		household: family.HouseholdCompositionTwoParents, situation: employed,
		guardians: []guardianSpec{
			{"Dominique", "Démo", guardian.RelationshipFather, true},
			{"Alex", "Démo", guardian.RelationshipMother, true},
		},
		children: []childSpec{{"Nina", 12, 5}, {"Tom", 7, 8}, {"Lina", 4, 1}},
	})
	if err != nil {
		return err
	}
	l.res.FamilyID = f.ID
	if err := l.consents(f, Coordinator, -75, nil, prescribedConsents...); err != nil {
		return err
	}
	a, err := l.accompany(accSpec{
		family: f, code: "MIP", status: active, prescriber: Prescriber, financer: orgCDGard,
		requested: -75, evaluation: ptr(-72), validated: ptr(-68), start: ptr(-60),
		note:      "Naissance de Lina, fatigue parentale, conflits avec l'aînée (démo).",
		educators: []string{Educator},
	})
	if err != nil {
		return err
	}
	l.res.Accompaniments[active] = a.ID
	if err := l.contacts(a, Educator, -60, -1, 3, 2,
		contactSpec{contactevent.KindText, -3, 19, 5, "Message des parents : le coucher se passe mieux (démo)."}); err != nil {
		return err
	}
	if err := l.document(a, document.KindIndividualDocument, nil,
		dia(-50, Educator, "Dominique et Alex Démo", "retrouver du temps pour chacun des trois enfants"),
		dia(-20, Educator, "Dominique et Alex Démo", "retrouver du temps pour chacun des trois enfants, "+
			"en associant Nina aux décisions (révision après la troisième visite)")); err != nil {
		return err
	}
	return l.document(a, document.KindStakesMap, nil, stakesMap(-48, Educator,
		"Place de l'aînée ; épuisement parental.",
		"Soutenir les deux parents ; repérer les relais possibles (crèche, famille).",
		"Temps dédiés à Nina ; partage des tâches du soir."))
}

// familyActiveMAPA: a caregiver family on an active MAPA.
func (l *loader) familyActiveMAPA() error {
	f, _, err := l.createFamily(l.abl.ID, familySpec{
		ref: "DEMO-ABL-003", territory: cevennes,
		household: family.HouseholdCompositionExtended, situation: employed,
		guardians: []guardianSpec{
			{"Sacha", "Fictif", guardian.RelationshipMother, true},
			{"Jo", "Fictif", guardian.RelationshipGrandparent, false},
		},
		children: []childSpec{{"Noé", 11, 6}},
	})
	if err != nil {
		return err
	}
	if err := l.consents(f, Coordinator, -40, nil, prescribedConsents...); err != nil {
		return err
	}
	a, err := l.accompany(accSpec{
		family: f, code: "MAPA", status: active, prescriber: Prescriber, financer: orgAutonomy,
		requested: -40, evaluation: ptr(-38), validated: ptr(-33), start: ptr(-25),
		note:      "Mère aidante de son fils en situation de handicap, épuisement (démo).",
		educators: []string{Educator},
	})
	if err != nil {
		return err
	}
	if err := l.contacts(a, Educator, -25, -1, 2, 1); err != nil {
		return err
	}
	return l.document(a, document.KindIndividualDocument, nil,
		dia(-18, Educator, "Sacha Fictif", "trouver des temps de répit, à l'initiative de l'aidante"))
}

// familyRequested: a request the coordinator has not looked at yet.
func (l *loader) familyRequested() error {
	f, _, err := l.createFamily(l.abl.ID, familySpec{
		ref: "DEMO-ABL-004", territory: nimes,
		household: family.HouseholdCompositionSingleParent, situation: belowPoverty,
		guardians: []guardianSpec{{"Lou", "Modèle", guardian.RelationshipFather, true}},
		children:  []childSpec{{"Maël", 6, 3}},
	})
	if err != nil {
		return err
	}
	if err := l.consents(f, Coordinator, -3, nil, prescribedConsents...); err != nil {
		return err
	}
	a, err := l.accompany(accSpec{
		family: f, code: "MIP", status: requested, prescriber: Prescriber, financer: orgCDGard,
		requested: -3, note: "Père seul depuis peu, difficultés d'organisation (démo).",
	})
	if err != nil {
		return err
	}
	l.record(a)
	return nil
}

// familyEvaluating: a MAPA request under evaluation.
func (l *loader) familyEvaluating() error {
	f, _, err := l.createFamily(l.abl.ID, familySpec{
		ref: "DEMO-ABL-005", territory: cevennes,
		household: family.HouseholdCompositionBlended, situation: employed,
		guardians: []guardianSpec{
			{"Morgan", "Témoin", guardian.RelationshipMother, true},
			{"Charlie", "Témoin", guardian.RelationshipParent, true},
		},
		children: []childSpec{{"Emma", 13, 7}, {"Hugo", 10, 2}},
	})
	if err != nil {
		return err
	}
	if err := l.consents(f, Coordinator, -12, nil, prescribedConsents...); err != nil {
		return err
	}
	a, err := l.accompany(accSpec{
		family: f, code: "MAPA", status: evaluating, prescriber: Prescriber, financer: orgAutonomy,
		requested: -12, evaluation: ptr(-8),
		note: "Parents aidants d'un grand-parent atteint d'une maladie longue (démo).",
	})
	if err != nil {
		return err
	}
	l.record(a)
	return nil
}

// familyDeclined: the family under protective measures, declined.
func (l *loader) familyDeclined() error {
	f, _, err := l.createFamily(l.abl.ID, familySpec{
		ref: "DEMO-ABL-006", territory: nimes,
		household: family.HouseholdCompositionSingleParent, situation: minimumIncome,
		measures:  []types.ProtectiveMeasure{types.MeasureAEMO},
		guardians: []guardianSpec{{"Andréa", "Specimen", guardian.RelationshipMother, true}},
		children:  []childSpec{{"Zoé", 14, 1}, {"Adam", 8, 9}},
	})
	if err != nil {
		return err
	}
	if err := l.consents(f, Coordinator, -30, nil, prescribedConsents...); err != nil {
		return err
	}
	a, err := l.accompany(accSpec{
		family: f, code: "MADI", status: declined, prescriber: Prescriber, financer: orgCDGard,
		requested: -30, evaluation: ptr(-28), closed: ptr(-24),
		decline:      ptr(accompaniment.DeclineReasonNotEligible),
		statusReason: "Famille déjà suivie dans le cadre d'une AEMO : orientation vers le service qui exerce la mesure (démo).",
		note:         "Conflits violents entre la mère et l'aînée (démo).",
	})
	if err != nil {
		return err
	}
	l.record(a)
	return nil
}

// familyWithdrawn: the family withdrew its request, and its consents.
func (l *loader) familyWithdrawn() error {
	f, _, err := l.createFamily(l.abl.ID, familySpec{
		ref: "DEMO-ABL-007", territory: cevennes,
		household: family.HouseholdCompositionSingleParent, situation: otherIncome,
		guardians: []guardianSpec{{"Yanis", "Maquette", guardian.RelationshipFather, true}},
		children:  []childSpec{{"Lucie", 5, 6}},
	})
	if err != nil {
		return err
	}
	if err := l.consents(f, Coordinator, -45, ptr(-35), prescribedConsents...); err != nil {
		return err
	}
	a, err := l.accompany(accSpec{
		family: f, code: "MIP", status: withdrawn, prescriber: Prescriber, financer: orgCDGard,
		requested: -45, evaluation: ptr(-42), closed: ptr(-35),
		statusReason: "La famille a retiré sa demande : déménagement hors du département (démo).",
		note:         "Isolement après un déménagement (démo).",
	})
	if err != nil {
		return err
	}
	l.record(a)
	return nil
}

// familyInterrupted: a MAPA interrupted by the child's hospitalisation.
func (l *loader) familyInterrupted() error {
	f, _, err := l.createFamily(l.abl.ID, familySpec{
		ref: "DEMO-ABL-008", territory: nimes,
		household: family.HouseholdCompositionTwoParents, situation: belowPoverty,
		guardians: []guardianSpec{
			{"Eden", "Prototype", guardian.RelationshipMother, true},
			{"Sam", "Prototype", guardian.RelationshipFather, false},
		},
		children: []childSpec{{"Rose", 10, 4}},
	})
	if err != nil {
		return err
	}
	if err := l.consents(f, Coordinator, -140, nil, prescribedConsents...); err != nil {
		return err
	}
	a, err := l.accompany(accSpec{
		family: f, code: "MAPA", status: interrupted, prescriber: Prescriber, financer: orgAutonomy,
		requested: -140, evaluation: ptr(-137), validated: ptr(-132), start: ptr(-125), closed: ptr(-30),
		statusReason: "Hospitalisation longue de l'enfant : accompagnement interrompu d'un commun accord (démo).",
		note:         "Parents aidants d'une enfant atteinte d'une maladie longue (démo).",
		educators:    []string{Educator},
	})
	if err != nil {
		return err
	}
	l.record(a)
	if err := l.contacts(a, Educator, -125, -31, 3, 2); err != nil {
		return err
	}
	return l.document(a, document.KindIndividualDocument, nil,
		dia(-118, Educator, "Eden Prototype", "alléger la charge des parents aidants"))
}

// familyExpired: a MIP request that nobody answered: the coordinators
// were reminded after a week, and it expired after thirty days, as the
// request-deadlines job does it (only a request still unanswered can).
func (l *loader) familyExpired() error {
	f, _, err := l.createFamily(l.abl.ID, familySpec{
		ref: "DEMO-ABL-009", territory: cevennes,
		household: family.HouseholdCompositionSingleParent, situation: minimumIncome,
		guardians: []guardianSpec{{"Noa", "Brouillon", guardian.RelationshipMother, true}},
		children:  []childSpec{{"Liam", 6, 10}, {"Léna", 4, 5}},
	})
	if err != nil {
		return err
	}
	a, err := l.accompany(accSpec{
		family: f, code: "MIP", status: expired, prescriber: Prescriber, financer: orgCDGard,
		requested: -60, closed: ptr(-29),
		statusReason: "Sans réponse depuis 30 jours.",
		note:         "Difficultés éducatives avec l'aîné (démo).",
	})
	if err != nil {
		return err
	}
	l.record(a)
	return nil
}

// familySecondPrescriber: the one family SecondPrescriber referred.
func (l *loader) familySecondPrescriber() error {
	f, _, err := l.createFamily(l.abl.ID, familySpec{
		ref: "DEMO-ABL-010", territory: cevennes,
		household: family.HouseholdCompositionSingleParent, situation: employed,
		guardians: []guardianSpec{{"Ange", "Esquisse", guardian.RelationshipMother, true}},
		children:  []childSpec{{"Jules", 9, 0}},
	})
	if err != nil {
		return err
	}
	l.res.SecondPrescriberFamilyID = f.ID
	if err := l.consents(f, Coordinator, -30, nil, prescribedConsents...); err != nil {
		return err
	}
	a, err := l.accompany(accSpec{
		family: f, code: "MIP", status: active, prescriber: SecondPrescriber, financer: orgCCAS,
		requested: -30, evaluation: ptr(-28), validated: ptr(-26), start: ptr(-20),
		note:      "Deuil récent dans la famille (démo).",
		educators: []string{Educator},
	})
	if err != nil {
		return err
	}
	if err := l.contacts(a, Educator, -20, -1, 1, 1); err != nil {
		return err
	}
	return l.document(a, document.KindIndividualDocument, nil,
		dia(-14, Educator, "Ange Esquisse", "traverser le deuil en préservant Jules"))
}

// familyReliance: a family that joined Reliance on its own, under a
// contract, with no prescriber.
func (l *loader) familyReliance() error {
	f, _, err := l.createFamily(l.rel.ID, familySpec{
		ref: "DEMO-REL-001", territory: roubaixTC,
		household: family.HouseholdCompositionSingleParent, situation: minimumIncome,
		guardians: []guardianSpec{{"Maxime", "Exemplaire", guardian.RelationshipFather, true}},
		children:  []childSpec{{"Louna", 6, 5}, {"Ethan", 11, 3}},
	})
	if err != nil {
		return err
	}
	l.res.RelianceFamilyID = f.ID
	if err := l.consents(f, RelianceCoordinator, -45, nil, consent.PurposeAccompaniment); err != nil {
		return err
	}
	a, err := l.accompany(accSpec{
		family: f, code: "RELIANCE", status: active,
		requested: -45, evaluation: ptr(-42), validated: ptr(-38), start: ptr(-30),
		note:      "Le père a contacté Reliance de lui-même (démo).",
		educators: []string{RelianceEducator},
	})
	if err != nil {
		return err
	}
	if err := l.contacts(a, RelianceEducator, -30, -1, 3, 2); err != nil {
		return err
	}
	return l.document(a, document.KindContract, nil, revisionSpec{day: -30, author: RelianceEducator,
		body: "Contrat co-construit avec la famille (démo). Petits projets retenus : reprendre les trajets " +
			"de l'école à pied avec Louna ; un après-midi par mois au centre social avec Ethan."})
}

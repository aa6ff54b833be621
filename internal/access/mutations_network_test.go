package access_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/directoryoffer"
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// networkCases: the partner network (issue 6) is managed by the
// coordinators of the provider a link belongs to; the other provider's
// coordinator and the partners themselves are refused.
var networkCases = map[string]mutationCase{
	// Organisations are shared between providers: any coordinator.
	"registerOrganisation": {
		document: mutationDoc("registerOrganisation", "RegisterOrganisationInput"),
		vars: func(_ *testing.T, _ *apitest.API) map[string]any {
			return in(map[string]any{"name": "Maison des familles (test)", "kind": "ASSOCIATION", "territory": "Gard"})
		},
		allowed: []string{demo.Coordinator, demo.RelianceCoordinator},
	},
	"proposeLink": {
		document: mutationDoc("proposeLink", "ProposeLinkInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			// The Nord council works with Reliance only.
			return in(map[string]any{"providerID": api.Demo.ProviderID, "organisationID": api.Organisation(t, "Conseil départemental du Nord")})
		},
		allowed: []string{demo.Coordinator},
	},
	"activateLink": {
		document: mutationDoc("activateLink", "ChangeLinkInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			id := api.DB.Client.PartnerLink.Query().Where(partnerlink.ProviderID(api.Demo.ProviderID),
				partnerlink.StatusEQ(partnerlink.StatusProposed)).FirstIDX(apitest.Sys)
			return in(map[string]any{"linkID": id, "note": "Convention signée."})
		},
		allowed: []string{demo.Coordinator},
	},
	"suspendLink": {
		document: mutationDoc("suspendLink", "ChangeLinkInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"linkID": linkTo(api, api.Demo.CCASID), "note": "En attente."})
		},
		allowed: []string{demo.Coordinator},
	},
	"endLink": {
		document: mutationDoc("endLink", "ChangeLinkInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"linkID": linkTo(api, api.Demo.CCASID), "note": "Fin du partenariat."})
		},
		allowed: []string{demo.Coordinator},
	},
	"recordConvention": {
		document: mutationDoc("recordConvention", "RecordConventionInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			next := api.Clock.Now().Year() + 1
			return in(map[string]any{"linkID": linkTo(api, api.Demo.CCASID), "programmeID": api.Demo.Programmes["MIP"],
				"places": 3, "unitPriceCents": 180000,
				"startsAt": time.Date(next, time.January, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339),
				"endsAt":   time.Date(next, time.June, 30, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)})
		},
		allowed: []string{demo.Coordinator},
	},
	// A convention is amended by the coordinators of its link's provider.
	"amendConvention": {
		document: mutationDoc("amendConvention", "AmendConventionInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			id := api.DB.Client.Convention.Query().Where(convention.HasPartnerLinkWith(partnerlink.ProviderID(api.Demo.ProviderID))).FirstX(apitest.Sys)
			return in(map[string]any{"conventionID": id.ID, "places": id.Places + 2, "reason": "Avenant : deux places de plus."})
		},
		allowed: []string{demo.Coordinator},
	},
	"invitePerson": {
		document: mutationDoc("invitePerson", "InvitePersonInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"organisationID": api.Demo.SchoolID, "email": "nouvelle.enseignante@test.invalid",
				"displayName": "Nouvelle enseignante (test)", "role": "PARTNER_STAFF"})
		},
		allowed: []string{demo.Coordinator},
		// Reliance's coordinator has no link with the school.
		refusal: "LINK_NOT_ACTIVE",
	},
	"changeRole": {
		document: mutationDoc("changeRole", "ChangeRoleInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"membershipID": membershipOf(api, demo.SecondPrescriber), "role": "PARTNER_STAFF"})
		},
		allowed: []string{demo.Coordinator},
	},
	"removePerson": {
		document: mutationDoc("removePerson", "RemovePersonInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"membershipID": membershipOf(api, demo.SecondPrescriber)})
		},
		allowed: []string{demo.Coordinator},
	},
	// A partner organisation registers its own endpoints: the school's
	// staff, not the provider's people nor another organisation's.
	"registerWebhookEndpoint": {
		document: mutationDoc("registerWebhookEndpoint", "RegisterWebhookEndpointInput"),
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"organisationID": api.Demo.SchoolID, "url": "https://hooks.test.invalid/portal",
				"eventKinds": []string{"partner_link.status_changed"}})
		},
		allowed: []string{demo.PartnerStaff},
	},
	"rotateWebhookSecret": {
		document: mutationDoc("rotateWebhookSecret", "WebhookEndpointInput"),
		vars:     schoolEndpoint,
		allowed:  []string{demo.PartnerStaff},
	},
	"deactivateWebhookEndpoint": {
		document: mutationDoc("deactivateWebhookEndpoint", "WebhookEndpointInput"),
		vars:     schoolEndpoint,
		allowed:  []string{demo.PartnerStaff},
	},
}

// schoolEndpoint registers a webhook endpoint of the school, whose member
// is the partner staff account, and names it as the input.
func schoolEndpoint(_ *testing.T, api *apitest.API) map[string]any {
	ep := api.DB.Client.WebhookEndpoint.Create().SetOrganisationID(api.Demo.SchoolID).
		SetURL("https://hooks.test.invalid/portal").SetSecret("whsec_test").
		SetEventKinds([]string{"partner_link.status_changed"}).SaveX(apitest.Sys)
	return in(map[string]any{"endpointID": ep.ID})
}

// directoryCases: the directory and the orientations (issue 6).
var directoryCases = map[string]mutationCase{
	// Le 21 publishes its offers; none of the demo accounts belongs to it,
	// so only the coordinator of the provider it is linked to may
	// publish on its behalf (the issue is silent on who else).
	"publishOffer": {
		document: mutationDoc("publishOffer", "PublishOfferInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"organisationID": api.Organisation(t, "Le 21"), "category": "CRAFTS",
				"title": "Atelier vannerie (test)", "description": "Vannerie en famille.", "territory": "Gard",
				"audience": "Familles", "contact": "contact@test.invalid"})
		},
		allowed: []string{demo.Coordinator},
	},
	"updateOffer": {
		document: mutationDoc("updateOffer", "UpdateOfferInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"offerID": offerOf(t, api, "Le 21"), "title": "Atelier renommé (test)"})
		},
		allowed: []string{demo.Coordinator},
	},
	// The issue gives orientations to the educator of the family; the
	// coordinator, who sees the whole file, may record them too.
	"recordOrientation": {
		document: mutationDoc("recordOrientation", "RecordOrientationInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"familyID": api.Demo.FamilyID, "offerID": offerOf(t, api, "Le 21"), "note": "Intéressée."})
		},
		allowed: []string{demo.Coordinator, demo.Educator},
	},
	// The outcome is recorded by the family's staff and by the receiving
	// organisation: here the school, which published the offer (issue 15).
	"recordOrientationOutcome": {
		document: mutationDoc("recordOrientationOutcome", "RecordOrientationOutcomeInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			o := api.DB.Client.Orientation.Create().SetFamilyID(api.Demo.FamilyID).SetOfferID(schoolOffer(api)).
				SetEducatorID(api.Demo.People[demo.Educator]).SaveX(apitest.Sys)
			return in(map[string]any{"orientationID": o.ID, "outcome": "JOINED"})
		},
		allowed: []string{demo.Coordinator, demo.Educator, demo.PartnerStaff},
	},
	// An offer is withdrawn, published again and archived by the same
	// people as those who edit it (issue 15).
	"withdrawOffer": {
		document: mutationDoc("withdrawOffer", "ChangeOfferStatusInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"offerID": offerOf(t, api, "Le 21")})
		},
		allowed: []string{demo.Coordinator},
	},
	"republishOffer": {
		document: mutationDoc("republishOffer", "ChangeOfferStatusInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			id := offerOf(t, api, "Le 21")
			api.DB.Client.DirectoryOffer.UpdateOneID(id).SetStatus(directoryoffer.StatusWithdrawn).ExecX(apitest.Sys)
			return in(map[string]any{"offerID": id})
		},
		allowed: []string{demo.Coordinator},
	},
	"archiveOffer": {
		document: mutationDoc("archiveOffer", "ChangeOfferStatusInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"offerID": offerOf(t, api, "Le 21")})
		},
		allowed: []string{demo.Coordinator},
	},
}

// schoolOffer publishes an offer of the school, whose member is the
// partner staff account: the receiver of the orientations towards it.
func schoolOffer(api *apitest.API) pulid.ID {
	return api.DB.Client.DirectoryOffer.Create().SetOrganisationID(api.Demo.SchoolID).SetCategory(directoryoffer.CategoryOther).
		SetTitle("Club de lecture (test)").SetDescription("Lecture partagée.").SetTerritory("Gard").
		SetAudience("familles").SetContact("club@test.invalid").SaveX(apitest.Sys).ID
}

// offerOf is an offer of the demo organisation named name.
func offerOf(t *testing.T, api *apitest.API, name string) pulid.ID {
	return api.DB.Client.DirectoryOffer.Query().Where(directoryoffer.OrganisationID(api.Organisation(t, name))).FirstIDX(apitest.Sys)
}

// linkTo is the link of Au bonheur des liens with an organisation.
func linkTo(api *apitest.API, org pulid.ID) pulid.ID {
	return api.DB.Client.PartnerLink.Query().Where(partnerlink.ProviderID(api.Demo.ProviderID), partnerlink.OrganisationID(org)).OnlyIDX(apitest.Sys)
}

// membershipOf is the live membership of a demo account.
func membershipOf(api *apitest.API, account string) pulid.ID {
	return api.DB.Client.Membership.Query().Where(membership.PersonID(api.Demo.People[account]), membership.EndedAtIsNil()).OnlyIDX(apitest.Sys)
}

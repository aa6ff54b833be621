package workshop_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/quote"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/auth"
)

const openSeriesDoc = `mutation($input: OpenWorkshopSeriesInput!) { openWorkshopSeries(input: $input) { errors { code message } } }`

// cityStaff makes a partner staff member at the city, whose organisation
// has an active link with the demo provider, and returns their token.
func cityStaff(t *testing.T, api *apitest.API) string {
	t.Helper()
	ctx := apitest.Sys
	c := api.DB.Client
	city := c.Organisation.Query().Where(organisation.KindEQ(organisation.KindMunicipality)).FirstX(ctx)
	p := c.Person.Create().SetDisplayName("Marc Mairie (test)").SetEmail("marc.mairie@example.org").SaveX(ctx)
	c.Membership.Create().SetPersonID(p.ID).SetOrganisationID(city.ID).SetRole(membership.RolePartnerStaff).ExecX(ctx)
	issued, err := auth.NewService(c).Issue(ctx, p.ID, "test", 24*time.Hour, "")
	if err != nil {
		t.Fatal(err)
	}
	return issued.Secret
}

// Quotes follow the partner links as bookings do, and a series made from
// a partner's quote is that partner's until the coordinator opens it.
func TestQuotesAndQuotedSeriesFollowThePartnerLinks(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	ctx := apitest.Sys
	coordinator := api.Token(t, demo.Coordinator)
	school := api.Token(t, demo.PartnerStaff)
	request := func(org any) map[string]any {
		return map[string]any{"programmeID": api.Demo.Programmes["ARCS"], "organisationID": org,
			"childrenCount": 6, "groupSize": 6, "weeks": 6, "place": "Salle municipale", "travelKm": 10}
	}

	t.Run("no quote for an organisation whose link is only proposed, or with no link", func(t *testing.T) {
		for _, kind := range []organisation.Kind{organisation.KindOther, organisation.KindAssociation} {
			org := api.DB.Client.Organisation.Query().Where(organisation.KindEQ(kind)).FirstIDX(ctx)
			mutate(t, api, coordinator, "requestQuote", requestQuoteDoc, request(org)).Errors.WantCode(t, "LINK_NOT_ACTIVE")
		}
	})
	t.Run("the series made from the school's quote is the school's", func(t *testing.T) {
		city := cityStaff(t, api)
		book(t, api, city, api.Demo.SeriesID, "city-1", "CONFIRM_WHAT_FITS", kid("Jade", 8)).Errors.WantCode(t, "SERIES_RESERVED")
		t.Run("the practitioner may not open it", func(t *testing.T) {
			res := api.Do(t, api.Token(t, demo.Practitioner), openSeriesDoc,
				map[string]any{"input": map[string]any{"seriesID": api.Demo.SeriesID, "open": true}})
			if len(res.Errors) == 0 && string(res.Data) == `{"openWorkshopSeries":{"errors":[]}}` {
				t.Fatalf("the practitioner opened it: %s", res.Data)
			}
		})
		mustOK(t, mutate(t, api, coordinator, "openWorkshopSeries", openSeriesDoc,
			map[string]any{"seriesID": api.Demo.SeriesID, "open": true}))
		p := book(t, api, city, api.Demo.SeriesID, "city-2", "CONFIRM_WHAT_FITS", kid("Jade", 8))
		for _, code := range p.Errors.Codes() {
			if code == "SERIES_RESERVED" {
				t.Fatalf("the opened series is still reserved: %+v", p.Errors)
			}
		}
	})
	t.Run("once the school's link is suspended, it neither requests nor accepts a quote", func(t *testing.T) {
		sent := api.DB.Client.Quote.Create().SetProviderID(api.Demo.ProviderID).SetProgrammeID(api.Demo.Programmes["ARCS"]).
			SetOrganisationID(api.Demo.SchoolID).SetStatus(quote.StatusSent).SetChildrenCount(6).SetGroupSize(6).SetWeeks(6).
			SetPlace("École").SetTotalCents(90000).SetSentAt(api.Clock.Now()).SetExpiresAt(api.Clock.Now().AddDate(0, 1, 0)).SaveX(ctx)
		api.DB.Client.PartnerLink.Update().Where(partnerlink.ProviderID(api.Demo.ProviderID), partnerlink.OrganisationID(api.Demo.SchoolID)).
			SetStatus(partnerlink.StatusSuspended).SetSuspendedAt(api.Clock.Now()).ExecX(ctx)
		mutate(t, api, school, "requestQuote", requestQuoteDoc, request(api.Demo.SchoolID)).Errors.WantCode(t, "LINK_NOT_ACTIVE")
		first := api.Clock.Now().AddDate(0, 0, 14).Truncate(time.Hour)
		mutate(t, api, school, "acceptQuote", acceptQuoteDoc, map[string]any{"quoteID": sent.ID,
			"firstSessionAt": first.Format(time.RFC3339), "lastDate": first.AddDate(0, 0, 42).Format(time.RFC3339)}).Errors.WantCode(t, "LINK_NOT_ACTIVE")
		if api.DB.Client.Quote.GetX(ctx, sent.ID).Status != quote.StatusSent {
			t.Fatal("the quote was accepted")
		}
	})
}

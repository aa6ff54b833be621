package accompaniment_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// sent lists "KIND address" of the documents queued for an accompaniment
// (not the notices, package notify).
func sent(t *testing.T, api *apitest.API, id pulid.ID) []string {
	t.Helper()
	var out []string
	for _, m := range api.DB.Client.OutboxMessage.Query().Where(outboxmessage.AccompanimentID(id), outboxmessage.NotificationIDIsNil()).
		AllX(apitest.Sys) {
		out = append(out, string(m.RecipientKind)+" "+m.RecipientAddress)
	}
	slices.Sort(out)
	return out
}

type delivery struct {
	Recipient, Outcome, Reason string
	RecordedAt                 string
}

// reportDeliveries reads the file's report deliveries as token.
func reportDeliveries(t *testing.T, api *apitest.API, token string, id pulid.ID) []delivery {
	t.Helper()
	var got struct {
		Node struct {
			ReportDeliveries struct {
				Edges []struct{ Node delivery }
			}
		}
	}
	api.MustSucceed(t, token, `query($id: ID!) { node(id: $id) { ... on Accompaniment {
		reportDeliveries { edges { node { recipient outcome reason recordedAt } } } } } }`,
		map[string]any{"id": id}, &got)
	var out []delivery
	for _, e := range got.Node.ReportDeliveries.Edges {
		out = append(out, e.Node)
	}
	return out
}

// closeAfterFollowUp takes a to its final report as the educator.
func closeAfterFollowUp(t *testing.T, api *apitest.API, tm team, a acc) {
	t.Helper()
	follow(t, api, tm, a)
}

func withdrawSharing(t *testing.T, api *apitest.API, familyID pulid.ID) {
	t.Helper()
	c := api.DB.Client.Consent.Query().Where(consent.FamilyID(familyID), consent.PurposeEQ(consent.PurposeSharingWithPrescriber)).
		OnlyX(apitest.Sys)
	var res struct {
		WithdrawConsent struct{ Errors apitest.UserErrors }
	}
	api.MustSucceed(t, api.Token(t, demo.Coordinator), `mutation($id: ID!) { withdrawConsent(input: {consentID: $id}) { errors { code message } } }`,
		map[string]any{"id": c.ID}, &res)
	if len(res.WithdrawConsent.Errors) > 0 {
		t.Fatalf("withdrawConsent: %+v", res.WithdrawConsent.Errors)
	}
}

// Closing after the family withdrew its consent to share its file sends
// no copy to the prescriber nor the financer; the file says why.
func TestNoCopyOfTheFinalReportLeavesWithoutTheSharingConsent(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	tm := ablTeam(t, api)
	a := validated(t, api, tm.coordinator, request(t, api, tm.appointer, "MIP", map[string]any{"financerID": api.Demo.DepartmentalCouncilID}))
	withdrawSharing(t, api, a.FamilyID)
	closeAfterFollowUp(t, api, tm, a)

	if got := sent(t, api, a.ID); !slices.Equal(got, []string{"GUARDIAN alex@example.org"}) {
		t.Fatalf("messages %v, want the requesting guardian's only", got)
	}
	got := reportDeliveries(t, api, tm.coordinator, a.ID)
	withheld := 0
	for _, d := range got {
		if d.Outcome == "WITHHELD" && (d.Recipient == "PRESCRIBER" || d.Recipient == "FINANCER") {
			withheld++
			if !strings.Contains(d.Reason, "consentement") || d.RecordedAt == "" {
				t.Errorf("a withheld copy says %q at %q: want the reason in French, dated", d.Reason, d.RecordedAt)
			}
		}
	}
	if withheld != 2 {
		t.Fatalf("deliveries %+v: want the prescriber's and the financer's copies withheld", got)
	}
}

// The report goes to the requesting guardians who have an address, with
// a copy to the prescriber and the financer (the convention's financing
// organisation's contact): not to every guardian.
func TestTheFinalReportGoesToTheRequestersThePrescriberAndTheFinancer(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	tm := ablTeam(t, api)
	fam := newFamily()
	fam["guardians"] = []map[string]any{
		{"firstName": "Alex", "lastName": "Test", "relationship": "MOTHER", "requester": true, "email": "alex@example.org"},
		{"firstName": "Sam", "lastName": "Test", "relationship": "FATHER", "requester": true},
		{"firstName": "Dom", "lastName": "Test", "relationship": "GRANDPARENT", "email": "dom@example.org"},
	}
	a := validated(t, api, tm.coordinator, request(t, api, tm.appointer, "MIP",
		map[string]any{"family": fam, "financerID": api.Demo.DepartmentalCouncilID}))
	closeAfterFollowUp(t, api, tm, a)

	want := []string{"FINANCER solidarites@cd-gard.demo.invalid", "GUARDIAN alex@example.org", "PRESCRIBER pierre.prescripteur@demo.invalid"}
	if got := sent(t, api, a.ID); !slices.Equal(got, want) {
		t.Fatalf("messages %v, want %v", got, want)
	}
	var queued, noAddress int
	for _, d := range reportDeliveries(t, api, tm.coordinator, a.ID) {
		switch {
		case d.Outcome == "QUEUED":
			queued++
		case d.Recipient == "GUARDIAN" && strings.Contains(d.Reason, "adresse"):
			noAddress++
		}
	}
	if queued != 3 || noAddress != 1 {
		t.Fatalf("%d queued, %d requesters without an address: want 3 and 1", queued, noAddress)
	}
	t.Run("the prescriber does not read the file's deliveries", func(t *testing.T) {
		if got := reportDeliveries(t, api, api.Token(t, demo.Prescriber), a.ID); len(got) != 0 {
			t.Fatalf("the prescriber reads %+v", got)
		}
	})
}

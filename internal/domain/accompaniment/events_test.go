package accompaniment_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/webhookdelivery"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/webhook"
)

// deliveries returns the webhook events queued so far, oldest first.
func deliveries(t *testing.T, api *apitest.API) []webhook.Event {
	t.Helper()
	rows := api.DB.Client.WebhookDelivery.Query().Order(webhookdelivery.ByNextAttemptAt(), webhookdelivery.ByID()).
		AllX(apitest.Sys)
	var out []webhook.Event
	for _, r := range rows {
		var ev webhook.Event
		if err := json.Unmarshal([]byte(r.Payload), &ev); err != nil {
			t.Fatalf("payload %q: %v", r.Payload, err)
		}
		if strings.Contains(r.Payload, "Alex") || strings.Contains(r.Payload, "Lou") || strings.Contains(r.Payload, "@") {
			t.Errorf("a webhook payload carries personal data: %s", r.Payload)
		}
		out = append(out, ev)
	}
	return out
}

func TestThePrescribersOrganisationHearsOfEachStepOfItsRequest(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	api.Mutate(t, demo.Prescriber, `mutation($in: RegisterWebhookEndpointInput!) {
		registerWebhookEndpoint(input: $in) { errors { code } } }`, map[string]any{"in": map[string]any{
		"organisationID": api.Demo.DepartmentalCouncilID, "url": "https://si.departement.example/hooks",
		"eventKinds": webhook.Kinds,
	}}).WantOK(t)

	tm := ablTeam(t, api)
	a := validated(t, api, tm.coordinator, request(t, api, tm.appointer, "MIP", nil))
	mustStep(t, api, tm.appointer, "setFirstAppointment", "SetFirstAppointmentInput",
		with(a.ID, "at", api.Clock.Now().Add(-24*time.Hour).UTC().Format(time.RFC3339)))

	var kinds []string
	for _, ev := range deliveries(t, api) {
		data, _ := ev.Data.(map[string]any)
		if data["accompanimentId"] == string(a.ID) {
			kinds = append(kinds, ev.Kind)
		}
	}
	want := []string{webhook.RequestValidated, webhook.FirstAppointmentSet}
	if !slices.Equal(kinds, want) {
		t.Fatalf("events %v, want %v", kinds, want)
	}
}

package webhook_test

import (
	"crypto/hmac"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/webhookdelivery"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/webhook"
)

// receiver is a partner's HTTPS endpoint: it checks every signature,
// answers 500 to the first delivery and 200 afterwards.
type receiver struct {
	t      *testing.T
	secret string
	mu     sync.Mutex
	bodies [][]byte
	srv    *httptest.Server
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{t: t}
	r.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		ts, err := strconv.ParseInt(req.Header.Get(webhook.HeaderTimestamp), 10, 64)
		r.mu.Lock()
		defer r.mu.Unlock()
		want := webhook.Sign(r.secret, ts, body)
		if err != nil || !hmac.Equal([]byte(req.Header.Get(webhook.HeaderSignature)), []byte(want)) {
			t.Errorf("bad signature %q on %s", req.Header.Get(webhook.HeaderSignature), body)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		r.bodies = append(r.bodies, body)
		if len(r.bodies) == 1 {
			http.Error(w, "temporarily unavailable", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

const register = `mutation($in: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $in) {
	endpoint { id url eventKinds } secret errors { code message } } }`

type registered struct {
	RegisterWebhookEndpoint struct {
		Endpoint *struct{ ID string }
		Secret   *string
		Errors   []struct{ Code string }
	}
}

func TestWebhookDeliveries(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	rcv := newReceiver(t)

	var got registered
	api.MustSucceed(t, api.Token(t, demo.Prescriber), register, map[string]any{"in": map[string]any{
		"organisationID": api.Demo.DepartmentalCouncilID, "url": rcv.srv.URL + "/hooks",
		"eventKinds": []string{webhook.LinkStatusChanged},
	}}, &got)
	if got.RegisterWebhookEndpoint.Secret == nil || len(got.RegisterWebhookEndpoint.Errors) > 0 {
		t.Fatalf("registration: %+v", got.RegisterWebhookEndpoint)
	}
	rcv.secret = *got.RegisterWebhookEndpoint.Secret

	// The school registers too: it must hear nothing of the council's link.
	other := newReceiver(t)
	api.MustSucceed(t, api.Token(t, demo.PartnerStaff), register, map[string]any{"in": map[string]any{
		"organisationID": api.Demo.SchoolID, "url": other.srv.URL, "eventKinds": webhook.Kinds,
	}}, &got)
	other.secret = *got.RegisterWebhookEndpoint.Secret

	link := api.DB.Client.PartnerLink.Query().Where(partnerlink.ProviderID(api.Demo.ProviderID),
		partnerlink.OrganisationID(api.Demo.DepartmentalCouncilID)).OnlyX(apitest.Sys)
	suspend := `mutation($id: ID!) { suspendLink(input: {linkID: $id}) { errors { code } } }`
	api.MustSucceed(t, api.Token(t, demo.Coordinator), suspend, map[string]any{"id": link.ID}, nil)

	t.Run("a refused change emits nothing", func(t *testing.T) {
		var refused struct {
			SuspendLink struct{ Errors []struct{ Code string } }
		}
		api.MustSucceed(t, api.Token(t, demo.Coordinator), suspend, map[string]any{"id": link.ID}, &refused)
		if len(refused.SuspendLink.Errors) != 1 {
			t.Fatalf("errors %+v", refused.SuspendLink.Errors)
		}
		if n := api.DB.Client.WebhookDelivery.Query().CountX(apitest.Sys); n != 1 {
			t.Fatalf("%d deliveries queued, want 1", n)
		}
	})

	now := api.Clock.Now()
	d := webhook.NewDispatcher(api.DB.Client, slog.New(slog.NewTextHandler(io.Discard, nil)))
	d.HTTP = rcv.srv.Client()
	d.Now = func() time.Time { return now }
	delivery := func() (status webhookdelivery.Status, attempts, code int, excerpt string) {
		del := api.DB.Client.WebhookDelivery.Query().OnlyX(apitest.Sys)
		if del.LastStatusCode != nil {
			code = *del.LastStatusCode
		}
		return del.Status, del.Attempts, code, del.ResponseExcerpt
	}

	t.Run("an error answer is logged and retried later", func(t *testing.T) {
		if n, err := d.RunOnce(t.Context()); err != nil || n != 1 {
			t.Fatalf("RunOnce = %d, %v", n, err)
		}
		status, attempts, code, excerpt := delivery()
		if status != webhookdelivery.StatusPending || attempts != 1 || code != 500 || excerpt != "temporarily unavailable\n" {
			t.Fatalf("after the 500: %s, %d attempts, %d %q", status, attempts, code, excerpt)
		}
		if n, _ := d.RunOnce(t.Context()); n != 0 {
			t.Fatal("retried at once, without backoff")
		}
		now = now.Add(webhook.Backoff(1) + time.Second)
		if n, err := d.RunOnce(t.Context()); err != nil || n != 1 {
			t.Fatalf("RunOnce = %d, %v", n, err)
		}
		status, attempts, code, _ = delivery()
		if status != webhookdelivery.StatusDelivered || attempts != 2 || code != 204 {
			t.Fatalf("after the retry: %s, %d attempts, %d", status, attempts, code)
		}
	})

	t.Run("the receiver got the same signed event twice, with identifiers, status and dates only", func(t *testing.T) {
		if len(rcv.bodies) != 2 || string(rcv.bodies[0]) != string(rcv.bodies[1]) {
			t.Fatalf("bodies %q", rcv.bodies)
		}
		var ev struct {
			Kind string
			Data map[string]any
		}
		if err := json.Unmarshal(rcv.bodies[0], &ev); err != nil {
			t.Fatal(err)
		}
		var keys []string
		for k := range ev.Data {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		want := []string{"at", "fromStatus", "linkId", "organisationId", "providerId", "status"}
		if ev.Kind != webhook.LinkStatusChanged || !slices.Equal(keys, want) || ev.Data["status"] != "SUSPENDED" ||
			ev.Data["linkId"] != string(link.ID) {
			t.Fatalf("event %s %v", ev.Kind, ev.Data)
		}
		if len(other.bodies) != 0 {
			t.Fatalf("another organisation received %q", other.bodies)
		}
	})

	t.Run("the partner reads the delivery log; others do not", func(t *testing.T) {
		query := `{ webhookEndpoints { url deliveries(first: 5) { edges { node { status attempts lastStatusCode eventKind } } } } }`
		var got struct {
			WebhookEndpoints []struct {
				URL        string
				Deliveries struct {
					Edges []struct {
						Node struct {
							Status         string
							Attempts       int
							LastStatusCode int
						}
					}
				}
			}
		}
		api.MustSucceed(t, api.Token(t, demo.Prescriber), query, nil, &got)
		if len(got.WebhookEndpoints) != 1 || len(got.WebhookEndpoints[0].Deliveries.Edges) != 1 {
			t.Fatalf("got %+v", got)
		}
		if n := got.WebhookEndpoints[0].Deliveries.Edges[0].Node; n.Status != "DELIVERED" || n.Attempts != 2 || n.LastStatusCode != 204 {
			t.Fatalf("delivery %+v", n)
		}
		api.MustSucceed(t, api.Token(t, demo.Coordinator), query, nil, &got)
		if len(got.WebhookEndpoints) != 0 {
			t.Fatalf("the coordinator sees %d endpoints", len(got.WebhookEndpoints))
		}
	})
}

func TestRegisteringEndpoints(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	for _, tc := range []struct {
		name, account, url string
		kinds              []string
		org                func() string
		code               string
	}{
		{"plain http is refused", demo.Prescriber, "http://partner.example/hooks", []string{webhook.LinkStatusChanged},
			func() string { return string(api.Demo.DepartmentalCouncilID) }, "INVALID_URL"},
		{"an unknown kind is refused", demo.Prescriber, "https://partner.example/hooks", []string{"family.read"},
			func() string { return string(api.Demo.DepartmentalCouncilID) }, "INVALID_EVENT_KIND"},
		{"only the organisation's members register", demo.Prescriber, "https://partner.example/hooks", []string{webhook.LinkStatusChanged},
			func() string { return string(api.Demo.SchoolID) }, "FORBIDDEN"},
		{"not even the provider's coordinator", demo.Coordinator, "https://partner.example/hooks", []string{webhook.LinkStatusChanged},
			func() string { return string(api.Demo.SchoolID) }, "FORBIDDEN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got registered
			api.MustSucceed(t, api.Token(t, tc.account), register, map[string]any{"in": map[string]any{
				"organisationID": tc.org(), "url": tc.url, "eventKinds": tc.kinds,
			}}, &got)
			if errs := got.RegisterWebhookEndpoint.Errors; len(errs) != 1 || errs[0].Code != tc.code || got.RegisterWebhookEndpoint.Secret != nil {
				t.Fatalf("got %+v, want %s", got.RegisterWebhookEndpoint, tc.code)
			}
		})
	}
	if n := api.DB.Client.WebhookEndpoint.Query().CountX(apitest.Sys); n != 0 {
		t.Fatalf("%d endpoints written", n)
	}
}

func TestDeliveriesReachNoPrivateAddressUnlessAllowed(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	rcv := newReceiver(t) // listens on 127.0.0.1, as a service of the portal's own network would
	var got registered
	api.MustSucceed(t, api.Token(t, demo.Prescriber), register, map[string]any{"in": map[string]any{
		"organisationID": api.Demo.DepartmentalCouncilID, "url": rcv.srv.URL + "/hooks",
		"eventKinds": []string{webhook.LinkStatusChanged},
	}}, &got)
	rcv.secret = *got.RegisterWebhookEndpoint.Secret
	link := api.DB.Client.PartnerLink.Query().Where(partnerlink.ProviderID(api.Demo.ProviderID),
		partnerlink.OrganisationID(api.Demo.DepartmentalCouncilID)).OnlyX(apitest.Sys)
	api.MustSucceed(t, api.Token(t, demo.Coordinator), `mutation($id: ID!) { suspendLink(input: {linkID: $id}) { errors { code } } }`,
		map[string]any{"id": link.ID}, nil)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	now := api.Clock.Now()

	t.Run("by default, a loopback receiver is refused when connecting, and the log says why", func(t *testing.T) {
		d := webhook.NewDispatcher(api.DB.Client, logger)
		d.Now = func() time.Time { return now }
		if n, err := d.RunOnce(t.Context()); err != nil || n != 1 {
			t.Fatalf("RunOnce = %d, %v", n, err)
		}
		del := api.DB.Client.WebhookDelivery.Query().OnlyX(apitest.Sys)
		if del.Status != webhookdelivery.StatusPending || del.Attempts != 1 || !strings.Contains(del.ResponseExcerpt, "prohibited IP") {
			t.Fatalf("delivery %s after %d attempts: %q", del.Status, del.Attempts, del.ResponseExcerpt)
		}
		if len(rcv.bodies) != 0 {
			t.Fatalf("the receiver got %q", rcv.bodies)
		}
	})

	t.Run("an allowed private network is reached", func(t *testing.T) {
		d := webhook.NewDispatcher(api.DB.Client, logger, netip.MustParsePrefix("127.0.0.0/8"))
		d.HTTP.Transport.(*http.Transport).TLSClientConfig = rcv.srv.Client().Transport.(*http.Transport).TLSClientConfig
		now = now.Add(webhook.Backoff(1) + time.Second)
		d.Now = func() time.Time { return now }
		if n, err := d.RunOnce(t.Context()); err != nil || n != 1 {
			t.Fatalf("RunOnce = %d, %v", n, err)
		}
		if len(rcv.bodies) != 1 {
			t.Fatalf("the receiver got %d deliveries", len(rcv.bodies))
		}
	})
}

func TestAPartnerRotatesTheSecretAndDeactivatesAnEndpoint(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	rcv := newReceiver(t)
	staff := api.Token(t, demo.Prescriber)
	var got registered
	api.MustSucceed(t, staff, register, map[string]any{"in": map[string]any{
		"organisationID": api.Demo.DepartmentalCouncilID, "url": rcv.srv.URL + "/hooks",
		"eventKinds": []string{webhook.LinkStatusChanged},
	}}, &got)
	endpointID, oldSecret := got.RegisterWebhookEndpoint.Endpoint.ID, *got.RegisterWebhookEndpoint.Secret

	link := api.DB.Client.PartnerLink.Query().Where(partnerlink.ProviderID(api.Demo.ProviderID),
		partnerlink.OrganisationID(api.Demo.DepartmentalCouncilID)).OnlyX(apitest.Sys)
	coordinator := api.Token(t, demo.Coordinator)
	changeLink := func(mutation string) {
		t.Helper()
		api.Do(t, coordinator, `mutation($id: ID!) { `+mutation+`(input: {linkID: $id}) { errors { code } } }`,
			map[string]any{"id": link.ID}).Payload(t).WantOK(t)
	}
	now := api.Clock.Now()
	d := webhook.NewDispatcher(api.DB.Client, slog.New(slog.NewTextHandler(io.Discard, nil)))
	d.HTTP = rcv.srv.Client()
	d.Now = func() time.Time { return now }

	type payload struct {
		Endpoint *struct{ ID, Active string }
		Secret   *string
		Errors   []struct{ Code string }
	}
	endpointMutation := func(token, name string) payload {
		t.Helper()
		var res map[string]payload
		api.MustSucceed(t, token, `mutation($id: ID!) { `+name+`(input: {endpointID: $id}) { endpoint { id } secret errors { code } } }`,
			map[string]any{"id": endpointID}, &res)
		return res[name]
	}

	t.Run("another organisation cannot touch the endpoint", func(t *testing.T) {
		for _, name := range []string{"rotateWebhookSecret", "deactivateWebhookEndpoint"} {
			if p := endpointMutation(api.Token(t, demo.PartnerStaff), name); len(p.Errors) != 1 || p.Errors[0].Code != "NOT_FOUND" || p.Secret != nil {
				t.Fatalf("%s by the school: %+v", name, p)
			}
		}
	})

	t.Run("after a rotation, deliveries are signed with the new secret only", func(t *testing.T) {
		p := endpointMutation(staff, "rotateWebhookSecret")
		if len(p.Errors) > 0 || p.Secret == nil || *p.Secret == oldSecret {
			t.Fatalf("rotation: %+v", p)
		}
		rcv.secret = *p.Secret // the receiver answers 401 to any other signature
		changeLink("suspendLink")
		now = api.Clock.Now()
		for range 2 { // the receiver answers 500 to its first delivery
			if n, err := d.RunOnce(t.Context()); err != nil || n != 1 {
				t.Fatalf("RunOnce = %d, %v", n, err)
			}
			now = now.Add(webhook.Backoff(1) + time.Second)
		}
		del := api.DB.Client.WebhookDelivery.Query().OnlyX(apitest.Sys)
		if del.Status != webhookdelivery.StatusDelivered {
			t.Fatalf("delivery %s: %q", del.Status, del.ResponseExcerpt)
		}
	})

	t.Run("a deactivated endpoint gets no new events, and its pending ones fail", func(t *testing.T) {
		changeLink("activateLink") // queued while the endpoint is active
		if p := endpointMutation(staff, "deactivateWebhookEndpoint"); len(p.Errors) > 0 {
			t.Fatalf("deactivation: %+v", p)
		}
		changeLink("suspendLink") // not queued
		received := len(rcv.bodies)
		now = api.Clock.Now()
		if n, err := d.RunOnce(t.Context()); err != nil || n != 1 {
			t.Fatalf("RunOnce = %d, %v", n, err)
		}
		statuses := map[webhookdelivery.Status]int{}
		for _, del := range api.DB.Client.WebhookDelivery.Query().AllX(apitest.Sys) {
			statuses[del.Status]++
		}
		if len(rcv.bodies) != received || statuses[webhookdelivery.StatusDelivered] != 1 || statuses[webhookdelivery.StatusFailed] != 1 || len(statuses) != 2 {
			t.Fatalf("deliveries by status %v; the receiver got %d more", statuses, len(rcv.bodies)-received)
		}
	})
}

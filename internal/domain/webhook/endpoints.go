package webhook

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// The kinds of events. The lead wires the emission of the others into the
// workflows that produce them.
const (
	LinkStatusChanged    = "partner_link.status_changed"
	RequestValidated     = "accompaniment.validated"
	RequestDeclined      = "accompaniment.declined"
	FirstAppointmentSet  = "accompaniment.first_appointment_set"
	FinalReportSent      = "accompaniment.final_report_sent"
	RequestExpired       = "accompaniment.expired"
	BookingConfirmed     = "booking.confirmed"
	BookingPromoted      = "booking.promoted"
	BookingCancelled     = "booking.cancelled"
	SessionCancelled     = "workshop_session.cancelled"
	SessionMoved         = "workshop_session.moved"
	SeriesCancelled      = "workshop_series.cancelled"
	InvalidEventKindCode = apierror.Code("INVALID_EVENT_KIND")
	InvalidURLCode       = apierror.Code("INVALID_URL")
)

// Kinds lists every kind of event an endpoint may subscribe to.
var Kinds = []string{
	LinkStatusChanged, RequestValidated, RequestDeclined, FirstAppointmentSet,
	FinalReportSent, RequestExpired, BookingConfirmed, BookingPromoted, BookingCancelled,
	SessionCancelled, SessionMoved, SeriesCancelled,
}

// RegisterWebhookEndpointInput is the input of registerWebhookEndpoint.
type RegisterWebhookEndpointInput struct {
	OrganisationID pulid.ID
	URL            string
	EventKinds     []string
}

// WebhookEndpointInput names an endpoint (rotateWebhookSecret,
// deactivateWebhookEndpoint).
type WebhookEndpointInput struct {
	EndpointID pulid.ID
}

// Register records an HTTPS endpoint of an organisation the viewer is a
// member of, and returns it with its signing secret (stored to sign, and
// never shown again).
func (s *Service) Register(ctx context.Context, in RegisterWebhookEndpointInput) (*ent.WebhookEndpoint, string, error) {
	orgID, rawURL, kinds := in.OrganisationID, in.URL, in.EventKinds
	client := database.ClientFor(ctx, s.client)
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
		return nil, "", apierror.New(InvalidURLCode, "webhook.url_invalid").OnField("input", "url")
	}
	if len(kinds) == 0 {
		return nil, "", apierror.New(InvalidEventKindCode, "webhook.no_event_kind").OnField("input", "eventKinds")
	}
	for _, k := range kinds {
		if !slices.Contains(Kinds, k) {
			return nil, "", apierror.New(InvalidEventKindCode, "webhook.unknown_event_kind", k).OnField("input", "eventKinds")
		}
	}
	secret, err := newSecret()
	if err != nil {
		return nil, "", err
	}
	ep, err := client.WebhookEndpoint.Create().
		SetOrganisationID(orgID).
		SetURL(u.String()).
		SetSecret(secret).
		SetEventKinds(slices.Compact(slices.Sorted(slices.Values(kinds)))).
		Save(ctx)
	if errors.Is(err, privacy.Deny) {
		return nil, "", apierror.New(apierror.Forbidden, "webhook.members_only")
	}
	if err != nil {
		return nil, "", err
	}
	return ep, secret, nil
}

// RotateSecret gives an endpoint of the viewer's organisation a new
// signing secret and returns it; deliveries sent from now on use it.
func (s *Service) RotateSecret(ctx context.Context, in WebhookEndpointInput) (*ent.WebhookEndpoint, string, error) {
	endpointID := in.EndpointID
	secret, err := newSecret()
	if err != nil {
		return nil, "", err
	}
	ep, err := database.ClientFor(ctx, s.client).WebhookEndpoint.UpdateOneID(endpointID).SetSecret(secret).Save(ctx)
	if err != nil {
		return nil, "", endpointError(err)
	}
	return ep, secret, nil
}

// Deactivate stops the deliveries to an endpoint of the viewer's
// organisation: the pending ones fail at their next attempt.
func (s *Service) Deactivate(ctx context.Context, in WebhookEndpointInput) (*ent.WebhookEndpoint, error) {
	ep, err := database.ClientFor(ctx, s.client).WebhookEndpoint.UpdateOneID(in.EndpointID).SetActive(false).Save(ctx)
	return ep, endpointError(err)
}

// endpointError says that an endpoint out of the viewer's organisations
// does not exist, as the read rules make it look.
func endpointError(err error) error {
	if ent.IsNotFound(err) || errors.Is(err, privacy.Deny) {
		return apierror.New(apierror.NotFound, "not_found.webhook").OnField("input", "endpointID")
	}
	return err
}

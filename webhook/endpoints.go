package webhook

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/reseau-liens/portal/apierror"
	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// The kinds of events. The lead wires the emission of the others into the
// workflows that produce them.
const (
	LinkStatusChanged    = "partner_link.status_changed"
	RequestValidated     = "accompaniment.validated"
	RequestDeclined      = "accompaniment.declined"
	FirstAppointmentSet  = "accompaniment.first_appointment_set"
	FinalReportSent      = "accompaniment.final_report_sent"
	BookingConfirmed     = "booking.confirmed"
	BookingPromoted      = "booking.promoted"
	BookingCancelled     = "booking.cancelled"
	InvalidEventKindCode = apierror.Code("INVALID_EVENT_KIND")
	InvalidURLCode       = apierror.Code("INVALID_URL")
)

// Kinds lists every kind of event an endpoint may subscribe to.
var Kinds = []string{
	LinkStatusChanged, RequestValidated, RequestDeclined, FirstAppointmentSet,
	FinalReportSent, BookingConfirmed, BookingPromoted, BookingCancelled,
}

// Register records an HTTPS endpoint of an organisation the viewer is a
// member of, and returns it with its signing secret (stored to sign, and
// never shown again).
func Register(ctx context.Context, client *ent.Client, orgID pulid.ID, rawURL string, kinds []string) (*ent.WebhookEndpoint, string, error) {
	client = clientFor(ctx, client)
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
		return nil, "", apierror.New(InvalidURLCode, "an https:// URL without credentials is expected").OnField("input", "url")
	}
	if len(kinds) == 0 {
		return nil, "", apierror.New(InvalidEventKindCode, "subscribe to at least one kind of event").OnField("input", "eventKinds")
	}
	for _, k := range kinds {
		if !slices.Contains(Kinds, k) {
			return nil, "", apierror.New(InvalidEventKindCode, "unknown kind of event %q", k).OnField("input", "eventKinds")
		}
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, "", err
	}
	secret := "whsec_" + hex.EncodeToString(raw)
	ep, err := client.WebhookEndpoint.Create().
		SetOrganisationID(orgID).
		SetURL(u.String()).
		SetSecret(secret).
		SetEventKinds(slices.Compact(slices.Sorted(slices.Values(kinds)))).
		Save(ctx)
	if errors.Is(err, privacy.Deny) {
		return nil, "", apierror.New(apierror.Forbidden, "only the organisation's members register its endpoints")
	}
	if err != nil {
		return nil, "", err
	}
	return ep, secret, nil
}

// clientFor returns the transactional client of the request when there
// is one (GraphQL mutations), else c.
func clientFor(ctx context.Context, c *ent.Client) *ent.Client {
	if tx := ent.FromContext(ctx); tx != nil {
		return tx
	}
	return c
}

package webhook

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/webhookdelivery"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// MaxAttempts is how many times a delivery is tried before it is FAILED.
const MaxAttempts = 8

// Backoff is the delay before attempt n+1 after n failed attempts:
// 30 s doubling, at most 6 h.
func Backoff(n int) time.Duration {
	d := 30 * time.Second << min(n-1, 10)
	return min(d, 6*time.Hour)
}

// Dispatcher sends pending deliveries.
type Dispatcher struct {
	Client *ent.Client
	// HTTP sends the requests; its timeout bounds each attempt.
	HTTP   *http.Client
	Logger *slog.Logger
	// Now is the clock: the ent client's, replaceable in tests.
	Now func() time.Time
	// Batch is how many deliveries one round sends at most.
	Batch int
}

// NewDispatcher returns a dispatcher with a 10 s timeout per attempt that
// delivers to public addresses and to the allowed private networks only
// (see SafeTransport).
func NewDispatcher(client *ent.Client, logger *slog.Logger, allowed ...netip.Prefix) *Dispatcher {
	return &Dispatcher{
		Client: client, Logger: logger, Now: client.Clock.Now, Batch: 50,
		HTTP: &http.Client{
			Timeout:   10 * time.Second,
			Transport: SafeTransport(allowed),
			// A receiver answers; it does not send deliveries elsewhere.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
}

// RunOnce sends the deliveries due now and returns how many it tried.
// One process at a time runs it: the portal runs it as a scheduled job.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	sys := viewer.SystemContext(ctx)
	due, err := d.Client.WebhookDelivery.Query().
		Where(
			webhookdelivery.StatusEQ(webhookdelivery.StatusPending),
			webhookdelivery.NextAttemptAtLTE(d.Now()),
		).
		Order(ent.Asc(webhookdelivery.FieldNextAttemptAt)).
		Limit(d.Batch).
		WithEndpoint().
		All(sys)
	if err != nil {
		return 0, err
	}
	for _, del := range due {
		if err := d.attempt(sys, del); err != nil {
			return 0, err
		}
	}
	return len(due), nil
}

// attempt sends one delivery and records the answer.
func (d *Dispatcher) attempt(ctx context.Context, del *ent.WebhookDelivery) error {
	ep := del.Edges.Endpoint
	now := d.Now()
	body := []byte(del.Payload)
	status, excerpt := d.send(ctx, ep, del, now, body)
	update := d.Client.WebhookDelivery.UpdateOne(del).
		SetAttempts(del.Attempts + 1).
		SetResponseExcerpt(excerpt)
	if status != 0 {
		update.SetLastStatusCode(status)
	}
	switch {
	case status >= 200 && status < 300:
		update.SetStatus(webhookdelivery.StatusDelivered).SetDeliveredAt(now)
	case del.Attempts+1 >= MaxAttempts || !ep.Active:
		update.SetStatus(webhookdelivery.StatusFailed)
	default:
		update.SetNextAttemptAt(now.Add(Backoff(del.Attempts + 1)))
	}
	d.Logger.InfoContext(ctx, "webhook delivery", "delivery", del.ID, "endpoint", ep.ID, "attempt", del.Attempts+1, "status", status)
	return update.Exec(ctx)
}

// send posts the body, signed, and returns the answer's status code (0 on
// a network error) and the start of the answer or the error.
func (d *Dispatcher) send(ctx context.Context, ep *ent.WebhookEndpoint, del *ent.WebhookDelivery, now time.Time, body []byte) (int, string) {
	if !ep.Active {
		return 0, "endpoint deactivated"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ep.URL, bytes.NewReader(body))
	if err != nil {
		return 0, excerpt(err.Error())
	}
	ts := now.Unix()
	signature, err := Sign(ep.Secret, string(del.ID), ts, body)
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "portal-webhooks/1")
	req.Header.Set(HeaderID, string(del.ID))
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderSignature, signature)
	req.Header.Set(HeaderEvent, del.EventKind)
	res, err := d.HTTP.Do(req)
	if err != nil {
		return 0, excerpt(err.Error())
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(res.Body, 500))
	return res.StatusCode, excerpt(string(answer))
}

func excerpt(s string) string {
	if len(s) > 500 {
		s = s[:500]
	}
	return strings.ToValidUTF8(s, "")
}

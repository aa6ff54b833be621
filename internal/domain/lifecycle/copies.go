package lifecycle

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/webhookdelivery"
)

// erasedSubject replaces the subject of a message whose content was erased.
const erasedSubject = "Message effacé (effacement du dossier)"

// copyEraser clears one kind of copy of the families' names, addresses and
// texts kept outside their file (messages, deliveries...). ids are the
// records of the families: their own, their guardians', children's,
// accompaniments' and bookings'.
type copyEraser func(ctx context.Context, c *ent.Client, ids familyRecords) error

// copyErasers are every place a copy is kept. A new place that copies a
// family's data (an audit detail, an export...) adds its eraser here; the
// test that scans every text column of every table fails until it does.
var copyErasers = []copyEraser{eraseOutbox, eraseWebhookPayloads}

// familyRecords are the ids of the records of some families.
type familyRecords struct {
	families, guardians, accompaniments, all []pulid.ID
}

// recordsOf collects the ids of the families' records, as the portal.
func recordsOf(ctx context.Context, c *ent.Client, familyIDs []pulid.ID) (familyRecords, error) {
	r := familyRecords{families: familyIDs}
	var err error
	if r.guardians, err = c.Guardian.Query().Where(guardian.FamilyIDIn(familyIDs...)).IDs(ctx); err != nil {
		return r, err
	}
	if r.accompaniments, err = c.Accompaniment.Query().Where(accompaniment.FamilyIDIn(familyIDs...)).IDs(ctx); err != nil {
		return r, err
	}
	children, err := c.Child.Query().Where(child.FamilyIDIn(familyIDs...)).IDs(ctx)
	if err != nil {
		return r, err
	}
	bookings, err := c.Booking.Query().Where(booking.HasChildWith(child.HasFamilyWith(family.IDIn(familyIDs...)))).IDs(ctx)
	if err != nil {
		return r, err
	}
	r.all = append(append(append(append(append(r.all, familyIDs...), r.guardians...), r.accompaniments...), children...), bookings...)
	return r, nil
}

// eraseCopies runs every eraser for the families.
func eraseCopies(ctx context.Context, c *ent.Client, familyIDs []pulid.ID) error {
	ids, err := recordsOf(ctx, c, familyIDs)
	if err != nil {
		return err
	}
	for _, erase := range copyErasers {
		if err := erase(ctx, c, ids); err != nil {
			return err
		}
	}
	return nil
}

// eraseOutbox clears the address, subject and text of the messages about
// the families' files or to their guardians (the final report's text, the
// parents' address). The row stays: what was sent, when, to which kind of
// recipient.
func eraseOutbox(ctx context.Context, c *ent.Client, ids familyRecords) error {
	var about []predicate.OutboxMessage
	if len(ids.accompaniments) > 0 {
		about = append(about, outboxmessage.AccompanimentIDIn(ids.accompaniments...))
	}
	if len(ids.guardians) > 0 {
		about = append(about, outboxmessage.RecipientIDIn(ids.guardians...))
	}
	if len(about) == 0 {
		return nil
	}
	return c.OutboxMessage.Update().Where(outboxmessage.Or(about...)).
		SetRecipientAddress("").SetSubject(erasedSubject).SetBody("").Exec(ctx)
}

// eraseWebhookPayloads clears the payloads of the webhook deliveries that
// name one of the families' records. Payloads carry identifiers and
// statuses only, but they are a copy about the family all the same.
func eraseWebhookPayloads(ctx context.Context, c *ent.Client, ids familyRecords) error {
	if len(ids.all) == 0 {
		return nil
	}
	var naming []predicate.WebhookDelivery
	for _, id := range ids.all {
		naming = append(naming, webhookdelivery.PayloadContains(string(id)))
	}
	return c.WebhookDelivery.Update().Where(webhookdelivery.Or(naming...)).SetPayload("{}").Exec(ctx)
}

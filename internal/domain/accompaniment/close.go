package accompaniment

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/reseau-liens/portal/internal/domain/webhook"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/ent/reportdelivery"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// CloseWithFinalReport closes a running accompaniment, after its start
// date, with its final report. The report is delivered to the requesting
// guardians, with a copy to the prescriber and the financer as the
// family's consent allows (see reportRecipients): one outbox message each,
// sent after the transaction commits (see package outbox). Every copy
// owed, sent or withheld, is recorded in the file's reportDeliveries.
func (s *Service) CloseWithFinalReport(ctx context.Context, in CloseWithFinalReportInput) (*ent.Accompaniment, error) {
	c := database.ClientFor(ctx, s.client)
	if strings.TrimSpace(in.Body) == "" {
		return nil, apierror.New(apierror.BadUserInput, "the final report is empty").OnField("input", "body")
	}
	a, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	if err := checkMove(a.Status, entacc.StatusClosed); err != nil {
		return nil, err
	}
	now := s.client.Clock.Now()
	if a.StartsAt == nil || !now.After(*a.StartsAt) {
		return nil, apierror.New(ReportBeforeStart, "the final report comes after the start date")
	}
	recipients, err := reportRecipients(ctx, c, a)
	if err != nil {
		return nil, err
	}

	report, err := c.Document.Create().SetAccompanimentID(a.ID).SetKind(document.KindFinalReport).
		SetCurrentRevision(1).SetDeliveredAt(now).Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := addRevision(ctx, c, report, 1, revisionText{body: &in.Body}); err != nil {
		return nil, err
	}
	a, err = a.Update().SetStatus(entacc.StatusClosed).SetClosedAt(now).Save(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range recipients {
		if err := deliver(ctx, c, a, report, r, in.Body, now); err != nil {
			return nil, err
		}
	}
	return announce(ctx, c, a, webhook.FinalReportSent)
}

// deliver queues the report for r, or only records why it is withheld.
func deliver(ctx context.Context, c *ent.Client, a *ent.Accompaniment, doc *ent.Document, r recipient, body string, now time.Time) error {
	outcome := reportdelivery.OutcomeQueued
	if r.withheld != "" {
		outcome = reportdelivery.OutcomeWithheld
	}
	err := c.ReportDelivery.Create().SetAccompanimentID(a.ID).SetDocumentID(doc.ID).
		SetRecipient(r.kind).SetOutcome(outcome).SetReason(r.withheld).SetRecordedAt(now).Exec(ctx)
	if err != nil || r.withheld != "" {
		return err
	}
	subject, text := "Bilan d'actions de votre accompagnement", body
	kind := outboxmessage.RecipientKindGuardian
	switch r.kind {
	case reportdelivery.RecipientPrescriber:
		kind, subject = outboxmessage.RecipientKindPrescriber, "Copie du bilan d'actions"
		text = fmt.Sprintf("Copie du bilan d'actions remis à la famille.\n\n%s", body)
	case reportdelivery.RecipientFinancer:
		kind, subject = outboxmessage.RecipientKindFinancer, "Copie du bilan d'actions"
		text = fmt.Sprintf("Copie du bilan d'actions remis à la famille, pour l'organisme financeur.\n\n%s", body)
	}
	return queue(ctx, c, a, doc, kind, string(r.id), r.address, subject, text)
}

func queue(ctx context.Context, c *ent.Client, a *ent.Accompaniment, doc *ent.Document,
	kind outboxmessage.RecipientKind, recipientID, address, subject, body string) error {
	return c.OutboxMessage.Create().
		SetProviderID(a.ProviderID).
		SetAccompanimentID(a.ID).
		SetDocumentID(doc.ID).
		SetRecipientKind(kind).
		SetRecipientID(pulid.ID(recipientID)).
		SetRecipientAddress(address).
		SetSubject(subject).
		SetBody(body).
		Exec(ctx)
}

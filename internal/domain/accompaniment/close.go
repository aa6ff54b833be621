package accompaniment

import (
	"context"
	"strings"
	"time"

	"github.com/reseau-liens/portal/internal/domain/webhook"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/ent/reportdelivery"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
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
		return nil, apierror.New(apierror.BadUserInput, "acc.report_empty").OnField("input", "body")
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
		return nil, apierror.New(ReportBeforeStart, "acc.report_before_start")
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
	// The prescriber is told that the report was given, whether or not the
	// family's consent lets a copy reach them: the notice holds none of it.
	if err := tellPrescriber(ctx, c, a, notification.KindFinalReportDelivered, "", nil); err != nil {
		return nil, err
	}
	return announce(ctx, c, a, webhook.FinalReportSent)
}

// deliver queues the report for r, or only records why it is withheld.
func deliver(ctx context.Context, c *ent.Client, a *ent.Accompaniment, doc *ent.Document, r recipient, body string, now time.Time) error {
	outcome, reason := reportdelivery.OutcomeQueued, ""
	if r.withheld != "" {
		outcome, reason = reportdelivery.OutcomeWithheld, i18n.T(r.withheld).French()
	}
	err := c.ReportDelivery.Create().SetAccompanimentID(a.ID).SetDocumentID(doc.ID).
		SetRecipient(r.kind).SetOutcome(outcome).SetReason(reason).SetRecordedAt(now).Exec(ctx)
	if err != nil || r.withheld != "" {
		return err
	}
	// Mails are written in French, the users' language (see package i18n).
	subject, text := i18n.T("mail.final_report.subject").French(), body
	kind := outboxmessage.RecipientKindGuardian
	switch r.kind {
	case reportdelivery.RecipientPrescriber:
		kind, subject = outboxmessage.RecipientKindPrescriber, i18n.T("mail.final_report_copy.subject").French()
		text = i18n.T("mail.final_report_copy.body", body).French()
	case reportdelivery.RecipientFinancer:
		kind, subject = outboxmessage.RecipientKindFinancer, i18n.T("mail.final_report_copy.subject").French()
		text = i18n.T("mail.final_report_financer_copy.body", body).French()
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

package accompaniment

import (
	"context"
	"strings"

	"github.com/reseau-liens/portal/internal/domain/webhook"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// CloseWithFinalReport closes a running accompaniment, after its start
// date, with its final report. The report is delivered to the family's
// guardians and a copy to the prescriber: one outbox message each, sent
// after the transaction commits (see package outbox).
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
	guardians, err := c.Guardian.Query().Where(guardian.FamilyID(a.FamilyID)).
		Order(ent.Asc(guardian.FieldCreatedAt), ent.Asc(guardian.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	var prescriber *ent.Person
	if a.PrescriberID != nil {
		// As the portal: an educator closing the file may not browse the
		// prescriber's organisation, yet the copy is owed to them.
		if prescriber, err = c.Person.Get(viewer.SystemContext(ctx), *a.PrescriberID); err != nil {
			return nil, err
		}
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
	subject := i18n.T("mail.final_report.subject").French()
	for _, g := range guardians {
		err := queue(ctx, c, a, report, outboxmessage.RecipientKindGuardian, string(g.ID), g.Email, subject, in.Body)
		if err != nil {
			return nil, err
		}
	}
	if prescriber != nil {
		err := queue(ctx, c, a, report, outboxmessage.RecipientKindPrescriber, string(prescriber.ID), prescriber.Email,
			i18n.T("mail.final_report_copy.subject").French(), i18n.T("mail.final_report_copy.body", in.Body).French())
		if err != nil {
			return nil, err
		}
	}
	return announce(ctx, c, a, webhook.FinalReportSent)
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

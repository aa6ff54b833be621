package access

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/reportdelivery"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// ReadReportDeliveries: what became of a final report is read by those
// who read the file's contacts (its coordinators and assigned staff).
func ReadReportDeliveries() privacy.QueryRule {
	return privacy.ReportDeliveryQueryRuleFunc(func(ctx context.Context, q *ent.ReportDeliveryQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeReportDelivery)
	})
}

func reportDeliveryScope(v *viewer.Viewer) []predicate.ReportDelivery {
	if staff := staffAccompaniments(v); len(staff) > 0 {
		return []predicate.ReportDelivery{reportdelivery.HasAccompanimentWith(accompaniment.Or(staff...))}
	}
	return nil
}

// WriteReportDeliveries lets the people who close an accompaniment record
// what became of its final report.
func WriteReportDeliveries() privacy.MutationRule {
	return privacy.ReportDeliveryMutationRuleFunc(func(ctx context.Context, m *ent.ReportDeliveryMutation) error {
		v := viewer.FromContext(ctx)
		accID, ok := m.AccompanimentID()
		if v.IsAnonymous() || !m.Op().Is(ent.OpCreate) || !ok {
			return privacy.Skip
		}
		if worksOn(ctx, m.Client(), v, accID) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

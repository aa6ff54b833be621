package schema_test

import (
	"testing"

	"github.com/reseau-liens/portal/ent/schema"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// TestEveryStatusHasWords: an INVALID_TRANSITION names the record and its
// statuses in words of the catalogue, never as enum values.
func TestEveryStatusHasWords(t *testing.T) {
	for record, m := range map[string]statemachine.Machine[string]{
		"accompaniment":    schema.AccompanimentMoves,
		"partner_link":     schema.PartnerLinkMoves,
		"quote":            schema.QuoteMoves,
		"booking":          schema.BookingMoves,
		"workshop_series":  schema.WorkshopSeriesMoves,
		"orientation":      schema.OrientationOutcomeMoves,
		"directory_offer":  schema.DirectoryOfferMoves,
		"workshop_session": schema.WorkshopSessionMoves,
		"appointment":      schema.AppointmentMoves,
		"extension":        schema.ExtensionMoves,
	} {
		if !i18n.Has("record." + record) {
			t.Errorf("no words for the record %s", record)
		}
		for _, s := range m.Statuses() {
			if key := statemachine.Word(record, s).Key; !i18n.Has(key) {
				t.Errorf("no words for %s", key)
			}
		}
	}
}

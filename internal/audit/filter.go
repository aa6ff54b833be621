package audit

import (
	"slices"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/auditevent"
	"github.com/reseau-liens/portal/ent/predicate"
)

// AboutRecord selects the events about a record: its changes and refusals
// (record_id), the read logs that list it, and, for a family, the read
// logs that list any record of its file ("who read this family's file").
func AboutRecord(id string) predicate.AuditEvent {
	return auditevent.Or(
		auditevent.RecordID(id),
		predicate.AuditEvent(func(s *sql.Selector) {
			s.Where(sql.Or(
				sqljson.ValueContains(s.C(auditevent.FieldRecordIds), id),
				sqljson.ValueContains(s.C(auditevent.FieldFamilyIds), id),
			))
		}),
	)
}

// OfRecordType selects the events about records of a type: its changes
// and refusals, and the read logs that list one.
func OfRecordType(typ string) predicate.AuditEvent {
	return auditevent.Or(
		auditevent.RecordType(typ),
		predicate.AuditEvent(func(s *sql.Selector) {
			s.Where(sqljson.HasKey(s.C(auditevent.FieldRecords), sqljson.Path(typ)))
		}),
	)
}

// ReadLogFilter makes the recordID and recordType filters of the
// auditEvents query (and their In forms) reach into the read logs, which
// list many records in one event, at every level of and, or and not.
func ReadLogFilter(w *ent.AuditEventWhereInput) *ent.AuditEventWhereInput {
	if w == nil {
		return nil
	}
	out := *w
	out.Predicates = slices.Clone(w.Predicates)
	if out.RecordID != nil {
		out.AddPredicates(AboutRecord(*out.RecordID))
		out.RecordID = nil
	}
	if len(out.RecordIDIn) > 0 {
		ps := make([]predicate.AuditEvent, len(out.RecordIDIn))
		for i, id := range out.RecordIDIn {
			ps[i] = AboutRecord(id)
		}
		out.AddPredicates(auditevent.Or(ps...))
		out.RecordIDIn = nil
	}
	if out.RecordType != nil {
		out.AddPredicates(OfRecordType(*out.RecordType))
		out.RecordType = nil
	}
	if len(out.RecordTypeIn) > 0 {
		ps := make([]predicate.AuditEvent, len(out.RecordTypeIn))
		for i, typ := range out.RecordTypeIn {
			ps[i] = OfRecordType(typ)
		}
		out.AddPredicates(auditevent.Or(ps...))
		out.RecordTypeIn = nil
	}
	out.Not = ReadLogFilter(out.Not)
	out.Or = filterAll(out.Or)
	out.And = filterAll(out.And)
	return &out
}

func filterAll(ws []*ent.AuditEventWhereInput) []*ent.AuditEventWhereInput {
	if ws == nil {
		return nil
	}
	out := make([]*ent.AuditEventWhereInput, len(ws))
	for i, w := range ws {
		out[i] = ReadLogFilter(w)
	}
	return out
}

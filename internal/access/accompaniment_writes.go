package access

import (
	"context"
	"slices"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// Who may write the records of the accompaniment workflow. The workflow's
// rules (status machine, consent, capacity...) live in package
// accompaniment; these rules only say which viewer may touch which record:
//
//   - a provider's coordinators write its accompaniments, families and
//     their files;
//   - a prescriber creates families and accompaniments in their own name,
//     adds guardians and children to the families they referred, and sets
//     the first appointment of their requests, and withdraw them before
//     their validation;
//   - an assigned educator records contacts, writes documents and closes
//     the accompaniment with its final report.
//
// The look-ups below run as the portal (viewer.SystemContext): a rule must
// see the record it guards even when the viewer's read scope does not
// include it yet (a family a prescriber has just created).

// prescriberFields are what a prescriber may change on their own request.
var prescriberFields = []string{
	accompaniment.FieldFirstAppointmentAt, accompaniment.FieldStartsAt,
	accompaniment.FieldEndsAt, accompaniment.FieldUpdatedAt,
}

// withdrawingFields are what a prescriber changes when withdrawing his
// own request before its validation.
var withdrawingFields = []string{
	accompaniment.FieldStatus, accompaniment.FieldStatusReason, accompaniment.FieldClosedAt, accompaniment.FieldUpdatedAt,
}

// closingFields are what an assigned educator changes when closing.
var closingFields = []string{
	accompaniment.FieldStatus, accompaniment.FieldClosedAt, accompaniment.FieldUpdatedAt,
}

// WriteAccompaniments lets coordinators create and change their provider's
// accompaniments, a prescriber create requests in their own name and set
// their first appointment, and an assigned educator close them.
func WriteAccompaniments() privacy.MutationRule {
	return privacy.AccompanimentMutationRuleFunc(func(ctx context.Context, m *ent.AccompanimentMutation) error {
		v := viewer.FromContext(ctx)
		if v.IsAnonymous() {
			return privacy.Skip
		}
		switch {
		case m.Op().Is(ent.OpCreate):
			providerID, _ := m.ProviderID()
			if v.IsCoordinatorOf(providerID) {
				return privacy.Allow
			}
			prescriberID, ok := m.PrescriberID()
			orgID, _ := m.PrescriberOrganisationID()
			if ok && prescriberID == v.PersonID && slices.Contains(v.OrganisationIDs(prescriber), orgID) {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdateOne):
			id, ok := m.ID()
			if !ok {
				return privacy.Skip
			}
			old, err := m.Client().Accompaniment.Get(viewer.SystemContext(ctx), id)
			if err != nil {
				return privacy.Skip
			}
			if v.IsCoordinatorOf(old.ProviderID) {
				return privacy.Allow
			}
			if old.PrescriberID != nil && *old.PrescriberID == v.PersonID && v.HasRole(prescriber) &&
				onlyFields(m, prescriberFields) {
				return privacy.Allow
			}
			if status, _ := m.Status(); status == accompaniment.StatusWithdrawn && onlyFields(m, withdrawingFields) &&
				old.PrescriberID != nil && *old.PrescriberID == v.PersonID && v.HasRole(prescriber) &&
				(old.Status == accompaniment.StatusRequested || old.Status == accompaniment.StatusEvaluating) {
				return privacy.Allow
			}
			if status, _ := m.Status(); status == accompaniment.StatusClosed && onlyFields(m, closingFields) &&
				isAssignedEducator(ctx, m.Client(), v, id) {
				return privacy.Allow
			}
			if onlyFields(m, extendingFields) && decidesExtensionOf(ctx, m.Client(), v, id) {
				return privacy.Allow
			}
		}
		return privacy.Skip
	})
}

// WriteFirstAppointmentChanges lets whoever may set an accompaniment's
// first appointment (its provider's coordinators, the prescriber of the
// request) record that change in the file's history, in their own name.
func WriteFirstAppointmentChanges() privacy.MutationRule {
	return privacy.FirstAppointmentChangeMutationRuleFunc(func(ctx context.Context, m *ent.FirstAppointmentChangeMutation) error {
		v := viewer.FromContext(ctx)
		accID, ok := m.AccompanimentID()
		actor, _ := m.ActorID()
		if v.IsAnonymous() || !m.Op().Is(ent.OpCreate) || !ok || actor != v.PersonID {
			return privacy.Skip
		}
		a, err := m.Client().Accompaniment.Get(viewer.SystemContext(ctx), accID)
		if err != nil {
			return privacy.Skip
		}
		if v.IsCoordinatorOf(a.ProviderID) ||
			(a.PrescriberID != nil && *a.PrescriberID == v.PersonID && v.HasRole(prescriber)) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// onlyFields reports whether m sets nothing but fields and touches no edge.
func onlyFields(m ent.Mutation, fields []string) bool {
	return fieldsWithin(m.Fields(), fields...) && len(m.ClearedFields()) == 0 && len(m.AddedEdges()) == 0 &&
		len(m.RemovedEdges()) == 0 && len(m.ClearedEdges()) == 0
}

// isAssignedEducator reports whether the viewer is an educator (or the
// practitioner) of the accompaniment's provider assigned to it.
func isAssignedEducator(ctx context.Context, c *ent.Client, v *viewer.Viewer, accID pulid.ID) bool {
	ids := v.ProviderIDs(assignable...)
	if len(ids) == 0 {
		return false
	}
	ok, err := c.Accompaniment.Query().Where(
		accompaniment.ID(accID),
		accompaniment.ProviderIDIn(ids...),
		accompaniment.HasEducatorsWith(person.ID(v.PersonID)),
	).Exist(viewer.SystemContext(ctx))
	return err == nil && ok
}

// worksOn reports whether the viewer coordinates the accompaniment's
// provider or is an educator assigned to it.
func worksOn(ctx context.Context, c *ent.Client, v *viewer.Viewer, accID pulid.ID) bool {
	staff := staffAccompaniments(v)
	if len(staff) == 0 {
		return false
	}
	ok, err := c.Accompaniment.Query().
		Where(accompaniment.ID(accID), accompaniment.Or(staff...)).
		Exist(viewer.SystemContext(ctx))
	return err == nil && ok
}

// WriteFamilies lets coordinators create their provider's families, and
// prescribers create the family of a request they are making.
func WriteFamilies() privacy.MutationRule {
	return privacy.FamilyMutationRuleFunc(func(ctx context.Context, m *ent.FamilyMutation) error {
		v := viewer.FromContext(ctx)
		if v.IsAnonymous() || !m.Op().Is(ent.OpCreate) {
			return privacy.Skip
		}
		providerID, _ := m.ProviderID()
		if v.IsCoordinatorOf(providerID) || v.HasRole(prescriber) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// mayAddMembers reports whether the viewer may add guardians or children
// to a family: its provider's coordinators, or the prescriber who referred
// it.
func mayAddMembers(ctx context.Context, c *ent.Client, v *viewer.Viewer, familyID pulid.ID) bool {
	var or []predicate.Family
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		or = append(or, family.ProviderIDIn(ids...))
	}
	if v.HasRole(prescriber) {
		or = append(or, family.HasAccompanimentsWith(accompaniment.PrescriberID(v.PersonID)))
	}
	if len(or) == 0 {
		return false
	}
	ok, err := c.Family.Query().Where(family.ID(familyID), family.Or(or...)).Exist(viewer.SystemContext(ctx))
	return err == nil && ok
}

// WriteGuardians lets the people who may add to a family add guardians.
func WriteGuardians() privacy.MutationRule {
	return privacy.GuardianMutationRuleFunc(func(ctx context.Context, m *ent.GuardianMutation) error {
		v := viewer.FromContext(ctx)
		familyID, ok := m.FamilyID()
		if v.IsAnonymous() || !m.Op().Is(ent.OpCreate) || !ok {
			return privacy.Skip
		}
		if mayAddMembers(ctx, m.Client(), v, familyID) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// WriteChildren lets the people who may add to a family add children.
func WriteChildren() privacy.MutationRule {
	return privacy.ChildMutationRuleFunc(func(ctx context.Context, m *ent.ChildMutation) error {
		v := viewer.FromContext(ctx)
		familyID, ok := m.FamilyID()
		if v.IsAnonymous() || !m.Op().Is(ent.OpCreate) || !ok {
			return privacy.Skip
		}
		if mayAddMembers(ctx, m.Client(), v, familyID) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// WriteContactEvents lets an assigned educator record their own contacts.
func WriteContactEvents() privacy.MutationRule {
	return privacy.ContactEventMutationRuleFunc(func(ctx context.Context, m *ent.ContactEventMutation) error {
		v := viewer.FromContext(ctx)
		accID, ok := m.AccompanimentID()
		author, _ := m.AuthorID()
		if v.IsAnonymous() || !m.Op().Is(ent.OpCreate) || !ok || author != v.PersonID {
			return privacy.Skip
		}
		if isAssignedEducator(ctx, m.Client(), v, accID) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// WriteDocuments lets the coordinators and assigned educators create and
// update an accompaniment's documents.
func WriteDocuments() privacy.MutationRule {
	return privacy.DocumentMutationRuleFunc(func(ctx context.Context, m *ent.DocumentMutation) error {
		v := viewer.FromContext(ctx)
		if v.IsAnonymous() {
			return privacy.Skip
		}
		var accID pulid.ID
		switch {
		case m.Op().Is(ent.OpCreate):
			accID, _ = m.AccompanimentID()
		case m.Op().Is(ent.OpUpdateOne):
			id, _ := m.ID()
			d, err := m.Client().Document.Get(viewer.SystemContext(ctx), id)
			if err != nil {
				return privacy.Skip
			}
			accID = d.AccompanimentID
		default:
			return privacy.Skip
		}
		if worksOn(ctx, m.Client(), v, accID) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// WriteDocumentRevisions lets the coordinators and assigned educators add
// revisions; revisions are never changed.
func WriteDocumentRevisions() privacy.MutationRule {
	return privacy.DocumentRevisionMutationRuleFunc(func(ctx context.Context, m *ent.DocumentRevisionMutation) error {
		v := viewer.FromContext(ctx)
		docID, ok := m.DocumentID()
		if v.IsAnonymous() || !m.Op().Is(ent.OpCreate) || !ok {
			return privacy.Skip
		}
		accID, err := m.Client().Document.Query().Where(document.ID(docID)).
			QueryAccompaniment().OnlyID(viewer.SystemContext(ctx))
		if err == nil && worksOn(ctx, m.Client(), v, accID) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// WriteOutboxMessages lets the people who close an accompaniment queue the
// deliveries of its final report.
func WriteOutboxMessages() privacy.MutationRule {
	return privacy.OutboxMessageMutationRuleFunc(func(ctx context.Context, m *ent.OutboxMessageMutation) error {
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

// ReadOutboxMessages: a coordinator reads their provider's outbox.
func ReadOutboxMessages() privacy.QueryRule {
	return privacy.OutboxMessageQueryRuleFunc(func(ctx context.Context, q *ent.OutboxMessageQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeOutboxMessage)
	})
}

func outboxMessageScope(v *viewer.Viewer) []predicate.OutboxMessage {
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		return []predicate.OutboxMessage{outboxmessage.ProviderIDIn(ids...)}
	}
	return nil
}

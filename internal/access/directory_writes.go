package access

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/directoryoffer"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/ent/orientation"
	"github.com/reseau-liens/portal/ent/orientationevent"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// offerPublishers matches the offers the viewer may publish and edit:
// those of their own organisations (any partner role), and those of the
// organisations linked to a provider they coordinate.
func offerPublishers(v *viewer.Viewer) []predicate.DirectoryOffer {
	var or []predicate.DirectoryOffer
	if ids := v.OrganisationIDs(prescriber, partnerStaff); len(ids) > 0 {
		or = append(or, directoryoffer.OrganisationIDIn(ids...))
	}
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		or = append(or, directoryoffer.HasOrganisationWith(organisationLinkedTo(ids)...))
	}
	return or
}

// WriteDirectoryOffers lets the members of an organisation, and the
// coordinators of the providers it is linked to, publish and edit its
// offers.
func WriteDirectoryOffers() privacy.MutationRule {
	return privacy.DirectoryOfferMutationRuleFunc(func(ctx context.Context, m *ent.DirectoryOfferMutation) error {
		v := viewer.FromContext(ctx)
		switch {
		case m.Op().Is(ent.OpCreate):
			org, ok := m.OrganisationID()
			if !ok {
				return privacy.Skip
			}
			for _, id := range v.OrganisationIDs(prescriber, partnerStaff) {
				if id == org {
					return privacy.Allow
				}
			}
			if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
				ok, err := m.Client().Organisation.Query().
					Where(organisation.ID(org)).Where(organisationLinkedTo(ids)...).Exist(ctx)
				if err == nil && ok {
					return privacy.Allow
				}
			}
		case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
			if or := offerPublishers(v); len(or) > 0 {
				m.Where(directoryoffer.Or(or...))
				return privacy.Allow
			}
		}
		return privacy.Skip
	})
}

// staffFamilies matches the families whose file the viewer follows: all
// of a coordinator's provider, and those an educator is assigned to.
func staffFamilies(v *viewer.Viewer) []predicate.Family {
	var or []predicate.Family
	if ids := v.ProviderIDs(coordinator); len(ids) > 0 {
		or = append(or, family.ProviderIDIn(ids...))
	}
	if staff := staffAccompaniments(v); len(staff) > 0 {
		or = append(or, family.HasAccompanimentsWith(accompaniment.Or(staff...)))
	}
	return or
}

// ReadOrientations: the orientations of the families the viewer follows
// as staff (coordinator, assigned educator).
func ReadOrientations() privacy.QueryRule {
	return privacy.OrientationQueryRuleFunc(func(ctx context.Context, q *ent.OrientationQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeOrientation)
	})
}

// ReadOrientations also gives the receiving organisation (the publisher of
// the offer) the orientations addressed to it: it reads the family's
// reference and the offer, not the family, and the staff's note is
// @sensitive.
func orientationScope(v *viewer.Viewer) []predicate.Orientation {
	var or []predicate.Orientation
	if fam := staffFamilies(v); len(fam) > 0 {
		or = append(or, orientation.HasFamilyWith(family.Or(fam...)))
	}
	if received := receivedOrientations(v); received != nil {
		or = append(or, received)
	}
	return or
}

// receivedOrientations matches the orientations towards the offers of
// the organisations the viewer belongs to (any partner role); nil when
// they belong to none.
func receivedOrientations(v *viewer.Viewer) predicate.Orientation {
	ids := v.OrganisationIDs(prescriber, partnerStaff)
	if len(ids) == 0 {
		return nil
	}
	return orientation.HasOfferWith(directoryoffer.OrganisationIDIn(ids...))
}

// orientationWriters: the family's staff and the receiving organisation
// record what came of an orientation; the staff's note stays theirs.
// The update is narrowed to the orientations the viewer may change.
func orientationWriters(v *viewer.Viewer, m *ent.OrientationMutation) []predicate.Orientation {
	var or []predicate.Orientation
	if fam := staffFamilies(v); len(fam) > 0 {
		or = append(or, orientation.HasFamilyWith(family.Or(fam...)))
	}
	_, noteSet := m.Note()
	if received := receivedOrientations(v); received != nil && !noteSet && !m.NoteCleared() {
		or = append(or, received)
	}
	return or
}

// WriteOrientations lets a coordinator or an assigned educator record an
// orientation of a family they follow, in their own name; they and the
// receiving organisation record its outcome.
func WriteOrientations() privacy.MutationRule {
	return privacy.OrientationMutationRuleFunc(func(ctx context.Context, m *ent.OrientationMutation) error {
		v := viewer.FromContext(ctx)
		if m.Op().Is(ent.OpUpdate | ent.OpUpdateOne) {
			if or := orientationWriters(v, m); len(or) > 0 {
				m.Where(orientation.Or(or...))
				return privacy.Allow
			}
			return privacy.Skip
		}
		fam := staffFamilies(v)
		if len(fam) == 0 {
			return privacy.Skip
		}
		switch {
		case m.Op().Is(ent.OpCreate):
			familyID, ok := m.FamilyID()
			educatorID, _ := m.EducatorID()
			if !ok || educatorID != v.PersonID {
				return privacy.Skip
			}
			ok, err := m.Client().Family.Query().Where(family.ID(familyID), family.Or(fam...)).Exist(ctx)
			if err == nil && ok {
				return privacy.Allow
			}
		}
		return privacy.Skip
	})
}

// ReadOrientationEvents: the history of the visible orientations.
func ReadOrientationEvents() privacy.QueryRule {
	return privacy.OrientationEventQueryRuleFunc(func(ctx context.Context, q *ent.OrientationEventQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeOrientationEvent)
	})
}

func orientationEventScope(v *viewer.Viewer) []predicate.OrientationEvent {
	if or := orientationScope(v); len(or) > 0 {
		return []predicate.OrientationEvent{orientationevent.HasOrientationWith(orientation.Or(or...))}
	}
	return nil
}

// WriteOrientationEvents lets whoever may change an orientation's outcome
// append to its history, in their own name. Events are never changed.
func WriteOrientationEvents() privacy.MutationRule {
	return privacy.OrientationEventMutationRuleFunc(func(ctx context.Context, m *ent.OrientationEventMutation) error {
		if !m.Op().Is(ent.OpCreate) {
			return privacy.Denyf("orientation events are append-only")
		}
		v := viewer.FromContext(ctx)
		id, ok := m.OrientationID()
		actor, _ := m.ActorID()
		if !ok || actor != v.PersonID {
			return privacy.Skip
		}
		var or []predicate.Orientation
		if fam := staffFamilies(v); len(fam) > 0 {
			or = append(or, orientation.HasFamilyWith(family.Or(fam...)))
		}
		if received := receivedOrientations(v); received != nil {
			or = append(or, received)
		}
		if len(or) == 0 {
			return privacy.Skip
		}
		ok, err := m.Client().Orientation.Query().Where(orientation.ID(id), orientation.Or(or...)).Exist(ctx)
		if err == nil && ok {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

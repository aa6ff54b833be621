package directory

import (
	"context"
	"errors"
	"strings"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/directoryoffer"
	"github.com/reseau-liens/portal/ent/orientation"
	"github.com/reseau-liens/portal/ent/orientationevent"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/schema"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// The inputs of the directory's mutations, bound to the GraphQL input
// types of the same names (schema/directory.graphql).

// PublishOfferInput is a new offer of an organisation.
type PublishOfferInput struct {
	OrganisationID                                   pulid.ID
	Category                                         directoryoffer.Category
	Title, Description, Territory, Audience, Contact string
}

// UpdateOfferInput changes an offer: nil fields keep their value.
type UpdateOfferInput struct {
	OfferID                                          pulid.ID
	Category                                         *directoryoffer.Category
	Title, Description, Territory, Audience, Contact *string
}

// RecordOrientationInput points a family to an offer.
type RecordOrientationInput struct {
	FamilyID, OfferID pulid.ID
	Note              *string
}

// RecordOrientationOutcomeInput is what came of an orientation.
type RecordOrientationOutcomeInput struct {
	OrientationID pulid.ID
	Outcome       orientation.Outcome
	Note          *string
}

// Publish publishes an offer of an organisation. Its members and the
// coordinators of the providers it is linked to may (see package access).
func (s *Service) Publish(ctx context.Context, in PublishOfferInput) (*ent.DirectoryOffer, error) {
	client := database.ClientFor(ctx, s.client)
	for _, f := range []struct {
		name, key string
		v         string
	}{
		{"title", "dir.title_required", in.Title},
		{"description", "dir.description_required", in.Description},
		{"territory", "dir.territory_required", in.Territory},
	} {
		if strings.TrimSpace(f.v) == "" {
			return nil, apierror.New(apierror.BadUserInput, f.key).OnField("input", f.name)
		}
	}
	if _, err := client.Organisation.Get(ctx, in.OrganisationID); err != nil {
		return nil, notFound(err, "not_found.organisation", "input", "organisationID")
	}
	offer, err := client.DirectoryOffer.Create().
		SetOrganisationID(in.OrganisationID).
		SetCategory(in.Category).
		SetTitle(strings.TrimSpace(in.Title)).
		SetDescription(strings.TrimSpace(in.Description)).
		SetTerritory(strings.TrimSpace(in.Territory)).
		SetAudience(strings.TrimSpace(in.Audience)).
		SetContact(strings.TrimSpace(in.Contact)).
		Save(ctx)
	if errors.Is(err, privacy.Deny) {
		return nil, apierror.New(apierror.Forbidden, "dir.publish_forbidden")
	}
	return offer, err
}

// Update changes the given fields of an offer.
func (s *Service) Update(ctx context.Context, in UpdateOfferInput) (*ent.DirectoryOffer, error) {
	client := database.ClientFor(ctx, s.client)
	current, err := client.DirectoryOffer.Get(ctx, in.OfferID)
	if err != nil {
		return nil, notFound(err, "not_found.offer", "input", "offerID")
	}
	if current.Status == directoryoffer.StatusArchived {
		return nil, apierror.New(statemachine.InvalidTransition, "dir.archived_offer_frozen").OnField("input", "offerID")
	}
	for _, f := range []struct {
		name, key string
		v         *string
	}{
		{"title", "dir.title_empty", in.Title},
		{"description", "dir.description_empty", in.Description},
		{"territory", "dir.territory_empty", in.Territory},
	} {
		if f.v != nil && strings.TrimSpace(*f.v) == "" {
			return nil, apierror.New(apierror.BadUserInput, f.key).OnField("input", f.name)
		}
	}
	u := client.DirectoryOffer.UpdateOneID(in.OfferID)
	if in.Category != nil {
		u.SetCategory(*in.Category)
	}
	for v, set := range map[*string]func(string) *ent.DirectoryOfferUpdateOne{
		in.Title: u.SetTitle, in.Description: u.SetDescription, in.Territory: u.SetTerritory,
		in.Audience: u.SetAudience, in.Contact: u.SetContact,
	} {
		if v != nil {
			set(strings.TrimSpace(*v))
		}
	}
	offer, err := u.Save(ctx)
	if forbidden(err) {
		// The access rule narrowed the update to the offers the viewer
		// may edit: this one is visible but not theirs.
		return nil, apierror.New(apierror.Forbidden, "dir.edit_forbidden")
	}
	return offer, err
}

// RecordOrientation records that a family the viewer follows (as
// coordinator or assigned educator) was pointed to an offer, in the
// viewer's name.
func (s *Service) RecordOrientation(ctx context.Context, in RecordOrientationInput) (*ent.Orientation, error) {
	client := database.ClientFor(ctx, s.client)
	if _, err := client.Family.Get(ctx, in.FamilyID); err != nil {
		return nil, notFound(err, "not_found.family", "input", "familyID")
	}
	offer, err := client.DirectoryOffer.Get(ctx, in.OfferID)
	if err != nil {
		return nil, notFound(err, "not_found.offer", "input", "offerID")
	}
	if offer.Status != directoryoffer.StatusPublished {
		return nil, apierror.New(OfferNotPublished, "dir.offer_not_published",
			statemachine.Word("directory_offer", offer.Status)).OnField("input", "offerID")
	}
	o, err := client.Orientation.Create().
		SetFamilyID(in.FamilyID).
		SetOfferID(in.OfferID).
		SetEducatorID(viewer.FromContext(ctx).PersonID).
		SetNote(trim(in.Note)).
		Save(ctx)
	if errors.Is(err, privacy.Deny) {
		return nil, apierror.New(apierror.Forbidden, "dir.orient_forbidden")
	}
	if err != nil {
		return nil, err
	}
	if err := recordEvent(ctx, client, o.ID, nil, o.Outcome, ""); err != nil {
		return nil, err
	}
	return o, nil
}

// RecordOutcome records what came of an orientation, as the family's
// staff or the receiving organisation, along
// schema.OrientationOutcomeMoves; each change is kept in the
// orientation's history with its date and author.
func (s *Service) RecordOutcome(ctx context.Context, in RecordOrientationOutcomeInput) (*ent.Orientation, error) {
	client := database.ClientFor(ctx, s.client)
	if in.Outcome == orientation.OutcomePending {
		return nil, apierror.New(apierror.BadUserInput, "dir.outcome").OnField("input", "outcome")
	}
	current, err := client.Orientation.Get(ctx, in.OrientationID)
	if err != nil {
		return nil, notFound(err, "not_found.orientation", "input", "orientationID")
	}
	if err := schema.OrientationOutcomeMoves.Check("orientation", string(current.Outcome), string(in.Outcome)); err != nil {
		return nil, err
	}
	note := trim(in.Note)
	o, err := client.Orientation.UpdateOneID(in.OrientationID).
		SetOutcome(in.Outcome).
		SetOutcomeAt(client.Clock.Now()).
		SetOutcomeNote(note).
		Save(ctx)
	if forbidden(err) {
		return nil, apierror.New(apierror.Forbidden, "dir.outcome_forbidden")
	}
	if err != nil {
		return nil, err
	}
	if err := recordEvent(ctx, client, o.ID, &current.Outcome, o.Outcome, note); err != nil {
		return nil, err
	}
	return o, nil
}

// recordEvent appends a change of outcome to an orientation's history, in
// the viewer's name, at the clock's time.
func recordEvent(ctx context.Context, client *ent.Client, id pulid.ID, from *orientation.Outcome, to orientation.Outcome, note string) error {
	e := client.OrientationEvent.Create().
		SetOrientationID(id).
		SetToOutcome(orientationevent.ToOutcome(to)).
		SetAt(client.Clock.Now()).
		SetActorID(viewer.FromContext(ctx).PersonID).
		SetNote(note)
	if from != nil {
		e.SetFromOutcome(orientationevent.FromOutcome(*from))
	}
	return e.Exec(ctx)
}

// forbidden reports a write the access rules refused or narrowed to
// nothing: the record is visible but not the viewer's to change.
func forbidden(err error) bool {
	return ent.IsNotFound(err) || errors.Is(err, privacy.Deny)
}

func trim(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}

// notFound turns ent's not-found error into a user error on a field.
func notFound(err error, key string, field ...string) error {
	if ent.IsNotFound(err) {
		return apierror.New(apierror.NotFound, key).OnField(field...)
	}
	return err
}

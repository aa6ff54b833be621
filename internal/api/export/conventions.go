package export

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/convention"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/network"
)

// ConsumptionColumns are the columns of a convention's consumption, in
// their stable order: the convention's figures (the same as the API's),
// repeated on each row, then the accompaniment that takes the place.
var ConsumptionColumns = []string{
	"convention_id", "programme", "partner", "financer", "starts_on", "ends_on",
	"places", "unit_price_cents", "places_taken", "places_left", "committed_amount_cents",
	"accompaniment_id", "family_reference", "accompaniment_status", "validated_on",
	"accompaniment_starts_on", "accompaniment_ends_on",
}

// conventionConsumption writes one row per accompaniment taking a place of
// the convention; a convention with no place taken gets one row with its
// figures only. Only the coordinators of the link's provider export it.
func conventionConsumption(ctx context.Context, client *ent.Client, w http.ResponseWriter, id pulid.ID) error {
	c, err := client.Convention.Query().
		Where(convention.ID(id)).
		WithProgramme().
		WithFinancer().
		WithPartnerLink(func(q *ent.PartnerLinkQuery) { q.WithOrganisation() }).
		Only(ctx)
	if err != nil {
		return err
	}
	link := c.Edges.PartnerLink
	if link == nil || access.CanManageConventions(viewer.FromContext(ctx), link.ProviderID) != nil {
		return errNotFound
	}
	taken, err := network.PlacesTaken(ctx, client, []pulid.ID{c.ID})
	if err != nil {
		return err
	}
	figures := network.ConsumptionOf(c, taken[c.ID], client.Clock.Now())
	head := []string{
		string(c.ID), nameOf(c.Edges.Programme), orgName(link.Edges.Organisation), orgName(c.Edges.Financer),
		c.StartsAt.Format(time.DateOnly), c.EndsAt.Format(time.DateOnly),
		strconv.Itoa(c.Places), strconv.FormatInt(c.UnitPriceCents, 10),
		strconv.Itoa(figures.PlacesTaken), strconv.Itoa(figures.PlacesLeft), strconv.FormatInt(figures.CommittedAmountCents, 10),
	}
	out := newCSV(w, "convention-"+string(c.ID)+"-consumption.csv")
	if err := out.write(ConsumptionColumns); err != nil {
		return err
	}
	rows := 0
	q := client.Accompaniment.Query().
		Where(accompaniment.ConventionID(c.ID), accompaniment.StatusIn(network.ConsumingStatuses...)).
		WithFamily()
	err = stream(ctx, q, out, func(a *ent.Accompaniment) error {
		rows++
		ref := ""
		if a.Edges.Family != nil {
			ref = a.Edges.Family.Reference
		}
		return out.write(append(head[:len(head):len(head)],
			string(a.ID), ref, string(a.Status), date(a.ValidatedAt), date(a.StartsAt), date(a.EndsAt)))
	})
	if err != nil {
		return err
	}
	if rows == 0 {
		if err := out.write(append(head, "", "", "", "", "", "")); err != nil {
			return err
		}
	}
	return out.flush()
}

func nameOf(p *ent.Programme) string {
	if p == nil {
		return ""
	}
	return p.Code
}

func orgName(o *ent.Organisation) string {
	if o == nil {
		return ""
	}
	return o.Name
}

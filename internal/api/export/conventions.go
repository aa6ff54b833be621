package export

import (
	"context"
	"net/http"

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
var ConsumptionColumns = []Column{
	{"convention_id", "csv.convention"}, {"programme", "csv.programme"}, {"partner", "csv.partner"},
	{"financer", "csv.financer"}, {"starts_on", "csv.starts_on"}, {"ends_on", "csv.ends_on"},
	{"places", "csv.places"}, {"unit_price_cents", "csv.unit_price"}, {"places_taken", "csv.places_taken"},
	{"places_left", "csv.places_left"}, {"committed_amount_cents", "csv.committed_amount"},
	{"accompaniment_id", "csv.accompaniment"}, {"family_reference", "csv.family_reference"},
	{"accompaniment_status", "csv.accompaniment_status"}, {"validated_on", "csv.validated_on"},
	{"accompaniment_starts_on", "csv.accompaniment_starts_on"}, {"accompaniment_ends_on", "csv.accompaniment_ends_on"},
}

// conventionConsumption writes one row per accompaniment taking a place of
// the convention; a convention with no place taken gets one row with its
// figures only. Only the coordinators of the link's provider export it.
func conventionConsumption(ctx context.Context, client *ent.Client, w http.ResponseWriter, f format, id pulid.ID) error {
	c, link, figures, err := loadConsumption(ctx, client, id)
	if err != nil {
		return err
	}
	head := []string{
		string(c.ID), f.text(nameOf(c.Edges.Programme)), f.text(orgName(link.Edges.Organisation)), f.text(orgName(c.Edges.Financer)),
		f.day(&c.StartsAt), f.day(&c.EndsAt),
		f.count(c.Places), f.cents(c.UnitPriceCents),
		f.count(figures.PlacesTaken), f.count(figures.PlacesLeft), f.cents(figures.CommittedAmountCents),
	}
	out := newCSV(w, f, "convention-"+string(c.ID)+"-consumption.csv")
	if err := out.write(f.header(ConsumptionColumns)); err != nil {
		return err
	}
	rows := 0
	err = stream(ctx, consumingFiles(client, c.ID), out, func(a *ent.Accompaniment) error {
		rows++
		ref := ""
		if a.Edges.Family != nil {
			ref = a.Edges.Family.Reference
		}
		return out.write(append(head[:len(head):len(head)],
			string(a.ID), f.text(ref), f.status("accompaniment", a.Status), f.day(a.ValidatedAt), f.day(a.StartsAt), f.day(a.EndsAt)))
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

// loadConsumption reads a convention with its programme, financer and
// link, and its figures, for the coordinators of the link's provider (for
// anyone else it does not exist): the one source of the CSV and .xlsx
// consumption tables.
func loadConsumption(ctx context.Context, client *ent.Client, id pulid.ID) (*ent.Convention, *ent.PartnerLink, network.Consumption, error) {
	c, err := client.Convention.Query().
		Where(convention.ID(id)).
		WithProgramme().
		WithFinancer().
		WithPartnerLink(func(q *ent.PartnerLinkQuery) { q.WithOrganisation() }).
		Only(ctx)
	if err != nil {
		return nil, nil, network.Consumption{}, err
	}
	link := c.Edges.PartnerLink
	if link == nil || access.CanManageConventions(viewer.FromContext(ctx), link.ProviderID) != nil {
		return nil, nil, network.Consumption{}, errNotFound
	}
	taken, err := network.PlacesTaken(ctx, client, []pulid.ID{c.ID})
	if err != nil {
		return nil, nil, network.Consumption{}, err
	}
	return c, link, network.ConsumptionOf(c, taken[c.ID], client.Clock.Now()), nil
}

// consumingFiles are the accompaniments taking a place of the convention,
// with their families.
func consumingFiles(client *ent.Client, conventionID pulid.ID) *ent.AccompanimentQuery {
	return client.Accompaniment.Query().
		Where(accompaniment.ConventionID(conventionID), accompaniment.StatusIn(network.ConsumingStatuses...)).
		WithFamily()
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

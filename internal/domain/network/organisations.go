package network

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/people"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/textfold"
)

// RegisterOrganisationInput describes a partner organisation to register.
type RegisterOrganisationInput struct {
	Name, Territory            string
	Kind                       organisation.Kind
	ContactEmail, ContactPhone *string
}

// RegisterOrganisation finds the organisation with the same name and
// territory (case, accents and spacing aside) or creates it:
// organisations are shared between providers, so a coordinator finds the
// one another provider registered. created tells which happened.
func (s *Service) RegisterOrganisation(ctx context.Context, in RegisterOrganisationInput) (org *ent.Organisation, created bool, err error) {
	client := database.ClientFor(ctx, s.client)
	if err := access.CanRegisterOrganisations(viewer.FromContext(ctx)); err != nil {
		return nil, false, err
	}
	name, territory := strings.TrimSpace(in.Name), strings.TrimSpace(in.Territory)
	if name == "" {
		return nil, false, apierror.New(apierror.BadUserInput, "net.name_required").OnField("input", "name")
	}
	if territory == "" {
		return nil, false, apierror.New(apierror.BadUserInput, "net.territory_required").OnField("input", "territory")
	}
	key := textfold.Key(name, territory)
	found, err := client.Organisation.Query().Where(organisation.MatchKey(key)).Only(ctx)
	switch {
	case err == nil:
		return found, false, nil
	case !ent.IsNotFound(err):
		return nil, false, err
	}
	id := organisation.DefaultID()
	create := client.Organisation.Create().
		SetID(id).
		SetName(name).
		SetTerritory(territory).
		SetKind(in.Kind)
	if strings.TrimSpace(given(in.ContactEmail)) != "" {
		e, err := people.Email(given(in.ContactEmail), "input", "contactEmail")
		if err != nil {
			return nil, false, err
		}
		create.SetContactEmail(e)
	}
	if strings.TrimSpace(given(in.ContactPhone)) != "" {
		p, err := people.Phone(given(in.ContactPhone), "input", "contactPhone")
		if err != nil {
			return nil, false, err
		}
		create.SetContactPhone(p)
	}
	// Another coordinator may register the same organisation at the same
	// moment: the unique key lets one insert through, and both get it.
	if err := create.OnConflictColumns(organisation.FieldMatchKey).DoNothing().Exec(ctx); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, false, err
	}
	org, err = client.Organisation.Query().Where(organisation.MatchKey(key)).Only(ctx)
	return org, err == nil && org.ID == id, err
}

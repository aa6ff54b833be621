package accompaniment

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/people"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// MaxPostalAddressRunes bounds a family's postal address (the column's
// length).
const MaxPostalAddressRunes = 500

// SetFamilyContactInput changes a family's details for home visits: a
// field left out (nil) is kept, an empty text clears it.
type SetFamilyContactInput struct {
	FamilyID      pulid.ID
	PostalAddress *string
	Phone         *string
}

// SetFamilyContact records where and how the educator reaches a family.
// Both are sensitive: only the staff who follow the family read or change
// them (access.CanKeepFamilyContact).
func (s *Service) SetFamilyContact(ctx context.Context, in SetFamilyContactInput) (*ent.Family, error) {
	c := database.ClientFor(ctx, s.client)
	exists, err := c.Family.Query().Where(family.ID(in.FamilyID)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if !exists {
		return nil, notFound("input", "familyID")
	}
	if err := access.CanKeepFamilyContact(ctx, c, viewer.FromContext(ctx), in.FamilyID); err != nil {
		return nil, err
	}
	address, phone, err := checkFamilyContact(in.PostalAddress, in.Phone, "input")
	if err != nil {
		return nil, err
	}
	update := c.Family.UpdateOneID(in.FamilyID)
	switch {
	case address != nil:
		update.SetPostalAddress(*address)
	case in.PostalAddress != nil:
		update.ClearPostalAddress()
	}
	switch {
	case phone != nil:
		update.SetPhone(*phone)
	case in.Phone != nil:
		update.ClearPhone()
	}
	return update.Save(ctx)
}

// checkFamilyContact trims the address and writes the phone in its
// international form (E.164); an empty text becomes nil. The fields at
// fault are named under path.
func checkFamilyContact(address, phone *string, path ...string) (*string, *string, error) {
	at := func(name string) []string { return append(append([]string{}, path...), name) }
	if address != nil {
		a := strings.TrimSpace(*address)
		switch {
		case a == "":
			address = nil
		case utf8.RuneCountInString(a) > MaxPostalAddressRunes:
			return nil, nil, apierror.New(apierror.BadUserInput, "agenda.address_too_long", MaxPostalAddressRunes).
				OnField(at("postalAddress")...)
		default:
			address = &a
		}
	}
	if phone != nil {
		if strings.TrimSpace(*phone) == "" {
			phone = nil
		} else {
			p, err := people.Phone(*phone, at("phone")...)
			if err != nil {
				return nil, nil, err
			}
			phone = &p
		}
	}
	return address, phone, nil
}

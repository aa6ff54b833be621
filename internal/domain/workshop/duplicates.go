package workshop

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/child"
	"github.com/reseau-liens/portal/ent/family"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/textfold"
)

// The codes of the checks on new children.
const (
	// DuplicateChild: the partner already booked a child of the same first
	// name, last-name initial and birth date; the error's existingID names it.
	DuplicateChild apierror.Code = "DUPLICATE_CHILD"
	// InvalidInitial: a last-name initial is one letter.
	InvalidInitial apierror.Code = "INVALID_INITIAL"
)

// checkNewChildren checks the last-name initials of a request's new
// children (and writes them upper case), then refuses a new child that
// looks like one the organisation already booked with the series'
// provider, unless the booker confirmed it is another child: a second
// record of one child would split its history and count it twice.
// Names compare folded ("Inès" is "ines"); an initial missing on either
// side does not tell two children apart. It costs one query, and none
// for a request naming known children only.
func checkNewChildren(ctx context.Context, c *ent.Client, series *ent.WorkshopSeries, org pulid.ID, cands []candidate) error {
	var unconfirmed []candidate
	var days []time.Time
	for _, cand := range cands {
		if cand.fresh == nil {
			continue
		}
		initial, err := lastNameInitial(cand.fresh.LastNameInitial, append(entryOf(cand), "lastNameInitial")...)
		if err != nil {
			return err
		}
		cand.fresh.LastNameInitial = initial
		if !cand.fresh.ConfirmNewChild {
			unconfirmed = append(unconfirmed, cand)
			days = append(days, clock.AsDay(cand.fresh.BirthDate))
		}
	}
	if len(unconfirmed) == 0 {
		return nil
	}
	// The viewer's read: a partner reads the children it booked.
	known, err := c.Child.Query().Where(
		child.BirthDateIn(days...),
		child.HasFamilyWith(family.ProviderID(series.ProviderID)),
		child.HasBookingsWith(booking.OrganisationID(org)),
	).Order(child.ByID()).All(ctx)
	if err != nil {
		return err
	}
	for _, cand := range unconfirmed {
		for _, k := range known {
			if sameChild(cand.fresh, k) {
				return apierror.New(DuplicateChild, "ws.duplicate_child", i18n.Day(k.BirthDate)).
					OnField(entryOf(cand)...).About(string(k.ID))
			}
		}
	}
	return nil
}

// sameChild tells whether a new child looks like a known one.
func sameChild(nc *BookedChildInput, k *ent.Child) bool {
	if !clock.AsDay(nc.BirthDate).Equal(clock.AsDay(k.BirthDate)) || textfold.Fold(nc.FirstName) != textfold.Fold(k.FirstName) {
		return false
	}
	if nc.LastNameInitial == nil || k.LastNameInitial == nil {
		return true
	}
	return textfold.Fold(*nc.LastNameInitial) == textfold.Fold(*k.LastNameInitial)
}

// lastNameInitial checks an initial: one letter, kept upper case.
func lastNameInitial(typed *string, field ...string) (*string, error) {
	if typed == nil {
		return nil, nil
	}
	s := norm.NFC.String(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(*typed), ".")))
	if s == "" {
		return nil, nil
	}
	r, size := utf8.DecodeRuneInString(s)
	if size != len(s) || !unicode.IsLetter(r) {
		return nil, apierror.New(InvalidInitial, "ws.last_name_initial").OnField(field...)
	}
	upper := strings.ToUpper(s)
	return &upper, nil
}

// entryOf is the input path of a candidate's entry (input, newChildren, i).
func entryOf(cand candidate) []string {
	return append([]string(nil), cand.field[:3]...)
}

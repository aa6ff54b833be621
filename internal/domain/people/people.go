// Package people checks what users type about the people in a file (a
// guardian's or a child's name, a birth date) before anything is written,
// so that a slip of the keyboard comes back as a typed error on its field
// instead of a record that is false. The workflows of packages
// accompaniment and workshop share these checks.
package people

import (
	"strings"
	"time"

	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// The codes of the checks, returned in mutation payloads.
const (
	// NameRequired: a name is empty or only spaces.
	NameRequired apierror.Code = "NAME_REQUIRED"
	// NameTooLong: a name is longer than the records keep.
	NameTooLong apierror.Code = "NAME_TOO_LONG"
	// BirthDateInFuture: a birth date after today.
	BirthDateInFuture apierror.Code = "BIRTH_DATE_IN_FUTURE"
)

// MaxNameBytes is the longest first or last name of a guardian or a
// child the records keep (the columns' limit, counted in bytes as ent
// does); MaxDisplayNameBytes that of a person's display name.
const (
	MaxNameBytes        = 100
	MaxDisplayNameBytes = 200
)

// Name returns name without its surrounding spaces, or an error on field
// when nothing is left or it is longer than maxBytes. what names the name
// in the message, e.g. "le prénom de l'enfant".
func Name(name string, maxBytes int, what i18n.Message, field ...string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", apierror.New(NameRequired, "people.name_required", what).OnField(field...)
	case len(name) > maxBytes:
		return "", apierror.New(NameTooLong, "people.name_too_long", what, maxBytes).OnField(field...)
	}
	return name, nil
}

// BirthDate refuses a birth date after now.
func BirthDate(birth, now time.Time, field ...string) error {
	if birth.After(now) {
		return apierror.New(BirthDateInFuture, "people.birth_in_future",
			i18n.Day(birth)).OnField(field...)
	}
	return nil
}

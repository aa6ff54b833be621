package people

import (
	"net/mail"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"

	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// The codes of the contact checks.
const (
	// InvalidEmail: not one plain e-mail address.
	InvalidEmail apierror.Code = "INVALID_EMAIL"
	// InvalidPhone: not a phone number, in the French or the
	// international form.
	InvalidPhone apierror.Code = "INVALID_PHONE"
)

// maxEmailBytes is the longest address SMTP carries (RFC 5321 §4.5.3.1.3).
const maxEmailBytes = 254

// Email returns the address typed, trimmed, when it is one plain address
// (RFC 5322, as net/mail reads it): no display name, no list, no control
// character, so that it can never carry a header into a mail.
func Email(typed string, field ...string) (string, error) {
	s := strings.TrimSpace(typed)
	refuse := apierror.New(InvalidEmail, "people.email_invalid").OnField(field...)
	if s == "" || len(s) > maxEmailBytes || strings.IndexFunc(s, notPrintable) >= 0 {
		return "", refuse
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s {
		return "", refuse
	}
	return s, nil
}

// Phone returns the number typed in its international form (E.164, e.g.
// +33612345678) when it is a valid number: French when written without a
// country code (06 12 34 56 78), of any country with one (+44 …).
func Phone(typed string, field ...string) (string, error) {
	s := strings.TrimSpace(typed)
	refuse := apierror.New(InvalidPhone, "people.phone_invalid").OnField(field...)
	if s == "" || len(s) > 40 || strings.IndexFunc(s, notPrintable) >= 0 {
		return "", refuse
	}
	n, err := phonenumbers.Parse(s, "FR")
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return "", refuse
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
}

// notPrintable is a control, format or separator character other than a
// space: what could end a mail header or hide in a display.
func notPrintable(r rune) bool {
	return r != ' ' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r))
}

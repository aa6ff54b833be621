// Package pulid implements the portal's global identifiers: a short type
// prefix, an underscore and a ULID (for example "fam_01HZX3M6Q0...").
//
// The prefix makes an identifier self-describing (the `node` query routes on
// it) and the ULID makes it unguessable and non-sequential, so identifiers
// reveal neither how many families a provider follows nor their neighbours.
package pulid

import (
	"crypto/rand"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/oklog/ulid/v2"
)

// ID is a prefixed ULID. Clients must treat it as opaque.
type ID string

// ErrMalformed is returned for any value that is not a well-formed ID.
var ErrMalformed = errors.New("malformed ID")

var (
	entropyMu sync.Mutex
	entropy   = ulid.Monotonic(rand.Reader, 0)
)

// New returns a fresh ID with the given type prefix.
func New(prefix string) ID {
	entropyMu.Lock()
	defer entropyMu.Unlock()
	return ID(prefix + "_" + ulid.MustNew(ulid.Now(), entropy).String())
}

// Parse validates s and returns it as an ID. It checks the shape only
// (prefix, separator, ULID); whether the prefix names a type is the node
// resolver's concern.
func Parse(s string) (ID, error) {
	prefix, rest, ok := strings.Cut(s, "_")
	if !ok || len(prefix) == 0 || len(prefix) > 4 || len(rest) != ulid.EncodedSize {
		return "", ErrMalformed
	}
	for _, r := range prefix {
		if r < 'a' || r > 'z' {
			return "", ErrMalformed
		}
	}
	if _, err := ulid.ParseStrict(rest); err != nil {
		return "", ErrMalformed
	}
	return ID(s), nil
}

// Prefix returns the type prefix of the ID ("" when malformed).
func (id ID) Prefix() string {
	prefix, _, ok := strings.Cut(string(id), "_")
	if !ok {
		return ""
	}
	return prefix
}

// UnmarshalGQL implements graphql.Unmarshaler: only well-formed IDs enter
// the program.
func (id *ID) UnmarshalGQL(v any) error {
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case ID:
		s = string(v)
	default:
		return fmt.Errorf("%w: expected a string", ErrMalformed)
	}
	parsed, err := Parse(s)
	if err != nil {
		return err
	}
	*id = parsed
	return nil
}

// MarshalGQL implements graphql.Marshaler.
func (id ID) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, strconv.Quote(string(id)))
}

// Scan implements sql.Scanner.
func (id *ID) Scan(src any) error {
	switch src := src.(type) {
	case string:
		*id = ID(src)
	case []byte:
		*id = ID(src)
	case nil:
		return fmt.Errorf("pulid: unexpected NULL")
	default:
		return fmt.Errorf("pulid: unexpected type %T", src)
	}
	return nil
}

// Value implements driver.Valuer.
func (id ID) Value() (driver.Value, error) {
	return string(id), nil
}

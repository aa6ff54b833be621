package pulid_test

import (
	"errors"
	"testing"

	"github.com/reseau-liens/portal/ent/schema/pulid"
)

func TestNewIDsAreWellFormedUniqueAndTypeTagged(t *testing.T) {
	seen := map[pulid.ID]bool{}
	for range 1000 {
		id := pulid.New("fam")
		if _, err := pulid.Parse(string(id)); err != nil {
			t.Fatalf("New gave %q, which Parse refuses: %v", id, err)
		}
		if id.Prefix() != "fam" {
			t.Fatalf("prefix of %q is %q", id, id.Prefix())
		}
		if seen[id] {
			t.Fatalf("duplicate ID %q", id)
		}
		seen[id] = true
	}
}

func TestParseRefusesAnythingButAPrefixedULID(t *testing.T) {
	for _, tc := range []struct {
		name, input string
	}{
		{"empty", ""},
		{"no separator", "fam01ARZ3NDEKTSV4RRFFQ69G5FAV"},
		{"no prefix", "_01ARZ3NDEKTSV4RRFFQ69G5FAV"},
		{"upper-case prefix", "FAM_01ARZ3NDEKTSV4RRFFQ69G5FAV"},
		{"long prefix", "family_01ARZ3NDEKTSV4RRFFQ69G5FAV"},
		{"short ULID", "fam_01ARZ3NDEKTSV4RRFFQ69G5FA"},
		{"invalid ULID character", "fam_01ARZ3NDEKTSV4RRFFQ69G5FAU"},
		{"SQL", "fam_' OR 1=1 --                 "},
		{"integer", "42"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := pulid.Parse(tc.input); !errors.Is(err, pulid.ErrMalformed) {
				t.Fatalf("Parse(%q) = %v, want ErrMalformed", tc.input, err)
			}
		})
	}
}

func TestUnmarshalGQLAcceptsStringsAndIDsOnly(t *testing.T) {
	var id pulid.ID
	if err := id.UnmarshalGQL("fam_01ARZ3NDEKTSV4RRFFQ69G5FAV"); err != nil || id != "fam_01ARZ3NDEKTSV4RRFFQ69G5FAV" {
		t.Fatalf("string: %q, %v", id, err)
	}
	if err := id.UnmarshalGQL(pulid.ID("chd_01ARZ3NDEKTSV4RRFFQ69G5FAV")); err != nil || id.Prefix() != "chd" {
		t.Fatalf("ID: %q, %v", id, err)
	}
	if err := id.UnmarshalGQL(42); !errors.Is(err, pulid.ErrMalformed) {
		t.Fatalf("int: %v", err)
	}
}

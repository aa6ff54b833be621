package pulid_test

import (
	"bytes"
	"errors"
	"strconv"
	"testing"

	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// FuzzParse checks that no string makes Parse or UnmarshalGQL panic, that
// both agree, that every error is ErrMalformed, and that an accepted ID
// survives a GraphQL round trip unchanged.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		string(pulid.New("fam")), string(pulid.New("a")), "fam_", "_01HZZZZZZZZZZZZZZZZZZZZZZZ",
		"fam_01hzzzzzzzzzzzzzzzzzzzzzzz", "FAM_01HZZZZZZZZZZZZZZZZZZZZZZZ", "famil_01HZZZZZZZZZZZZZZZZZZZZZZZ",
		"fam_8ZZZZZZZZZZZZZZZZZZZZZZZZZ", "fam_01HZZZZZZZZZZZZZZZZZZZZZZ\x00", "é_01HZZZZZZZZZZZZZZZZZZZZZZZ", "",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := pulid.Parse(s)
		var viaGQL pulid.ID
		gqlErr := viaGQL.UnmarshalGQL(s)
		if (err == nil) != (gqlErr == nil) {
			t.Fatalf("Parse and UnmarshalGQL disagree on %q: %v / %v", s, err, gqlErr)
		}
		if err != nil {
			if !errors.Is(err, pulid.ErrMalformed) || !errors.Is(gqlErr, pulid.ErrMalformed) {
				t.Fatalf("%q: error is not ErrMalformed: %v", s, err)
			}
			return
		}
		if string(id) != s || viaGQL != id || id.Prefix() == "" {
			t.Fatalf("%q parsed as %q / %q (prefix %q)", s, id, viaGQL, id.Prefix())
		}
		var buf bytes.Buffer
		id.MarshalGQL(&buf)
		back, uerr := strconv.Unquote(buf.String())
		if uerr != nil || back != s {
			t.Fatalf("%q marshalled as %s", s, buf.String())
		}
	})
}

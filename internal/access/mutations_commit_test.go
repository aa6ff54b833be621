package access_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/migrate"
	"github.com/reseau-liens/portal/ent/organisation"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// The tests of this file hold the mutations to one rule: a write is either
// done, or nothing happened, and the answer says which.

// auditTable records reads too: a failed mutation that read a record
// leaves no trace there either (its events roll back with it), but the
// tests that compare the database around a mutation leave it out, as a
// successful mutation always writes to it.
const auditTable = "audit_events"

// fingerprint hashes the rows of every table of the database, by table,
// leaving out the tables named in except.
func fingerprint(t *testing.T, api *apitest.API, except ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, table := range migrate.Tables {
		if slices.Contains(except, table.Name) {
			continue
		}
		rows, err := api.DB.SQL.Query(`SELECT * FROM "` + table.Name + `"`)
		if err != nil {
			t.Fatalf("fingerprint of %s: %v", table.Name, err)
		}
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for rows.Next() {
			values := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range values {
				ptrs[i] = &values[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, v := range values {
				if raw, ok := v.([]byte); ok {
					v = string(raw)
				}
				fmt.Fprintf(&b, "%v\x1f", v)
			}
			lines = append(lines, b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		_ = rows.Close()
		slices.Sort(lines) // rows come in no set order
		sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
		out[table.Name] = fmt.Sprintf("%d rows %s", len(lines), hex.EncodeToString(sum[:8]))
	}
	return out
}

// changedTables lists the tables whose fingerprint differs.
func changedTables(before, after map[string]string) []string {
	var out []string
	for table, sum := range after {
		if before[table] != sum {
			out = append(out, table)
		}
	}
	slices.Sort(out)
	return out
}

func TestAPrescribersRequestIsKeptWhateverItsPayloadSelects(t *testing.T) {
	t.Parallel()
	input := func(api *apitest.API, lastName string) map[string]any {
		return in(map[string]any{"programmeID": api.Demo.Programmes["MIP"], "note": "Besoin d'un soutien.", "family": map[string]any{
			"territory": "Gard", "householdComposition": "SINGLE_PARENT",
			"guardians": []map[string]any{{"firstName": "Alex", "lastName": lastName, "relationship": "MOTHER", "requester": true}},
			"children":  []map[string]any{{"firstName": "Léa", "birthDate": "2018-03-01T00:00:00Z"}},
		}})
	}
	api := apitest.New(t)
	prescriber := api.Token(t, demo.Prescriber)

	t.Run("selecting the request note, which they read back", func(t *testing.T) {
		res := api.Do(t, prescriber, `mutation($in: RequestAccompanimentInput!) { requestAccompaniment(input: $in) {
			accompaniment { id status requestNote } errors { code } } }`, input(api, "Note"))
		var got struct {
			RequestAccompaniment struct {
				Accompaniment *struct {
					ID          string
					Status      string
					RequestNote *string
				}
				Errors []struct{ Code string }
			}
		}
		res.Decode(t, &got)
		p := got.RequestAccompaniment
		if p.Accompaniment == nil || p.Accompaniment.ID == "" || p.Accompaniment.RequestNote == nil || len(p.Errors) > 0 || len(res.Errors) > 0 {
			t.Fatalf("data %s", res.Data)
		}
		a, err := api.DB.Client.Accompaniment.Get(apitest.Sys, pulid.ID(p.Accompaniment.ID))
		if err != nil {
			t.Fatalf("the request the answer names is not in the database: %v", err)
		}
		if a.RequestNote != "Besoin d'un soutien." || a.PrescriberID == nil || *a.PrescriberID != api.Demo.People[demo.Prescriber] {
			t.Fatalf("stored %+v", a)
		}
	})

	t.Run("selecting the family, which they may not read before it consents to share its file", func(t *testing.T) {
		before := api.DB.Client.Accompaniment.Query().Where(accompaniment.PrescriberID(api.Demo.People[demo.Prescriber])).CountX(apitest.Sys)
		res := api.Do(t, prescriber, `mutation($in: RequestAccompanimentInput!) { requestAccompaniment(input: $in) {
			accompaniment { id family { id reference } } errors { code } } }`, input(api, "Famille"))
		// Accompaniment.family is nullable: the family the prescriber may
		// not read yet is null, the request itself shows, with no error.
		var got struct {
			RequestAccompaniment struct {
				Accompaniment *struct {
					ID     string
					Family *struct{ ID string }
				}
			}
		}
		res.Decode(t, &got)
		if a := got.RequestAccompaniment.Accompaniment; a == nil || a.ID == "" || a.Family != nil || len(res.Errors) > 0 {
			t.Fatalf("data %s errors %+v: want the request with a null family and no error", res.Data, res.Errors)
		}
		after := api.DB.Client.Accompaniment.Query().Where(accompaniment.PrescriberID(api.Demo.People[demo.Prescriber])).CountX(apitest.Sys)
		if after != before+1 || !api.DB.Client.Guardian.Query().Where(guardian.LastName("Famille")).ExistX(apitest.Sys) {
			t.Fatalf("the request is not in the database: %d accompaniments before, %d after", before, after)
		}
	})
}

func TestAMutationWhosePayloadCarriesUserErrorsCommitsNothing(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	a := api.DB.Client.Accompaniment.GetX(apitest.Sys, api.Demo.Accompaniments[accompaniment.StatusActive])
	// Everything, the audit trail included: the checks read the
	// accompaniment, and that read is part of what must not be kept.
	before := fingerprint(t, api)
	res := api.Do(t, api.Token(t, demo.Educator), `mutation($in: RecordContactInput!) { recordContact(input: $in) {
		contactEvent { id } errors { code } } }`, in(map[string]any{"accompanimentID": a.ID, "kind": "CALL",
		"occurredAt": a.StartsAt.Add(-48 * time.Hour).Format(time.RFC3339), "durationMinutes": 10, "note": "Appel."}))
	if want := `{"recordContact":{"contactEvent":null,"errors":[{"code":"CONTACT_BEFORE_START"}]}}`; string(res.Data) != want || len(res.Errors) > 0 {
		t.Fatalf("data %s errors %+v, want %s", res.Data, res.Errors, want)
	}
	if changed := changedTables(before, fingerprint(t, api)); len(changed) > 0 {
		t.Fatalf("a refused mutation changed %v", changed)
	}
}

func TestAMutationOperationCarriesOneMutation(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	before := fingerprint(t, api)
	// Two mutations share the operation's transaction: were the second
	// to fail, the first one's answer would say done while nothing of it
	// is kept. The operation is refused whole.
	res := api.Do(t, api.Token(t, demo.Coordinator), `mutation($in: RegisterOrganisationInput!) {
		a: registerOrganisation(input: $in) { organisation { id } errors { code } }
		b: registerOrganisation(input: $in) { organisation { id } errors { code } } }`,
		in(map[string]any{"name": "Maison des familles (test)", "kind": "ASSOCIATION", "territory": "Gard"}))
	if string(res.Data) != "" && string(res.Data) != "null" || len(res.Errors) != 1 || res.Errors[0].Code() != "BAD_USER_INPUT" {
		t.Fatalf("data %s errors %+v", res.Data, res.Errors)
	}
	if changed := changedTables(before, fingerprint(t, api)); len(changed) > 0 {
		t.Fatalf("a refused operation changed %v", changed)
	}
	if api.DB.Client.Organisation.Query().Where(organisation.Name("Maison des familles (test)")).ExistX(apitest.Sys) {
		t.Fatal("the organisation was registered")
	}
	t.Run("__typename beside it is no second mutation", func(t *testing.T) {
		res := api.Do(t, api.Token(t, demo.Coordinator), `mutation($in: RegisterOrganisationInput!) { __typename
			registerOrganisation(input: $in) { organisation { id } errors { code } } }`,
			in(map[string]any{"name": "Maison des familles (test)", "kind": "ASSOCIATION", "territory": "Gard"}))
		if len(res.Errors) > 0 || !strings.Contains(string(res.Data), `"errors":[]`) {
			t.Fatalf("data %s errors %+v", res.Data, res.Errors)
		}
	})
}

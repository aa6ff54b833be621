package lifecycle_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/migrate"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"

	"entgo.io/ent/schema/field"
)

const (
	erasedAddress = "parent.a.effacer@example.org"
	erasedReport  = "Bilan confidentiel numéro 4711 : la famille a repris confiance."
)

// step runs a workflow mutation whose payload has errors, and fails on any.
func step(t *testing.T, api *apitest.API, token, name, inputType string, input map[string]any) map[string]any {
	t.Helper()
	var got map[string]struct {
		Accompaniment *struct{ ID pulid.ID }
		Family        *struct{ ID pulid.ID }
		Errors        []struct{ Code, Message string }
	}
	api.MustSucceed(t, token, "mutation($in: "+inputType+"!) { "+name+"(input: $in) { "+
		"accompaniment { id family { id } } errors { code message } } }", map[string]any{"in": input}, &got)
	if e := got[name].Errors; len(e) > 0 {
		t.Fatalf("%s: %+v", name, e)
	}
	return input
}

// closedWithReport takes a new family from a prescriber's request to its
// final report, mailed to the requesting parent and the prescriber.
func closedWithReport(t *testing.T, api *apitest.API) (familyID, accID pulid.ID) {
	t.Helper()
	var req struct {
		RequestAccompaniment struct {
			Accompaniment struct {
				ID       pulid.ID
				FamilyID pulid.ID `json:"familyID"`
			}
		}
	}
	api.MustSucceed(t, api.Token(t, demo.Prescriber), `mutation($in: RequestAccompanimentInput!) {
		requestAccompaniment(input: $in) { accompaniment { id familyID } errors { code } } }`,
		map[string]any{"in": map[string]any{"programmeID": api.Demo.Programmes["MIP"], "note": "Demande à effacer.",
			"family": map[string]any{"territory": "Nîmes", "householdComposition": "SINGLE_PARENT", "protectiveMeasures": []string{},
				"guardians": []map[string]any{{"firstName": "Ada", "lastName": "Effacée", "relationship": "MOTHER",
					"requester": true, "email": erasedAddress, "phone": "0600000000"}},
				"children": []map[string]any{{"firstName": "Lou", "birthDate": "2017-04-02T00:00:00Z"}}}}}, &req)
	accID, familyID = req.RequestAccompaniment.Accompaniment.ID, req.RequestAccompaniment.Accompaniment.FamilyID
	for _, p := range []consent.Purpose{consent.PurposeAccompaniment, consent.PurposeSharingWithPrescriber} {
		api.DB.Client.Consent.Create().SetFamilyID(familyID).SetPurpose(p).SaveX(apitest.Sys)
	}
	coord, on := api.Token(t, demo.Coordinator), map[string]any{"accompanimentID": accID}
	step(t, api, coord, "startEvaluation", "AccompanimentStepInput", on)
	step(t, api, coord, "validateAccompaniment", "AccompanimentStepInput", on)
	step(t, api, coord, "assignEducators", "AssignEducatorsInput",
		map[string]any{"accompanimentID": accID, "educatorIDs": []pulid.ID{api.Demo.People[demo.Educator]}})
	step(t, api, api.Token(t, demo.Prescriber), "setFirstAppointment", "SetFirstAppointmentInput",
		map[string]any{"accompanimentID": accID, "at": api.Clock.Now().AddDate(0, -5, 0).UTC().Truncate(1e9)})
	step(t, api, api.Token(t, demo.Educator), "closeWithFinalReport", "CloseWithFinalReportInput",
		map[string]any{"accompanimentID": accID, "body": erasedReport})
	return familyID, accID
}

// rowsHolding scans every text column of every table for s, as raw SQL:
// whatever the ent schema says, no row may keep it.
func rowsHolding(t *testing.T, api *apitest.API, s string) []string {
	t.Helper()
	var found []string
	for _, table := range migrate.Tables {
		for _, col := range table.Columns {
			switch col.Type {
			case field.TypeString, field.TypeEnum, field.TypeJSON, field.TypeOther:
			default:
				continue
			}
			var n int
			q := fmt.Sprintf(`SELECT COUNT(*) FROM %q WHERE CAST(%q AS TEXT) LIKE '%%' || $1 || '%%'`, table.Name, col.Name)
			if err := api.DB.SQL.QueryRow(q, s).Scan(&n); err != nil {
				t.Fatalf("%s.%s: %v", table.Name, col.Name, err)
			}
			if n > 0 {
				found = append(found, fmt.Sprintf("%s.%s (%d)", table.Name, col.Name, n))
			}
		}
	}
	return found
}

// After an erasure, no row of any table holds the guardian's address or
// the report's text: not the file, not the outbox, not the webhook
// deliveries, not the audit trail.
func TestAnErasureClearsEveryCopyOfTheFamilysData(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	familyID, accID := closedWithReport(t, api)
	if n := api.DB.Client.OutboxMessage.Query().Where(outboxmessage.AccompanimentID(accID)).CountX(apitest.Sys); n == 0 {
		t.Fatal("no message was queued: the test proves nothing")
	}
	for _, s := range []string{erasedAddress, erasedReport} {
		if len(rowsHolding(t, api, s)) == 0 {
			t.Fatalf("%q is nowhere before the erasure: the scan proves nothing", s)
		}
	}
	var got erased
	api.MustSucceed(t, api.Token(t, demo.Coordinator), erase, map[string]any{"id": familyID}, &got)
	if e := got.RequestErasure.Errors; len(e) > 0 {
		t.Fatalf("erasure: %+v", e)
	}
	for _, s := range []string{erasedAddress, erasedReport, "Effacée"} {
		if found := rowsHolding(t, api, s); len(found) > 0 {
			t.Errorf("after the erasure %q is still in %s", s, strings.Join(found, ", "))
		}
	}
}

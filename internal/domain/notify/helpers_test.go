package notify_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/outboxmessage"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// secrets are the family's sensitive values: no notice, title, text or
// mail may carry any of them.
var secrets = []string{"Amandine", "Vermeulen", "amandine.vermeulen@example.org", "0611223344",
	"Zélie", "Uzès-sur-Secret", "Note confidentielle du prescripteur"}

// family is a new family whose every sensitive field holds a secret.
func family() map[string]any {
	return map[string]any{
		"territory":              "Uzès-sur-Secret",
		"householdComposition":   "SINGLE_PARENT",
		"socioEconomicSituation": "EMPLOYED",
		"protectiveMeasures":     []string{},
		"guardians": []map[string]any{{"firstName": "Amandine", "lastName": "Vermeulen", "relationship": "MOTHER",
			"requester": true, "email": "amandine.vermeulen@example.org", "phone": "0611223344"}},
		"children": []map[string]any{{"firstName": "Zélie", "birthDate": "2018-03-04T00:00:00Z"}},
	}
}

// file is an accompaniment the tests follow.
type file struct {
	ID       pulid.ID `json:"id"`
	FamilyID pulid.ID `json:"familyID"`
}

// step runs one accompaniment mutation that must succeed.
func step(t *testing.T, api *apitest.API, account, name, inputType string, input map[string]any) file {
	t.Helper()
	doc := `mutation($in: ` + inputType + `!) { ` + name + `(input: $in) { accompaniment { id familyID } errors { code message } } }`
	var f file
	api.Mutate(t, account, doc, map[string]any{"in": input}).WantOK(t).Decode(t, "accompaniment", &f)
	return f
}

// requested is a fresh request of the prescriber in programme code.
func requested(t *testing.T, api *apitest.API, code string) file {
	t.Helper()
	return step(t, api, demo.Prescriber, "requestAccompaniment", "RequestAccompanimentInput", map[string]any{
		"programmeID": api.Demo.Programmes[code], "family": family(), "note": "Note confidentielle du prescripteur"})
}

// consented records the consents a validation and a report copy need.
func consented(t *testing.T, api *apitest.API, familyID pulid.ID) {
	t.Helper()
	for _, purpose := range []string{"ACCOMPANIMENT", "SHARING_WITH_PRESCRIBER"} {
		doc := `mutation($f: ID!, $p: ConsentPurpose!) { recordConsent(input: {familyID: $f, purpose: $p}) { consent { id } errors { code } } }`
		api.Mutate(t, demo.Coordinator, doc, map[string]any{"f": familyID, "p": purpose}).WantOK(t)
	}
}

func on(id pulid.ID, kv ...any) map[string]any {
	m := map[string]any{"accompanimentID": id}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

// told lists, sorted, the demo accounts given a notice of kind about id.
func told(t *testing.T, api *apitest.API, id pulid.ID, kind notification.Kind) []string {
	t.Helper()
	var out []string
	for _, n := range notices(t, api, id, kind) {
		out = append(out, account(api, n.RecipientID))
	}
	sort.Strings(out)
	return out
}

func notices(t *testing.T, api *apitest.API, id pulid.ID, kind notification.Kind) []*ent.Notification {
	t.Helper()
	return api.DB.Client.Notification.Query().
		Where(notification.AccompanimentID(id), notification.KindEQ(kind)).AllX(apitest.Sys)
}

// mailed lists, sorted, the addresses the notices of kind about id were
// mailed to.
func mailed(t *testing.T, api *apitest.API, id pulid.ID, kind notification.Kind) []string {
	t.Helper()
	var ids []pulid.ID
	for _, n := range notices(t, api, id, kind) {
		ids = append(ids, n.ID)
	}
	var out []string
	for _, m := range api.DB.Client.OutboxMessage.Query().Where(outboxmessage.NotificationIDIn(ids...)).AllX(apitest.Sys) {
		out = append(out, m.RecipientAddress)
		checkClean(t, m.Subject+"\n"+m.Body)
	}
	sort.Strings(out)
	return out
}

func account(api *apitest.API, id pulid.ID) string {
	for name, pid := range api.Demo.People {
		if pid == id {
			return name
		}
	}
	return string(id)
}

func email(t *testing.T, api *apitest.API, accounts ...string) []string {
	t.Helper()
	var out []string
	for _, a := range accounts {
		out = append(out, api.DB.Client.Person.GetX(apitest.Sys, api.Demo.People[a]).Email)
	}
	sort.Strings(out)
	return out
}

// checkClean fails when text carries one of the family's secrets.
func checkClean(t *testing.T, text string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("%q carries the sensitive value %q", text, s)
		}
	}
}

// notificationOf is a notice of kind with every argument set.
func notificationOf(kind notification.Kind) *ent.Notification {
	return &ent.Notification{Kind: kind, FamilyReference: "FAM-1", ProgrammeName: "MIP", Detail: "détail"}
}

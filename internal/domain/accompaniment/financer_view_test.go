package accompaniment_test

import (
	"encoding/json"
	"testing"

	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// A financer's members see the files it finances, their status and
// dates, and never the family's file nor its sensitive fields. The CCAS
// prescriber's file is financed here by the departmental council: the
// council's prescriber, who did not refer it, now sees it; so does its
// own prescriber and its staff; no one else.
func TestFinancerSeesTheFilesItFinancesOnly(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	id := api.DB.Client.Accompaniment.Query().
		Where(accompaniment.PrescriberID(api.Demo.People[demo.SecondPrescriber])).OnlyIDX(apitest.Sys)
	api.DB.Client.Accompaniment.UpdateOneID(id).ClearConvention().SetFinancerID(api.Demo.DepartmentalCouncilID).ExecX(apitest.Sys)

	sees := map[string]bool{
		demo.Coordinator: true, demo.Educator: true, // its provider's staff, the assigned educator
		demo.Prescriber:       true, // the financer's prescriber
		demo.SecondPrescriber: true, // who referred it
	}
	for _, account := range apitest.EveryAccount() {
		t.Run(account, func(t *testing.T) {
			var got struct {
				Node *struct {
					Status      string           `json:"status"`
					EndsAt      *string          `json:"endsAt"`
					RequestNote *string          `json:"requestNote"`
					Family      *json.RawMessage `json:"family"`
				} `json:"node"`
			}
			res := api.Do(t, api.Token(t, account), `query($id: ID!) { node(id: $id) { ... on Accompaniment {
				status endsAt requestNote family { id } } } }`, map[string]any{"id": id})
			_ = json.Unmarshal(res.Data, &got)
			if (got.Node != nil) != sees[account] {
				t.Fatalf("%s sees the file: %v, want %v", account, got.Node != nil, sees[account])
			}
			if account == demo.Prescriber {
				if got.Node.Status != "ACTIVE" || got.Node.EndsAt == nil {
					t.Errorf("the financer reads %+v, want its status and dates", got.Node)
				}
				if got.Node.RequestNote != nil || (got.Node.Family != nil && string(*got.Node.Family) != "null") {
					t.Errorf("the financer reads the request note %v or the family %s", got.Node.RequestNote, *got.Node.Family)
				}
			}
		})
	}
}

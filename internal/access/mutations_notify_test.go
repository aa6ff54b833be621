package access_test

import (
	"testing"

	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// notifyCases: the notifications (issue 15). A notice is its recipient's
// own: only they mark it read; each person sets their own e-mail choices.
var notifyCases = map[string]mutationCase{
	"markNotificationsRead": {
		document: `mutation($in: MarkNotificationsReadInput!) { markNotificationsRead(input: $in) { marked errors { code } } }`,
		vars: func(_ *testing.T, api *apitest.API) map[string]any {
			n := api.DB.Client.Notification.Create().SetRecipientID(api.Demo.People[demo.Educator]).
				SetKind(notification.KindEducatorAssigned).SetProviderID(api.Demo.ProviderID).
				SetFamilyReference("FAM-ACCESS").SetProgrammeName("MIP").SaveX(apitest.Sys)
			return in(map[string]any{"ids": []any{n.ID}})
		},
		allowed: []string{demo.Educator},
	},
	"updateNotificationPreferences": {
		document: mutationDoc("updateNotificationPreferences", "UpdateNotificationPreferencesInput"),
		vars: func(*testing.T, *apitest.API) map[string]any {
			return in(map[string]any{"kind": "REQUEST_VALIDATED", "email": false})
		},
		allowed: everySignedIn(),
	},
}

// everySignedIn is every demo account: what each person does to their own.
func everySignedIn() []string { return demo.Accounts() }

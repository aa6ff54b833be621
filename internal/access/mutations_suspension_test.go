package access_test

import (
	"testing"

	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

// suspensionCases: suspension and extension (issue 15). The provider's
// coordinators suspend, resume and ask for an extension; only a
// prescriber of the organisation financing the place (the departmental
// council finances the demo's active MIP through its convention) decides
// it: not the coordinator, not the CCAS's prescriber.
var suspensionCases = map[string]mutationCase{
	"suspendAccompaniment": {
		document: mutationDoc("suspendAccompaniment", "SuspendAccompanimentInput"),
		vars:     onAccompaniment(accompaniment.StatusActive, map[string]any{"reason": "HOSPITALISATION"}),
		allowed:  []string{demo.Coordinator},
	},
	"resumeAccompaniment": {
		document: mutationDoc("resumeAccompaniment", "ResumeAccompanimentInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			id := api.Demo.Accompaniments[accompaniment.StatusActive]
			api.Mutate(t, demo.Coordinator, mutationDoc("suspendAccompaniment", "SuspendAccompanimentInput"),
				in(map[string]any{"accompanimentID": id, "reason": "MOVE"})).WantOK(t)
			return in(map[string]any{"accompanimentID": id})
		},
		allowed: []string{demo.Coordinator},
	},
	"requestExtension": {
		document: mutationDoc("requestExtension", "RequestExtensionInput"),
		vars:     onAccompaniment(accompaniment.StatusActive, map[string]any{"months": 2, "reason": "La famille déménage en fin d'accompagnement."}),
		allowed:  []string{demo.Coordinator},
	},
	"decideExtension": {
		document: mutationDoc("decideExtension", "DecideExtensionInput"),
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			var got struct {
				Extension struct {
					ID pulid.ID `json:"id"`
				} `json:"extension"`
			}
			api.Mutate(t, demo.Coordinator,
				`mutation($in: RequestExtensionInput!) { requestExtension(input: $in) { extension { id } errors { code } } }`,
				in(map[string]any{"accompanimentID": api.Demo.Accompaniments[accompaniment.StatusActive],
					"months": 1, "reason": "Hospitalisation longue."})).WantOK(t).Into(t, &got)
			return in(map[string]any{"extensionID": got.Extension.ID, "approved": true})
		},
		allowed: []string{demo.Prescriber},
	},
}

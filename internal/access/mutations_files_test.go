package access_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// educatorsFoundingDocument is the individual document or contract of a
// running accompaniment of Au bonheur des liens that Educator follows
// (and Practitioner does not: those who follow it may).
func educatorsFoundingDocument(t *testing.T, api *apitest.API) *ent.Document {
	t.Helper()
	return api.DB.Client.Document.Query().Where(
		document.KindIn(document.KindIndividualDocument, document.KindContract),
		document.HasAccompanimentWith(
			accompaniment.ProviderID(api.Demo.ProviderID),
			accompaniment.StatusEQ(accompaniment.StatusActive),
			accompaniment.HasEducatorsWith(person.ID(api.Demo.People[demo.Educator])),
			accompaniment.Not(accompaniment.HasEducatorsWith(person.ID(api.Demo.People[demo.Practitioner]))),
		),
	).FirstX(apitest.Sys)
}

// documentFilesCases: who attaches files to documents and records the
// parents' acknowledgement (issue 15): the file's staff, as for writing
// its documents; never a prescriber, nor another provider's staff.
var documentFilesCases = map[string]mutationCase{
	"attachFile": {
		document: `mutation($in: AttachFileInput!) { attachFile(input: $in) { attachment { id } errors { code } } }`,
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			return in(map[string]any{"documentID": educatorsFoundingDocument(t, api).ID})
		},
		upload:     &apitest.File{Name: "dia-signe.pdf", Content: []byte("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")},
		uploadPath: "in.file",
		allowed:    []string{demo.Coordinator, demo.Educator},
		// An anonymous form is refused before GraphQL: a browser could forge it.
		refusal: "UNSUPPORTED_MEDIA_TYPE",
	},
	"removeAttachment": {
		document: `mutation($in: RemoveAttachmentInput!) { removeAttachment(input: $in) { attachment { id } errors { code } } }`,
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			att := api.DB.Client.Attachment.Create().SetDocumentID(educatorsFoundingDocument(t, api).ID).
				SetSha256("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").SetSize(10).
				SetMediaType("application/pdf").SetFileName("erreur.pdf").
				SetUploadedByID(api.Demo.People[demo.Educator]).SaveX(apitest.Sys)
			return in(map[string]any{"attachmentID": att.ID})
		},
		allowed: []string{demo.Coordinator, demo.Educator},
	},
	"recordParentsAcknowledgement": {
		document: `mutation($in: RecordParentsAcknowledgementInput!) { recordParentsAcknowledgement(input: $in) { document { id } errors { code } } }`,
		vars: func(t *testing.T, api *apitest.API) map[string]any {
			doc := educatorsFoundingDocument(t, api)
			a := api.DB.Client.Accompaniment.GetX(apitest.Sys, doc.AccompanimentID)
			g := api.DB.Client.Guardian.Query().Where(guardian.FamilyID(a.FamilyID)).FirstIDX(apitest.Sys)
			return in(map[string]any{"documentID": doc.ID, "guardianIDs": []any{g},
				"acknowledgedOn": clock.DayOf(api.Clock.Now(), clock.Paris).Format(time.DateOnly)})
		},
		allowed: []string{demo.Coordinator, demo.Educator},
	},
}

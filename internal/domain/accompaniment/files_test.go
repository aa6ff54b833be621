package accompaniment_test

import (
	"archive/zip"
	"bytes"
	"image"
	"image/png"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/attachment"
	"github.com/reseau-liens/portal/ent/document"
	"github.com/reseau-liens/portal/ent/guardian"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/config"
)

const attachDoc = `mutation($in: AttachFileInput!) { attachFile(input: $in) {
	attachment { id fileName mediaType size sha256 downloadURL uploadedBy { id } }
	errors { code message field } } }`

const removeDoc = `mutation($in: RemoveAttachmentInput!) { removeAttachment(input: $in) { attachment { id } errors { code message field } } }`

// uploaded is an attachment as the API returns it.
type uploaded struct {
	ID          pulid.ID `json:"id"`
	FileName    string   `json:"fileName"`
	MediaType   string   `json:"mediaType"`
	Size        int64    `json:"size"`
	SHA256      string   `json:"sha256"`
	DownloadURL string   `json:"downloadURL"`
	UploadedBy  struct {
		ID pulid.ID `json:"id"`
	} `json:"uploadedBy"`
}

// aPDF is the smallest file a PDF reader and the type sniffer take as one.
var aPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// educatorsDocument is a document of kind kinds of a running accompaniment
// that Educator follows, and Practitioner does not.
func educatorsDocument(t *testing.T, api *apitest.API, kinds ...document.Kind) *ent.Document {
	t.Helper()
	return api.DB.Client.Document.Query().Where(
		document.KindIn(kinds...),
		document.HasAccompanimentWith(
			entacc.ProviderID(api.Demo.ProviderID),
			entacc.StatusEQ(entacc.StatusActive),
			entacc.HasEducatorsWith(person.ID(api.Demo.People[demo.Educator])),
			entacc.Not(entacc.HasEducatorsWith(person.ID(api.Demo.People[demo.Practitioner]))),
		),
	).FirstX(apitest.Sys)
}

func founding(t *testing.T, api *apitest.API) *ent.Document {
	return educatorsDocument(t, api, document.KindIndividualDocument, document.KindContract)
}

// attach uploads f to the document as account.
func attach(t *testing.T, api *apitest.API, account string, docID pulid.ID, f apitest.File) (uploaded, apitest.Payload) {
	t.Helper()
	p := api.MutateUpload(t, account, attachDoc, map[string]any{"in": map[string]any{"documentID": docID}}, "in.file", f)
	var u uploaded
	p.Decode(t, "attachment", &u)
	return u, p
}

// download GETs an attachment's download URL on the test server.
func download(t *testing.T, api *apitest.API, token, downloadURL string) (*http.Response, []byte) {
	t.Helper()
	u, err := url.Parse(downloadURL)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, api.Server.URL+u.Path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := api.Server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

// storedFiles lists the contents in the portal's file store.
func storedFiles(t *testing.T, api *apitest.API) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(api.FilesDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, filepath.Base(p))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAFileAttachedToADocumentIsDownloadedByTheDocumentsReadersOnly(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	doc := founding(t, api)

	u, p := attach(t, api, demo.Educator, doc.ID, apitest.File{Name: `C:\scans\..\DIA signé "final".pdf`, Content: aPDF})
	p.WantOK(t)
	if u.FileName != "DIA signé final.pdf" || u.MediaType != "application/pdf" || u.Size != int64(len(aPDF)) ||
		len(u.SHA256) != 64 || u.UploadedBy.ID != api.Demo.People[demo.Educator] {
		t.Fatalf("attachment = %+v", u)
	}
	if !strings.HasSuffix(u.DownloadURL, "/files/"+string(u.ID)) {
		t.Fatalf("downloadURL = %q", u.DownloadURL)
	}

	t.Run("the document lists it", func(t *testing.T) {
		var got struct {
			Node struct {
				Attachments []struct {
					ID pulid.ID `json:"id"`
				} `json:"attachments"`
			} `json:"node"`
		}
		api.MustSucceed(t, api.Token(t, demo.Coordinator), `query($id: ID!) { node(id: $id) { ... on Document { attachments { id } } } }`,
			map[string]any{"id": doc.ID}, &got)
		if len(got.Node.Attachments) != 1 || got.Node.Attachments[0].ID != u.ID {
			t.Fatalf("attachments = %+v", got.Node.Attachments)
		}
	})

	t.Run("the staff of the file download it as it was sent", func(t *testing.T) {
		for _, account := range []string{demo.Educator, demo.Coordinator} {
			res, body := download(t, api, api.Token(t, account), u.DownloadURL)
			if res.StatusCode != http.StatusOK || !bytes.Equal(body, aPDF) {
				t.Fatalf("%s: status %d, %d bytes", account, res.StatusCode, len(body))
			}
			h := res.Header
			if h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" ||
				!strings.Contains(h.Get("Cache-Control"), "no-store") ||
				!strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") ||
				!strings.Contains(h.Get("Content-Disposition"), "DIA") {
				t.Fatalf("%s: headers %v", account, h)
			}
		}
	})

	t.Run("everyone else is refused as if it did not exist", func(t *testing.T) {
		for _, account := range apitest.EveryAccount() {
			if account == demo.Educator || account == demo.Coordinator {
				continue
			}
			res, body := download(t, api, api.Token(t, account), u.DownloadURL)
			want := http.StatusNotFound
			if account == apitest.Anonymous {
				want = http.StatusUnauthorized
			}
			if res.StatusCode != want || bytes.Contains(body, aPDF[:8]) {
				t.Errorf("%s: status %d, want %d", account, res.StatusCode, want)
			}
		}
	})

	t.Run("a removed file is gone, with its bytes", func(t *testing.T) {
		api.Mutate(t, demo.Educator, removeDoc, map[string]any{"in": map[string]any{"attachmentID": u.ID}}).WantOK(t)
		if res, _ := download(t, api, api.Token(t, demo.Educator), u.DownloadURL); res.StatusCode != http.StatusNotFound {
			t.Fatalf("download after removal: %d", res.StatusCode)
		}
		if files := storedFiles(t, api); len(files) != 0 {
			t.Fatalf("files left: %v", files)
		}
	})
}

func TestEveryAllowedTypeIsTakenAndNamedByItsContent(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	doc := founding(t, api)
	var pngFile bytes.Buffer
	if err := png.Encode(&pngFile, image.NewRGBA(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	var docx bytes.Buffer
	z := zip.NewWriter(&docx)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		w, _ := z.Create(name)
		_, _ = w.Write([]byte(`<?xml version="1.0"?><x/>`))
	}
	_ = z.Close()
	for _, tc := range []struct {
		name    string
		content []byte
		want    string
	}{
		{"scan.pdf", aPDF, "application/pdf"},
		{"photo.txt", pngFile.Bytes(), "image/png"}, // the name's extension plays no part
		{"carte.docx", docx.Bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	} {
		u, p := attach(t, api, demo.Coordinator, doc.ID, apitest.File{Name: tc.name, Content: tc.content})
		p.WantOK(t)
		if u.MediaType != tc.want {
			t.Errorf("%s: media type %q, want %q", tc.name, u.MediaType, tc.want)
		}
	}
}

func TestARefusedFileLeavesNoRowAndNoFile(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.Files.MaxUploadBytes = 1024 }))
	doc := founding(t, api)
	for _, tc := range []struct {
		file apitest.File
		code string
	}{
		{apitest.File{Name: "gros.pdf", Content: append(append([]byte{}, aPDF...), make([]byte, 2048)...)}, "FILE_TOO_LARGE"},
		{apitest.File{Name: "page.pdf", Content: []byte("<!DOCTYPE html><html><script>alert(1)</script></html>")}, "FILE_TYPE_NOT_ALLOWED"},
		{apitest.File{Name: "image.svg", Content: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)}, "FILE_TYPE_NOT_ALLOWED"},
		{apitest.File{Name: "setup.pdf", Content: append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 64)...)}, "FILE_TYPE_NOT_ALLOWED"},
	} {
		_, p := attach(t, api, demo.Educator, doc.ID, tc.file)
		p.WantCode(t, tc.code)
		if p.Errors[0].Message == "" || !strings.Contains(strings.Join(p.Errors[0].Field, "."), "file") {
			t.Errorf("%s: error %+v", tc.file.Name, p.Errors[0])
		}
	}
	if n := api.DB.Client.Attachment.Query().CountX(apitest.Sys); n != 0 {
		t.Fatalf("%d attachments recorded", n)
	}
	if files := storedFiles(t, api); len(files) != 0 {
		t.Fatalf("files written: %v", files)
	}
}

func TestTheSameContentIsStoredOnceAndRemovedWithItsLastAttachment(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	first := founding(t, api)
	second := api.DB.Client.Document.Query().Where(
		document.IDNEQ(first.ID), document.KindNEQ(document.KindFinalReport),
		document.HasAccompanimentWith(entacc.StatusEQ(entacc.StatusActive), entacc.ProviderID(api.Demo.ProviderID)),
	).FirstX(apitest.Sys)
	f := apitest.File{Name: "contrat.pdf", Content: aPDF}
	a, p := attach(t, api, demo.Coordinator, first.ID, f)
	p.WantOK(t)
	b, p := attach(t, api, demo.Coordinator, second.ID, f)
	p.WantOK(t)
	if a.SHA256 != b.SHA256 || len(storedFiles(t, api)) != 1 {
		t.Fatalf("two attachments of one content: %s %s, files %v", a.SHA256, b.SHA256, storedFiles(t, api))
	}
	_, p = attach(t, api, demo.Coordinator, first.ID, f)
	p.WantCode(t, "FILE_ALREADY_ATTACHED")

	api.Mutate(t, demo.Coordinator, removeDoc, map[string]any{"in": map[string]any{"attachmentID": a.ID}}).WantOK(t)
	if files := storedFiles(t, api); len(files) != 1 {
		t.Fatalf("the content another attachment names was removed: %v", files)
	}
	api.Mutate(t, demo.Coordinator, removeDoc, map[string]any{"in": map[string]any{"attachmentID": b.ID}}).WantOK(t)
	if files := storedFiles(t, api); len(files) != 0 {
		t.Fatalf("files left: %v", files)
	}
}

func TestAnErasureRemovesTheFamilysFiles(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	doc := founding(t, api)
	u, p := attach(t, api, demo.Educator, doc.ID, apitest.File{Name: "dia.pdf", Content: aPDF})
	p.WantOK(t)
	a := api.DB.Client.Accompaniment.GetX(apitest.Sys, doc.AccompanimentID)
	// The family's file closes (the workflow's own steps are tested elsewhere).
	api.DB.Client.Accompaniment.UpdateOne(a).SetStatus(entacc.StatusInterrupted).SetClosedAt(api.Clock.Now()).SetStatusReason("Déménagement.").ExecX(apitest.Sys)

	api.Mutate(t, demo.Coordinator, `mutation($f: ID!) { requestErasure(input: {familyID: $f}) { family { id } errors { code } } }`,
		map[string]any{"f": a.FamilyID}).WantOK(t)
	if api.DB.Client.Attachment.Query().Where(attachment.ID(u.ID)).ExistX(apitest.Sys) {
		t.Fatal("the attachment outlived the erasure")
	}
	if files := storedFiles(t, api); len(files) != 0 {
		t.Fatalf("files left after the erasure: %v", files)
	}
}

func TestTheParentsAcknowledgementIsRecordedAndShownOnTheDocument(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	doc := founding(t, api)
	a := api.DB.Client.Accompaniment.GetX(apitest.Sys, doc.AccompanimentID)
	guardians := api.DB.Client.Guardian.Query().Where(guardian.FamilyID(a.FamilyID)).IDsX(apitest.Sys)
	today := clock.DayOf(api.Clock.Now(), clock.Paris)
	const record = `mutation($in: RecordParentsAcknowledgementInput!) { recordParentsAcknowledgement(input: $in) {
		document { acknowledgements { acknowledgedOn guardian { id } recordedBy { id } } } errors { code field } } }`
	input := func(doc pulid.ID, day time.Time, ids ...pulid.ID) map[string]any {
		return map[string]any{"in": map[string]any{"documentID": doc, "guardianIDs": ids, "acknowledgedOn": day.Format(time.DateOnly)}}
	}

	p := api.Mutate(t, demo.Educator, record, input(doc.ID, today, guardians[0])).WantOK(t)
	var got struct {
		Acknowledgements []struct {
			AcknowledgedOn string `json:"acknowledgedOn"`
			Guardian       struct {
				ID pulid.ID `json:"id"`
			} `json:"guardian"`
			RecordedBy struct {
				ID pulid.ID `json:"id"`
			} `json:"recordedBy"`
		} `json:"acknowledgements"`
	}
	p.Decode(t, "document", &got)
	if len(got.Acknowledgements) != 1 || got.Acknowledgements[0].AcknowledgedOn != today.Format(time.DateOnly) ||
		got.Acknowledgements[0].Guardian.ID != guardians[0] || got.Acknowledgements[0].RecordedBy.ID != api.Demo.People[demo.Educator] {
		t.Fatalf("acknowledgements = %+v", got.Acknowledgements)
	}

	t.Run("a guardian acknowledges once", func(t *testing.T) {
		api.Mutate(t, demo.Coordinator, record, input(doc.ID, today, guardians[0])).WantCode(t, "ALREADY_ACKNOWLEDGED")
	})
	t.Run("not after today", func(t *testing.T) {
		api.Mutate(t, demo.Coordinator, record, input(doc.ID, today.AddDate(0, 0, 1), guardians...)).WantCode(t, "ACKNOWLEDGED_IN_FUTURE")
	})
	t.Run("only a guardian of the family", func(t *testing.T) {
		other := api.DB.Client.Guardian.Query().Where(guardian.FamilyIDNEQ(a.FamilyID)).FirstIDX(apitest.Sys)
		api.Mutate(t, demo.Coordinator, record, input(doc.ID, today, other)).WantCode(t, "BAD_USER_INPUT")
	})
	t.Run("only the individual document or the contract", func(t *testing.T) {
		m := api.DB.Client.Document.Query().Where(document.KindEQ(document.KindStakesMap),
			document.HasAccompanimentWith(entacc.StatusEQ(entacc.StatusActive), entacc.ProviderID(api.Demo.ProviderID))).FirstX(apitest.Sys)
		api.Mutate(t, demo.Coordinator, record, input(m.ID, today, guardians[0])).WantCode(t, "NOT_ACKNOWLEDGEABLE")
	})
}

func TestTheFinalReportsFilesAreAddedAfterClosingAndReadByItsPrescriber(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	a := request(t, api, api.Token(t, demo.Prescriber), "MIP", nil)
	a = validated(t, api, api.Token(t, demo.Coordinator), a)
	mustStep(t, api, api.Token(t, demo.Coordinator), "setFirstAppointment", "SetFirstAppointmentInput",
		with(a.ID, "at", api.Clock.Now().Add(-48*time.Hour).Format(time.RFC3339)))
	mustStep(t, api, api.Token(t, demo.Coordinator), "closeWithFinalReport", "CloseWithFinalReportInput", with(a.ID, "body", "Bilan."))
	report := api.DB.Client.Document.Query().Where(document.AccompanimentID(a.ID), document.KindEQ(document.KindFinalReport)).FirstX(apitest.Sys)

	u, p := attach(t, api, demo.Coordinator, report.ID, apitest.File{Name: "bilan.pdf", Content: aPDF})
	p.WantOK(t)
	if res, body := download(t, api, api.Token(t, demo.Prescriber), u.DownloadURL); res.StatusCode != http.StatusOK || !bytes.Equal(body, aPDF) {
		t.Fatalf("the prescriber's download: %d", res.StatusCode)
	}
	if res, _ := download(t, api, api.Token(t, demo.SecondPrescriber), u.DownloadURL); res.StatusCode != http.StatusNotFound {
		t.Fatalf("another prescriber's download: %d", res.StatusCode)
	}
	_, p = attach(t, api, demo.Prescriber, report.ID, apitest.File{Name: "autre.pdf", Content: aPDF})
	p.WantCode(t, "FORBIDDEN")
	api.Mutate(t, demo.Coordinator, removeDoc, map[string]any{"in": map[string]any{"attachmentID": u.ID}}).WantCode(t, "DOCUMENT_DELIVERED")
}

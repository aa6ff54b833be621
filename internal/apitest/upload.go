package apitest

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/server"
)

// File is a file sent with Upload: its name and content.
type File struct {
	Name    string
	Content []byte
}

// Upload posts a GraphQL multipart request (the specification of
// jaydenseric/graphql-multipart-request-spec) with a bearer token ("" for
// anonymous): the document and variables as the "operations" part, the
// file at the dotted variable path (such as "in.file") as part "0",
// where variables get the null the specification asks for.
func (a *API) Upload(t testing.TB, token, query string, variables map[string]any, path string, f File) *Response {
	t.Helper()
	setNull(variables, strings.Split(path, "."))
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	ops, err := json.Marshal(map[string]any{"query": query, "variables": variables})
	if err != nil {
		t.Fatal(err)
	}
	mapping, _ := json.Marshal(map[string][]string{"0": {"variables." + path}})
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", string(mapping))
	part, err := w.CreateFormFile("0", f.Name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = part.Write(f.Content)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, a.Server.URL+server.GraphQLPath, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return a.Send(t, req)
}

// MutateUpload is Upload as a demo account, read as a payload.
func (a *API) MutateUpload(t testing.TB, account, doc string, variables map[string]any, path string, f File) Payload {
	t.Helper()
	return a.Upload(t, a.Token(t, account), doc, variables, path, f).Payload(t)
}

// setNull puts null at the path in vars, creating maps on the way.
func setNull(vars map[string]any, path []string) {
	for _, key := range path[:len(path)-1] {
		next, ok := vars[key].(map[string]any)
		if !ok {
			next = map[string]any{}
			vars[key] = next
		}
		vars = next
	}
	vars[path[len(path)-1]] = nil
}

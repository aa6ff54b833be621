package apitest

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
)

// UserError is one entry of a payload's errors list: what the user can
// correct, with its code, its French message and the input field it names.
type UserError struct {
	Code    string   `json:"code"`
	Message string   `json:"message"`
	Field   []string `json:"field"`
}

// UserErrors is a payload's errors list.
type UserErrors []UserError

// Codes lists the codes of the errors.
func (e UserErrors) Codes() []string {
	var out []string
	for _, x := range e {
		out = append(out, x.Code)
	}
	return out
}

// WantCode fails the test unless the list holds exactly one error, of
// code; code "" wants no error at all.
func (e UserErrors) WantCode(t testing.TB, code string) {
	t.Helper()
	if code == "" && len(e) > 0 || code != "" && (len(e) != 1 || e[0].Code != code) {
		t.Fatalf("errors %+v, want [%s]", e, code)
	}
}

// WantNone fails the test on any error.
func (e UserErrors) WantNone(t testing.TB) {
	t.Helper()
	e.WantCode(t, "")
}

// Payload is the answer to a document with one mutation: the payload's
// fields, its user errors, and the request's GraphQL errors (FORBIDDEN,
// NOT_FOUND...) in Response.
type Payload struct {
	Response *Response
	// Raw is the payload object, "null" or empty when the mutation failed
	// as a whole.
	Raw    json.RawMessage
	Fields map[string]json.RawMessage
	Errors UserErrors
}

// Mutate posts a one-mutation document as a demo account (Anonymous for
// no token) and returns its payload.
func (a *API) Mutate(t testing.TB, account, doc string, variables map[string]any) Payload {
	t.Helper()
	return a.Do(t, a.Token(t, account), doc, variables).Payload(t)
}

// Payload reads the response to a one-mutation document as its payload.
func (r *Response) Payload(t testing.TB) Payload {
	t.Helper()
	p := Payload{Response: r}
	if len(r.Data) == 0 || string(r.Data) == "null" {
		return p
	}
	var data map[string]json.RawMessage
	r.Decode(t, &data)
	if len(data) != 1 {
		t.Fatalf("apitest: want one mutation in the answer, got %s", r.Data)
	}
	for _, raw := range data {
		p.Raw = raw
	}
	if string(p.Raw) == "null" {
		return p
	}
	if err := json.Unmarshal(p.Raw, &p.Fields); err != nil {
		t.Fatalf("apitest: payload %s: %v", p.Raw, err)
	}
	if errs, ok := p.Fields["errors"]; ok {
		if err := json.Unmarshal(errs, &p.Errors); err != nil {
			t.Fatalf("apitest: payload errors %s: %v", errs, err)
		}
	}
	return p
}

// Codes lists the codes of the payload's errors, then of the request's.
func (p Payload) Codes() []string {
	return append(p.Errors.Codes(), p.Response.Codes()...)
}

// WantCode fails the test unless the answer carries exactly one error, of
// code, in the payload or the request.
func (p Payload) WantCode(t testing.TB, code string) Payload {
	t.Helper()
	if codes := p.Codes(); len(codes) != 1 || codes[0] != code {
		t.Fatalf("errors %v %+v %+v, want [%s]", codes, p.Errors, p.Response.Errors, code)
	}
	return p
}

// WantOK fails the test on any error, of the payload or the request.
func (p Payload) WantOK(t testing.TB) Payload {
	t.Helper()
	if len(p.Codes()) > 0 || p.Response.Status != http.StatusOK {
		t.Fatalf("status %d, errors %+v %+v", p.Response.Status, p.Errors, p.Response.Errors)
	}
	return p
}

// Decode unmarshals the payload's field into v; it reports false, leaving
// v alone, when the field is absent or null.
func (p Payload) Decode(t testing.TB, field string, v any) bool {
	t.Helper()
	raw, ok := p.Fields[field]
	if !ok || string(raw) == "null" {
		return false
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("apitest: decoding %s %s: %v", field, raw, err)
	}
	return true
}

// Into unmarshals the whole payload object into v (when there is one).
func (p Payload) Into(t testing.TB, v any) {
	t.Helper()
	if len(p.Raw) == 0 || string(p.Raw) == "null" {
		return
	}
	if err := json.Unmarshal(p.Raw, v); err != nil {
		t.Fatalf("apitest: decoding payload %s: %v", p.Raw, err)
	}
}

// HasCode reports whether the response carries a GraphQL error of code.
func (r *Response) HasCode(code string) bool {
	return slices.Contains(r.Codes(), code)
}

package access_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
)

// payloadSchema is what full selections need of the served schema: every
// type, by name, with its fields and their arguments.
type payloadSchema map[string]typeInfo

type typeInfo struct {
	Kind   string
	Name   string
	Fields []struct {
		Name string
		Args []struct {
			Name         string
			Type         typeRef
			DefaultValue *string
		}
		Type typeRef
	}
}

func introspectPayloads(t *testing.T, api *apitest.API) payloadSchema {
	t.Helper()
	var got struct {
		Schema struct{ Types []typeInfo } `json:"__schema"`
	}
	api.MustSucceed(t, "", `{ __schema { types { kind name fields { name
		args { name defaultValue type { kind name ofType { kind name ofType { kind name } } } }
		type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`, nil, &got)
	out := payloadSchema{}
	for _, typ := range got.Schema.Types {
		out[typ.Name] = typ
	}
	return out
}

// selectionDepth is how deep a full selection goes: the payload's records
// (1) and the records they point to (2), whose own objects are left out.
const selectionDepth = 2

// selection selects every field of a type that takes no required
// argument: scalars and enums, objects down to selectionDepth,
// connections with first: 2.
func (s payloadSchema) selection(typeName string, depth int) string {
	var parts []string
	for _, f := range s[typeName].Fields {
		args, ok := "", true
		for _, a := range f.Args {
			switch {
			case a.Name == "first":
				args = "(first: 2)"
			case a.Type.Kind == "NON_NULL" && a.DefaultValue == nil:
				ok = false
			}
		}
		if !ok {
			continue
		}
		named := f.Type.named()
		switch s[named].Kind {
		case "SCALAR", "ENUM":
			parts = append(parts, f.Name+args)
		case "OBJECT":
			if depth < selectionDepth {
				parts = append(parts, f.Name+args+" { "+s.selection(named, depth+1)+" }")
			}
		case "INTERFACE", "UNION":
			if depth < selectionDepth {
				parts = append(parts, f.Name+args+" { __typename }")
			}
		}
	}
	if len(parts) == 0 {
		return "__typename"
	}
	return strings.Join(parts, " ")
}

// fullDocument is a case's document selecting every field of the
// mutation's payload.
func fullDocument(t *testing.T, s payloadSchema, name string, mc mutationCase) string {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: mc.document})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	field, ok := doc.Operations[0].SelectionSet[0].(*ast.Field)
	if !ok || field.Name != name {
		t.Fatalf("%s: the document's first selection is not the mutation", name)
	}
	var payload string
	for _, f := range s["Mutation"].Fields {
		if f.Name == name {
			payload = f.Type.named()
		}
	}
	sel, err := parser.ParseQuery(&ast.Source{Input: "{ " + s.selection(payload, 0) + " }"})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	field.SelectionSet = sel.Operations[0].SelectionSet
	var buf bytes.Buffer
	formatter.NewFormatter(&buf).FormatQueryDocument(doc)
	return buf.String()
}

// answer is what a mutation's answer says.
type answer struct {
	done bool
	why  string
	ids  []pulid.ID // of the records the payload returns
}

func readAnswer(t *testing.T, res *apitest.Response, name string) answer {
	t.Helper()
	for _, e := range res.Errors {
		if c := e.Code(); c == "INTERNAL" || c == "UNAVAILABLE" {
			return answer{why: c + ": " + e.Message}
		}
	}
	p := res.Payload(t)
	if p.Fields == nil {
		return answer{why: "no payload: " + strings.Join(res.Codes(), ", ")}
	}
	if len(p.Errors) > 0 {
		return answer{why: "user errors: " + string(p.Fields["errors"])}
	}
	a := answer{done: true}
	for _, raw := range p.Fields {
		var record struct{ ID pulid.ID }
		if json.Unmarshal(raw, &record) == nil && record.ID != "" {
			a.ids = append(a.ids, record.ID)
		}
	}
	return a
}

// unchangedCases are the cases that, on the demo data, ask for what
// already is: done, the database rightly holds no change.
var unchangedCases = map[string]string{
	"assignEducators": "the demo accompaniment has the provider's only educator already",
}

func TestEveryMutationCommitsExactlyWhatItsAnswerSays(t *testing.T) {
	t.Parallel()
	s := introspectPayloads(t, apitest.New(t))
	for _, name := range slices.Sorted(maps.Keys(mutationCases)) {
		mc := mutationCases[name]
		doc := fullDocument(t, s, name, mc)
		// Each allowed account, and one refused, to see a failure
		// leave the database as it was.
		roles := slices.Clone(mc.allowed)
		for _, account := range apitest.EveryAccount() {
			if account != apitest.Anonymous && !slices.Contains(mc.allowed, account) {
				roles = append(roles, account)
				break
			}
		}
		for _, account := range roles {
			allowed := slices.Contains(mc.allowed, account)
			t.Run(name+" by "+account, func(t *testing.T) {
				t.Parallel()
				api := apitest.New(t, unlimited) // the case's target is in the demo data as loaded
				vars := mc.vars(t, api)
				before := fingerprint(t, api, auditTable)
				var res *apitest.Response
				if mc.upload != nil {
					res = api.Upload(t, api.Token(t, account), doc, vars, mc.uploadPath, *mc.upload)
				} else {
					res = api.Do(t, api.Token(t, account), doc, vars)
				}
				said := readAnswer(t, res, name)
				changed := changedTables(before, fingerprint(t, api, auditTable))
				switch {
				case said.done && len(changed) == 0 && unchangedCases[name] == "":
					t.Errorf("the answer says done, the database holds no change: %s", res.Data)
				case !said.done && len(changed) > 0:
					t.Errorf("the answer says not done (%s), the database changed: %v", said.why, changed)
				}
				for _, id := range said.ids {
					if _, err := api.DB.Client.Noder(apitest.Sys, id, ent.WithNodeType(ent.IDToType)); err != nil {
						t.Errorf("the payload returns %s, which the database does not hold: %v", id, err)
					}
				}
				if allowed != said.done {
					t.Errorf("allowed: %v, done: %v (%s); errors %+v", allowed, said.done, said.why, res.Errors)
				}
			})
		}
	}
}

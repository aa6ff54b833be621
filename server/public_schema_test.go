package server_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
)

// serverOnlyDirective matches the directives of the code generators and of
// the server's wiring, which mean nothing to a client.
var serverOnlyDirective = regexp.MustCompile(`@(go[A-Z]\w*|scopedToViewer)\b`)

func TestThePublishedSchemaCarriesNoServerOnlyDirective(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	status, sdl := get(t, api.Server.URL+"/schema.graphql")
	if status != 200 || !strings.Contains(sdl, "input ProposeLinkInput") {
		t.Fatalf("GET /schema.graphql: %d", status)
	}
	if found := serverOnlyDirective.FindAllString(sdl, 5); len(found) > 0 {
		t.Fatalf("the SDL shows %v", found)
	}
	if !strings.Contains(sdl, "@sensitive") {
		t.Error("the SDL lost @sensitive, which tells clients a field may be withheld")
	}
	var data struct {
		Schema struct {
			Directives []struct{ Name string }
		} `json:"__schema"`
	}
	api.MustSucceed(t, "", `{ __schema { directives { name } } }`, nil, &data)
	for _, d := range data.Schema.Directives {
		if serverOnlyDirective.MatchString("@" + d.Name) {
			t.Errorf("introspection lists @%s", d.Name)
		}
	}
}

// idSuffix is an input field named like fooId, where the schema spells
// identifiers fooID everywhere else.
var idSuffix = regexp.MustCompile(`[a-z]Id$`)

func TestInputFieldsSpellIdentifiersID(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	var data struct {
		Schema struct {
			Types []struct {
				Name        string
				InputFields []struct{ Name string }
				Fields      []struct {
					Name string
					Args []struct{ Name string }
				}
			}
		} `json:"__schema"`
	}
	api.MustSucceed(t, "", `{ __schema { types { name inputFields { name } fields { name args { name } } } } }`, nil, &data)
	for _, typ := range data.Schema.Types {
		for _, f := range typ.InputFields {
			if idSuffix.MatchString(f.Name) {
				t.Errorf("%s.%s: spell it %sID", typ.Name, f.Name, strings.TrimSuffix(f.Name, "Id"))
			}
		}
		for _, f := range typ.Fields {
			for _, a := range f.Args {
				if idSuffix.MatchString(a.Name) {
					t.Errorf("%s.%s(%s): spell it …ID", typ.Name, f.Name, a.Name)
				}
			}
		}
	}
}

package access_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
)

func TestAPrescriberCannotReachAFamilyTheyDidNotRefer(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, unlimited)
	prescriber := api.Token(t, demo.Prescriber)
	others := map[string]string{
		"a family the CCAS referred":   string(api.Demo.SecondPrescriberFamilyID),
		"a family of another provider": string(api.Demo.RelianceFamilyID),
	}
	// Each document reaches families by a different path; the prescriber's
	// own family must come back where the path allows it, the others never.
	paths := map[string]string{
		"by node":                    `query($id: ID!) { node(id: $id) { ... on Family { id } } }`,
		"by the families connection": `{ families(first: 100) { totalCount edges { node { id } } } }`,
		"through workshop series, bookings, child, family": `{ workshopSeries(first: 100) { edges { node {
			bookings(first: 100) { edges { node { child { family { id } } } } } } } } }`,
		"through children":                        `{ children(first: 100) { edges { node { family { id } } } } }`,
		"through the accompaniments they can see": `{ accompaniments(first: 100) { edges { node { family { id } } } } }`,
		"through the people they can see": `{ people(first: 100) { edges { node {
			prescribedAccompaniments(first: 100) { edges { node { family { id } } } }
			assignedAccompaniments(first: 100) { edges { node { family { id } } } } } } } }`,
		"through the providers' partner links and conventions": `{ providers(first: 100) { edges { node {
			partnerLinks(first: 100) { edges { node { conventions { accompaniments { family { id } } } } } } } } } }`,
		"through the viewer": `{ viewer { prescribedAccompaniments(first: 100) { edges { node { family { id } } } } } }`,
	}
	for what, id := range others {
		for how, query := range paths {
			t.Run(what+" "+how, func(t *testing.T) {
				res := api.Do(t, prescriber, query, map[string]any{"id": id})
				if strings.Contains(string(res.Data), id) {
					t.Fatalf("the family shows: %s", res.Data)
				}
				for _, e := range res.Errors {
					if !refusedEdge(e) {
						t.Fatalf("unexpected error %+v", e)
					}
				}
			})
		}
	}
	t.Run("while the family they referred does show", func(t *testing.T) {
		own := string(api.Demo.FamilyID)
		for _, how := range []string{"by node", "by the families connection", "through the viewer"} {
			res := api.Do(t, prescriber, paths[how], map[string]any{"id": own})
			if !strings.Contains(string(res.Data), own) {
				t.Errorf("%s: own family missing: %s %+v", how, res.Data, res.Errors)
			}
		}
	})
}

func TestSensitiveFieldsAreForTheCoordinatorAndTheAssignedEducatorOnly(t *testing.T) {
	t.Parallel()
	api := apitest.New(t, unlimited)
	const query = `query($id: ID!) { node(id: $id) { ... on Family {
		reference socioEconomicSituation protectiveMeasures
		accompaniments(first: 10) { edges { node { requestNote } } } } } }`
	vars := map[string]any{"id": string(api.Demo.FamilyID)}

	for _, account := range []string{demo.Coordinator, demo.Educator} {
		t.Run(account+" reads them", func(t *testing.T) {
			res := api.Do(t, api.Token(t, account), query, vars)
			if len(res.Errors) > 0 || !strings.Contains(string(res.Data), `"socioEconomicSituation":"`) ||
				!strings.Contains(string(res.Data), `"requestNote":"`) {
				t.Fatalf("data %s errors %+v", res.Data, res.Errors)
			}
		})
	}
	t.Run("the prescriber gets null and a FORBIDDEN error at each field's path, but reads back his own request note", func(t *testing.T) {
		res := api.Do(t, api.Token(t, demo.Prescriber), query, vars)
		data := string(res.Data)
		if !strings.Contains(data, `"reference":"`) {
			t.Fatalf("the family itself should show: %s", data)
		}
		if strings.Contains(data, `"requestNote":null`) {
			t.Errorf("the prescriber does not read back his own request note: %s", data)
		}
		for _, field := range []string{`"socioEconomicSituation":null`, `"protectiveMeasures":null`} {
			if !strings.Contains(data, field) {
				t.Errorf("want %s in %s", field, data)
			}
		}
		paths := map[string]bool{}
		for _, e := range res.Errors {
			if e.Code() != "FORBIDDEN" {
				t.Errorf("error %+v, want FORBIDDEN", e)
			}
			paths[pathString(e.Path)] = true
		}
		for _, want := range []string{"node.socioEconomicSituation", "node.protectiveMeasures"} {
			if !paths[want] {
				t.Errorf("no FORBIDDEN error at %s; got %v", want, paths)
			}
		}
	})
}

func pathString(path []any) string {
	parts := make([]string, len(path))
	for i, p := range path {
		switch p := p.(type) {
		case string:
			parts[i] = p
		case float64:
			parts[i] = strconv.Itoa(int(p))
		}
	}
	return strings.Join(parts, ".")
}

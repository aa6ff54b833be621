package audit_test

import (
	"context"
	"testing"
	"time"

	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"

	"errors"
	"slices"

	_ "github.com/reseau-liens/portal/ent/runtime"
)

const events = `query($where: AuditEventWhereInput) {
	auditEvents(first: 100, where: $where) { totalCount edges { node {
		actorID action recordType recordID providerID clientAddress requestID operation occurredAt
		reads { recordType ids } familyIDs } } } }`

type trail struct {
	AuditEvents struct {
		TotalCount int
		Edges      []struct {
			Node struct {
				ActorID, Action, RecordType, RecordID, ProviderID, ClientAddress, RequestID, Operation string
				OccurredAt                                                                             time.Time
				Reads                                                                                  []struct {
					RecordType string
					IDs        []string `json:"ids"`
				}
				FamilyIDs []string
			}
		}
	}
}

func TestReadingAFamilyFileLeavesATraceForTheCoordinator(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	familyID := string(api.Demo.FamilyID)
	prescriberID := string(api.Demo.People[demo.Prescriber])
	start := api.Clock.Now().Add(-time.Second)

	api.MustSucceed(t, api.Token(t, demo.Prescriber),
		`query FamilyFile($id: ID!) { node(id: $id) { ... on Family { reference guardians { id firstName } } } }`,
		map[string]any{"id": familyID}, nil)

	byRecordAndActor := map[string]any{"where": map[string]any{"recordID": familyID, "actorID": prescriberID}}
	t.Run("the coordinator finds it by record and person", func(t *testing.T) {
		var got trail
		api.MustSucceed(t, api.Token(t, demo.Coordinator), events, byRecordAndActor, &got)
		if got.AuditEvents.TotalCount != 1 {
			t.Fatalf("%d events: %+v", got.AuditEvents.TotalCount, got)
		}
		e := got.AuditEvents.Edges[0].Node
		if e.Action != "read" || e.ProviderID != string(api.Demo.ProviderID) || e.Operation != "query FamilyFile" ||
			e.ClientAddress != "127.0.0.1" || e.RequestID == "" || e.OccurredAt.Before(start) {
			t.Fatalf("event %+v", e)
		}
		// One event for the request, listing the family and its guardians.
		byType := map[string][]string{}
		for _, r := range e.Reads {
			byType[r.RecordType] = r.IDs
		}
		if !slices.Equal(byType["Family"], []string{familyID}) || len(byType["Guardian"]) == 0 ||
			!slices.Equal(e.FamilyIDs, []string{familyID}) {
			t.Fatalf("reads %+v, families %v", e.Reads, e.FamilyIDs)
		}
	})
	t.Run("the guardians read through the nested edge are traced too", func(t *testing.T) {
		var got trail
		api.MustSucceed(t, api.Token(t, demo.Coordinator), events,
			map[string]any{"where": map[string]any{"recordType": "Guardian", "actorID": prescriberID}}, &got)
		if got.AuditEvents.TotalCount == 0 {
			t.Fatal("no guardian read recorded")
		}
	})
	t.Run("filtered by time", func(t *testing.T) {
		var got trail
		api.MustSucceed(t, api.Token(t, demo.Coordinator), events, map[string]any{"where": map[string]any{
			"recordID": familyID, "occurredAtGTE": api.Clock.Now().Add(time.Hour).Format(time.RFC3339)}}, &got)
		if got.AuditEvents.TotalCount != 0 {
			t.Fatalf("%d events in the future", got.AuditEvents.TotalCount)
		}
	})
	for _, account := range []string{demo.RelianceCoordinator, demo.Prescriber, demo.Educator} {
		t.Run("invisible to "+account, func(t *testing.T) {
			var got trail
			api.MustSucceed(t, api.Token(t, account), events, byRecordAndActor, &got)
			if got.AuditEvents.TotalCount != 0 {
				t.Fatalf("%d events", got.AuditEvents.TotalCount)
			}
		})
	}
	t.Run("a catalogue read by an anonymous visitor is not a file read", func(t *testing.T) {
		var before, after trail
		api.MustSucceed(t, api.Token(t, demo.Coordinator), events, nil, &before)
		api.MustSucceed(t, "", `{ programmes(first: 10) { totalCount } }`, nil, nil)
		api.MustSucceed(t, api.Token(t, demo.Coordinator), events, nil, &after)
		if after.AuditEvents.TotalCount != before.AuditEvents.TotalCount {
			t.Fatalf("%d events, was %d", after.AuditEvents.TotalCount, before.AuditEvents.TotalCount)
		}
	})
}

func TestEveryMutationLeavesATrace(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	var issued struct {
		IssueAccessToken struct{ AccessToken struct{ ID string } }
	}
	api.MustSucceed(t, api.Token(t, demo.Coordinator), `mutation($p: ID!) {
		issueAccessToken(input: {personID: $p, label: "tablet"}) { accessToken { id } } }`,
		map[string]any{"p": api.Demo.People[demo.Educator]}, &issued)
	var got trail
	api.MustSucceed(t, api.Token(t, demo.Coordinator), events,
		map[string]any{"where": map[string]any{"recordID": issued.IssueAccessToken.AccessToken.ID}}, &got)
	if got.AuditEvents.TotalCount != 1 || got.AuditEvents.Edges[0].Node.Action != "create" ||
		got.AuditEvents.Edges[0].Node.RecordType != "AccessToken" ||
		got.AuditEvents.Edges[0].Node.ActorID != string(api.Demo.People[demo.Coordinator]) {
		t.Fatalf("trail %+v", got)
	}
}

func TestAuditEventsCannotBeChangedOrDeletedByAnyPath(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	api.MustSucceed(t, api.Token(t, demo.Prescriber),
		`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": string(api.Demo.FamilyID)}, nil)
	client := api.DB.Client
	event, err := client.AuditEvent.Query().First(apitest.Sys)
	if err != nil {
		t.Fatal(err)
	}
	asCoordinator := api.Viewer(t, demo.Coordinator)
	for name, ctx := range map[string]context.Context{"as the portal itself": apitest.Sys, "as the coordinator": asCoordinator} {
		t.Run("update one, "+name, func(t *testing.T) {
			err := client.AuditEvent.UpdateOne(event).Exec(ctx)
			if !errors.Is(err, privacy.Deny) {
				t.Fatalf("err %v", err)
			}
		})
		t.Run("update many, "+name, func(t *testing.T) {
			_, err := client.AuditEvent.Update().Save(ctx)
			if !errors.Is(err, privacy.Deny) {
				t.Fatalf("err %v", err)
			}
		})
		t.Run("delete one, "+name, func(t *testing.T) {
			if err := client.AuditEvent.DeleteOne(event).Exec(ctx); !errors.Is(err, privacy.Deny) {
				t.Fatalf("err %v", err)
			}
		})
		t.Run("delete many, "+name, func(t *testing.T) {
			if _, err := client.AuditEvent.Delete().Exec(ctx); !errors.Is(err, privacy.Deny) {
				t.Fatalf("err %v", err)
			}
		})
	}
	if n := client.AuditEvent.Query().CountX(apitest.Sys); n == 0 {
		t.Fatal("the trail is gone")
	}
}

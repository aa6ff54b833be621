package consent_test

import (
	"context"
	"testing"

	entconsent "github.com/reseau-liens/portal/ent/consent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/domain/consent"
	"github.com/reseau-liens/portal/internal/platform/apierror"

	_ "github.com/reseau-liens/portal/ent/runtime"
)

const record = `mutation($family: ID!, $purpose: ConsentPurpose!) {
	recordConsent(input: {familyID: $family, purpose: $purpose}) {
		consent { id purpose givenAt recordedByID withdrawnAt } errors { code field } } }`

const withdraw = `mutation($id: ID!) {
	withdrawConsent(input: {consentID: $id}) { consent { id withdrawnAt withdrawnByID } errors { code } } }`

type recorded struct {
	RecordConsent struct {
		Consent *struct {
			ID           pulid.ID
			Purpose      string
			RecordedByID pulid.ID
		}
		Errors []struct{ Code string }
	}
}

func codeOf(err error) apierror.Code {
	if e, ok := apierror.As(err); ok {
		return e.Code
	}
	return ""
}

func TestConsentsAreRecordedByTheFamilysProviderStaff(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	family := api.Demo.FamilyID
	vars := map[string]any{"family": family, "purpose": "PARTNER_CONTACT"}

	t.Run("before: being contacted by a partner is refused", func(t *testing.T) {
		err := consent.Require(context.Background(), api.DB.Client, family, entconsent.PurposePartnerContact)
		if codeOf(err) != consent.Required {
			t.Fatalf("err %v", err)
		}
	})
	for account, code := range map[string]string{
		demo.Prescriber:          "FORBIDDEN", // sees the family, may not record for it
		demo.PartnerStaff:        "NOT_FOUND",
		demo.RelianceCoordinator: "NOT_FOUND",
		demo.Practitioner:        "NOT_FOUND",
	} {
		t.Run(account+" may not record one", func(t *testing.T) {
			res := api.Do(t, api.Token(t, account), record, vars)
			if codes := res.Codes(); len(codes) != 1 || codes[0] != code {
				t.Fatalf("codes %v, want %s", codes, code)
			}
		})
	}
	t.Run("the coordinator records it, in their name", func(t *testing.T) {
		var got recorded
		api.MustSucceed(t, api.Token(t, demo.Coordinator), record, vars, &got)
		c := got.RecordConsent.Consent
		if c == nil || c.Purpose != "PARTNER_CONTACT" || c.RecordedByID != api.Demo.People[demo.Coordinator] {
			t.Fatalf("payload %+v", got)
		}
		if err := consent.Require(context.Background(), api.DB.Client, family, entconsent.PurposePartnerContact); err != nil {
			t.Fatalf("require: %v", err)
		}
	})
	t.Run("recording it twice is a user error", func(t *testing.T) {
		var got recorded
		api.MustSucceed(t, api.Token(t, demo.Educator), record, vars, &got)
		if e := got.RecordConsent.Errors; len(e) != 1 || e[0].Code != string(consent.AlreadyGiven) {
			t.Fatalf("errors %+v", e)
		}
	})
}

func TestAWithdrawnConsentRefusesThePurposeItCovered(t *testing.T) {
	t.Parallel()
	api := apitest.New(t)
	family := api.Demo.FamilyID
	prescriber := api.Token(t, demo.Prescriber)
	const seeFamily = `query($id: ID!) { node(id: $id) { ... on Family { id } } }`

	var file struct {
		Node struct {
			Consents []struct {
				ID          pulid.ID
				Purpose     string
				WithdrawnAt *string
			}
		}
	}
	api.MustSucceed(t, api.Token(t, demo.Coordinator), `query($id: ID!) { node(id: $id) { ... on Family {
		consents { id purpose withdrawnAt } } } }`, map[string]any{"id": family}, &file)
	var sharing pulid.ID
	for _, c := range file.Node.Consents {
		if c.Purpose == "SHARING_WITH_PRESCRIBER" && c.WithdrawnAt == nil {
			sharing = c.ID
		}
	}
	if sharing == "" {
		t.Fatal("the demo family has no sharing consent")
	}
	var before struct{ Node *struct{ ID pulid.ID } }
	api.MustSucceed(t, prescriber, seeFamily, map[string]any{"id": family}, &before)
	if before.Node == nil {
		t.Fatal("the prescriber should see the family while it consents")
	}

	t.Run("the prescriber may not withdraw it for the family", func(t *testing.T) {
		res := api.Do(t, prescriber, withdraw, map[string]any{"id": sharing})
		if codes := res.Codes(); len(codes) != 1 || codes[0] != "FORBIDDEN" {
			t.Fatalf("codes %v", codes)
		}
	})
	t.Run("the assigned educator records the withdrawal", func(t *testing.T) {
		var got struct {
			WithdrawConsent struct {
				Consent struct {
					WithdrawnAt   *string
					WithdrawnByID pulid.ID
				}
				Errors []struct{ Code string }
			}
		}
		api.MustSucceed(t, api.Token(t, demo.Educator), withdraw, map[string]any{"id": sharing}, &got)
		c := got.WithdrawConsent.Consent
		if c.WithdrawnAt == nil || c.WithdrawnByID != api.Demo.People[demo.Educator] {
			t.Fatalf("payload %+v", got)
		}
	})
	t.Run("from then on the prescriber no longer sees the family's file", func(t *testing.T) {
		res := api.Do(t, prescriber, seeFamily, map[string]any{"id": family})
		if string(res.Data) != `{"node":null}` {
			t.Fatalf("data %s", res.Data)
		}
		err := consent.Require(context.Background(), api.DB.Client, family, entconsent.PurposeSharingWithPrescriber)
		if codeOf(err) != consent.Required {
			t.Fatalf("require: %v", err)
		}
	})
	t.Run("withdrawing twice is a user error", func(t *testing.T) {
		var got struct {
			WithdrawConsent struct{ Errors []struct{ Code string } }
		}
		api.MustSucceed(t, api.Token(t, demo.Coordinator), withdraw, map[string]any{"id": sharing}, &got)
		if e := got.WithdrawConsent.Errors; len(e) != 1 || e[0].Code != string(consent.AlreadyWithdrawn) {
			t.Fatalf("errors %+v", e)
		}
	})
}

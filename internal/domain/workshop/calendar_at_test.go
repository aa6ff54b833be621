package workshop_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/apitest"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// The school calendar's dates are fixed: tests that plan series against
// it move the portal's clock to a fixed instant before them, whatever day
// the suite runs, and sign the demo accounts in again at that instant
// (their tokens are dated from when the demo was loaded).

// paris is the providers' time zone.
var paris = clock.Zone("Europe/Paris")

// at returns the instant of a local Paris time.
func at(year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, paris)
}

// tokensAt moves api's clock to now and returns a fresh token for each
// account, valid from then.
func tokensAt(t *testing.T, api *apitest.API, now time.Time, accounts ...string) map[string]string {
	t.Helper()
	api.Clock.Set(now)
	tokens := map[string]string{}
	for _, a := range accounts {
		if a == apitest.Anonymous {
			tokens[a] = ""
			continue
		}
		issued, err := api.Services.Auth.Issue(apitest.Sys, api.Demo.People[a], "test", 30*24*time.Hour, "")
		if err != nil {
			t.Fatal(err)
		}
		tokens[a] = issued.Secret
	}
	return tokens
}

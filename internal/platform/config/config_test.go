package config_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/platform/config"
)

func lookup(env map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := env[k]; return v, ok }
}

func TestLimitsComeFromTheEnvironment(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		cfg, err := config.FromLookup(lookup(nil))
		if err != nil || cfg.Limits != config.DefaultLimits {
			t.Fatalf("defaults: %+v %v", cfg.Limits, err)
		}
	})
	t.Run("every variable", func(t *testing.T) {
		cfg, err := config.FromLookup(lookup(map[string]string{
			"PORTAL_MAX_DEPTH": "8", "PORTAL_MAX_COST": "500", "PORTAL_MAX_ALIASES": "4",
			"PORTAL_MAX_BODY_BYTES": "4096", "PORTAL_REQUEST_TIMEOUT": "3s",
			"PORTAL_RATE_LIMIT": "0", "PORTAL_RATE_BURST": "900",
			"PORTAL_MAX_QUERY_BYTES": "2048", "PORTAL_MAX_FIELDS": "50",
			"PORTAL_MAX_INPUT_DEPTH": "6", "PORTAL_MAX_INPUT_VALUES": "70",
			"PORTAL_READ_HEADER_TIMEOUT": "2s", "PORTAL_READ_TIMEOUT": "4s", "PORTAL_IDLE_TIMEOUT": "30s",
		}))
		want := config.Limits{MaxDepth: 8, MaxCost: 500, MaxAliases: 4, MaxBodyBytes: 4096,
			RequestTimeout: 3 * time.Second, RateLimit: 0, RateBurst: 900,
			MaxQueryBytes: 2048, MaxFields: 50, MaxInputDepth: 6, MaxInputValues: 70}
		if err != nil || cfg.Limits != want {
			t.Fatalf("got %+v %v", cfg.Limits, err)
		}
		if http := (config.HTTP{ReadHeaderTimeout: 2 * time.Second, ReadTimeout: 4 * time.Second, IdleTimeout: 30 * time.Second}); cfg.HTTP != http {
			t.Fatalf("got %+v", cfg.HTTP)
		}
	})
	t.Run("the burst is never below the cost limit", func(t *testing.T) {
		cfg, _ := config.FromLookup(lookup(map[string]string{"PORTAL_MAX_COST": "5000", "PORTAL_RATE_BURST": "10"}))
		if cfg.Limits.RateBurst != 5000 {
			t.Fatalf("burst %d", cfg.Limits.RateBurst)
		}
	})
	for _, bad := range []map[string]string{
		{"PORTAL_MAX_DEPTH": "0"}, {"PORTAL_MAX_COST": "x"}, {"PORTAL_REQUEST_TIMEOUT": "-1s"}, {"PORTAL_RATE_LIMIT": "-2"},
		{"PORTAL_MAX_FIELDS": "0"}, {"PORTAL_READ_TIMEOUT": "soon"},
	} {
		if _, err := config.FromLookup(lookup(bad)); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestWebhookDeliveriesReachPublicAddressesUnlessNetworksAreAllowed(t *testing.T) {
	cfg, err := config.FromLookup(lookup(nil))
	if err != nil || len(cfg.WebhookAllowedNetworks) != 0 {
		t.Fatalf("default: %v %v", cfg.WebhookAllowedNetworks, err)
	}
	cfg, err = config.FromLookup(lookup(map[string]string{"PORTAL_WEBHOOK_ALLOWED_NETWORKS": "10.1.2.3/16, fd00::/8"}))
	if err != nil || len(cfg.WebhookAllowedNetworks) != 2 || cfg.WebhookAllowedNetworks[0].String() != "10.1.0.0/16" {
		t.Fatalf("got %v %v", cfg.WebhookAllowedNetworks, err)
	}
	if _, err := config.FromLookup(lookup(map[string]string{"PORTAL_WEBHOOK_ALLOWED_NETWORKS": "intranet"})); err == nil {
		t.Fatal("a name instead of a CIDR was accepted")
	}
}

func TestScheduledJobsRunHourlyUnlessToldOtherwise(t *testing.T) {
	cfg, err := config.FromLookup(lookup(nil))
	if err != nil || cfg.JobsEvery != time.Hour {
		t.Fatalf("default: %v %v", cfg.JobsEvery, err)
	}
	cfg, err = config.FromLookup(lookup(map[string]string{"PORTAL_JOBS_EVERY": "1m"}))
	if err != nil || cfg.JobsEvery != time.Minute {
		t.Fatalf("1m: %v %v", cfg.JobsEvery, err)
	}
	for _, bad := range []string{"0s", "-1m", "hourly"} {
		if _, err := config.FromLookup(lookup(map[string]string{"PORTAL_JOBS_EVERY": bad})); err == nil {
			t.Errorf("PORTAL_JOBS_EVERY=%q was accepted", bad)
		}
	}
}

package config

import (
	"net/netip"
	"testing"
	"time"
)

func lookupOf(env map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := env[k]; return v, ok }
}

func TestRetentionAndTrustedProxies(t *testing.T) {
	t.Run("defaults: three years, no proxy trusted", func(t *testing.T) {
		cfg, err := FromLookup(lookupOf(nil))
		if err != nil || cfg.Retention != 3*365*24*time.Hour || len(cfg.TrustedProxies) != 0 {
			t.Fatalf("%+v %v", cfg, err)
		}
	})
	for value, want := range map[string]time.Duration{"5y": 5 * 365 * 24 * time.Hour, "720h": 720 * time.Hour} {
		t.Run("PORTAL_RETENTION="+value, func(t *testing.T) {
			cfg, err := FromLookup(lookupOf(map[string]string{"PORTAL_RETENTION": value}))
			if err != nil || cfg.Retention != want {
				t.Fatalf("%s %v", cfg.Retention, err)
			}
		})
	}
	for _, bad := range []string{"0y", "-1h", "three years", "y"} {
		t.Run("PORTAL_RETENTION="+bad+" is refused", func(t *testing.T) {
			if _, err := FromLookup(lookupOf(map[string]string{"PORTAL_RETENTION": bad})); err == nil {
				t.Fatal("accepted")
			}
		})
	}
	t.Run("PORTAL_TRUSTED_PROXIES", func(t *testing.T) {
		cfg, err := FromLookup(lookupOf(map[string]string{"PORTAL_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.7/32"}))
		if err != nil || len(cfg.TrustedProxies) != 2 || cfg.TrustedProxies[1] != netip.MustParsePrefix("192.168.1.7/32") {
			t.Fatalf("%v %v", cfg.TrustedProxies, err)
		}
		if _, err := FromLookup(lookupOf(map[string]string{"PORTAL_TRUSTED_PROXIES": "10.0.0.1"})); err == nil {
			t.Fatal("an address without a mask was accepted")
		}
	})
}

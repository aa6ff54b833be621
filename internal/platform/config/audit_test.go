package config

import (
	"strings"
	"testing"
	"time"
)

func TestAuditRetentionIsBetweenSixMonthsAndThreeYears(t *testing.T) {
	t.Run("default: one year", func(t *testing.T) {
		cfg, err := FromLookup(lookupOf(nil))
		if err != nil || cfg.Audit.Retention != 365*24*time.Hour || cfg.Audit.ArchiveDir == "" {
			t.Fatalf("%+v %v", cfg.Audit, err)
		}
	})
	for value, want := range map[string]time.Duration{
		"6mo": 6 * 365 * 24 * time.Hour / 12, "18mo": 18 * 365 * 24 * time.Hour / 12,
		"2y": 2 * 365 * 24 * time.Hour, "3y": 3 * 365 * 24 * time.Hour, "8760h": 8760 * time.Hour,
	} {
		t.Run(value, func(t *testing.T) {
			cfg, err := FromLookup(lookupOf(map[string]string{"PORTAL_AUDIT_RETENTION": value}))
			if err != nil || cfg.Audit.Retention != want {
				t.Fatalf("%s %v", cfg.Audit.Retention, err)
			}
		})
	}
	for _, bad := range []string{"5mo", "4y", "30d", "1000h", "un an", "-1y", "y"} {
		t.Run(bad+" is refused at startup", func(t *testing.T) {
			_, err := FromLookup(lookupOf(map[string]string{"PORTAL_AUDIT_RETENTION": bad}))
			if err == nil || !strings.Contains(err.Error(), "between 6 months and 3 years") {
				t.Fatalf("err %v", err)
			}
		})
	}
}

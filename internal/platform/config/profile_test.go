package config

import (
	"strings"
	"testing"
)

func TestTheProductionProfileTurnsIntrospectionOff(t *testing.T) {
	for _, tc := range []struct {
		env                       map[string]string
		production, introspection bool
		err                       string
	}{
		{env: nil, introspection: true},
		{env: map[string]string{"PORTAL_ENV": "development"}, introspection: true},
		{env: map[string]string{"PORTAL_ENV": "production"}, production: true},
		{env: map[string]string{"PORTAL_ENV": "Production", "PORTAL_INTROSPECTION": "false"}, production: true},
		{env: map[string]string{"PORTAL_ENV": "production", "PORTAL_INTROSPECTION": "true"}, err: "turns introspection off"},
		{env: map[string]string{"PORTAL_ENV": "prod"}, err: "development or production"},
	} {
		cfg, err := FromLookup(lookupOf(tc.env))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%v: err %v, want %q", tc.env, err, tc.err)
			}
			continue
		}
		if err != nil || cfg.Production != tc.production || cfg.Introspection != tc.introspection {
			t.Errorf("%v: production %v introspection %v err %v", tc.env, cfg.Production, cfg.Introspection, err)
		}
	}
}

func TestAllowedOriginsAreOrigins(t *testing.T) {
	cfg, err := FromLookup(lookupOf(map[string]string{"PORTAL_ALLOWED_ORIGINS": " https://App.example.org , http://localhost:5173"}))
	if err != nil || strings.Join(cfg.AllowedOrigins, " ") != "https://app.example.org http://localhost:5173" {
		t.Fatalf("%v %v", cfg.AllowedOrigins, err)
	}
	for _, bad := range []string{"app.example.org", "https://app.example.org/", "https://*.example.org", "ftp://x.org", "https://u@x.org"} {
		if _, err := FromLookup(lookupOf(map[string]string{"PORTAL_ALLOWED_ORIGINS": bad})); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

package config

import (
	"fmt"
	"net/url"
	"strings"
)

// Production is the value of PORTAL_ENV that closes what only
// developers need: introspection, field suggestions, GraphiQL and
// /schema.graphql, and GraphQL over GET but for persisted queries.
const Production = "production"

// profileVars reads PORTAL_ENV and PORTAL_ALLOWED_ORIGINS. It runs after
// PORTAL_INTROSPECTION, which production overrides: asking for both is a
// contradiction the portal refuses to guess about.
func profileVars(lookup func(string) (string, bool), cfg *Config) error {
	switch v, _ := lookup("PORTAL_ENV"); strings.ToLower(strings.TrimSpace(v)) {
	case "", "development":
	case Production:
		if v, ok := lookup("PORTAL_INTROSPECTION"); ok && cfg.Introspection && strings.TrimSpace(v) != "" {
			return fmt.Errorf("config: PORTAL_ENV=production turns introspection off; remove PORTAL_INTROSPECTION=%s", v)
		}
		cfg.Production, cfg.Introspection = true, false
	default:
		return fmt.Errorf("config: PORTAL_ENV must be development or production, got %q", v)
	}
	v, ok := lookup("PORTAL_ALLOWED_ORIGINS")
	if !ok {
		return nil
	}
	cfg.AllowedOrigins = nil
	for _, origin := range splitList(v) {
		u, err := url.Parse(origin)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Path != "" || u.RawQuery != "" ||
			u.User != nil || strings.ContainsAny(origin, "*?[") {
			return fmt.Errorf("config: PORTAL_ALLOWED_ORIGINS lists origins such as https://app.example.org (scheme and host, no path nor wildcard), got %q", origin)
		}
		cfg.AllowedOrigins = append(cfg.AllowedOrigins, strings.ToLower(u.Scheme+"://"+u.Host))
	}
	return nil
}

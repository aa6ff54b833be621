package config

import (
	"fmt"
	"net/url"
	"strings"
)

// publicURLVar reads PORTAL_PUBLIC_URL: an http(s) URL with a host and
// no query, kept without its trailing slash.
func publicURLVar(lookup func(string) (string, bool), cfg *Config) error {
	cfg.PublicURL = "http://localhost:8080"
	v, ok := lookup("PORTAL_PUBLIC_URL")
	if !ok || strings.TrimSpace(v) == "" {
		return nil
	}
	u, err := url.Parse(strings.TrimSpace(v))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Hostname() == "" || u.RawQuery != "" || u.User != nil {
		return fmt.Errorf("config: PORTAL_PUBLIC_URL must look like https://portail.example.org, got %q", v)
	}
	cfg.PublicURL = strings.TrimSuffix(u.String(), "/")
	return nil
}

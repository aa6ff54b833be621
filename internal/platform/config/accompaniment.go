package config

import (
	"fmt"
	"strings"
	"time"
)

// accompanimentVars reads the settings of the accompaniment workflow: mail
// delivery of final reports and the deadlines of unanswered requests.
func accompanimentVars(lookup func(string) (string, bool), cfg *Config) error {
	if v, ok := lookup("PORTAL_SMTP_URL"); ok {
		cfg.SMTPURL = strings.TrimSpace(v)
	}
	var err error
	if cfg.RequestReminderAfter, err = durationVar(lookup, "PORTAL_REQUEST_REMINDER_AFTER", cfg.RequestReminderAfter); err != nil {
		return err
	}
	if cfg.RequestExpiresAfter, err = durationVar(lookup, "PORTAL_REQUEST_EXPIRES_AFTER", cfg.RequestExpiresAfter); err != nil {
		return err
	}
	if cfg.JobsEvery, err = durationVar(lookup, "PORTAL_JOBS_EVERY", cfg.JobsEvery); err != nil {
		return err
	}
	if cfg.RequestExpiresAfter <= cfg.RequestReminderAfter {
		return fmt.Errorf("config: PORTAL_REQUEST_EXPIRES_AFTER must be longer than PORTAL_REQUEST_REMINDER_AFTER")
	}
	return nil
}

// durationVar reads a positive duration such as 168h.
func durationVar(lookup func(string) (string, bool), name string, def time.Duration) (time.Duration, error) {
	v, ok := lookup(name)
	if !ok || v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return def, fmt.Errorf("config: %s must be a positive duration such as 168h, got %q", name, v)
	}
	return d, nil
}

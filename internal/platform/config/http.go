package config

import "time"

// HTTP holds the connection timeouts of the HTTP server: a client that
// sends its request slowly, or not at all, holds a connection (and a
// goroutine) until one of them ends it.
type HTTP struct {
	// ReadHeaderTimeout bounds the reading of a request's headers
	// (PORTAL_READ_HEADER_TIMEOUT).
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds the reading of a whole request, body included
	// (PORTAL_READ_TIMEOUT). WebSockets are freed of it once upgraded.
	ReadTimeout time.Duration
	// IdleTimeout is how long a kept-alive connection may wait for its
	// next request (PORTAL_IDLE_TIMEOUT).
	IdleTimeout time.Duration
}

// DefaultHTTP are the timeouts when none is configured: a request body is
// at most PORTAL_MAX_BODY_BYTES (1 MiB), which even a slow mobile link
// sends well within 10 s.
var DefaultHTTP = HTTP{
	ReadHeaderTimeout: 5 * time.Second,
	ReadTimeout:       10 * time.Second,
	IdleTimeout:       60 * time.Second,
}

func httpFrom(lookup func(string) (string, bool), h HTTP) (HTTP, error) {
	var err error
	if h.ReadHeaderTimeout, err = durationVar(lookup, "PORTAL_READ_HEADER_TIMEOUT", h.ReadHeaderTimeout); err != nil {
		return h, err
	}
	if h.ReadTimeout, err = durationVar(lookup, "PORTAL_READ_TIMEOUT", h.ReadTimeout); err != nil {
		return h, err
	}
	if h.IdleTimeout, err = durationVar(lookup, "PORTAL_IDLE_TIMEOUT", h.IdleTimeout); err != nil {
		return h, err
	}
	return h, nil
}

package server

import (
	"github.com/reseau-liens/portal/graph"
	"github.com/reseau-liens/portal/internal/api/limits"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/config"
)

// limitsHTTP bounds GraphQL requests at the HTTP level (body, time,
// content type), before authentication touches the database.
func limitsHTTP(cfg config.Config) limits.HTTP {
	return limits.HTTP{MaxBodyBytes: cfg.Limits.MaxBodyBytes, Timeout: cfg.Limits.RequestTimeout}
}

// limitsExtensions bound documents before they are parsed, then measure
// operations and rate-limit their cost, both charging one bucket per client.
func limitsExtensions(cfg config.Config, clk clock.Clock) (*limits.Documents, limits.Extension) {
	l := cfg.Limits
	limiter := limits.NewLimiter(l.RateLimit, l.RateBurst, clk)
	return limits.NewDocuments(l.MaxQueryBytes, l.MaxFields, limiter), limits.Extension{
		MaxDepth:        l.MaxDepth,
		MaxAliases:      l.MaxAliases,
		MaxCost:         int64(l.MaxCost),
		DefaultPageSize: graph.DefaultPageSize,
		Limiter:         limiter,
		Inputs:          limits.Inputs{MaxDepth: l.MaxInputDepth, MaxValues: l.MaxInputValues},
	}
}

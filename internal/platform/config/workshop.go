package config

import (
	"fmt"
	"strconv"
	"time"
)

// Workshop holds the settings of workshop quotes.
type Workshop struct {
	// TravelCentsPerKm prices the travel line of a quote
	// (PORTAL_TRAVEL_CENTS_PER_KM, default 50: 0.50 € per kilometre,
	// close to the French tax mileage scale for a small car and to the
	// 15 € the demo charges for a 30 km round trip).
	TravelCentsPerKm int64
	// QuoteValidity is how long a sent quote can be accepted
	// (PORTAL_QUOTE_VALIDITY_DAYS, default 30 days).
	QuoteValidity time.Duration
}

// DefaultWorkshop returns the workshop settings used when nothing is set.
func DefaultWorkshop() Workshop {
	return Workshop{TravelCentsPerKm: 50, QuoteValidity: 30 * 24 * time.Hour}
}

func workshopVars(lookup func(string) (string, bool), cfg *Config) error {
	cfg.Workshop = DefaultWorkshop()
	if v, ok := lookup("PORTAL_TRAVEL_CENTS_PER_KM"); ok && v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return fmt.Errorf("config: PORTAL_TRAVEL_CENTS_PER_KM must be a non-negative number of cents, got %q", v)
		}
		cfg.Workshop.TravelCentsPerKm = n
	}
	if v, ok := lookup("PORTAL_QUOTE_VALIDITY_DAYS"); ok && v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return fmt.Errorf("config: PORTAL_QUOTE_VALIDITY_DAYS must be a positive number of days, got %q", v)
		}
		cfg.Workshop.QuoteValidity = time.Duration(n) * 24 * time.Hour
	}
	return nil
}

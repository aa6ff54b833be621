package graph

import "github.com/reseau-liens/portal/internal/domain/network"

// warnings are a convention's figures' warnings, as the GraphQL enum.
func warnings(c network.Consumption) []ConventionWarning {
	out := make([]ConventionWarning, len(c.Warnings))
	for i, w := range c.Warnings {
		out[i] = ConventionWarning(w)
	}
	return out
}

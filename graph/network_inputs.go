package graph

import (
	"github.com/reseau-liens/portal/ent/membership"
	"github.com/reseau-liens/portal/internal/domain/network"
)

// The conversions below turn the network's GraphQL inputs into the
// arguments of package network, and its figures into warnings.

func (in RegisterOrganisationInput) domain() network.OrganisationInput {
	return network.OrganisationInput{
		Name: in.Name, Territory: in.Territory, Kind: in.Kind,
		ContactEmail: deref(in.ContactEmail), ContactPhone: deref(in.ContactPhone),
	}
}

func (in RecordConventionInput) domain() network.ConventionInput {
	return network.ConventionInput{
		LinkID: in.LinkID, ProgrammeID: in.ProgrammeID, FinancerID: deref(in.FinancerID),
		Places: in.Places, UnitPriceCents: int64(in.UnitPriceCents),
		StartsAt: in.StartsAt, EndsAt: in.EndsAt,
	}
}

func (in InvitePersonInput) domain() network.Invitation {
	return network.Invitation{
		OrganisationID: in.OrganisationID, Email: in.Email,
		DisplayName: deref(in.DisplayName), Role: membership.Role(in.Role),
	}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func warnings(c network.Consumption) []ConventionWarning {
	out := make([]ConventionWarning, len(c.Warnings))
	for i, w := range c.Warnings {
		out[i] = ConventionWarning(w)
	}
	return out
}

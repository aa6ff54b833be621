package clock

import (
	"time"
	_ "time/tzdata" // the zone database travels with the binary: a bare machine may have none
)

// DefaultZone is the time zone of a provider that names none: the
// portal's providers work in France.
const DefaultZone = "Europe/Paris"

// Paris is DefaultZone's location.
var Paris = mustLoad(DefaultZone)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("clock: " + err.Error())
	}
	return loc
}

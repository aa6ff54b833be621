package clock

import (
	"sync"
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

var zones sync.Map // name → *time.Location

// Zone returns the location named name (an IANA zone such as a provider's
// time zone), or Paris when the name is empty or unknown: the schema
// checks names when they are written.
func Zone(name string) *time.Location {
	if name == "" || name == DefaultZone {
		return Paris
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return Paris
	}
	zones.Store(name, loc)
	return loc
}

// Package calendar serves iCalendar feeds (RFC 5545): the sessions of a
// workshop series, the sessions a partner organisation booked, and the
// first appointments of the files assigned to an educator. A feed belongs
// to one person, is reached by a secret URL (calendar applications send no
// bearer token) and is read with that person's access rules, until it is
// revoked.
package calendar

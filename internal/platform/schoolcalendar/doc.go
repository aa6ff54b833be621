// Package schoolcalendar holds the holidays of the French national school
// calendar (metropolitan zones A, B and C) as data shipped with the
// portal: france.csv, embedded at build time. The workshop series of a
// school skip its zone's holidays with it. The README says how to update
// the file.
package schoolcalendar

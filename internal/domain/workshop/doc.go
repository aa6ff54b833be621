// Package workshop owns the rules of the workshop workflow (ARCS): quotes
// and their pricing from the programme's tariffs, the series and dated
// sessions an accepted quote creates, bookings with their waiting list,
// idempotent retries and attendance. Every rule lives here; resolvers only
// call these functions, and the access package decides who may write.
//
// Bookings never overbook: each booking or cancellation takes the series
// row's lock (SELECT ... FOR UPDATE on PostgreSQL; SQLite transactions are
// IMMEDIATE, so already serial) before counting seats.
package workshop

// Package webhook delivers events to the HTTPS endpoints partner
// organisations register. Emit writes one delivery per subscribed
// endpoint in the transaction of the change it reports (an outbox), so an
// event exists if and only if the change was committed; a Dispatcher sends
// pending deliveries, signed, retries them with backoff and logs the
// answers on the delivery rows.
//
// Payloads carry identifiers, statuses and dates only: what the receiving
// organisation may already read in the API.
package webhook

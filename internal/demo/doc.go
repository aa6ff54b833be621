// Package demo loads clearly fictional demonstration data into an empty
// portal database: the two providers of the domain (Au bonheur des liens
// and Reliance, both marked "(démo)") with their programmes and exact
// published figures, a dozen partner organisations of every kind with
// links and conventions, one account per role with a freshly issued
// token, families with accompaniments in every status, and an upcoming
// school-confidence workshop series with its quote and bookings.
//
// Every name, reference and address is invented (references start with
// "DEMO-", e-mail addresses end in ".invalid"); dates are relative to the
// day of loading so that the data always looks current.
//
// The package owns only the loading: Load writes everything in one
// transaction, as the portal itself (viewer.SystemContext), and does
// nothing when the database already holds a provider. PrintWelcome tells a
// person where GraphiQL is and which header to paste for each role.
package demo

// Package notify tells people what happened to the files they work on: a
// notice in their portal inbox, always, and the same notice by e-mail
// through the outbox unless they turned that kind off. Other capabilities
// call Send inside their own step's transaction, so that nothing is told
// of a change that rolled back; the kinds and their French and English
// wording are one table (catalogue.go).
package notify

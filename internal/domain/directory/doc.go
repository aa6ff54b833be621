// Package directory owns the shared directory of partner offers and the
// orientations of families towards them: who may publish, how the
// directory is searched on each database, and how an orientation and its
// outcome are recorded.
//
// Full-text search is the one place where the portal speaks each
// database's dialect: PostgreSQL uses its own text search with the French
// configuration (stemming, ranking), SQLite a LIKE per word. Search owns
// that switch.
package directory

// Package auth issues, checks and revokes the bearer tokens through which
// people reach the portal, and turns a valid token into a viewer.
package auth

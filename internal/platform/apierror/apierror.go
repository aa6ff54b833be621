// Package apierror defines the typed errors the portal shows its users:
// each has a stable code that clients can branch on (in the GraphQL
// `extensions.code`), a message for people, and optionally the input field
// at fault. The message is a key of the catalogue (package i18n) worded
// when it is shown, in the language of the request.
package apierror

import (
	"context"
	"errors"

	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// Code is a stable, machine-readable error class.
type Code string

// The codes the API answers with.
const (
	BadUserInput    Code = "BAD_USER_INPUT"
	Unauthenticated Code = "UNAUTHENTICATED"
	Forbidden       Code = "FORBIDDEN"
	NotFound        Code = "NOT_FOUND"
	Conflict        Code = "CONFLICT"
	Unavailable     Code = "UNAVAILABLE"
	Internal        Code = "INTERNAL"
)

// Error is a user-facing error.
type Error struct {
	Code  Code
	Text  i18n.Message
	Field []string // path of the input field at fault, if any
	// ExistingID names the record the error is about, when the user may
	// act on it (DUPLICATE_CHILD: the child already booked).
	ExistingID *string
}

// Error implements error, in French (logs, wrapped errors).
func (e *Error) Error() string { return e.Text.French() }

// Message words the error in the language of the request in ctx.
func (e *Error) Message(ctx context.Context) string { return e.Text.In(i18n.FromContext(ctx)) }

// New returns an error with a code and a message: key is a key of the
// catalogue, args its arguments (i18n.Day, i18n.T… are worded in the
// reader's language).
func New(code Code, key string, args ...any) *Error {
	return &Error{Code: code, Text: i18n.T(key, args...)}
}

// OnField returns a copy of e that points at an input field.
func (e *Error) OnField(path ...string) *Error {
	c := *e
	c.Field = path
	return &c
}

// About returns a copy of e that names the existing record id.
func (e *Error) About(id string) *Error {
	c := *e
	c.ExistingID = &id
	return &c
}

// As returns the user-facing error wrapped in err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Errors converts err into the user errors of a mutation payload: a
// user-facing error becomes one entry; any other error is returned as is,
// to fail the whole mutation (and roll its transaction back).
func Errors(err error) ([]*Error, error) {
	if err == nil {
		return []*Error{}, nil
	}
	if e, ok := As(err); ok && e.Code != Internal {
		return []*Error{e}, nil
	}
	return nil, err
}

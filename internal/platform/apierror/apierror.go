// Package apierror defines the typed errors the portal shows its users:
// each has a stable code that clients can branch on (in the GraphQL
// `extensions.code`), a message for people, and optionally the input field
// at fault.
package apierror

import (
	"errors"
	"fmt"
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
	Code    Code
	Message string
	Field   []string // path of the input field at fault, if any
}

// Error implements error.
func (e *Error) Error() string { return e.Message }

// New returns an error with a code and a formatted message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// OnField returns a copy of e that points at an input field.
func (e *Error) OnField(path ...string) *Error {
	c := *e
	c.Field = path
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

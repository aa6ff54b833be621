package database

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/lib/pq"
)

// IsUnavailable reports whether err means the database cannot be reached
// or is shutting down: a lost or refused connection, a server going away,
// too many clients. Such errors are worth retrying later; they say
// nothing about the request.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	var netErr net.Error
	var pqErr *pq.Error
	switch {
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.As(err, &netErr):
		return true
	case errors.As(err, &pqErr):
		switch pqErr.Code.Class() {
		case "08", // connection exception
			"53", // insufficient resources (too many connections, disk full)
			"57": // operator intervention: shutdown, cannot connect now, query canceled
			return true
		}
	}
	return false
}

// IsSerializationFailure reports whether err is PostgreSQL giving up on a
// transaction because of a concurrent one (serialization failure 40001,
// deadlock 40P01): running the whole transaction again is the cure.
func IsSerializationFailure(err error) bool {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		return pqErr.Code == "40001" || pqErr.Code == "40P01"
	}
	return false
}

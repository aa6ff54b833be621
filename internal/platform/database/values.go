package database

import "fmt"

// A column a query selects beside an entity's own (a subquery appended
// with Modify) reaches the program as the driver returns it, which
// differs between PostgreSQL and SQLite; these read it.

// NullString reads a text column: nil for NULL.
func NullString(v any) (*string, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		return &v, nil
	case []byte:
		s := string(v)
		return &s, nil
	}
	return nil, fmt.Errorf("database: a text column read as %T", v)
}

// NullInt reads an integer column: nil for NULL.
func NullInt(v any) (*int, error) {
	var n int
	switch v := v.(type) {
	case nil:
		return nil, nil
	case int64:
		n = int(v)
	case int32:
		n = int(v)
	case int:
		n = v
	default:
		return nil, fmt.Errorf("database: an integer column read as %T", v)
	}
	return &n, nil
}

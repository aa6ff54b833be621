package database

import (
	"crypto/sha256"
	"database/sql/driver"
	"encoding/hex"
	"fmt"

	"modernc.org/sqlite"
)

// ChainGenesis is the previous hash of the first audit event.
const ChainGenesis = "0000000000000000000000000000000000000000000000000000000000000000"

// ChainLink is the hash of an audit event in the chain: SHA-256 of the
// previous event's hash followed by the hash of the event's content, both
// hexadecimal. The PostgreSQL trigger computes the same with sha256().
func ChainLink(prevHex, contentHex string) (string, error) {
	prev, err := hex.DecodeString(prevHex)
	if err != nil {
		return "", fmt.Errorf("audit chain: previous hash: %w", err)
	}
	content, err := hex.DecodeString(contentHex)
	if err != nil {
		return "", fmt.Errorf("audit chain: content hash: %w", err)
	}
	sum := sha256.Sum256(append(prev, content...))
	return hex.EncodeToString(sum[:]), nil
}

// The SQLite chain trigger (see the migrations) calls portal_audit_link:
// SQLite has no SHA-256 of its own.
func init() {
	err := sqlite.RegisterDeterministicScalarFunction("portal_audit_link", 2,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			prev, ok1 := args[0].(string)
			content, ok2 := args[1].(string)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("portal_audit_link: two hexadecimal texts expected")
			}
			return ChainLink(prev, content)
		})
	if err != nil {
		panic(err)
	}
}

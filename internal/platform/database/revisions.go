package database

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
)

// revisionTable is Atlas's history table: the migration tooling of the
// Atlas CLI reads the same table.
const revisionTable = "atlas_schema_revisions"

// revisions stores the applied migrations of a database in
// atlas_schema_revisions, through the transaction the migrations run in.
type revisions struct {
	tx      *sql.Tx
	dialect string
}

var _ migrate.RevisionReadWriter = (*revisions)(nil)

func (r *revisions) init(ctx context.Context) error {
	text, stamp := "text", "timestamp"
	if r.dialect == dialect.Postgres {
		stamp = "timestamptz"
	}
	_, err := r.tx.ExecContext(ctx, fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s (
		version varchar(255) NOT NULL PRIMARY KEY,
		description %[2]s NOT NULL,
		type bigint NOT NULL DEFAULT 2,
		applied bigint NOT NULL DEFAULT 0,
		total bigint NOT NULL DEFAULT 0,
		executed_at %[3]s NOT NULL,
		execution_time bigint NOT NULL,
		error %[2]s NULL,
		error_stmt %[2]s NULL,
		hash %[2]s NOT NULL,
		partial_hashes %[2]s NULL,
		operator_version %[2]s NOT NULL)`, revisionTable, text, stamp))
	return err
}

// q rewrites ? placeholders for the dialect.
func (r *revisions) q(query string) string {
	if r.dialect != dialect.Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Ident implements migrate.RevisionReadWriter.
func (r *revisions) Ident() *migrate.TableIdent { return &migrate.TableIdent{Name: revisionTable} }

const revisionColumns = "version, description, type, applied, total, executed_at, execution_time, error, error_stmt, hash, partial_hashes, operator_version"

// ReadRevisions implements migrate.RevisionReadWriter.
func (r *revisions) ReadRevisions(ctx context.Context) ([]*migrate.Revision, error) {
	rows, err := r.tx.QueryContext(ctx, "SELECT "+revisionColumns+" FROM "+revisionTable+" ORDER BY version")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*migrate.Revision
	for rows.Next() {
		rev, err := scanRevision(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, rev)
	}
	return out, rows.Err()
}

// ReadRevision implements migrate.RevisionReadWriter.
func (r *revisions) ReadRevision(ctx context.Context, version string) (*migrate.Revision, error) {
	rev, err := scanRevision(r.tx.QueryRowContext(ctx, r.q("SELECT "+revisionColumns+" FROM "+revisionTable+" WHERE version = ?"), version))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, migrate.ErrRevisionNotExist
	}
	return rev, err
}

// WriteRevision implements migrate.RevisionReadWriter.
func (r *revisions) WriteRevision(ctx context.Context, rev *migrate.Revision) error {
	hashes, err := json.Marshal(rev.PartialHashes)
	if err != nil {
		return err
	}
	if _, err := r.tx.ExecContext(ctx, r.q("DELETE FROM "+revisionTable+" WHERE version = ?"), rev.Version); err != nil {
		return err
	}
	_, err = r.tx.ExecContext(ctx, r.q("INSERT INTO "+revisionTable+" ("+revisionColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
		rev.Version, rev.Description, int64(rev.Type), rev.Applied, rev.Total, rev.ExecutedAt.UTC(),
		int64(rev.ExecutionTime), rev.Error, rev.ErrorStmt, rev.Hash, string(hashes), rev.OperatorVersion)
	return err
}

// DeleteRevision implements migrate.RevisionReadWriter.
func (r *revisions) DeleteRevision(ctx context.Context, version string) error {
	_, err := r.tx.ExecContext(ctx, r.q("DELETE FROM "+revisionTable+" WHERE version = ?"), version)
	return err
}

type scanner interface{ Scan(...any) error }

func scanRevision(s scanner) (*migrate.Revision, error) {
	var (
		rev                         migrate.Revision
		typ, execTime               int64
		errText, errStmt, hashesRaw sql.NullString
		executedAt                  time.Time
	)
	if err := s.Scan(&rev.Version, &rev.Description, &typ, &rev.Applied, &rev.Total, &executedAt, &execTime,
		&errText, &errStmt, &rev.Hash, &hashesRaw, &rev.OperatorVersion); err != nil {
		return nil, err
	}
	rev.Type, rev.ExecutionTime, rev.ExecutedAt = migrate.RevisionType(typ), time.Duration(execTime), executedAt
	rev.Error, rev.ErrorStmt = errText.String, errStmt.String
	if hashesRaw.Valid && hashesRaw.String != "" && hashesRaw.String != "null" {
		if err := json.Unmarshal([]byte(hashesRaw.String), &rev.PartialHashes); err != nil {
			return nil, err
		}
	}
	return &rev, nil
}

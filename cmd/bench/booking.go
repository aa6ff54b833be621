package main

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// pair is a child that may be booked into a series: old enough, known to
// the partner staff (booked by their organisation before), not booked in
// that series yet.
type pair struct{ series, child pulid.ID }

// pairs hands out each pair once, to the portal and the floor alike, so
// that every booking request is a new one.
type pairs struct {
	all  []pair
	used atomic.Int64
}

func (p *pairs) next() (pair, error) {
	i := p.used.Add(1) - 1
	if i >= int64(len(p.all)) {
		return pair{}, fmt.Errorf("out of children to book after %d bookings (raise -pairs)", len(p.all))
	}
	return p.all[i], nil
}

// bookablePairs finds up to n pairs among the generated series and the
// generated children old enough for the workshops (the second of each
// family), ordered child by child so that requests in a row hit different
// series, as bookings from many schools would.
func bookablePairs(ctx context.Context, db *sql.DB, school pulid.ID, n int) (*pairs, error) {
	rows, err := db.QueryContext(ctx, `SELECT s.id, c.id FROM workshop_series s CROSS JOIN children c
		WHERE s.id IN (SELECT id FROM workshop_series WHERE title LIKE '%(banc d''essai)' ORDER BY id LIMIT 1000)
		AND c.first_name = 'Enfant2'
		AND EXISTS (SELECT 1 FROM bookings o WHERE o.child_id = c.id AND o.organisation_id = $1)
		AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.series_id = s.id AND b.child_id = c.id)
		ORDER BY c.id, s.id LIMIT $2`, school, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &pairs{}
	for rows.Next() {
		var p pair
		if err := rows.Scan(&p.series, &p.child); err != nil {
			return nil, err
		}
		out.all = append(out.all, p)
	}
	return out, rows.Err()
}

// bookingFloor is the least a booking costs: one transaction that locks
// the series row, counts its confirmed bookings, and inserts the booking,
// confirmed if a seat is free, waiting otherwise.
func bookingFloor(ctx context.Context, db *floorSQL, p pair, school, bookedBy pulid.ID) (any, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer func() { _ = tx.Rollback() }()
	var capacity, confirmed int
	if err := tx.scan(ctx, `SELECT capacity FROM workshop_series WHERE id = $1 FOR UPDATE`, []any{p.series}, &capacity); err != nil {
		return nil, err
	}
	if err := tx.scan(ctx, `SELECT count(*) FROM bookings WHERE series_id = $1 AND status = 'CONFIRMED'`, []any{p.series}, &confirmed); err != nil {
		return nil, err
	}
	now := clock.System().Now() // the hand-written floor writes as the portal would
	status, confirmedAt := "WAITING", sql.NullTime{}
	if confirmed < capacity {
		status, confirmedAt = "CONFIRMED", sql.NullTime{Time: now, Valid: true}
	}
	id := pulid.New("bkg")
	if err := tx.exec(ctx, `INSERT INTO bookings (id, created_at, updated_at, status, requested_at, confirmed_at,
		organisation_id, booked_by_id, child_id, series_id) VALUES ($1, $2, $2, $3, $2, $4, $5, $6, $7, $8)`,
		id, now, status, confirmedAt, school, bookedBy, p.child, p.series); err != nil {
		return nil, err
	}
	return map[string]any{"bookings": []map[string]any{{"id": id, "status": status}}, "series": map[string]any{"id": p.series}}, tx.Commit()
}

package main

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/demo"
)

// scenario is one read (or write) of the portal, as a GraphQL document
// sent to the real handler and as the hand-written SQL that does the same
// work (the floor).
type scenario struct {
	name  string
	query string
	// account is the demo account the request is made as.
	account string
	// vars gives the variables of one request (nil: none).
	vars  func() (map[string]any, error)
	floor func(ctx context.Context, db *floorSQL) (any, error)
	// postgraphile is the same read as PostGraphile 5 (amber preset)
	// serves it from the same tables, for -postgraphile; empty: not
	// compared.
	postgraphile string
}

func scenarios(e *env) []scenario {
	provider := e.demo.ProviderID
	return []scenario{
		{
			name: "families page (20) with guardians and children",
			query: `query Families { families(first: 20) { totalCount edges { node { id reference territory
				guardians { firstName lastName } children { firstName birthDate schoolLevel } } } pageInfo { endCursor hasNextPage } } }`,
			account:      demo.Coordinator,
			floor:        familiesFloor(provider, 20),
			postgraphile: postgraphileFamilies(provider, 20),
		},
		{
			name: "families page (100) with guardians and children",
			query: `query Families100 { families(first: 100) { totalCount edges { node { id reference territory
				guardians { firstName lastName } children { firstName birthDate schoolLevel } } } pageInfo { endCursor hasNextPage } } }`,
			account:      demo.Coordinator,
			floor:        familiesFloor(provider, 100),
			postgraphile: postgraphileFamilies(provider, 100),
		},
		{
			name: "active caseload (20): families, children, last contacts",
			query: `query Caseload { accompaniments(first: 20, where: {status: ACTIVE}) { totalCount edges { node { id status startsAt
				family { reference children { firstName } } contactEvents(first: 5) { totalCount edges { node { kind occurredAt } } } } } } }`,
			account: demo.Coordinator,
			floor:   withProvider(provider, caseloadFloor),
			postgraphile: `query Caseload { allAccompaniments(first: 20, orderBy: PRIMARY_KEY_ASC, condition: {providerId: "` + string(provider) + `", status: "ACTIVE"}) {
				totalCount nodes { rowId status startsAt familyByFamilyId { reference childrenByFamilyId { nodes { firstName } } }
				contactEventsByAccompanimentId(first: 5) { totalCount nodes { kind occurredAt } } } } }`,
		},
		{
			name: "workshop series (20) with sessions and bookings",
			query: `query Series { workshopSeries(first: 20) { totalCount edges { node { id title capacity
				sessions { startsAt durationMinutes } bookings(first: 30) { totalCount edges { node { status child { firstName } } } } } } } }`,
			account: demo.Coordinator,
			floor:   withProvider(provider, seriesFloor),
		},
		{
			name: "activity figures (last 12 months, per programme)",
			query: `query Figures($provider: ID!, $from: Time!, $to: Time!) { activityFigures(providerID: $provider, from: $from, to: $to) {
				total { files families children singleParentShare eligibleShare employedShare minimumIncomeShare belowPovertyLineShare }
				programmes { programmeCode files families children singleParentShare eligibleShare employedShare minimumIncomeShare belowPovertyLineShare } } }`,
			account: demo.Coordinator,
			vars: func() (map[string]any, error) {
				return map[string]any{"provider": provider, "from": e.figuresFrom, "to": e.figuresTo}, nil
			},
			floor: func(ctx context.Context, db *floorSQL) (any, error) {
				return figuresFloor(ctx, db, provider, e.figuresFrom, e.figuresTo)
			},
		},
		{
			name: "bookChildren (1 child; free seats or waiting list)",
			query: `mutation Book($input: BookChildrenInput!) { bookChildren(input: $input) {
				bookings { id status } series { id } errors { code message } } }`,
			account: demo.PartnerStaff,
			vars: func() (map[string]any, error) {
				p, err := e.pairs.next()
				if err != nil {
					return nil, err
				}
				return map[string]any{"input": map[string]any{"seriesID": p.series, "childIDs": []pulid.ID{p.child},
					"policy": "CONFIRM_WHAT_FITS", "idempotencyKey": "bench-" + string(p.child) + "-" + string(p.series)}}, nil
			},
			floor: func(ctx context.Context, db *floorSQL) (any, error) {
				p, err := e.pairs.next()
				if err != nil {
					return nil, err
				}
				return bookingFloor(ctx, db, p, e.demo.SchoolID, e.demo.People[demo.PartnerStaff])
			},
		},
	}
}

// postgraphileFamilies is the families page as PostGraphile names it.
func postgraphileFamilies(provider pulid.ID, page int) string {
	return fmt.Sprintf(`query Families { allFamilies(first: %d, orderBy: PRIMARY_KEY_ASC, condition: {providerId: %q}) { totalCount
		nodes { rowId reference territory guardiansByFamilyId { nodes { firstName lastName } } childrenByFamilyId { nodes { firstName birthDate schoolLevel } } }
		pageInfo { endCursor hasNextPage } } }`, page, provider)
}

// withProvider binds a floor to the demo provider.
func withProvider(provider pulid.ID, f func(context.Context, *floorSQL, pulid.ID) (any, error)) func(context.Context, *floorSQL) (any, error) {
	return func(ctx context.Context, db *floorSQL) (any, error) { return f(ctx, db, provider) }
}

type familyRow struct {
	ID, Reference, Territory string
	Guardians                []map[string]any
	Children                 []map[string]any
}

func familiesFloor(provider pulid.ID, page int) func(ctx context.Context, db *floorSQL) (any, error) {
	return func(ctx context.Context, db *floorSQL) (any, error) {
		var total int
		if err := db.scan(ctx, `SELECT count(*) FROM families WHERE provider_id = $1`, []any{provider}, &total); err != nil {
			return nil, err
		}
		rows, err := db.QueryContext(ctx, `SELECT id, reference, territory FROM families WHERE provider_id = $1 ORDER BY id LIMIT $2`, provider, page+1)
		if err != nil {
			return nil, err
		}
		var fams []*familyRow
		byID := map[string]*familyRow{}
		var ids []string
		for rows.Next() {
			f := &familyRow{}
			if err := rows.Scan(&f.ID, &f.Reference, &f.Territory); err != nil {
				return nil, err
			}
			fams = append(fams, f)
			byID[f.ID] = f
			ids = append(ids, f.ID)
		}
		rows.Close()
		rows, err = db.QueryContext(ctx, `SELECT family_id, first_name, last_name FROM guardians WHERE family_id = ANY($1)`, pq.Array(ids))
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var fid, first, last string
			if err := rows.Scan(&fid, &first, &last); err != nil {
				return nil, err
			}
			byID[fid].Guardians = append(byID[fid].Guardians, map[string]any{"firstName": first, "lastName": last})
		}
		rows.Close()
		rows, err = db.QueryContext(ctx, `SELECT family_id, first_name, birth_date, school_level FROM children WHERE family_id = ANY($1)`, pq.Array(ids))
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var fid, first string
			var birth time.Time
			var level sql.NullString
			if err := rows.Scan(&fid, &first, &birth, &level); err != nil {
				return nil, err
			}
			byID[fid].Children = append(byID[fid].Children, map[string]any{"firstName": first, "birthDate": birth, "schoolLevel": level.String})
		}
		rows.Close()
		return map[string]any{"totalCount": total, "families": fams}, nil
	}
}

func caseloadFloor(ctx context.Context, db *floorSQL, provider pulid.ID) (any, error) {
	var total int
	if err := db.scan(ctx, `SELECT count(*) FROM accompaniments WHERE provider_id = $1 AND status = 'ACTIVE'`, []any{provider}, &total); err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `SELECT a.id, a.status, a.starts_at, f.id, f.reference FROM accompaniments a JOIN families f ON f.id = a.family_id
		WHERE a.provider_id = $1 AND a.status = 'ACTIVE' ORDER BY a.id LIMIT 21`, provider)
	if err != nil {
		return nil, err
	}
	type acc struct {
		ID, Status, FamilyID, Reference string
		StartsAt                        sql.NullTime
		Children                        []string
		Contacts                        []map[string]any
		ContactCount                    int
	}
	var accs []*acc
	var accIDs, famIDs []string
	for rows.Next() {
		a := &acc{}
		if err := rows.Scan(&a.ID, &a.Status, &a.StartsAt, &a.FamilyID, &a.Reference); err != nil {
			return nil, err
		}
		accs = append(accs, a)
		accIDs, famIDs = append(accIDs, a.ID), append(famIDs, a.FamilyID)
	}
	rows.Close()
	children := map[string][]string{}
	rows, err = db.QueryContext(ctx, `SELECT family_id, first_name FROM children WHERE family_id = ANY($1)`, pq.Array(famIDs))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var fid, first string
		if err := rows.Scan(&fid, &first); err != nil {
			return nil, err
		}
		children[fid] = append(children[fid], first)
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT accompaniment_id, kind, occurred_at, n FROM (
		SELECT accompaniment_id, kind, occurred_at, count(*) OVER (PARTITION BY accompaniment_id) AS n,
		       row_number() OVER (PARTITION BY accompaniment_id ORDER BY id) AS r
		FROM contact_events WHERE accompaniment_id = ANY($1)) t WHERE r <= 5`, pq.Array(accIDs))
	if err != nil {
		return nil, err
	}
	contacts := map[string][]map[string]any{}
	counts := map[string]int{}
	for rows.Next() {
		var aid, kind string
		var at time.Time
		var n int
		if err := rows.Scan(&aid, &kind, &at, &n); err != nil {
			return nil, err
		}
		contacts[aid] = append(contacts[aid], map[string]any{"kind": kind, "occurredAt": at})
		counts[aid] = n
	}
	rows.Close()
	for _, a := range accs {
		a.Children, a.Contacts, a.ContactCount = children[a.FamilyID], contacts[a.ID], counts[a.ID]
	}
	return map[string]any{"totalCount": total, "accompaniments": accs}, nil
}

func seriesFloor(ctx context.Context, db *floorSQL, provider pulid.ID) (any, error) {
	var total int
	if err := db.scan(ctx, `SELECT count(*) FROM workshop_series WHERE provider_id = $1`, []any{provider}, &total); err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `SELECT id, title, capacity FROM workshop_series WHERE provider_id = $1 ORDER BY id LIMIT 21`, provider)
	if err != nil {
		return nil, err
	}
	type series struct {
		ID, Title    string
		Capacity     int
		Sessions     []map[string]any
		Bookings     []map[string]any
		BookingCount int
	}
	var all []*series
	byID := map[string]*series{}
	var ids []string
	for rows.Next() {
		s := &series{}
		if err := rows.Scan(&s.ID, &s.Title, &s.Capacity); err != nil {
			return nil, err
		}
		all = append(all, s)
		byID[s.ID] = s
		ids = append(ids, s.ID)
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT series_id, starts_at, duration_minutes FROM workshop_sessions WHERE series_id = ANY($1)`, pq.Array(ids))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var sid string
		var at time.Time
		var minutes int
		if err := rows.Scan(&sid, &at, &minutes); err != nil {
			return nil, err
		}
		byID[sid].Sessions = append(byID[sid].Sessions, map[string]any{"startsAt": at, "durationMinutes": minutes})
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT series_id, status, first_name, n FROM (
		SELECT b.series_id, b.status, c.first_name, count(*) OVER (PARTITION BY b.series_id) AS n,
		       row_number() OVER (PARTITION BY b.series_id ORDER BY b.id) AS r
		FROM bookings b JOIN children c ON c.id = b.child_id WHERE b.series_id = ANY($1)) t WHERE r <= 30`, pq.Array(ids))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var sid, status, first string
		var n int
		if err := rows.Scan(&sid, &status, &first, &n); err != nil {
			return nil, err
		}
		byID[sid].Bookings = append(byID[sid].Bookings, map[string]any{"status": status, "child": first})
		byID[sid].BookingCount = n
	}
	rows.Close()
	return map[string]any{"totalCount": total, "series": all}, nil
}

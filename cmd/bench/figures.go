package main

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// figuresAggregates are the columns of the activity table, by hand.
const figuresAggregates = `count(DISTINCT a.id) AS files, count(DISTINCT f.id) AS families, count(DISTINCT c.id) AS children,
	count(DISTINCT CASE WHEN f.household_composition = 'SINGLE_PARENT' THEN f.id END) AS single_parent,
	count(DISTINCT CASE WHEN a.validated_at IS NOT NULL OR a.decline_reason = 'NOT_ELIGIBLE' THEN a.id END) AS decided,
	count(DISTINCT CASE WHEN a.validated_at IS NOT NULL THEN a.id END) AS eligible,
	count(DISTINCT CASE WHEN f.socio_economic_situation = 'EMPLOYED' THEN f.id END) AS employed,
	count(DISTINCT CASE WHEN f.socio_economic_situation = 'MINIMUM_INCOME' THEN f.id END) AS minimum_income,
	count(DISTINCT CASE WHEN f.socio_economic_situation = 'BELOW_POVERTY_LINE' THEN f.id END) AS below_poverty`

// figuresFrom and figuresWhere are the files of the period joined to
// their families and children.
const (
	figuresFrom  = ` FROM accompaniments a JOIN families f ON f.id = a.family_id LEFT JOIN children c ON c.family_id = f.id`
	figuresWhere = ` WHERE a.provider_id = $1 AND a.requested_at >= $2 AND a.requested_at < $3`
)

// figuresRow is one line of the table.
type figuresRow struct {
	Programme, Code                                                                     string
	Files, Families, Children, SingleParent, Decided, Eligible, Employed, Minimum, Poor int
}

func (r *figuresRow) fields() []any {
	return []any{&r.Files, &r.Families, &r.Children, &r.SingleParent, &r.Decided, &r.Eligible, &r.Employed, &r.Minimum, &r.Poor}
}

// figuresFloor computes the activity table as the portal does (the total,
// then one line per programme), in two hand-written queries.
func figuresFloor(ctx context.Context, db *floorSQL, provider pulid.ID, from, to time.Time) (any, error) {
	total := &figuresRow{}
	if err := db.scan(ctx, `SELECT `+figuresAggregates+figuresFrom+figuresWhere, []any{provider, from, to}, total.fields()...); err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `SELECT p.id, p.code, `+figuresAggregates+figuresFrom+
		` JOIN programmes p ON p.id = a.programme_id`+figuresWhere+` GROUP BY p.id, p.code ORDER BY p.code`, provider, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var lines []*figuresRow
	for rows.Next() {
		r := &figuresRow{}
		if err := rows.Scan(append([]any{&r.Programme, &r.Code}, r.fields()...)...); err != nil {
			return nil, err
		}
		lines = append(lines, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return map[string]any{"total": total, "programmes": lines}, nil
}

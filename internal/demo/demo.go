package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"entgo.io/ent/dialect"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// TokenTTL is how long the demo tokens issued by Load stay valid.
const TokenTTL = 30 * 24 * time.Hour

// TokenLabel is the label of every token issued by Load.
const TokenLabel = "demo"

// The demo accounts, keyed as in Result.People and Result.Tokens. The first
// six are one per role; the last two exist for access tests (a second
// prescriber who referred other families, an educator of the other
// provider).
const (
	// Coordinator is the coordinator of Au bonheur des liens.
	Coordinator = "coordinator"
	// Educator is an educator of Au bonheur des liens, assigned to the
	// active and closed accompaniments.
	Educator = "educator"
	// Practitioner is the practitioner of Au bonheur des liens who runs the
	// ARCS workshop and wrote its quote.
	Practitioner = "practitioner"
	// Prescriber is a social worker of the departmental council who
	// referred the families in every accompaniment status.
	Prescriber = "prescriber"
	// PartnerStaff is a member of the school's staff who booked the
	// workshop seats.
	PartnerStaff = "partner_staff"
	// RelianceCoordinator is the coordinator of Reliance.
	RelianceCoordinator = "reliance_coordinator"
	// RelianceEducator is the educator of Reliance who follows its family.
	RelianceEducator = "reliance_educator"
	// SecondPrescriber is a CCAS social worker who referred one family only.
	SecondPrescriber = "second_prescriber"
)

// Accounts returns the keys of the demo accounts in a stable order: the
// order PrintWelcome uses.
func Accounts() []string {
	keys := make([]string, len(accounts))
	for i, a := range accounts {
		keys[i] = a.key
	}
	return keys
}

// Result holds what Load created that tests and the welcome message need.
type Result struct {
	// ProviderID is "Au bonheur des liens (démo)".
	ProviderID pulid.ID
	// RelianceProviderID is "Reliance (démo)".
	RelianceProviderID pulid.ID
	// Programmes maps a programme code (MIP, MADI, MAPA, ARCS, RELIANCE)
	// to its ID.
	Programmes map[string]pulid.ID
	// DepartmentalCouncilID is the organisation of Prescriber; it finances
	// MIP places through a convention.
	DepartmentalCouncilID pulid.ID
	// CCASID is the organisation of SecondPrescriber.
	CCASID pulid.ID
	// SchoolID is the organisation of PartnerStaff, host of the workshop.
	SchoolID pulid.ID
	// People maps an account key (Coordinator, Educator, ...) to the
	// person's ID.
	People map[string]pulid.ID
	// FamilyID is a family of Au bonheur des liens with an active MIP,
	// referred by Prescriber and followed by Educator.
	FamilyID pulid.ID
	// SecondPrescriberFamilyID is the family referred by SecondPrescriber.
	SecondPrescriberFamilyID pulid.ID
	// RelianceFamilyID is the family followed by Reliance.
	RelianceFamilyID pulid.ID
	// Accompaniments maps each accompaniment status to one accompaniment
	// in that status (all of Au bonheur des liens, referred by Prescriber).
	Accompaniments map[accompaniment.Status]pulid.ID
	// SeriesID is the upcoming ARCS workshop series at the school.
	SeriesID pulid.ID
	// QuoteID is the accepted quote of that series.
	QuoteID pulid.ID
	// Tokens maps an account key to the secret of a token freshly issued
	// for that person, valid for TokenTTL. Secrets are not stored: this is
	// the only place they appear.
	Tokens map[string]string
	// TokensExpireAt is when the tokens stop being valid.
	TokensExpireAt time.Time
}

// Load fills an empty database with the demo data and returns what it
// created. When the database already holds a provider it changes nothing
// and returns (nil, nil). Everything is written in one transaction, as the
// portal itself: on error nothing is left behind. Portals starting at once
// on one empty database load it once: the others find it filled.
func Load(ctx context.Context, db *database.DB) (*Result, error) {
	ctx = viewer.SystemContext(ctx)
	tx, err := db.Client.Tx(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	// The emptiness check runs inside the transaction, once no other load
	// can be under way. On PostgreSQL a transaction-scoped advisory lock
	// queues the loads; the check that follows it reads what the previous
	// load committed (READ COMMITTED takes a snapshot per statement).
	// SQLite's transactions are IMMEDIATE: the second load already waits
	// at its first statement for the first one to end.
	if db.Dialect == dialect.Postgres {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", loadLock); err != nil {
			return nil, rollback(tx, fmt.Errorf("demo: waiting for another load: %w", err))
		}
	}
	exists, err := tx.Provider.Query().Exist(ctx)
	if err != nil {
		return nil, rollback(tx, fmt.Errorf("demo: checking for existing data: %w", err))
	}
	if exists {
		return nil, rollback(tx, nil)
	}
	l := newLoader(ctx, tx.Client(), tx.Client().Clock.Now())
	if err := l.load(); err != nil {
		return nil, rollback(tx, fmt.Errorf("demo: %w", err))
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("demo: committing: %w", err)
	}
	return l.res, nil
}

// loadLock names the advisory lock of demo loads (distinct from the
// migrations' one, which is released before the load starts).
const loadLock int64 = 7402658123

// rollback ends tx and returns err, joined with any rollback failure.
func rollback(tx *ent.Tx, err error) error {
	if rerr := tx.Rollback(); rerr != nil {
		return errors.Join(err, fmt.Errorf("demo: rolling back: %w", rerr))
	}
	return err
}

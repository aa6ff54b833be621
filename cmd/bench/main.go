// Command bench measures the portal's main reads and the booking mutation
// on PostgreSQL, on a generated data set of realistic size, through the
// real HTTP handler, next to the same work written by hand in SQL through
// the same driver (the floor):
//
//	go run ./cmd/bench -db 'postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable' -scale 1
//
// -scale 1 is 2 000 families and 1 000 workshop series; -scale 10 is ten
// times that (20 000 families, 200 000 contact events, 10 000 series) with
// an audit trail of 5 million rows.
//
// It works in a schema of its own, created and dropped in that database.
// For each read or write it prints throughput, p50 and p99 latency, SQL queries per
// request, and the ratio to the floor.
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"entgo.io/ent/dialect"

	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/app"
	"github.com/reseau-liens/portal/internal/demo"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/config"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/server"
)

func main() {
	dbURL := flag.String("db", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL database to work in (in a temporary schema)")
	scale := flag.Int("scale", 1, "size of the data set: 1 is 2 000 families and 1 000 series, 10 is ten times that with 5 M audit events (-families, -series and -audit override it)")
	families := flag.Int("families", 0, "families to generate (each with 2 children, 1 guardian, 1 active accompaniment; default 2 000 × scale)")
	contacts := flag.Int("contacts", 10, "contact events per family")
	series := flag.Int("series", 0, "workshop series to generate (each with 8 sessions and 6 seats; default 1 000 × scale)")
	auditRows := flag.Int("audit", -1, "audit events to load beforehand (default 0 at scale 1, 500 000 × scale above)")
	bookings := flag.Int("bookings", 30, "bookings per full workshop series (6 confirmed, the others waiting; the other half of the series have 3 confirmed)")
	duration := flag.Duration("duration", 3*time.Second, "how long each read is measured")
	concurrency := flag.Int("concurrency", 4, "concurrent clients")
	pairs := flag.Int("pairs", 40000, "children to keep ready for the booking mutation (one per booking request)")
	rounds := flag.Int("rounds", 3, "rounds of each measure, portal and floor in turn; the medians are shown")
	keep := flag.Bool("keep", false, "keep the generated schema afterwards (its name is printed), to look at it with psql")
	only := flag.String("only", "", "measure only the reads and writes whose name holds this text")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the portal under load to this file (the floor is then not measured)")
	postgraphile := flag.String("postgraphile", "", "also measure the reads served by PostGraphile 5 on the same tables: the shell command that starts it, where {db}, {schema} and {port} are replaced (see README)")
	memProfile := flag.String("memprofile", "", "write the allocations of the portal under load to this file and the ones before the load to this file .base (go tool pprof -base); the floor is then not measured")
	flag.Parse()
	app.TuneRuntime() // the portal as it serves
	if *scale < 1 {
		fmt.Fprintln(os.Stderr, "bench: -scale is 1 or more")
		os.Exit(2)
	}
	if *families == 0 {
		*families = 2000 * *scale
	}
	if *series == 0 {
		*series = 1000 * *scale
	}
	if *auditRows < 0 {
		*auditRows = 0
		if *scale > 1 {
			*auditRows = 500_000 * *scale
		}
	}
	o := options{duration: *duration, concurrency: *concurrency, rounds: max(1, *rounds), only: *only, keep: *keep, cpuProfile: *cpuProfile, memProfile: *memProfile, postgraphile: *postgraphile}
	if err := run(*dbURL, size{*families, *contacts, *series, *bookings, 8, *auditRows}, o, *pairs); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// env is what the scenarios work on.
type env struct {
	demo                   *demo.Result
	figuresFrom, figuresTo time.Time
	pairs                  *pairs
}

// options are how the measures are taken.
type options struct {
	duration    time.Duration
	concurrency int
	rounds      int
	only        string
	keep        bool
	// cpuProfile, when set, is where the CPU profile of the portal under
	// load goes; the floor is then not measured, so the profile shows the
	// portal alone.
	cpuProfile string
	// memProfile, when set, is where the allocations under load go.
	memProfile string
	// postgraphile, when set, starts PostGraphile for a comparison.
	postgraphile string
}

// profiling tells whether the portal alone is measured, for a profile.
func (o options) profiling() bool { return o.cpuProfile != "" || o.memProfile != "" }

func run(dbURL string, s size, o options, npairs int) error {
	ctx := context.Background()
	schemaURL, drop, err := temporarySchema(dbURL)
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Println("schema kept:", schemaOf(schemaURL))
	} else {
		defer drop()
	}

	db, err := app.OpenDatabase(schemaURL, clock.System())
	if err != nil {
		return err
	}
	defer db.Close()
	if db.Dialect != dialect.Postgres {
		return fmt.Errorf("-db must be a postgres:// URL")
	}
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	loading := clock.StartStopwatch()
	d, err := demo.Load(ctx, db)
	if err != nil {
		return err
	}
	if err := generate(viewer.SystemContext(ctx), db.Client, d, s); err != nil {
		return err
	}
	// The month partitions the portal's retention job keeps ahead.
	if err := db.EnsureAuditPartitions(ctx); err != nil {
		return err
	}
	if err := loadAudit(ctx, db, d, s.audit); err != nil {
		return err
	}
	fmt.Printf("data set: %d families, %d children, %d contact events, %d workshop series, %d sessions, %d bookings, %d audit events loaded (generated in %s)\n",
		s.families, 2*s.families, s.families*s.contacts, s.series, s.series*s.sessions, s.series/2*s.bookings+(s.series-s.series/2)*min(s.bookings, seriesCapacity/2), s.audit, loading.Elapsed().Round(time.Second))
	if _, err := db.SQL.ExecContext(ctx, "ANALYZE"); err != nil {
		return err
	}
	bookable, err := bookablePairs(ctx, db.SQL, d.SchoolID, npairs)
	if err != nil {
		return err
	}
	today := db.Clock.Now()
	e := &env{demo: d, figuresTo: today, figuresFrom: today.AddDate(-1, 0, 0), pairs: bookable}

	// The portal as deployed, with rate limiting off (one client here).
	cfg, _ := config.FromLookup(func(string) (string, bool) { return "", false })
	cfg.Limits.RateLimit = 0
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	portal := httptest.NewServer(app.New(cfg, db, logger).Handler())
	defer portal.Close()
	// The same portal over a driver that counts SQL queries, used apart
	// so that counting does not weigh on the timings.
	var queries atomic.Int64
	counting := dialect.DebugWithContext(db.Driver, func(_ context.Context, args ...any) {
		// Every statement, read or write, in a transaction or not
		// (driver.Query…, Tx(id).Exec…); not BEGIN or COMMIT.
		if len(args) > 0 {
			if line := fmt.Sprint(args[0]); strings.Contains(line, ".Query") || strings.Contains(line, ".Exec") {
				queries.Add(1)
			}
		}
	})
	// The portal's audit-chain job, which chains the read logs after
	// their requests commit: its work is part of what the reads cost.
	sealing, stopSealing := context.WithCancel(ctx)
	defer stopSealing()
	go sealEverySecond(sealing, db)
	countedDB := database.NewDB(db.SQL, dialect.Postgres, counting, db.Clock)
	app.Instrument(countedDB)
	counted := httptest.NewServer(app.New(cfg, countedDB, logger).Handler())
	defer counted.Close()

	// What the data generation left behind is not the portal's memory.
	runtime.GC()
	debug.FreeOSMemory()
	floorServer := httptest.NewServer(floorHandler(newFloorSQL(db.SQL), scenarios(e)))
	defer floorServer.Close()

	var postgraphileURL string
	if o.postgraphile != "" {
		endpoint, stop, err := startPostGraphile(o.postgraphile, schemaURL)
		if err != nil {
			return err
		}
		defer stop()
		postgraphileURL = endpoint
	}
	var compared []string

	fmt.Printf("each for %d rounds of %s with %d concurrent clients, portal and floor in turn (medians shown); reads as the coordinator of the demo provider, bookings as its partner staff\n\n",
		o.rounds, o.duration, o.concurrency)
	fmt.Printf("%-64s %10s %9s %9s %8s %9s\n", "read or write", "req/s", "p50", "p99", "SQL/req", "CPU/req")
	var table []string
	var peak rssPeak
	if o.cpuProfile != "" {
		stop, err := profileCPU(o.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if o.memProfile != "" {
		if err := writeAllocs(o.memProfile + ".base"); err != nil {
			return err
		}
		defer func() { _ = writeAllocs(o.memProfile) }()
	}
	for i, sc := range scenarios(e) {
		if o.only != "" && !strings.Contains(sc.name, o.only) {
			continue
		}
		const samples = 10
		token := d.Tokens[sc.account]
		request := func(url string) error {
			var vars map[string]any
			if sc.vars != nil {
				var err error
				if vars, err = sc.vars(); err != nil {
					return err
				}
			}
			return graphql(url, token, sc.query, vars)
		}
		queries.Store(0)
		for range samples {
			if err := request(counted.URL); err != nil {
				return fmt.Errorf("%s: %w", sc.name, err)
			}
		}
		perRequest := float64(queries.Load()) / samples
		floorURL := fmt.Sprintf("%s/floor/%d", floorServer.URL, i)
		var apis, floors, others []result
		compare := postgraphileURL != "" && sc.postgraphile != ""
		for range o.rounds {
			stop := peak.watch()
			api := measure(o.duration, o.concurrency, func() error { return request(portal.URL) })
			stop()
			if api.err != nil {
				return fmt.Errorf("%s: %v", sc.name, api.err)
			}
			apis = append(apis, api)
			if compare {
				other := measure(o.duration, o.concurrency, func() error { return graphql(postgraphileURL, "", sc.postgraphile, nil) })
				if other.err != nil {
					return fmt.Errorf("%s (PostGraphile): %v", sc.name, other.err)
				}
				others = append(others, other)
			}
			if o.profiling() {
				continue // the profile shows the portal alone
			}
			floor := measure(o.duration, o.concurrency, func() error { return getFloor(floorURL) })
			if floor.err != nil {
				return fmt.Errorf("%s (floor): %v", sc.name, floor.err)
			}
			floors = append(floors, floor)
		}
		api := median(apis)
		fmt.Printf("%-64s %10.0f %9s %9s %8.1f %9s\n", "portal: "+sc.name, api.throughput, api.p50, api.p99, perRequest, api.cpu.Round(time.Microsecond))
		if compare {
			other := median(others)
			fmt.Printf("%-64s %10.0f %9s %9s %8s %9s\n", "  PostGraphile 5 (another process)", other.throughput, other.p50, other.p99, "", "")
			compared = append(compared, fmt.Sprintf("| %s | %.0f | %s | %.0f | %s | %.2f× |", sc.name, api.throughput, ms(api.p50),
				other.throughput, ms(other.p50), api.throughput/other.throughput))
		}
		if o.profiling() {
			continue
		}
		floor := median(floors)
		fmt.Printf("%-64s %10.0f %9s %9s %8s %9s\n", "  hand-written SQL", floor.throughput, floor.p50, floor.p99, "", floor.cpu.Round(time.Microsecond))
		fmt.Printf("%-64s %9.1fx %8.1fx %8.1fx\n\n", "  portal / SQL", floor.throughput/api.throughput,
			float64(api.p50)/float64(floor.p50), float64(api.p99)/float64(floor.p99))
		table = append(table, fmt.Sprintf("| %s | %.0f | %s | %s | %.1f | %.0f | %s | %s | %.1f× |", sc.name, api.throughput, ms(api.p50), ms(api.p99),
			perRequest, floor.throughput, ms(floor.p50), ms(floor.p99), float64(api.p50)/float64(floor.p50)))
	}
	fmt.Printf("peak memory of the bench process (portal, clients and floor) under load: %.0f MB RSS\n\n", float64(peak.max())/(1<<20))
	// The same figures as a Markdown table, for the README.
	fmt.Println("| read or write | req/s | p50 | p99 | SQL/request | floor req/s | floor p50 | floor p99 | portal/floor (p50) |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|")
	for _, line := range table {
		fmt.Println(line)
	}
	if len(compared) > 0 {
		fmt.Println()
		fmt.Println("| read | portal req/s | portal p50 | PostGraphile req/s | PostGraphile p50 | portal/PostGraphile (req/s) |")
		fmt.Println("|---|---|---|---|---|---|")
		for _, line := range compared {
			fmt.Println(line)
		}
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

// client asks for uncompressed answers, as a client on the same network
// would: compressing costs more CPU than it saves on loopback, and the
// floor's answers are not compressed either.
var client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}}

// graphql posts a query and fails on any GraphQL error, and on any user
// error in a mutation's payload.
func graphql(baseURL, token, query string, vars map[string]any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, baseURL+server.GraphQLPath, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	return checkAnswer(res)
}

// checkAnswer reads a GraphQL answer (or the floor's, shaped alike) and
// fails on any GraphQL error, and on any user error in a payload.
func checkAnswer(res *http.Response) error {
	defer res.Body.Close()
	var out struct {
		Data map[string]struct {
			Errors []json.RawMessage `json:"errors"`
		} `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK || len(out.Errors) > 0 {
		return fmt.Errorf("status %d: %s", res.StatusCode, out.Errors)
	}
	for field, payload := range out.Data {
		if len(payload.Errors) > 0 {
			return fmt.Errorf("%s: %s", field, payload.Errors)
		}
	}
	return nil
}

// temporarySchema creates a schema of its own in the database at rawURL
// and returns a URL using it, and how to drop it.
func temporarySchema(rawURL string) (string, func(), error) {
	admin, err := sql.Open("postgres", withoutPortalParams(rawURL))
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := "portal_bench_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("creating schema %s: %w", name, err)
	}
	drop := func() { _, _ = admin.Exec("DROP SCHEMA " + name + " CASCADE"); admin.Close() }
	u, err := url.Parse(rawURL)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

// withoutPortalParams is a database URL without the parameters the
// portal reads itself (statement_cache_capacity), for a plain lib/pq
// connection.
func withoutPortalParams(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	q := u.Query()
	q.Del("statement_cache_capacity")
	u.RawQuery = q.Encode()
	return u.String()
}

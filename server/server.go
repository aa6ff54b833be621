package server

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/reseau-liens/portal/graph"
	"github.com/reseau-liens/portal/internal/api/calendars"
	"github.com/reseau-liens/portal/internal/api/export"
	"github.com/reseau-liens/portal/internal/api/files"
	"github.com/reseau-liens/portal/internal/api/metrics"
	"github.com/reseau-liens/portal/internal/audit"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/config"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/requestid"
	"github.com/reseau-liens/portal/server/graphiql"
)

// GraphQLPath is where the GraphQL endpoint is served.
const GraphQLPath = "/graphql"

// New returns the portal's HTTP handler over db, serving services.
func New(cfg config.Config, db *database.DB, services graph.Services, logger *slog.Logger) http.Handler {
	installBatchLoads(db.Client)
	schema := graph.NewSchema(db.Client, services)
	authn := authenticator{auth: services.Auth}
	m := metrics.New(db.SQL)

	mux := http.NewServeMux()
	gql := newGraphQLHandler(cfg, schema, db, authn, m, logger)
	uploads := limitsHTTP(cfg)
	uploads.MaxUploadBytes = cfg.Files.MaxUploadBytes
	mux.Handle(GraphQLPath, m.Middleware("graphql", graphQLMethodsOnly(publicReads(uploads.Middleware(authn.middleware(gql))))))
	mux.HandleFunc(GraphQLPath+"/", notFound)
	mux.Handle("GET /metrics", metricsAccess(cfg.MetricsToken, m.Handler()))
	mux.Handle("/exports/", m.Middleware("exports", authn.middleware(export.Handler(db.Client, logger))))
	mux.Handle("/files/", m.Middleware("files", authn.middleware(files.Handler(services.Accompaniment, db.Client, logger))))
	// A feed's secret URL is its credential: no bearer token.
	mux.Handle("/calendars/", m.Middleware("calendars", limitsHTTP(cfg).Middleware(calendars.Handler(services.Calendar, logger))))
	if cfg.Production { // GraphiQL is a developer's tool: in production every unknown path is a 404
		mux.HandleFunc("/", notFound)
	} else {
		ide := graphiql.Handler("Portail des partenaires", GraphQLPath)
		mux.Handle("/", ide)
		mux.Handle(graphiql.AssetPrefix, ide)
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := db.Ping(ctx); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	if cfg.Introspection { // otherwise the schema is as private as introspection
		// Rendered on the first request, not at start: most servers
		// (every test's among them) never serve it.
		sdl := sync.OnceValue(func() []byte { return formatSchema(schema) })
		mux.HandleFunc("GET /schema.graphql", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			_, _ = w.Write(sdl())
		})
	}
	// Outside in: request ID, client address and log see every answer;
	// CORS answers preflights before anything else runs; compression
	// wraps whatever the handlers write.
	return requestid.Middleware(clientAddress(cfg.TrustedProxies, logRequests(logger,
		allowOrigins(cfg.AllowedOrigins, compress(noStore(i18n.Middleware(mux)))))))
}

// newGraphQLHandler builds the gqlgen server with every transport and
// extension chosen explicitly.
func newGraphQLHandler(cfg config.Config, schema graphql.ExecutableSchema, db *database.DB, authn authenticator, m *metrics.Metrics, logger *slog.Logger) http.Handler {
	srv := handler.New(schema)
	srv.AddTransport(transport.Websocket{
		KeepAlivePingInterval: 15 * time.Second,
		InitTimeout:           10 * time.Second,
		Implementation: guardedSockets{inner: transport.CoderWebsocketImplementation{
			AcceptOptions: websocket.AcceptOptions{OriginPatterns: cfg.AllowedOrigins},
		}},
		InitFunc: func(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
			ctx, err := authn.viewerFor(ctx, payload.Authorization())
			if e, ok := apierror.As(err); ok && e.Code == apierror.Unauthenticated {
				// graphql-transport-ws closes a refused connection with 4403 Forbidden.
				ctx = transport.WithWebsocketCloseCode(ctx, CloseForbidden)
				ctx = transport.AppendCloseReason(ctx, "Forbidden: "+e.Message(ctx))
			}
			if err != nil {
				return ctx, nil, err
			}
			return guardSocket(ctx, authn, db.Clock, cfg.SocketRecheck, logger, payload.Authorization()), nil, nil
		},
	})
	srv.AddTransport(transport.Options{AllowedMethods: []string{graphQLMethods}})
	srv.AddTransport(getTransport{persistedOnly: cfg.Production})
	srv.AddTransport(transport.POST{})
	// File uploads (GraphQL multipart request): the HTTP limits bound the
	// whole body; files past MaxMemory wait in temporary files.
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: cfg.Limits.MaxBodyBytes + cfg.Files.MaxUploadBytes, MaxMemory: 1 << 20})

	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(socketRecheck{present: graph.ErrorPresenter(logger)}) // first: a revoked socket runs nothing
	srv.Use(m.Extension())
	srv.SetValidationRulesFn(func() *rules.Rules {
		r := rules.NewDefaultRules()
		r.AddRule(graph.PageSizeRule.Name, graph.PageSizeRule.RuleFunc)
		return r
	})
	if cfg.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(noIntrospection{})
		srv.SetDisableSuggestion(true)
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	documents, operations := limitsExtensions(cfg, db.Clock)
	srv.Use(documents) // after the persisted queries: it reads the document they resolve
	srv.Use(operations)
	srv.Use(graph.PageSizeGuard{})
	srv.Use(audit.Trail{Client: db.Client, Logger: logger}) // before the Transactioner: refusals outlive a rollback
	srv.Use(graph.Transactioner{TxOpener: db.Client})
	srv.Use(graph.Loaders{})
	srv.Use(audit.TransactionTrail{Client: db.Client, Logger: logger}) // after the Transactioner: inside a mutation's transaction
	srv.SetErrorPresenter(graph.ErrorPresenter(logger))
	srv.SetRecoverFunc(graph.Recover(logger))
	return srv
}

// formatSchema renders the served schema as SDL.
func formatSchema(schema graphql.ExecutableSchema) []byte {
	var buf bytes.Buffer
	formatter.NewFormatter(&buf, formatter.WithComments()).FormatSchema(schema.Schema())
	return buf.Bytes()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

package limits

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"net"
	"net/http"
	"strings"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"

	"github.com/reseau-liens/portal/internal/platform/clock"
)

// Limiter is a token bucket per client, filled with cost points: a client
// may spend Burst points at once and Rate points per second after that.
type Limiter struct {
	rate    rate.Limit
	burst   int
	clients *lru.Cache[string, *rate.Limiter]
	clock   clock.Clock
}

// maxClients bounds the memory the limiter uses; the least recently seen
// clients are forgotten first (and start again with a full bucket).
const maxClients = 100_000

// NewLimiter returns a limiter whose buckets fill as clk tells, or nil (no
// limit) when perSecond is 0.
func NewLimiter(perSecond float64, burst int, clk clock.Clock) *Limiter {
	if perSecond <= 0 {
		return nil
	}
	clients, _ := lru.New[string, *rate.Limiter](maxClients)
	return &Limiter{rate: rate.Limit(perSecond), burst: burst, clients: clients, clock: clk}
}

// Charge spends cost points of the client in ctx (see WithClient). When
// the bucket holds too few, nothing is spent and Charge reports how long
// until it will hold enough.
func (l *Limiter) Charge(ctx context.Context, cost int64) (time.Duration, bool) {
	if l == nil {
		return 0, true
	}
	key := clientFrom(ctx)
	lim, ok := l.clients.Get(key)
	if !ok {
		lim = rate.NewLimiter(l.rate, l.burst)
		if prev, found, _ := l.clients.PeekOrAdd(key, lim); found {
			lim = prev
		}
	}
	n := int(min(cost, int64(l.burst)))
	now := l.clock.Now()
	r := lim.ReserveN(now, n)
	if !r.OK() {
		return time.Duration(math.MaxInt64), false
	}
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now)
		if st := statusFrom(ctx); st != nil {
			st.set(http.StatusTooManyRequests, retryAfterSeconds(wait))
		}
		return wait, false
	}
	return 0, true
}

func retryAfterSeconds(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}

type clientKey struct{}

// WithClient records who the request is from: the bearer token (hashed,
// so that it is never kept in clear), or the IP address for anonymous
// visitors. Forwarding headers are not trusted: behind a proxy, every
// anonymous visitor shares the proxy's bucket.
func WithClient(ctx context.Context, r *http.Request) context.Context {
	return context.WithValue(ctx, clientKey{}, clientOf(r))
}

func clientOf(r *http.Request) string {
	if auth := r.Header.Get("Authorization"); auth != "" {
		sum := sha256.Sum256([]byte(strings.TrimSpace(auth)))
		return "token:" + hex.EncodeToString(sum[:16])
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return "ip:" + host
}

func clientFrom(ctx context.Context) string {
	key, _ := ctx.Value(clientKey{}).(string)
	return key
}

package limits

import (
	"context"
	"math"
	"net"
	"net/http"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"

	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/audit"
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

// WithClient records the address the request comes from, the bucket of an
// anonymous visitor: the client address the server established (behind
// a trusted proxy, the forwarded one), else the TCP peer.
func WithClient(ctx context.Context, r *http.Request) context.Context {
	addr := audit.ClientAddress(ctx)
	if addr == "" {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		addr = host
	}
	return context.WithValue(ctx, clientKey{}, "ip:"+addr)
}

// clientFrom is the bucket of ctx: the authenticated person, whatever the
// token or its spelling (so that several tokens of one person share one
// budget), or the address of an anonymous visitor.
func clientFrom(ctx context.Context) string {
	if v := viewer.FromContext(ctx); v != nil && v.PersonID != "" {
		return "person:" + string(v.PersonID)
	}
	key, _ := ctx.Value(clientKey{}).(string)
	return key
}

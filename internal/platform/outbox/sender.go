package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/reseau-liens/portal/internal/platform/clock"
)

// Message is what a Sender delivers.
type Message struct {
	ID      string
	To      string
	Subject string
	Body    string    // plain text; the HTML part is made from it
	Date    time.Time // the Date header: the portal's clock when it is sent
}

// Sender delivers one message. Delivered reports whether it really left
// the portal (false for the logging sender).
type Sender interface {
	Send(ctx context.Context, m Message) (delivered bool, err error)
}

// LogSender is the default sender: it logs that a message is due, never
// its body (family data), and delivers nothing.
type LogSender struct{ Logger *slog.Logger }

// Send implements Sender.
func (s LogSender) Send(ctx context.Context, m Message) (bool, error) {
	s.Logger.InfoContext(ctx, "outbox message (no SMTP configured)", "message_id", m.ID, "subject", m.Subject,
		"has_address", m.To != "")
	return false, nil
}

// DefaultTimeout bounds one message's whole exchange with the server, so
// that a silent server cannot stall the outbox.
const DefaultTimeout = 30 * time.Second

// SMTPSender sends mail through an SMTP server (STARTTLS when offered,
// PLAIN authentication only over TLS or to localhost).
type SMTPSender struct {
	Host     string
	Port     int
	Username string // empty: no authentication
	Password string
	From     string
	Timeout  time.Duration // per message; DefaultTimeout when zero
}

// Send implements Sender. A message with no address cannot be mailed; one
// whose address is not one plain address (RFC 5322, no line break) is
// refused for good before any connection, as is one the server refuses
// with a permanent (5xx) reply. The exchange ends at ctx's deadline or
// after Timeout, whichever comes first.
func (s SMTPSender) Send(ctx context.Context, m Message) (bool, error) {
	if m.To == "" {
		return false, nil
	}
	if addr, err := mail.ParseAddress(m.To); err != nil || addr.Name != "" || addr.Address != m.To {
		return false, Permanent(fmt.Errorf("outbox: message %s: the recipient is not one plain e-mail address", m.ID))
	}
	msg, err := s.compose(m)
	if err != nil {
		return false, Permanent(fmt.Errorf("outbox: message %s: %w", m.ID, err))
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client, err := gomail.NewClient(s.Host, s.options(ctx, timeout)...)
	if err != nil {
		return false, Permanent(fmt.Errorf("outbox: message %s: %w", m.ID, err))
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		if ctx.Err() != nil {
			err = errors.Join(context.Cause(ctx), err)
		}
		err = fmt.Errorf("outbox: sending %s: %w", m.ID, err)
		if replyCode(err) >= 500 {
			err = Permanent(err)
		}
		return false, err
	}
	return true, nil
}

// options configures go-mail for one message. go-mail reads its context
// only while dialling and then times each command on its own clock: the
// connection is closed when ctx ends, so no reply is awaited past it.
func (s SMTPSender) options(ctx context.Context, timeout time.Duration) []gomail.Option {
	dialer := &net.Dialer{}
	opts := []gomail.Option{
		gomail.WithPort(s.Port),
		gomail.WithTimeout(timeout),
		gomail.WithTLSPortPolicy(gomail.TLSOpportunistic),
		gomail.WithDialContextFunc(func(dialCtx context.Context, network, address string) (net.Conn, error) {
			conn, err := dialer.DialContext(dialCtx, network, address)
			if err != nil {
				return nil, err
			}
			context.AfterFunc(ctx, func() { _ = conn.Close() })
			return conn, nil
		}),
	}
	if s.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain),
			gomail.WithUsername(s.Username), gomail.WithPassword(s.Password))
	}
	return opts
}

// compose builds the MIME message: headers encoded (RFC 2047), a text
// part and its HTML alternative, a Message-ID made of the outbox id (the
// same on every attempt, so receivers can drop a duplicate) and the Date
// in the providers' time zone.
func (s SMTPSender) compose(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.From(s.From); err != nil {
		return nil, err
	}
	if err := msg.To(m.To); err != nil {
		return nil, err
	}
	msg.Subject(oneLine(m.Subject))
	msg.SetMessageIDWithValue(m.ID + "@" + domainOf(s.From))
	msg.SetDateWithValue(m.Date.In(clock.Zone("Europe/Paris")))
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	html, err := htmlBody(m.Subject, m.Body)
	if err != nil {
		return nil, err
	}
	msg.AddAlternativeString(gomail.TypeTextHTML, html)
	return msg, nil
}

// replyCode is the SMTP reply code behind err, or 0.
func replyCode(err error) int {
	var send *gomail.SendError
	if errors.As(err, &send) && send.ErrorCode() > 0 {
		return send.ErrorCode()
	}
	var reply *textproto.Error
	if errors.As(err, &reply) {
		return reply.Code
	}
	return 0
}

// permanent marks a refusal that no retry will change.
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// Permanent marks err as a refusal no retry will change: Dispatch marks
// the message FAILED at once.
func Permanent(err error) error { return permanent{err} }

// IsPermanent reports whether err was marked by Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}

func oneLine(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
}

func domainOf(address string) string {
	if at := strings.LastIndexByte(address, '@'); at >= 0 {
		return address[at+1:]
	}
	return "localhost"
}

// NewSender returns the sender for a PORTAL_SMTP_URL
// (smtp://user:password@host:port?from=address&timeout=30s), or a
// LogSender when it is empty.
func NewSender(rawURL string, logger *slog.Logger) (Sender, error) {
	if rawURL == "" {
		return LogSender{Logger: logger}, nil
	}
	bad := fmt.Errorf("outbox: PORTAL_SMTP_URL must look like smtp://user:password@host:587?from=address")
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "smtp" || u.Hostname() == "" {
		return nil, bad
	}
	from := u.Query().Get("from")
	if addr, err := mail.ParseAddress(from); err != nil || addr.Address != from {
		return nil, fmt.Errorf("outbox: PORTAL_SMTP_URL needs a from= address")
	}
	s := SMTPSender{Host: u.Hostname(), Port: 587, From: from}
	if p := u.Port(); p != "" {
		if s.Port, err = strconv.Atoi(p); err != nil || s.Port <= 0 || s.Port > 65535 {
			return nil, bad
		}
	}
	if t := u.Query().Get("timeout"); t != "" {
		if s.Timeout, err = time.ParseDuration(t); err != nil || s.Timeout <= 0 {
			return nil, fmt.Errorf("outbox: PORTAL_SMTP_URL: timeout= must be a duration such as 30s")
		}
	}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	return s, nil
}

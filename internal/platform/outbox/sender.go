package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"net/url"
	"strings"
)

// Message is what a Sender delivers.
type Message struct {
	ID      string
	To      string
	Subject string
	Body    string
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

// SMTPSender sends mail through an SMTP server.
type SMTPSender struct {
	Addr string // host:port
	Auth smtp.Auth
	From string
}

// Send implements Sender. A message with no address cannot be mailed; one
// whose address is not one plain address (RFC 5322, no line break) is
// refused for good before any connection, as is one the server refuses
// with a permanent (5xx) reply.
func (s SMTPSender) Send(_ context.Context, m Message) (bool, error) {
	if m.To == "" {
		return false, nil
	}
	if addr, err := mail.ParseAddress(m.To); err != nil || addr.Name != "" || addr.Address != m.To {
		return false, Permanent(fmt.Errorf("outbox: message %s: the recipient is not one plain e-mail address", m.ID))
	}
	msg := "From: " + s.From + "\r\nTo: " + m.To + "\r\nSubject: " + mimeHeader(m.Subject) +
		"\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + m.Body
	if err := smtp.SendMail(s.Addr, s.Auth, s.From, []string{m.To}, []byte(msg)); err != nil {
		err = fmt.Errorf("outbox: sending %s: %w", m.ID, err)
		var reply *textproto.Error
		if errors.As(err, &reply) && reply.Code >= 500 {
			err = Permanent(err)
		}
		return false, err
	}
	return true, nil
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

func mimeHeader(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
}

// NewSender returns the sender for a PORTAL_SMTP_URL
// (smtp://user:password@host:port?from=address), or a LogSender when it is
// empty.
func NewSender(rawURL string, logger *slog.Logger) (Sender, error) {
	if rawURL == "" {
		return LogSender{Logger: logger}, nil
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "smtp" || u.Hostname() == "" {
		return nil, fmt.Errorf("outbox: PORTAL_SMTP_URL must look like smtp://user:password@host:587?from=address")
	}
	from := u.Query().Get("from")
	if from == "" {
		return nil, fmt.Errorf("outbox: PORTAL_SMTP_URL needs a from= address")
	}
	port := u.Port()
	if port == "" {
		port = "587"
	}
	s := SMTPSender{Addr: net.JoinHostPort(u.Hostname(), port), From: from}
	if u.User != nil {
		password, _ := u.User.Password()
		s.Auth = smtp.PlainAuth("", u.User.Username(), password, u.Hostname())
	}
	return s, nil
}

package outbox

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/smtp"
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

// Send implements Sender. A message with no address cannot be mailed.
func (s SMTPSender) Send(_ context.Context, m Message) (bool, error) {
	if m.To == "" {
		return false, nil
	}
	msg := "From: " + s.From + "\r\nTo: " + m.To + "\r\nSubject: " + mimeHeader(m.Subject) +
		"\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + m.Body
	if err := smtp.SendMail(s.Addr, s.Auth, s.From, []string{m.To}, []byte(msg)); err != nil {
		return false, fmt.Errorf("outbox: sending %s: %w", m.ID, err)
	}
	return true, nil
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

package mailer

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/followupd/followup/config"
)

// SendResult says how a send attempt ended. "Don't know" is one of the answers: a send
// that may or may not have been accepted is neither temporary nor permanent, and is never
// retried blindly (RFC 5321 §4.1.1.4: the server may have taken the mail when the
// connection drops after the final dot).
type SendResult int

const (
	Delivered SendResult = iota // the server took it
	Temporary                   // nothing can have been accepted: no connection, TLS or AUTH failing, a 4xx before the end of DATA, a 4xx to it
	Permanent                   // it will not go: a 5xx, an address that cannot be used
	Ambiguous                   // the end of DATA was written and no clear answer came: the server may have it
)

// Sender sends messages over SMTP.
type Sender struct {
	Config config.SMTP
}

// Send composes e and delivers it, and says how the attempt ended; raw is the message as
// sent (for the Sent folder) and err explains anything but Delivered. No network step
// outlives ctx: its deadline bounds every read and write (go-mail's own timeout only
// bounds each step), and its end closes the connection. A cut before the end of DATA is
// Temporary; a cut after it is Ambiguous.
func (s *Sender) Send(ctx context.Context, e Envelope) (raw []byte, res SendResult, err error) {
	m, err := Build(e)
	if err != nil {
		return nil, Permanent, err
	}
	raw, err = Bytes(m)
	if err != nil {
		return nil, Permanent, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	client, err := newClient(ctx, s.Config, boundDialer(ctx, s.Config))
	if err != nil {
		return raw, Temporary, err
	}
	err = client.DialAndSendWithContext(ctx, m)
	if err == nil || m.IsDelivered() {
		// go-mail may report an error from RSET or QUIT after the server accepted the
		// message: it went out, and sending it again would be a duplicate.
		return raw, Delivered, nil
	}
	return raw, Classify(err), err
}

// Classify decides what a send error means. go-mail's SendError.IsTemp only looks for a
// leading '4', so errors with no SMTP code (dial, TLS, a timeout, a connection cut) would
// look permanent; here they are temporary, except after the end of DATA was written
// (ErrSMTPDataClose with no reply code), where they are ambiguous. A 5xx reply, or an
// address go-mail cannot use, is permanent.
func Classify(err error) SendResult {
	if err == nil {
		return Delivered
	}
	var se *mail.SendError
	if errors.As(err, &se) {
		switch {
		case se.Reason == mail.ErrGetSender || se.Reason == mail.ErrGetRcpts || se.Reason == mail.ErrNoUnencoded:
			return Permanent
		case se.ErrorCode() >= 500:
			return Permanent
		case se.Reason == mail.ErrSMTPDataClose && se.ErrorCode() < 400:
			// The final dot was written; what came back was no reply code at all (the
			// connection cut, a timeout, an unreadable line).
			return Ambiguous
		}
		return Temporary
	}
	// Not a SendError: dial, EHLO, STARTTLS or AUTH failed (a *textproto.Error, a net.Error).
	// Nothing is wrong with the message itself; it waits until the server or the
	// configuration is fixed, and the daemon says so in its log and to the owner.
	return Temporary
}

// RecipientOnly reports whether a temporary failure concerns only this message's
// recipient (a 4xx to RCPT TO, such as greylisting or a full mailbox): other messages can go
// meanwhile. Any other temporary failure (the server unreachable, TLS or AUTH failing, a 4xx to
// MAIL FROM or DATA) would fail every message the same way, so the whole queue waits.
func RecipientOnly(err error) bool {
	var se *mail.SendError
	return errors.As(err, &se) && se.Reason == mail.ErrSMTPRcptTo
}

// String names a result.
func (r SendResult) String() string {
	switch r {
	case Delivered:
		return "delivered"
	case Temporary:
		return "temporary failure"
	case Permanent:
		return "permanent failure"
	case Ambiguous:
		return "unknown outcome"
	}
	return fmt.Sprintf("result(%d)", int(r))
}

// boundDialer dials the connection go-mail talks over, bound to ctx: no deadline go-mail
// sets reaches past ctx's, and the connection closes when ctx ends. For implicit TLS it
// makes the TLS connection itself (go-mail does not when it is given a dialer), so that
// go-mail still sees a *tls.Conn.
func boundDialer(ctx context.Context, c config.SMTP) mail.DialContextFunc {
	return func(dctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		raw, err := d.DialContext(dctx, network, addr)
		if err != nil {
			return nil, err
		}
		hard, _ := ctx.Deadline()
		bc := &boundConn{Conn: raw, hard: hard}
		context.AfterFunc(ctx, func() { raw.Close() })
		if c.Security != "tls" {
			return bc, nil
		}
		conf, err := c.TLSConfig()
		if err != nil {
			raw.Close()
			return nil, err
		}
		tc := tls.Client(bc, conf)
		if err := tc.HandshakeContext(dctx); err != nil {
			raw.Close()
			return nil, fmt.Errorf("tls: %w", err)
		}
		return tc, nil
	}
}

// boundConn keeps every deadline go-mail sets at or before hard.
type boundConn struct {
	net.Conn
	hard time.Time
}

func (b *boundConn) bound(t time.Time) time.Time {
	if !b.hard.IsZero() && (t.IsZero() || t.After(b.hard)) {
		return b.hard
	}
	return t
}

func (b *boundConn) SetDeadline(t time.Time) error      { return b.Conn.SetDeadline(b.bound(t)) }
func (b *boundConn) SetReadDeadline(t time.Time) error  { return b.Conn.SetReadDeadline(b.bound(t)) }
func (b *boundConn) SetWriteDeadline(t time.Time) error { return b.Conn.SetWriteDeadline(b.bound(t)) }

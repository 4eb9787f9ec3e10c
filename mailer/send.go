package mailer

import (
	"context"
	"errors"
	"fmt"

	"github.com/wneessen/go-mail"

	"github.com/followupd/followup/config"
)

// SendResult says how a send attempt ended.
type SendResult int

const (
	Delivered SendResult = iota // the server took it
	Temporary                   // try again later: 4xx, a refused connection, a timeout
	Permanent                   // it will not go: 5xx, a bad recipient
)

// Sender sends messages over SMTP.
type Sender struct {
	Config config.SMTP
}

// Send delivers m and says how the attempt ended; err explains anything but Delivered.
func (s *Sender) Send(ctx context.Context, m *mail.Msg) (SendResult, error) {
	client, err := NewClient(ctx, s.Config)
	if err != nil {
		return Temporary, err
	}
	err = client.DialAndSendWithContext(ctx, m)
	if err == nil || m.IsDelivered() {
		// go-mail may report an error from RSET or QUIT after the server accepted the
		// message: it went out, and sending it again would be a duplicate.
		return Delivered, nil
	}
	return Classify(err), err
}

// Classify decides whether a send error is worth retrying. go-mail's SendError.IsTemp only
// looks for a leading '4', so errors with no SMTP code (dial, TLS, a timeout, a connection
// cut) would look permanent: they are temporary here. A 5xx reply, or an address go-mail
// cannot use, is permanent.
func Classify(err error) SendResult {
	if err == nil {
		return Delivered
	}
	var se *mail.SendError
	if errors.As(err, &se) {
		if se.Reason == mail.ErrGetSender || se.Reason == mail.ErrGetRcpts || se.Reason == mail.ErrNoUnencoded {
			return Permanent
		}
		if se.ErrorCode() >= 500 {
			return Permanent
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
	}
	return fmt.Sprintf("result(%d)", int(r))
}

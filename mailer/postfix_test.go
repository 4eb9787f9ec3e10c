package mailer

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/followupd/followup/internal/mailstack"
)

func TestMain(m *testing.M) { mailstack.Main(m) }

// TestSender_Postfix sends through a real Postfix with each kind of TLS a provider offers:
// STARTTLS on the submission port, and implicit TLS (port 465 at Gmail, Fastmail, iCloud),
// for which the sender's own dialer makes the TLS connection. An unverifiable certificate
// is refused: nothing is sent, and the failure is temporary (the configuration needs
// fixing, the message is fine).
func TestSender_Postfix(t *testing.T) {
	s := mailstack.Get(t)
	for _, tc := range []struct {
		name, security string
		port           int
		trusted        bool
		want           SendResult
	}{
		{"starttls", "starttls", s.SMTPPort, true, Delivered},
		{"implicit tls", "tls", s.SMTPSPort, true, Delivered},
		{"implicit tls, certificate not trusted", "tls", s.SMTPSPort, false, Temporary},
		{"starttls, certificate not trusted", "starttls", s.SMTPPort, false, Temporary},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := s.SMTP(t, "alice@owner.test")
			cfg.Security, cfg.Port = tc.security, tc.port
			if !tc.trusted {
				cfg.CAFile = "" // the system's roots: the test CA is not among them
			}
			id := fmt.Sprintf("tls-%d@owner.test", time.Now().UnixNano())
			env := Envelope{From: "alice@owner.test", To: "jane@acme.test", Subject: "TLS " + tc.name, Body: "x\n", MessageID: id}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			_, res, err := (&Sender{Config: cfg}).Send(ctx, env)
			if res != tc.want {
				t.Fatalf("Send = %s (%v), want %s", res, err, tc.want)
			}
			if res == Delivered {
				s.WaitFor(t, "jane@acme.test", "INBOX", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+id+">" })
			} else if err == nil {
				t.Error("a refused certificate gave no error")
			}
		})
	}
}

package mailer

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/internal/memmail"
)

// TestSender_XOAUTH2 sends with AUTH XOAUTH2, the token taken from oauth2_token_command,
// to an in-process go-smtp server on loopback (no public mail server takes a test token).
func TestSender_XOAUTH2(t *testing.T) {
	w, err := memmail.Start(memmail.Options{Users: []string{"alice@owner.test", "jane@acme.test"},
		OAuth2Token: func(string) string { return "tok-123" }})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	_, port, _ := net.SplitHostPort(w.SMTPAddr)
	p, _ := strconv.Atoi(port)
	cfg := config.SMTP{
		Server: config.Server{Host: "127.0.0.1", Port: p, Security: "none", Username: "alice@owner.test", TimeoutDuration: 5 * time.Second},
		Auth:   "xoauth2", OAuth2TokenCommand: "printf tok-123",
	}
	m := Envelope{From: "alice@owner.test", To: "jane@acme.test", Subject: "hi", Body: "x\n", MessageID: "x1@owner.test"}
	_, res, err := (&Sender{Config: cfg}).Send(context.Background(), m)
	if res != Delivered || err != nil {
		t.Fatalf("Send = %s, %v", res, err)
	}
	auths, got := w.Auths(), w.DeliveriesTo("jane@acme.test")
	if len(auths) != 1 || auths[0] != (memmail.Auth{User: "alice@owner.test", Secret: "tok-123", OK: true}) ||
		len(got) != 1 || !strings.Contains(string(got[0].Raw), "Message-ID: <x1@owner.test>") {
		t.Errorf("server saw %+v and delivered %d", auths, len(got))
	}

	cfg.OAuth2TokenCommand = "printf expired"
	m2 := Envelope{From: "alice@owner.test", To: "jane@acme.test", Subject: "hi", Body: "x\n", MessageID: "x2@owner.test"}
	if _, res, err := (&Sender{Config: cfg}).Send(context.Background(), m2); res == Delivered || err == nil {
		t.Errorf("a refused token: %s, %v", res, err)
	}
	if n := len(w.DeliveriesTo("jane@acme.test")); n != 1 {
		t.Errorf("%d delivered after a refused token, want still 1", n)
	}
}

package mailer

import (
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/followupd/followup/config"
)

// xoauth2Server is the server side of XOAUTH2 (Gmail's and Outlook's SMTP AUTH): the client
// sends "user=U\x01auth=Bearer TOKEN\x01\x01".
type xoauth2Server struct {
	check func(user, token string) error
}

func (s xoauth2Server) Next(resp []byte) ([]byte, bool, error) {
	var user, token string
	for _, f := range strings.Split(string(resp), "\x01") {
		if v, ok := strings.CutPrefix(f, "user="); ok {
			user = v
		}
		if v, ok := strings.CutPrefix(f, "auth=Bearer "); ok {
			token = v
		}
	}
	return nil, true, s.check(user, token)
}

type oauthBackend struct {
	mu      sync.Mutex
	user    string
	token   string
	data    []byte
	rcpts   []string
	authOK  bool
	wantTok string
}

func (b *oauthBackend) NewSession(*smtp.Conn) (smtp.Session, error) { return &oauthSession{b: b}, nil }

type oauthSession struct{ b *oauthBackend }

func (s *oauthSession) AuthMechanisms() []string { return []string{"XOAUTH2"} }
func (s *oauthSession) Auth(mech string) (sasl.Server, error) {
	return xoauth2Server{check: func(user, token string) error {
		s.b.mu.Lock()
		defer s.b.mu.Unlock()
		s.b.user, s.b.token = user, token
		if token != s.b.wantTok {
			return errors.New("invalid token")
		}
		s.b.authOK = true
		return nil
	}}, nil
}
func (s *oauthSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *oauthSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	if !s.b.authOK {
		return &smtp.SMTPError{Code: 530, Message: "authentication required"}
	}
	s.b.rcpts = append(s.b.rcpts, to)
	return nil
}
func (s *oauthSession) Data(r io.Reader) error {
	d, err := io.ReadAll(r)
	s.b.mu.Lock()
	s.b.data = d
	s.b.mu.Unlock()
	return err
}
func (s *oauthSession) Reset()        {}
func (s *oauthSession) Logout() error { return nil }

// TestSender_XOAUTH2 sends with AUTH XOAUTH2, the token taken from oauth2_token_command,
// to an in-process go-smtp server on loopback (no public mail server takes a test token).
func TestSender_XOAUTH2(t *testing.T) {
	be := &oauthBackend{wantTok: "tok-123"}
	srv := smtp.NewServer(be)
	srv.Domain, srv.AllowInsecureAuth = "localhost", true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
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
	be.mu.Lock()
	defer be.mu.Unlock()
	if be.user != "alice@owner.test" || be.token != "tok-123" || len(be.rcpts) != 1 || !strings.Contains(string(be.data), "Message-ID: <x1@owner.test>") {
		t.Errorf("server saw user %q token %q rcpts %v", be.user, be.token, be.rcpts)
	}

	cfg.OAuth2TokenCommand = "printf expired"
	m2 := Envelope{From: "alice@owner.test", To: "jane@acme.test", Subject: "hi", Body: "x\n", MessageID: "x2@owner.test"}
	if _, res, err := (&Sender{Config: cfg}).Send(context.Background(), m2); res == Delivered || err == nil {
		t.Errorf("a refused token: %s, %v", res, err)
	}
}

// Package memmail is one in-process mail system on loopback: go-imap's imapmemserver holding
// every user's mailbox, and a go-smtp server that delivers to them. It serves `followup
// demo` and the unit tests that need a server without root; the integration tests use
// Dovecot and Postfix (internal/mailstack).
package memmail

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/mail"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Options shape the mail system.
type Options struct {
	Users    []string // addresses, each with an INBOX and a Sent folder
	Password string   // every user's password, for IMAP LOGIN and SMTP AUTH PLAIN
	NoIDLE   bool     // the IMAP server does not offer IDLE
	// OAuth2Token, when set, makes the SMTP server take AUTH XOAUTH2 (Gmail's and
	// Outlook's) instead of PLAIN, with the token this returns for the user.
	OAuth2Token func(user string) string
	// AuthservID, when set, makes the server stamp every message it files in an INBOX with
	// the Authentication-Results its border MTA would write (Verdict), under this id.
	AuthservID string
}

// World is a running mail system.
type World struct {
	IMAPAddr, SMTPAddr string
	// Sessions counts IMAP connections (the watcher logs in once in each).
	Sessions atomic.Int32

	opts  Options
	imap  *imapserver.Server
	smtp  *smtp.Server
	users map[string]*imapmemserver.User

	mu        sync.Mutex
	delivered []Delivery
	auths     []Auth
}

// Delivery is one message the SMTP server took.
type Delivery struct {
	From string
	To   []string
	Raw  []byte
}

// Auth is one SMTP authentication attempt.
type Auth struct {
	User, Secret string
	OK           bool
}

// Start starts both servers on loopback ports of the system's choosing.
func Start(o Options) (*World, error) {
	w := &World{opts: o, users: map[string]*imapmemserver.User{}}
	mem := imapmemserver.New()
	for _, u := range o.Users {
		user := imapmemserver.NewUser(u, o.Password)
		for _, f := range []string{"INBOX", "Sent"} {
			if err := user.Create(f, nil); err != nil && !strings.Contains(err.Error(), "exist") {
				return nil, err
			}
		}
		mem.AddUser(user)
		w.users[strings.ToLower(u)] = user
	}
	caps := imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}}
	if o.NoIDLE {
		caps = imap.CapSet{imap.CapIMAP4rev1: {}} // IMAP4rev2 implies IDLE
	}
	w.imap = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			// Not wrapped: a wrapper would hide the optional interfaces (IMAP4rev2, IDLE)
			// the server looks for on the session.
			w.Sessions.Add(1)
			return mem.NewSession(), nil, nil
		},
		Caps:         caps,
		InsecureAuth: true, // loopback only
		Logger:       log.New(io.Discard, "", 0),
	})
	iln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	w.IMAPAddr = iln.Addr().String()
	go w.imap.Serve(iln)

	w.smtp = smtp.NewServer(backend{w})
	w.smtp.Domain = "localhost"
	w.smtp.AllowInsecureAuth = true
	w.smtp.ErrorLog = log.New(io.Discard, "", 0)
	sln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		iln.Close()
		return nil, err
	}
	w.SMTPAddr = sln.Addr().String()
	go w.smtp.Serve(sln)
	return w, nil
}

// Close stops both servers.
func (w *World) Close() {
	w.smtp.Close()
	w.imap.Close()
}

type literal struct{ *bytes.Reader }

// Deliver files raw in each local recipient's INBOX, as the SMTP server does; tests and the
// demo use it for mail from elsewhere.
func (w *World) Deliver(from string, to []string, raw []byte) error {
	w.mu.Lock()
	w.delivered = append(w.delivered, Delivery{From: from, To: to, Raw: raw})
	w.mu.Unlock()
	if w.opts.AuthservID != "" {
		raw = Verdict(w.opts.AuthservID, from, raw)
	}
	return w.Append(to, "INBOX", raw)
}

// Verdict puts on top of raw the Authentication-Results field that a receiving server
// (authserv-id id) with a DMARC check writes: DMARC pass for the From header's domain when
// it is the domain of sender — the envelope sender, which the test servers vouch for as an
// SPF pass would — and fail when it is not. The test servers check nothing themselves:
// what followup makes of the verdict is what is tested.
func Verdict(id, sender string, raw []byte) []byte {
	from := ""
	if m, err := mail.ReadMessage(bytes.NewReader(raw)); err == nil {
		if a, err := mail.ParseAddress(m.Header.Get("From")); err == nil {
			from = strings.ToLower(a.Address[strings.LastIndex(a.Address, "@")+1:])
		}
	}
	domain := strings.ToLower(sender[strings.LastIndex(sender, "@")+1:])
	result := "pass"
	if from != domain {
		result = "fail"
	}
	field := fmt.Sprintf("Authentication-Results: %s; spf=pass smtp.mailfrom=%s; dmarc=%s header.from=%s\r\n", id, domain, result, from)
	return append([]byte(field), raw...)
}

// Append stores raw in folder of each local user among to, without counting it delivered.
func (w *World) Append(to []string, folder string, raw []byte) error {
	for _, rcpt := range to {
		user, ok := w.users[strings.ToLower(rcpt)]
		if !ok {
			continue
		}
		if _, err := user.Append(folder, literal{bytes.NewReader(raw)}, &imap.AppendOptions{}); err != nil {
			return err
		}
	}
	return nil
}

// DeliveriesTo returns what was delivered to rcpt so far.
func (w *World) DeliveriesTo(rcpt string) []Delivery {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []Delivery
	for _, d := range w.delivered {
		for _, t := range d.To {
			if strings.EqualFold(t, rcpt) {
				out = append(out, d)
			}
		}
	}
	return out
}

// Delivered counts the messages delivered so far.
func (w *World) Delivered() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.delivered)
}

// Auths returns the SMTP authentication attempts so far.
func (w *World) Auths() []Auth {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]Auth(nil), w.auths...)
}

func (w *World) auth(user, secret string) error {
	_, known := w.users[strings.ToLower(user)]
	ok := known && secret == w.opts.Password
	if w.opts.OAuth2Token != nil {
		ok = known && secret == w.opts.OAuth2Token(user)
	}
	w.mu.Lock()
	w.auths = append(w.auths, Auth{User: user, Secret: secret, OK: ok})
	w.mu.Unlock()
	if !ok {
		return errors.New("invalid credentials")
	}
	return nil
}

type backend struct{ w *World }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{w: b.w}, nil }

type session struct {
	w      *World
	authed bool
	from   string
	to     []string
}

func (s *session) AuthMechanisms() []string {
	if s.w.opts.OAuth2Token != nil {
		return []string{"XOAUTH2"}
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(mech string) (sasl.Server, error) {
	if s.w.opts.OAuth2Token != nil {
		return xoauth2Server{check: func(user, token string) error {
			err := s.w.auth(user, token)
			s.authed = err == nil
			return err
		}}, nil
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		err := s.w.auth(username, password)
		s.authed = err == nil
		return err
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error { s.from = from; return nil }

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if !s.authed {
		return &smtp.SMTPError{Code: 530, Message: "authentication required"}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(io.LimitReader(r, 10<<20))
	if err != nil {
		return err
	}
	if err := s.w.Deliver(s.from, s.to, raw); err != nil {
		return fmt.Errorf("deliver: %w", err)
	}
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

// xoauth2Server is the server side of XOAUTH2: the client sends
// "user=U\x01auth=Bearer TOKEN\x01\x01".
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

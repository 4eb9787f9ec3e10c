// Package demo runs followup's whole loop against an in-process IMAP server (go-imap's
// imapmemserver) and SMTP server (go-smtp) on loopback, and narrates it.
package demo

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"sync"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// mailWorld is the demo's mail system: one IMAP server holding every user's mailbox, and an
// SMTP server that delivers to them.
type mailWorld struct {
	imap     *imapserver.Server
	smtp     *smtp.Server
	users    map[string]*imapmemserver.User
	password string
	IMAPAddr string
	SMTPAddr string

	mu        sync.Mutex
	delivered []delivery
}

type delivery struct {
	From string
	To   []string
	Raw  []byte
}

func startWorld(users []string, password string) (*mailWorld, error) {
	w := &mailWorld{users: map[string]*imapmemserver.User{}, password: password}
	mem := imapmemserver.New()
	for _, u := range users {
		user := imapmemserver.NewUser(u, password)
		if err := user.Create("INBOX", nil); err != nil && !strings.Contains(err.Error(), "exist") {
			return nil, err
		}
		if err := user.Create("Sent", nil); err != nil {
			return nil, err
		}
		mem.AddUser(user)
		w.users[u] = user
	}
	w.imap = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true, // loopback only, in a demo
		Logger:       log.New(io.Discard, "", 0),
	})
	iln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	w.IMAPAddr = iln.Addr().String()
	go w.imap.Serve(iln)

	w.smtp = smtp.NewServer(&backend{w: w})
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

func (w *mailWorld) Close() {
	w.smtp.Close()
	w.imap.Close()
}

type literal struct{ *bytes.Reader }

// deliver files raw in each local recipient's INBOX.
func (w *mailWorld) deliver(from string, to []string, raw []byte) error {
	w.mu.Lock()
	w.delivered = append(w.delivered, delivery{From: from, To: to, Raw: raw})
	w.mu.Unlock()
	for _, rcpt := range to {
		user, ok := w.users[strings.ToLower(rcpt)]
		if !ok {
			continue
		}
		if _, err := user.Append("INBOX", literal{bytes.NewReader(raw)}, &imap.AppendOptions{}); err != nil {
			return err
		}
	}
	return nil
}

// deliveriesTo returns what was delivered to rcpt so far.
func (w *mailWorld) deliveriesTo(rcpt string) []delivery {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []delivery
	for _, d := range w.delivered {
		for _, t := range d.To {
			if strings.EqualFold(t, rcpt) {
				out = append(out, d)
			}
		}
	}
	return out
}

type backend struct{ w *mailWorld }

func (b *backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{w: b.w}, nil }

type session struct {
	w    *mailWorld
	from string
	to   []string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if _, ok := s.w.users[username]; !ok || password != s.w.password {
			return errors.New("invalid credentials")
		}
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error { s.from = from; return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(io.LimitReader(r, 10<<20))
	if err != nil {
		return err
	}
	if err := s.w.deliver(s.from, s.to, raw); err != nil {
		return fmt.Errorf("deliver: %w", err)
	}
	return nil
}
func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

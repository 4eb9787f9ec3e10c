// Package daemon wires followup's parts into the long-running process: the inbox watcher,
// the planner that drafts what the policy says is due, the approval requests, and the
// outbox that sends what the owner approved.
package daemon

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// MailSender sends one message; *mailer.Sender is the real one.
type MailSender interface {
	Send(ctx context.Context, m *mail.Msg) (mailer.SendResult, error)
}

// SentFolder files and finds the daemon's sent mail; *inbox.Mailbox is the real one.
type SentFolder interface {
	AppendSent(ctx context.Context, raw []byte) error
	InSent(ctx context.Context, messageID string) (bool, error)
}

// Daemon is followup's long-running process.
type Daemon struct {
	Config   *config.Config
	Store    *store.Store
	Logger   *slog.Logger
	Renderer *mailer.Renderer
	Sender   MailSender
	Sent     SentFolder
	// Now is the clock; tests move it.
	Now func() time.Time
	// DraftLead is how long before a follow-up is due its draft is made and the owner
	// asked, so that an approval can arrive in time.
	DraftLead time.Duration
	// RetryMin and RetryMax bound the backoff after a temporary SMTP failure.
	RetryMin, RetryMax time.Duration
	// MaxAttempts is how many temporary failures a message survives before it is failed.
	MaxAttempts int

	kick     chan struct{}
	lastTick atomic.Int64 // unix nanoseconds of the outbox loop's last turn
	// onWatcher, when set, is called when a watcher is connected and caught up (tests).
	onWatcher func()
}

// New builds a daemon with the real sender and mailbox from the configuration.
func New(cfg *config.Config, st *store.Store, logger *slog.Logger) (*Daemon, error) {
	r, err := mailer.NewRenderer(cfg.Templates.Dir)
	if err != nil {
		return nil, err
	}
	d := &Daemon{
		Config: cfg, Store: st, Logger: logger, Renderer: r,
		Sender: &mailer.Sender{Config: cfg.SMTP},
		Sent: &inbox.Mailbox{Config: cfg.IMAP, Password: func(ctx context.Context) (string, error) {
			return cfg.IMAP.PasswordFor(ctx, "imap")
		}},
		Now:         time.Now,
		DraftLead:   24 * time.Hour,
		RetryMin:    time.Minute,
		RetryMax:    time.Hour,
		MaxAttempts: 12,
		kick:        make(chan struct{}, 1),
	}
	return d, nil
}

// Kick asks the outbox loop to run now (non-blocking).
func (d *Daemon) Kick() {
	select {
	case d.kick <- struct{}{}:
	default:
	}
}

func (d *Daemon) ownerDomain() string { return policy.Domain(d.Config.Owner.Email) }

// Tick drafts what is due, asks for approvals, and sends what is approved and due. Each
// step keeps going past a failing item: one bad application does not stop the others.
func (d *Daemon) Tick(ctx context.Context) error {
	errPlan := d.plan(ctx)
	errAsk := d.askPending(ctx)
	errSend := d.sendDue(ctx)
	for _, err := range []error{errPlan, errAsk, errSend} {
		if err != nil {
			return err
		}
	}
	return nil
}

// failpoint kills the process with SIGKILL at a named point when FOLLOWUP_FAILPOINT says
// so. Tests use it to crash the daemon in the middle of sending.
func failpoint(name string) {
	if v := os.Getenv("FOLLOWUP_FAILPOINT"); v != "" && strings.EqualFold(v, name) {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way
	}
}

// owner returns the owner as a mail address pair.
func (d *Daemon) owner() mailer.Person {
	return mailer.NewPerson(d.Config.Owner.Name, d.Config.Owner.Email)
}

// notify sends the owner a short notice (Auto-Submitted). It is best effort: a failure is
// logged, and the digest reports the same facts.
func (d *Daemon) notify(ctx context.Context, subject, body string) {
	env := mailer.Envelope{
		FromName: "followup", From: d.Config.Owner.Email,
		ToName: d.Config.Owner.Name, To: d.Config.Owner.Email,
		Subject: "[followup] " + subject, Body: body + "\n\n-- \nfollowup\n",
		MessageID: mailer.NewMessageID(d.ownerDomain(), d.Now()), Auto: true,
	}
	m, err := mailer.Build(env)
	if err != nil {
		d.Logger.Error("notice not built", "subject", subject, "err", err)
		return
	}
	if res, err := d.Sender.Send(ctx, m); res != mailer.Delivered {
		d.Logger.Warn("notice not sent", "subject", subject, "result", res, "err", err)
	}
}

func describe(app store.Application, kind policy.Kind, c store.Contact) string {
	what := map[policy.Kind]string{
		policy.ThankYou: "thank-you", policy.ThankCoordinator: "thanks for arranging the interview",
		policy.CheckIn: "check-in", policy.MoveOn: "move-on notice",
	}[kind]
	to := c.Email
	if c.Name != "" {
		to = fmt.Sprintf("%s <%s>", c.Name, c.Email)
	}
	if kind == policy.MoveOn {
		return fmt.Sprintf("%s for %s at %s", what, app.Role, app.Company)
	}
	return fmt.Sprintf("%s to %s (%s, %s)", what, to, app.Company, app.Role)
}

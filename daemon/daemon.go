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

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// MailSender composes and sends one message, and says how it ended; *mailer.Sender is the
// real one. raw is the message as sent.
type MailSender interface {
	Send(ctx context.Context, e mailer.Envelope) (raw []byte, res mailer.SendResult, err error)
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
	// PassBudget bounds one pass of the deliver loop (PassBudget, the constant, by default).
	PassBudget time.Duration
	// ShutdownGrace is how long a send in flight may go on after a shutdown began before
	// its connection is closed (then it is unknown, and the owner is asked at the next start).
	ShutdownGrace time.Duration
	// PlanBatch is the most applications one tick plans (0: no limit). When more are due
	// (every one of them, after an upgrade or a change of the rules), the ticks that follow
	// at once plan the rest: the outbox loop, and the store's write lock that a reply's
	// cancellation waits for, are never held for long.
	PlanBatch int

	kick     chan struct{}
	lastTick atomic.Int64 // unix nanoseconds of the outbox loop's last turn
	limited  atomic.Int64 // unix nanoseconds (of Now) until which a sending limit holds the queue
	// OnWatcherReady, when set, is called each time a watcher has connected (or
	// reconnected) and caught up. Tests and benchmarks await it instead of sleeping.
	OnWatcherReady func()
	// OnHandled, when set, is called once an incoming message has been handled (acted on
	// and recorded, when it concerned anything), with the record and the decision.
	OnHandled func(rec store.Inbound, dec Decision)
	// OnTurn, when set, is called after each turn of the deliver loop with how long its
	// tick took.
	OnTurn func(tick time.Duration)
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
		PlanBatch:   2000,
		PassBudget:  PassBudget, ShutdownGrace: 10 * time.Second,
		kick: make(chan struct{}, 1),
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

// Tick drafts what is due, queues approval requests, and delivers what is due. Each step
// keeps going past a failing item: one bad application does not stop the others. work and
// send are as for deliverDue.
func (d *Daemon) Tick(work, send context.Context) error {
	more, errPlan := d.plan(work)
	if more {
		d.Kick() // the outbox loop ticks again at once, for the rest
	}
	errAsk := d.askPending(work)
	errSend := d.deliverDue(work, send)
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

// notify queues a short notice to the owner (Auto-Submitted); the deliver loop sends it.
// Reading mail never waits on SMTP, and a notice survives an outage or a restart.
func (d *Daemon) notify(ctx context.Context, subject, body string) {
	d.notifyOnce(ctx, "", subject, body)
}

// notifyOnce is notify coalesced by key: while a notice with the same key was queued within
// the hour, another is dropped. Notices a stranger can cause (a refused command, an
// unreadable message) share one key each, so that nobody can spend the owner's sending quota.
func (d *Daemon) notifyOnce(ctx context.Context, key, subject, body string) {
	n := store.Notice{Subject: "[followup] " + subject, Body: body + "\n\n-- \nfollowup\n", Key: key,
		MessageID: mailer.NewMessageID(d.ownerDomain(), d.Now()), CreatedAt: d.Now()}
	id, err := d.Store.AddNotice(ctx, n)
	if err != nil {
		d.Logger.Error("notice not queued", "subject", subject, "err", err)
		return
	}
	if id == 0 {
		d.Logger.Info("notice coalesced with one queued within the hour", "subject", subject, "key", key)
		return
	}
	d.Kick()
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

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
	// PlanBatch is the most applications one tick plans (0: no limit). When more are due
	// (every one of them, after an upgrade or a change of the rules), the ticks that follow
	// at once plan the rest: the outbox loop, and the store's write lock that a reply's
	// cancellation waits for, are never held for long.
	PlanBatch int

	kick     chan struct{}
	lastTick atomic.Int64 // unix nanoseconds of the outbox loop's last turn
	// OnWatcherReady, when set, is called each time a watcher has connected (or
	// reconnected) and caught up. Tests and benchmarks await it instead of sleeping.
	OnWatcherReady func()
	// OnHandled, when set, is called once an incoming message has been handled (acted on
	// and recorded, when it concerned anything), with the record and the decision.
	OnHandled func(rec store.Inbound, dec Decision)
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
	more, errPlan := d.plan(ctx)
	if more {
		d.Kick() // the outbox loop ticks again at once, for the rest
	}
	errAsk := d.askPending(ctx)
	errSend := d.sendDue(ctx)
	errNotices := d.sendNotices(ctx)
	for _, err := range []error{errPlan, errAsk, errSend, errNotices} {
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

// notify queues a short notice to the owner (Auto-Submitted); the outbox loop sends it.
// Reading mail never waits on SMTP, and a notice survives an outage or a restart.
func (d *Daemon) notify(ctx context.Context, subject, body string) {
	n := store.Notice{Subject: "[followup] " + subject, Body: body + "\n\n-- \nfollowup\n",
		MessageID: mailer.NewMessageID(d.ownerDomain(), d.Now()), CreatedAt: d.Now()}
	if _, err := d.Store.AddNotice(ctx, n); err != nil {
		d.Logger.Error("notice not queued", "subject", subject, "err", err)
		return
	}
	d.Kick()
}

// sendNotices sends the queued notices that are due, oldest first. A temporary failure
// is retried with backoff; a permanent one, or a week of failures, gives the notice up
// (the digest reports the same facts).
func (d *Daemon) sendNotices(ctx context.Context) error {
	ns, err := d.Store.DueNotices(ctx, d.Now())
	if err != nil {
		return err
	}
	for _, n := range ns {
		m, err := mailer.Build(mailer.Envelope{
			FromName: "followup", From: d.Config.Owner.Email,
			ToName: d.Config.Owner.Name, To: d.Config.Owner.Email,
			Subject: n.Subject, Body: n.Body, MessageID: n.MessageID, Auto: true,
		})
		if err != nil {
			d.Logger.Error("notice not built", "subject", n.Subject, "err", err)
			if err := d.Store.NoticeFailed(ctx, n.ID, err.Error()); err != nil {
				return err
			}
			continue
		}
		res, err := d.Sender.Send(ctx, m)
		switch {
		case res == mailer.Delivered:
			if err := d.Store.NoticeSent(ctx, n.ID, d.Now()); err != nil {
				return err
			}
		case res == mailer.Permanent || d.Now().Sub(n.CreatedAt) > 7*24*time.Hour:
			d.Logger.Warn("notice given up", "subject", n.Subject, "err", err)
			if err := d.Store.NoticeFailed(ctx, n.ID, errText(err)); err != nil {
				return err
			}
		default:
			wait := min(d.RetryMin<<min(n.Attempts, 16), d.RetryMax)
			d.Logger.Warn("notice not sent; will retry", "subject", n.Subject, "retry_in", wait, "err", err)
			if err := d.Store.NoticeRetry(ctx, n.ID, d.Now().Add(wait)); err != nil {
				return err
			}
			return nil // the server is away: the rest wait their turn, in order
		}
	}
	return nil
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

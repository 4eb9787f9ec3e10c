// Package daemon runs followup: it wires the assistant (what followup does), the inbox
// watchers (what comes in) and the outbox (the one way out) into one long-running process,
// with the deliver loop, the schedule, systemd's watchdog and reload around them.
package daemon

import (
	"context"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/followupd/followup/assistant"
	"github.com/followupd/followup/config"
	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/outbox"
	"github.com/followupd/followup/store"
)

// Daemon is followup's long-running process: the assistant, run. Its settings may be
// changed until Run or Tick is first called.
type Daemon struct {
	*assistant.Assistant
	Sender outbox.MailSender
	Sent   outbox.SentFolder
	// RetryMin and RetryMax bound the backoff after a temporary SMTP failure.
	RetryMin, RetryMax time.Duration
	// MaxAttempts is how many temporary failures a message survives before it is failed.
	MaxAttempts int
	// PassBudget bounds one pass of the deliver loop (outbox.PassBudget by default).
	PassBudget time.Duration
	// ShutdownGrace is how long a send in flight may go on after a shutdown began before
	// its connection is closed (then it is unknown, and the owner is asked at the next start).
	ShutdownGrace time.Duration
	// OnWatcherReady, when set, is called each time a watcher has connected (or
	// reconnected) and caught up. Tests and benchmarks await it instead of sleeping.
	OnWatcherReady func()
	// OnTurn, when set, is called after each turn of the deliver loop with how long its
	// tick took.
	OnTurn func(tick time.Duration)

	kick     chan struct{}
	lastTick atomic.Int64 // unix nanoseconds of the deliver loop's last turn
	out      func() *outbox.Outbox
}

// New builds a daemon with the real sender and mailbox from the configuration.
func New(cfg *config.Config, st *store.Store, logger *slog.Logger) (*Daemon, error) {
	a, err := assistant.New(cfg, st, logger)
	if err != nil {
		return nil, err
	}
	a.LookupTXT = lookupTXT
	d := &Daemon{
		Assistant: a,
		Sender:    &mailer.Sender{Config: cfg.SMTP},
		Sent: &inbox.Mailbox{Config: cfg.IMAP, Password: func(ctx context.Context) (string, error) {
			return cfg.IMAP.Secret(ctx)
		}},
		RetryMin:    time.Minute,
		RetryMax:    time.Hour,
		MaxAttempts: 12,
		PassBudget:  outbox.PassBudget, ShutdownGrace: 10 * time.Second,
		kick: make(chan struct{}, 1),
	}
	a.Wake = d.Kick
	d.out = sync.OnceValue(func() *outbox.Outbox {
		return &outbox.Outbox{Config: d.Config, Store: d.Store, Logger: d.Logger, Sender: d.Sender, Sent: d.Sent,
			Owner: d.Assistant, Check: assistant.Guard, Now: func() time.Time { return d.Now() },
			RetryMin: d.RetryMin, RetryMax: d.RetryMax, MaxAttempts: d.MaxAttempts, PassBudget: d.PassBudget}
	})
	// The store stamps what it records on the daemon's clock, which tests set.
	st.Now = func() time.Time { return d.Now() }
	return d, nil
}

// Kick asks the deliver loop to turn now (non-blocking).
func (d *Daemon) Kick() {
	select {
	case d.kick <- struct{}{}:
	default:
	}
}

// Tick drafts what is due, queues approval requests, and delivers what is due. Each step
// keeps going past a failing item: one bad application does not stop the others. work and
// send are as for outbox.DeliverDue.
func (d *Daemon) Tick(work, send context.Context) error {
	more, errPlan := d.Plan(work)
	if more {
		d.Kick() // the deliver loop turns again at once, for the rest
	}
	errAsk := d.AskPending(work)
	errSend := d.out().DeliverDue(work, send)
	for _, err := range []error{errPlan, errAsk, errSend} {
		if err != nil {
			return err
		}
	}
	return nil
}

// lookupTXT is the DNS lookup of DKIM keys, bounded: a slow resolver holds one message's
// handling a few seconds at most.
func lookupTXT(domain string) ([]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return net.DefaultResolver.LookupTXT(ctx, domain)
}

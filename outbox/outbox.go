// Package outbox is followup's one way out: the deliver loop's pass over everything queued to
// leave (follow-ups, the move-on notice, approval requests, notices, the digest), within
// the sending limits, each send bounded, with typed outcomes and one retry and hold policy;
// and the recovery of sends a crash interrupted. It is the only code that sends mail.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/holidays"
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

// Owner is what the outbox needs of the assistant: to ask the owner about a message that
// may have gone out, and to tell them about one that could not.
type Owner interface {
	RequestApproval(ctx context.Context, id int64) error
	SendFailed(ctx context.Context, app store.Application, m store.Message, cause string)
	SendRefused(ctx context.Context, app store.Application, m store.Message, why string)
}

// Outbox delivers what is queued.
type Outbox struct {
	Config *config.Config
	Store  *store.Store
	Logger *slog.Logger
	Sender MailSender
	Sent   SentFolder
	Owner  Owner
	// Check refuses text that must never reach a contact (assistant.Guard); mail to a
	// contact that fails it is never sent, and the owner is told.
	Check func(text string) error
	// Now is the clock; tests move it.
	Now func() time.Time
	// RetryMin and RetryMax bound the backoff after a temporary SMTP failure.
	RetryMin, RetryMax time.Duration
	// MaxAttempts is how many temporary failures a message survives before it is failed.
	MaxAttempts int
	// PassBudget bounds one pass (PassBudget, the constant, by default).
	PassBudget time.Duration

	limited atomic.Int64 // unix nanoseconds (of Now) until which a sending limit holds the queue
}

// PassBudget bounds one pass of the deliver loop: however the server behaves (a firewall
// that drops, a server that accepts connections and never answers), the loop turns and
// the watchdog keeps meaning "healthy". No send outlives it.
const PassBudget = 25 * time.Second

// DeliverDue is the one way out: every mail followup sends — follow-ups, the move-on
// notice, approval requests, notices and confirmations, the digest — waits in the one
// queue and leaves here, in the order it was due, within the hourly and daily limits,
// which count them all; mail to contacts only inside the send window. work says whether
// new sends may start (it ends at the first stage of a shutdown); every send runs under
// send, which outlives work by a grace period so that a transaction in flight can finish.
// The pass ends at the first failure that would fail any mail, and after PassBudget.
func (o *Outbox) DeliverDue(work, send context.Context) error {
	send, cancel := context.WithTimeout(send, o.PassBudget)
	defer cancel()
	now := o.Now()
	due, err := o.Store.DueOutgoing(work, now, func(tz, hol string) bool { return o.window(tz, hol).Contains(now) }, 500)
	if err != nil {
		return err
	}
	var firstErr error
	for _, r := range due {
		if work.Err() != nil || send.Err() != nil {
			return firstErr // shutting down, or the pass's budget is spent: the rest waits its turn
		}
		if ok, err := o.underLimits(work, now, priority(r)); err != nil || !ok {
			return err // what is left is not allowed either: notices come after follow-ups and approval requests
		}
		err := o.deliver(send, r)
		if errors.Is(err, errQueueHeld) {
			return firstErr // the server is unavailable: the rest waits behind this one
		} else if err != nil {
			o.Logger.Error("deliver", "outgoing", r.ID, "kind", r.Kind, "draft", r.DraftID, "err", err)
			if firstErr == nil {
				firstErr = err
			}
		}
	}
	return firstErr
}

// errQueueHeld says that a send failed in a way that would fail any mail (the server
// unreachable, refusing the sender): the queue was held, and the pass stops.
var errQueueHeld = errors.New("the SMTP server is unavailable; the queue waits")

// deliver sends one queued mail. It is taken (moved to sending, with its attempt counted
// and its draft moved with it) before the SMTP transaction, in a transaction that checks
// it may still leave: a reply recorded a moment earlier cancels it instead. Then:
//
//   - delivered: sent;
//   - permanent (5xx): failed, and the owner told of a follow-up that could not go;
//   - unclear (the connection lost after the end of DATA): a follow-up to a contact becomes
//     unknown and the owner is asked, exactly as after a crash, never resent without their
//     word; mail to the owner is tried again (a second copy harms nobody, a lost approval
//     request would leave a draft waiting for ever);
//   - temporary: tried again after a capped, jittered backoff. A failure that would fail
//     any mail holds the whole queue and never counts against this one; a failure of this
//     recipient alone (a 4xx to RCPT TO) fails it after MaxAttempts.
func (o *Outbox) deliver(ctx context.Context, r store.Outgoing) error {
	r, err := o.Store.Take(ctx, r.ID, o.Now(), func() string { return mailer.NewMessageID(policy.Domain(o.Config.Owner.Email), o.Now()) })
	if errors.Is(err, store.ErrCancelled) {
		o.Logger.Info("not sent", "outgoing", r.ID, "kind", r.Kind, "draft", r.DraftID, "why", r.LastError)
		return nil
	} else if err != nil {
		return err
	}
	if !r.ToOwner && o.Check != nil {
		if err := o.Check(r.Subject + "\n" + r.Body); err != nil {
			return o.refuse(ctx, r, err)
		}
	}
	env := o.envelope(r)
	failpoint(r, "after-sending-commit")
	raw, res, sendErr := o.send(ctx, env)
	failpoint(r, "after-smtp")
	// What the server said is recorded even when a shutdown began meanwhile: a mail the
	// server took must become sent, not be left in sending.
	ctx = context.WithoutCancel(ctx)
	now := o.Now()
	log := o.Logger.With("outgoing", r.ID, "kind", r.Kind, "draft", r.DraftID)
	switch {
	case res == mailer.Delivered:
		if _, err := o.Store.Settle(ctx, r.ID, store.Settlement{To: store.OutSent, At: now}); err != nil {
			return err
		}
		log.Info("sent", "to", env.To, "message_id", r.MessageID)
		if r.Kind == store.KindFollowUp && r.ToOwner { // the move-on notice
			m, err := o.Store.Message(ctx, r.DraftID)
			if err != nil {
				return err
			}
			if _, err := o.Store.SetStatus(ctx, m.AppID, policy.MovedOn, "no answer after the last check-in"); err != nil && !errors.Is(err, store.ErrTransition) {
				return err
			}
		}
		if !r.ToOwner && o.Config.SMTP.SaveSent == "append" && o.Sent != nil {
			if err := o.Sent.AppendSent(ctx, raw); err != nil {
				log.Warn("copy to the Sent folder", "err", err)
			}
		}
		return nil
	case res == mailer.Ambiguous && !r.ToOwner:
		// The server may have it: never resent without the owner's word, exactly as after
		// a crash in the middle of sending.
		if _, err := o.Store.Settle(ctx, r.ID, store.Settlement{To: store.OutUnknown, At: now,
			Error: "the connection was lost after the message was handed to the server, which may have taken it: " + errText(sendErr)}); err != nil {
			return err
		}
		log.Warn("send outcome unknown; asking the owner", "err", sendErr)
		if r.DraftID != 0 {
			if err := o.Owner.RequestApproval(ctx, r.DraftID); err != nil {
				return err
			}
		}
		return errQueueHeld // the connection broke: the rest waits for the next pass
	case res == mailer.Permanent:
		return o.fail(ctx, r, sendErr)
	}
	// Temporary, or unclear for mail to the owner.
	held := res == mailer.Ambiguous || !mailer.RecipientOnly(sendErr)
	if !held && r.Attempts >= o.MaxAttempts {
		return o.fail(ctx, r, fmt.Errorf("gave up after %d attempts: %w", r.Attempts, sendErr))
	}
	wait := o.backoff(r.Attempts)
	if _, err := o.Store.Settle(ctx, r.ID, store.Settlement{To: store.OutQueued, NextAt: now.Add(wait), Error: errText(sendErr)}); err != nil {
		return err
	}
	log.Warn("not sent; will retry", "attempt", r.Attempts, "retry_in", wait, "queue_held", held, "err", sendErr)
	if !held {
		return nil
	}
	// Everything queued waits with it, and leaves in the order it was due when the server
	// is back, this one first.
	if _, err := o.Store.HoldQueue(ctx, now.Add(wait)); err != nil {
		return err
	}
	return errQueueHeld
}

// backoff is the wait before the next try after attempts tries: RetryMin, doubled each
// time, at most RetryMax, less up to a fifth at random, so that mail that failed together
// does not come back together.
func (o *Outbox) backoff(attempts int) time.Duration {
	d := min(o.RetryMin<<min(max(attempts-1, 0), 20), o.RetryMax)
	return d - rand.N(d/5+1)
}

// envelope is a queued mail as it goes out: from the owner, or, to the owner, from
// "followup" at the owner's address, marked as sent automatically.
func (o *Outbox) envelope(r store.Outgoing) mailer.Envelope {
	env := mailer.Envelope{
		FromName: o.Config.Owner.Name, From: o.Config.Owner.Email, ToName: r.ToName, To: r.To,
		Subject: r.Subject, Body: r.Body, HTML: r.HTML, Headers: r.Headers,
		MessageID: r.MessageID, InReplyTo: r.InReplyTo, References: r.References,
	}
	if r.ToOwner {
		env.FromName, env.ToName, env.To, env.Auto = "followup", o.Config.Owner.Name, o.Config.Owner.Email, true
	}
	return env
}

// send is the one call of the SMTP sender in followup; deliver, and nothing else, calls
// it. TestOneWayOut keeps it so.
func (o *Outbox) send(ctx context.Context, env mailer.Envelope) ([]byte, mailer.SendResult, error) {
	return o.Sender.Send(ctx, env)
}

// priority reports whether a mail is served before the strangers' notice and the digest,
// with a part of the hourly limit kept for it: what the owner's follow-ups need never waits
// behind mail that strangers can cause (store.StrangersKey).
func priority(r store.Outgoing) bool {
	return r.Kind != store.KindDigest && r.Key != store.StrangersKey
}

// reserved is the part of max_per_hour that the strangers' notice and the digest may not take.
func reserved(maxPerHour int) int { return max(1, maxPerHour/4) }

func (o *Outbox) underLimits(ctx context.Context, now time.Time, first bool) (bool, error) {
	hour, err := o.Store.SentSince(ctx, now.Add(-time.Hour))
	if err != nil {
		return false, err
	}
	day, err := o.Store.SentSince(ctx, now.Add(-24*time.Hour))
	if err != nil {
		return false, err
	}
	if !first && hour >= o.Config.SMTP.MaxPerHour-reserved(o.Config.SMTP.MaxPerHour) {
		return false, nil // the rest of the hour is kept for follow-ups and approval requests
	}
	if hour >= o.Config.SMTP.MaxPerHour || day >= o.Config.SMTP.MaxPerDay {
		// The loop sleeps until the next minute instead of turning at once for mail that
		// is due but may not go yet.
		if o.limited.Swap(now.Add(time.Minute).UnixNano()) < now.UnixNano() {
			o.Logger.Warn("sending limit reached; the rest waits", "last_hour", hour, "last_day", day)
		}
		return false, nil
	}
	return true, nil
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// fail gives a mail up, and tells the owner when it was a follow-up to a contact.
func (o *Outbox) fail(ctx context.Context, r store.Outgoing, cause error) error {
	o.Logger.Error("send failed for good", "outgoing", r.ID, "kind", r.Kind, "draft", r.DraftID, "err", cause)
	return o.giveUp(ctx, r, errText(cause), o.Owner.SendFailed)
}

// refuse gives up a mail to a contact that failed Check, before SMTP, and tells the owner.
func (o *Outbox) refuse(ctx context.Context, r store.Outgoing, why error) error {
	o.Logger.Error("send refused", "outgoing", r.ID, "draft", r.DraftID, "why", why)
	return o.giveUp(ctx, r, "refused before sending: "+why.Error(), func(ctx context.Context, app store.Application, m store.Message, _ string) {
		o.Owner.SendRefused(ctx, app, m, why.Error())
	})
}

// giveUp settles a mail as failed and, for a follow-up to a contact, tells the owner with
// tell (mail to the owner: the log says it, and the digest repeats the facts).
func (o *Outbox) giveUp(ctx context.Context, r store.Outgoing, why string, tell func(context.Context, store.Application, store.Message, string)) error {
	if _, err := o.Store.Settle(ctx, r.ID, store.Settlement{To: store.OutFailed, Error: why}); err != nil {
		return err
	}
	if r.ToOwner || r.DraftID == 0 {
		return nil
	}
	m, err := o.Store.Message(ctx, r.DraftID)
	if err != nil {
		return err
	}
	app, err := o.Store.Application(ctx, m.AppID)
	if err != nil {
		return err
	}
	tell(ctx, app, m, why)
	return nil
}

// Recover settles the mail a crash left in sending. A follow-up found in the Sent folder by
// its Message-ID went out; any other may or may not have, so it becomes unknown and the
// owner is asked: nothing is resent to a contact without the owner's word. Mail to the
// owner is queued again.
func (o *Outbox) Recover(ctx context.Context) error {
	rows, err := o.Store.OutgoingIn(ctx, store.OutSending)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.ToOwner {
			if _, err := o.Store.Settle(ctx, r.ID, store.Settlement{To: store.OutQueued, NextAt: o.Now(),
				Error: "followup stopped while sending it"}); err != nil {
				return err
			}
			continue
		}
		found := false
		if o.Sent != nil && o.Config.SMTP.SaveSent != "off" {
			if found, err = o.Sent.InSent(ctx, r.MessageID); err != nil {
				return fmt.Errorf("look for outgoing %d (draft %d) in the Sent folder: %w", r.ID, r.DraftID, err)
			}
		}
		if found {
			if _, err := o.Store.Settle(ctx, r.ID, store.Settlement{To: store.OutSent, At: o.Now()}); err != nil {
				return err
			}
			o.Logger.Info("recovered: found in the Sent folder", "outgoing", r.ID, "draft", r.DraftID)
			continue
		}
		if _, err := o.Store.Settle(ctx, r.ID, store.Settlement{To: store.OutUnknown, At: o.Now(),
			Error: "followup stopped while sending it; it may have gone out"}); err != nil {
			return err
		}
		o.Logger.Warn("recovered: may or may not have gone out; asking the owner", "outgoing", r.ID, "draft", r.DraftID)
		if r.DraftID == 0 {
			continue
		}
		if err := o.Owner.RequestApproval(ctx, r.DraftID); err != nil {
			o.Logger.Error("approval request for an unknown message", "draft", r.DraftID, "err", err)
		}
	}
	return nil
}

// window is the send window on the clock of zone tz and the calendar hol ("" for the
// owner's).
func (o *Outbox) window(tz, hol string) policy.Window {
	w := o.Config.Rules.Window
	if loc, err := time.LoadLocation(tz); err == nil && tz != "" {
		w = o.Config.Rules.WindowFor(loc)
	}
	if cal, err := holidays.Parse(hol); err == nil && hol != "" {
		w.Holidays = cal
	}
	return w
}

// failpoint kills the process with SIGKILL at a named point of sending a follow-up to a
// contact when FOLLOWUP_FAILPOINT says so. Tests use it to crash the daemon in the middle
// of sending.
func failpoint(r store.Outgoing, name string) {
	if v := os.Getenv("FOLLOWUP_FAILPOINT"); v != "" && !r.ToOwner && strings.EqualFold(v, name) {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way
	}
}

// NextWake is how long until the next queued mail may leave, at most a minute (mail to
// contacts waits for the send window): the queue in the store decides, not timers in memory.
func (o *Outbox) NextWake(ctx context.Context) time.Duration {
	now := o.Now()
	if until := time.Unix(0, o.limited.Load()); until.After(now) {
		return until.Sub(now) // a sending limit holds everything until then (a kick still wakes the loop)
	}
	at, polite, err := o.Store.NextOutgoing(ctx)
	if err != nil {
		return time.Minute
	}
	for key, next := range polite {
		tz, hol, _ := strings.Cut(key, "|")
		if p := o.window(tz, hol).Next(next); at.IsZero() || p.Before(at) {
			at = p
		}
	}
	if at.IsZero() {
		return time.Minute
	}
	return min(time.Minute, max(at.Sub(now), 10*time.Millisecond))
}

package daemon

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// PassBudget bounds one pass of the deliver loop: however the server behaves (a firewall
// that drops, a server that accepts connections and never answers), the loop turns and
// the watchdog keeps meaning "healthy". No send outlives it.
const PassBudget = 25 * time.Second

// outgoing is one mail due to leave: a follow-up (or move-on notice) draft, or a mail to
// the owner from the owner queue.
type outgoing struct {
	due    time.Time
	draft  int64
	notice *store.Notice
}

// deliverDue is the one way out: every mail followup sends — follow-ups, the move-on
// notice, approval requests, notices and confirmations, the digest — leaves here, oldest due
// first, within the hourly and daily limits, which count them all. work says whether new
// sends may start (it ends at the first stage of a shutdown); every send runs under send,
// which outlives work by a grace period so that a transaction in flight can finish. The
// pass ends at the first failure that would fail any message, and after PassBudget.
func (d *Daemon) deliverDue(work, send context.Context) error {
	send, cancel := context.WithTimeout(send, d.PassBudget)
	defer cancel()
	now := d.Now()
	msgs, err := d.Store.Messages(work, store.MessageFilter{States: []store.State{store.Approved}})
	if err != nil {
		return err
	}
	var due []outgoing
	for _, m := range msgs {
		if m.Due.After(now) || m.NextAttempt.After(now) {
			continue
		}
		if m.Kind.IsEmail() && !d.Config.Rules.Window.Contains(now) {
			continue // polite hours only; it goes at the window's next opening
		}
		due = append(due, outgoing{due: m.Due, draft: m.ID})
	}
	notices, err := d.Store.DueNotices(work, now, 500)
	if err != nil {
		return err
	}
	for i := range notices {
		due = append(due, outgoing{due: notices[i].CreatedAt, notice: &notices[i]})
	}
	slices.SortStableFunc(due, func(a, b outgoing) int { return a.due.Compare(b.due) })
	var firstErr error
	for _, o := range due {
		if work.Err() != nil || send.Err() != nil {
			return firstErr // shutting down, or the pass's budget is spent: the rest waits its turn
		}
		if ok, err := d.underLimits(work, now); err != nil || !ok {
			return err
		}
		if o.notice != nil {
			err = d.deliverNotice(send, *o.notice)
		} else {
			err = d.deliver(send, o.draft)
		}
		if errors.Is(err, errQueueHeld) {
			return firstErr // the server is unavailable: the rest waits behind this one
		} else if err != nil {
			d.Logger.Error("deliver", "draft", o.draft, "err", err)
			firstErr = cmpErr(firstErr, err)
		}
	}
	return firstErr
}

// holdQueue makes everything queued wait until until after a failure that would fail any
// message (the server unreachable, TLS or AUTH failing, a 4xx to MAIL FROM or DATA), so that
// when the server is back the mail leaves in the order it was due, this one first. A failure
// that concerns only this recipient (a 4xx to RCPT TO) holds nothing else.
func (d *Daemon) holdQueue(ctx context.Context, sendErr error, until time.Time) (held bool, err error) {
	if mailer.RecipientOnly(sendErr) {
		return false, nil
	}
	_, err = d.Store.HoldQueue(ctx, until, d.Now())
	return true, err
}

// ownerEnvelope is a queued mail to the owner as it goes out.
func (d *Daemon) ownerEnvelope(n store.Notice) mailer.Envelope {
	return mailer.Envelope{
		FromName: "followup", From: d.Config.Owner.Email,
		ToName: d.Config.Owner.Name, To: d.Config.Owner.Email,
		Subject: n.Subject, Body: n.Body, HTML: n.HTML, Headers: n.Headers, MessageID: n.MessageID, Auto: true,
	}
}

// deliverNotice sends one mail from the owner queue. A temporary failure, or an unknown
// outcome (to the owner only, a second copy harms nobody and a lost approval request
// would leave a draft waiting for ever), is retried with backoff; a permanent one, or a
// week of failures, gives it up (the digest reports the same facts). An approval request
// whose draft no longer waits for that request is dropped.
func (d *Daemon) deliverNotice(ctx context.Context, n store.Notice) error {
	if n.Kind == store.KindApproval {
		m, err := d.Store.Message(ctx, n.DraftID)
		if err != nil {
			return err
		}
		if m.ApprovalID != n.MessageID || (m.State != store.AwaitingApproval && m.State != store.Unknown) {
			return d.Store.NoticeFailed(ctx, n.ID, "no longer needed: the draft is "+string(m.State))
		}
	}
	_, res, err := d.send(ctx, d.ownerEnvelope(n))
	switch {
	case res == mailer.Delivered:
		d.Logger.Info("sent to the owner", "kind", n.Kind, "notice", n.ID, "draft", n.DraftID)
		return d.Store.NoticeSent(context.WithoutCancel(ctx), n.ID, d.Now())
	case res == mailer.Permanent || d.Now().Sub(n.CreatedAt) > 7*24*time.Hour:
		d.Logger.Warn("mail to the owner given up", "kind", n.Kind, "subject", n.Subject, "err", err)
		return d.Store.NoticeFailed(context.WithoutCancel(ctx), n.ID, errText(err))
	}
	wait := min(d.RetryMin<<min(n.Attempts, 16), d.RetryMax)
	d.Logger.Warn("mail to the owner not sent; will retry", "kind", n.Kind, "subject", n.Subject, "retry_in", wait, "err", err)
	ctx = context.WithoutCancel(ctx)
	if err := d.Store.NoticeRetry(ctx, n.ID, d.Now().Add(wait)); err != nil {
		return err
	}
	if held, herr := d.holdQueue(ctx, err, d.Now().Add(wait)); herr != nil || held {
		return cmp.Or(herr, errQueueHeld)
	}
	return nil
}

// send is the one call of the SMTP sender in followup: deliverDue reaches it for every mail,
// through deliver (follow-ups, the move-on notice) and deliverNotice (the owner queue).
// TestOneWayOut keeps it so.
func (d *Daemon) send(ctx context.Context, env mailer.Envelope) ([]byte, mailer.SendResult, error) {
	return d.Sender.Send(ctx, env)
}

// errQueueHeld says that a send failed in a way that would fail any message (the server
// unreachable, refusing the sender): the queue was held, and the pass stops.
var errQueueHeld = errors.New("the SMTP server is unavailable; the queue waits")

func (d *Daemon) underLimits(ctx context.Context, now time.Time) (bool, error) {
	hour, err := d.Store.SentSince(ctx, now.Add(-time.Hour))
	if err != nil {
		return false, err
	}
	day, err := d.Store.SentSince(ctx, now.Add(-24*time.Hour))
	if err != nil {
		return false, err
	}
	if hour >= d.Config.SMTP.MaxPerHour || day >= d.Config.SMTP.MaxPerDay {
		// The loop sleeps until the next minute instead of turning at once for mail that
		// is due but may not go yet.
		if d.limited.Swap(now.Add(time.Minute).UnixNano()) < now.UnixNano() {
			d.Logger.Warn("sending limit reached; the rest waits", "last_hour", hour, "last_day", day)
		}
		return false, nil
	}
	return true, nil
}

// deliver sends one approved message. Its Message-ID is committed with the move to sending
// before the SMTP transaction, and the move checks in the same transaction that the
// application is still active: a reply recorded a moment earlier cancels it instead.
func (d *Daemon) deliver(ctx context.Context, id int64) error {
	m, err := d.Store.Transition(ctx, id, []store.State{store.Approved}, store.Sending, func(m *store.Message) {
		if m.MessageID == "" {
			m.MessageID = mailer.NewMessageID(d.ownerDomain(), d.Now())
		}
		m.Attempts++
	})
	if errors.Is(err, store.ErrTransition) {
		// The application got a reply or was stopped: this one never goes.
		if _, cerr := d.Store.Transition(ctx, id, []store.State{store.Approved}, store.Cancelled, func(m *store.Message) {
			m.LastError = "the application is no longer active"
		}); cerr != nil && !errors.Is(cerr, store.ErrTransition) {
			return cerr
		}
		return nil
	}
	if err != nil {
		return err
	}
	app, err := d.Store.Application(ctx, m.AppID)
	if err != nil {
		return err
	}
	env := mailer.Envelope{
		FromName: d.Config.Owner.Name, From: d.Config.Owner.Email,
		Subject: m.Subject, Body: m.Body, MessageID: m.MessageID, InReplyTo: m.InReplyTo, References: m.References,
	}
	if m.Kind == policy.MoveOn {
		env.FromName, env.ToName, env.To, env.Auto = "followup", d.Config.Owner.Name, d.Config.Owner.Email, true
		env.Subject = "[followup] " + m.Subject
	} else {
		c := app.Contact(m.ContactID)
		env.ToName, env.To = c.Name, c.Email
	}
	failpoint("after-sending-commit")
	raw, res, sendErr := d.send(ctx, env)
	failpoint("after-smtp")
	// What the server said is recorded even when a shutdown began meanwhile: a message the
	// server took must become sent, not be left in sending.
	ctx = context.WithoutCancel(ctx)
	now := d.Now()
	switch res {
	case mailer.Delivered:
		if _, err := d.Store.Transition(ctx, id, []store.State{store.Sending}, store.Sent, func(m *store.Message) {
			m.SentAt, m.LastError = now, ""
		}); err != nil {
			return err
		}
		d.Logger.Info("sent", "draft", id, "app", m.AppID, "kind", m.Kind, "to", env.To, "message_id", m.MessageID)
		if m.Kind == policy.MoveOn {
			if _, err := d.Store.SetStatus(ctx, m.AppID, policy.MovedOn, "no answer after the last check-in"); err != nil && !errors.Is(err, store.ErrTransition) {
				return err
			}
			return nil
		}
		if d.Config.SMTP.SaveSent == "append" && d.Sent != nil {
			if err := d.Sent.AppendSent(ctx, raw); err != nil {
				d.Logger.Warn("copy to the Sent folder", "draft", id, "err", err)
			}
		}
		return nil
	case mailer.Ambiguous:
		if m.Kind == policy.MoveOn {
			break // to the owner only: sent again rather than lost
		}
		// The server may have it: never resent without the owner's word, exactly as after
		// a crash in the middle of sending.
		if _, err := d.Store.Transition(ctx, id, []store.State{store.Sending}, store.Unknown, func(m *store.Message) {
			m.LastError = "the connection was lost after the message was handed to the server, which may have taken it: " + errText(sendErr)
			m.Token, m.ApprovalID = "", ""
		}); err != nil {
			return err
		}
		d.Logger.Warn("send outcome unknown; asking the owner", "draft", id, "err", sendErr)
		if err := d.requestApproval(ctx, id); err != nil {
			return err
		}
		return errQueueHeld // the connection broke: the rest waits for the next pass
	}
	switch res {
	case mailer.Temporary, mailer.Ambiguous:
		if m.Attempts >= d.MaxAttempts {
			return d.fail(ctx, app, m, fmt.Errorf("gave up after %d attempts: %w", m.Attempts, sendErr))
		}
		backoff := min(d.RetryMin<<min(m.Attempts-1, 20), d.RetryMax)
		held, err := d.holdQueue(ctx, sendErr, now.Add(backoff))
		if err != nil {
			return err
		}
		if _, err := d.Store.Transition(ctx, id, []store.State{store.Sending}, store.Approved, func(m *store.Message) {
			m.NextAttempt, m.LastError = now.Add(backoff), errText(sendErr)
		}); err != nil {
			return err
		}
		d.Logger.Warn("temporary failure; will retry", "draft", id, "attempt", m.Attempts, "retry_in", backoff, "err", sendErr)
		if held {
			return errQueueHeld
		}
		return nil
	}
	return d.fail(ctx, app, m, sendErr)
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// fail marks a message failed and tells the owner.
func (d *Daemon) fail(ctx context.Context, app store.Application, m store.Message, cause error) error {
	if _, err := d.Store.Transition(ctx, m.ID, []store.State{store.Sending}, store.Failed, func(m *store.Message) {
		m.LastError = errText(cause)
	}); err != nil {
		return err
	}
	d.Logger.Error("send failed for good", "draft", m.ID, "err", cause)
	what := describe(app, m.Kind, app.Contact(m.ContactID))
	d.notify(ctx, "Could not send: "+what, fmt.Sprintf("followup could not send the %s (draft %d).\n\nThe server said: %s\n\n"+
		"Check the address; followup will not try this one again.", what, m.ID, errText(cause)))
	return nil
}

// Recover settles messages a crash left in sending: one found in the Sent folder by its
// Message-ID went out; any other may or may not have, so it becomes unknown and the owner is
// asked. Nothing is resent without the owner's word.
func (d *Daemon) Recover(ctx context.Context) error {
	msgs, err := d.Store.Messages(ctx, store.MessageFilter{States: []store.State{store.Sending}})
	if err != nil {
		return err
	}
	for _, m := range msgs {
		found := false
		if d.Sent != nil && d.Config.SMTP.SaveSent != "off" && m.Kind != policy.MoveOn {
			if found, err = d.Sent.InSent(ctx, m.MessageID); err != nil {
				return fmt.Errorf("look for draft %d in the Sent folder: %w", m.ID, err)
			}
		}
		if found {
			if _, err := d.Store.Transition(ctx, m.ID, []store.State{store.Sending}, store.Sent, func(m *store.Message) { m.SentAt = d.Now() }); err != nil {
				return err
			}
			d.Logger.Info("recovered: found in the Sent folder", "draft", m.ID)
			continue
		}
		if _, err := d.Store.Transition(ctx, m.ID, []store.State{store.Sending}, store.Unknown, func(m *store.Message) {
			m.LastError = "followup stopped while sending it; it may have gone out"
			m.Token, m.ApprovalID = "", "" // not asked yet: askPending asks until it is
		}); err != nil {
			return err
		}
		d.Logger.Warn("recovered: may or may not have gone out; asking the owner", "draft", m.ID)
		if m.Kind == policy.MoveOn {
			continue
		}
		if err := d.requestApproval(ctx, m.ID); err != nil {
			d.Logger.Error("approval request for an unknown message", "draft", m.ID, "err", err)
		}
	}
	return nil
}

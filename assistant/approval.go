package assistant

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

var tokenRe = regexp.MustCompile(`\[followup ([a-z2-7]{26})\]`)

// command checks and carries out an owner's answer to an approval request. It returns
// whether the message was acted on (it is then marked \Seen) and why or why not.
// A command counts only when it comes from the owner's address, answers that very request
// (In-Reply-To or References names its Message-ID), carries that draft's token, and is not
// auto-submitted. Anything else is logged, ignored and reported to the owner.
func (a *Assistant) command(ctx context.Context, m *inbox.Message, token string) (bool, string, int64) {
	draft, err := a.Store.MessageByToken(ctx, token)
	refused := func(why string) (bool, string, int64) {
		a.Logger.Warn("command ignored", "from", m.From, "subject", m.Subject, "why", why)
		// Anyone can send these, from any address: one notice an hour in all, so that
		// nobody can spend the owner's sending quota (the log has every one).
		a.tell(ctx, "refused", "refused", struct{ From, Subject, Why string }{quote(m.From), quote(m.Subject), why})
		return false, "ignored: " + why, draft.AppID
	}
	switch {
	case !strings.EqualFold(m.From, a.Config.Owner.Email):
		return refused("it is not from your address")
	case inbox.AutoHeader(m) != "":
		return refused("it was sent automatically (an auto-reply or a list)")
	case err != nil:
		return refused("no draft has that token")
	case !refersTo(m, draft.ApprovalID):
		return refused("it does not answer that draft's approval request")
	}
	cmd, ok := inbox.ParseCommand(m.Text(64 << 10))
	if !ok {
		a.tell(ctx, "", "not_understood", struct{ DraftID int64 }{draft.ID})
		return true, "not a command", draft.AppID
	}
	app, err := a.Store.Application(ctx, draft.AppID)
	if err != nil {
		return false, err.Error(), draft.AppID
	}
	what := Describe(app, draft.Kind, app.Contact(draft.ContactID))
	reason, done, err := a.apply(ctx, draft, cmd)
	switch {
	case errors.Is(err, store.ErrTransition) && app.Status != policy.Active:
		a.tell(ctx, "", "not_sent", struct {
			What, Verb, Why string
			DraftID         int64
		}{what, string(cmd.Verb), statusWords(app), draft.ID})
		return true, "refused: application " + string(app.Status), draft.AppID
	case errors.Is(err, store.ErrTransition):
		// The same command twice, or a draft already settled: nothing to do.
		return true, "already settled: " + string(draft.State), draft.AppID
	case err != nil:
		a.Logger.Error("command", "draft", draft.ID, "err", err)
		return false, err.Error(), draft.AppID
	}
	a.Logger.Info("command", "draft", draft.ID, "verb", cmd.Verb, "result", reason)
	if done && a.Config.Approval.Confirm {
		a.tell(ctx, "", "confirm", struct{ Verb, What, Result string }{strings.ToUpper(string(cmd.Verb[:1])) + string(cmd.Verb[1:]), what, reason})
	}
	a.wake()
	return true, string(cmd.Verb) + ": " + reason, draft.AppID
}

// apply carries out a command on a draft (from email or the terminal).
func (a *Assistant) apply(ctx context.Context, draft store.Message, cmd inbox.Command) (reason string, done bool, err error) {
	switch cmd.Verb {
	case inbox.Send:
		return Approve(ctx, a.Store, a.Config.Rules.Window, a.Now(), draft.ID, cmd.Text)
	case inbox.Skip:
		_, err := a.Store.Transition(ctx, draft.ID, []store.State{store.Drafted, store.AwaitingApproval, store.Approved, store.Unknown}, store.Skipped, nil)
		return "skipped; it will not be sent", err == nil, err
	case inbox.Stop:
		n, err := a.Store.SetStatus(ctx, draft.AppID, policy.Stopped, "stopped by the owner")
		return fmt.Sprintf("stopped: no more follow-ups for this application (%d queued cancelled)", n), err == nil, err
	}
	return "", false, fmt.Errorf("unknown command %q", cmd.Verb)
}

// Approve approves a draft to go at the next moment inside the send window, with text
// instead of the draft's body when text is not empty. The CLI uses it too.
func Approve(ctx context.Context, st *store.Store, w policy.Window, now time.Time, id int64, text string) (string, bool, error) {
	draft, err := st.Message(ctx, id)
	if err != nil {
		return "", false, err
	}
	app, err := st.Application(ctx, draft.AppID)
	if err != nil {
		return "", false, err
	}
	m, err := st.EnqueueWith(ctx, id, []store.State{store.Drafted, store.AwaitingApproval, store.Unknown}, store.Approved, func(m *store.Message) {
		if text != "" {
			m.Body = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n")) + "\n"
		}
		if m.Due.Before(now) {
			m.Due = now
		}
		if m.Kind.IsEmail() {
			m.Due = w.Next(m.Due)
		}
		m.NextAttempt = time.Time{}
	}, func(m store.Message) store.Outgoing { return sendingOf(app, m, now) })
	if err != nil {
		return "", false, err
	}
	edited := ""
	if text != "" {
		edited = " with your text"
	}
	due := m.Due
	if w.Loc != nil {
		due = due.In(w.Loc)
	}
	return fmt.Sprintf("approved%s; it goes out %s", edited, due.Format("Mon 2 Jan 15:04 MST")), true, nil
}

// sendingOf is the queued mail that sends an approved draft: to its contact, inside the
// send window, in the thread it names; or, for the move-on notice, to the owner. A draft
// sent before (then unknown, and now approved again) keeps its Message-ID; otherwise the
// deliver loop makes one when it takes it.
func sendingOf(app store.Application, m store.Message, now time.Time) store.Outgoing {
	o := store.Outgoing{Kind: store.KindFollowUp, Subject: m.Subject, Body: m.Body, MessageID: m.MessageID,
		InReplyTo: m.InReplyTo, References: m.References, Due: m.Due, CreatedAt: now}
	if m.Kind == policy.MoveOn {
		o.ToOwner, o.Subject = true, "[followup] "+m.Subject
		return o
	}
	c := app.Contact(m.ContactID)
	o.ToName, o.To, o.Polite = c.Name, c.Email, true
	return o
}
func refersTo(m *inbox.Message, id string) bool {
	if id == "" {
		return false
	}
	for _, r := range append(append([]string(nil), m.InReplyTo...), m.References...) {
		if strings.EqualFold(r, id) {
			return true
		}
	}
	return false
}

// statusWords says why an application that is no longer active takes no more follow-ups.
func statusWords(app store.Application) string {
	why := ""
	if app.StatusReason != "" {
		why = " (" + clean(app.StatusReason, 200) + ")"
	}
	switch app.Status {
	case policy.Replied:
		return "the company has replied" + why
	case policy.Stopped:
		return "the application is stopped" + why
	case policy.MovedOn:
		return "you have moved on from this application" + why
	}
	return "the application is " + string(app.Status) + why
}

package daemon

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
func (d *Daemon) command(ctx context.Context, m *inbox.Message, token string) (bool, string, int64) {
	draft, err := d.Store.MessageByToken(ctx, token)
	refused := func(why string) (bool, string, int64) {
		d.Logger.Warn("command ignored", "from", m.From, "subject", m.Subject, "why", why)
		// Anyone can send these, from any address: one notice an hour in all, so that
		// nobody can spend the owner's sending quota (the log has every one).
		d.notifyOnce(ctx, "refused", "Ignored a message about a draft", fmt.Sprintf(
			"followup received a message that looked like an answer to an approval request and ignored it:\n\n"+
				"  From:    %s\n  Subject: %s\n  Why:     %s\n\nNothing was sent. If it was yours, answer the approval request itself.\n"+
				"More of these within the hour are not mailed; followup's log lists every one.",
			quote(m.From), quote(m.Subject), why))
		return false, "ignored: " + why, draft.AppID
	}
	switch {
	case !strings.EqualFold(m.From, d.Config.Owner.Email):
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
		d.notify(ctx, fmt.Sprintf("Did not understand your answer about draft %d", draft.ID),
			"The first line of your reply should be send, skip or stop. Nothing was done; answer the approval request again.")
		return true, "not a command", draft.AppID
	}
	app, err := d.Store.Application(ctx, draft.AppID)
	if err != nil {
		return false, err.Error(), draft.AppID
	}
	what := describe(app, draft.Kind, app.Contact(draft.ContactID))
	reason, done, err := d.apply(ctx, draft, cmd)
	switch {
	case errors.Is(err, store.ErrTransition) && app.Status != policy.Active:
		d.notify(ctx, "Not sent: "+what, fmt.Sprintf("Your \"%s\" for draft %d was refused: the application is %s%s.\nNothing more goes out for it.",
			cmd.Verb, draft.ID, app.Status, reasonSuffix(app.StatusReason)))
		return true, "refused: application " + string(app.Status), draft.AppID
	case errors.Is(err, store.ErrTransition):
		// The same command twice, or a draft already settled: nothing to do.
		return true, "already settled: " + string(draft.State), draft.AppID
	case err != nil:
		d.Logger.Error("command", "draft", draft.ID, "err", err)
		return false, err.Error(), draft.AppID
	}
	d.Logger.Info("command", "draft", draft.ID, "verb", cmd.Verb, "result", reason)
	if done && d.Config.Approval.Confirm {
		d.notify(ctx, fmt.Sprintf("%s: %s", strings.ToUpper(string(cmd.Verb[:1]))+string(cmd.Verb[1:]), what), reason)
	}
	d.Kick()
	return true, string(cmd.Verb) + ": " + reason, draft.AppID
}

func reasonSuffix(r string) string {
	if r == "" {
		return ""
	}
	return " (" + r + ")"
}

// quote makes untrusted text safe to show in a plain-text notice: one line, bounded, quoted.
func quote(s string) string { return fmt.Sprintf("%q", clean(s, 200)) }

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

// apply carries out a command on a draft (from email or the terminal).
func (d *Daemon) apply(ctx context.Context, draft store.Message, cmd inbox.Command) (reason string, done bool, err error) {
	switch cmd.Verb {
	case inbox.Send:
		return Approve(ctx, d.Store, d.Config.Rules.Window, d.Now(), draft.ID, cmd.Text)
	case inbox.Skip:
		_, err := d.Store.Transition(ctx, draft.ID, []store.State{store.Drafted, store.AwaitingApproval, store.Approved, store.Unknown}, store.Skipped, nil)
		return "skipped; it will not be sent", err == nil, err
	case inbox.Stop:
		n, err := d.Store.SetStatus(ctx, draft.AppID, policy.Stopped, "stopped by the owner")
		return fmt.Sprintf("stopped: no more follow-ups for this application (%d queued cancelled)", n), err == nil, err
	}
	return "", false, fmt.Errorf("unknown command %q", cmd.Verb)
}

// Approve approves a draft to go at the next moment inside the send window, with text
// instead of the draft's body when text is not empty. The CLI uses it too.
func Approve(ctx context.Context, st *store.Store, w policy.Window, now time.Time, id int64, text string) (string, bool, error) {
	m, err := st.Transition(ctx, id, []store.State{store.Drafted, store.AwaitingApproval, store.Unknown}, store.Approved, func(m *store.Message) {
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
	})
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

package assistant

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/followupd/followup/holidays"
	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

var tokenRe = regexp.MustCompile(`\[followup ([a-z2-7]{26})\]`)

// command checks and carries out an owner's answer to an approval request. It returns
// whether the message was acted on (it is then marked \Seen) and why or why not.
// A command counts only when it comes from the owner's address, is addressed to the owner,
// answers that very request (In-Reply-To or References names its Message-ID), carries that
// draft's token, is not auto-submitted, and no receiving server recorded a DKIM, SPF or
// DMARC failure for the owner's domain. Anything else is logged, ignored and reported to
// the owner (one notice an hour in all) — except a token that matches no draft, which
// says nothing about the owner's drafts and is only logged.
func (a *Assistant) command(ctx context.Context, m *inbox.Message, token string) (acted, error) {
	draft, err := a.Store.MessageByToken(ctx, token)
	refused := func(why string) (acted, error) {
		return acted{a.refuse(ctx, m, why), "ignored: " + why, draft.AppID}, nil
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		row, err := a.Store.InvitationByToken(ctx, token)
		if errors.Is(err, store.ErrNotFound) {
			a.Logger.Warn("command ignored", "from", m.From, "subject", m.Subject, "why", "no draft has that token")
			return acted{reason: "ignored: no draft has that token"}, nil
		} else if err != nil {
			return acted{}, err
		}
		return a.track(ctx, m, row) // an answer to a question about an invitation
	case err != nil:
		return acted{}, err
	}
	ans, _ := ReadAnswer(m, a.Config.Owner.Email)
	switch {
	case ans.Refused != "":
		return refused(ans.Refused)
	case !refersTo(m, draft.ApprovalID):
		return refused("it does not answer that draft's approval request")
	case ans.Command == nil:
		a.tell(ctx, "", "not_understood", struct{ DraftID int64 }{draft.ID})
		return acted{true, "not a command", draft.AppID}, nil
	}
	cmd := *ans.Command
	a.learnAuthserv(ctx, m) // it carries the draft's token: the owner wrote it
	app, err := a.Store.Application(ctx, draft.AppID)
	if err != nil {
		return acted{}, err
	}
	what := Describe(app, draft.Kind, app.Contact(draft.ContactID))
	if cmd.Verb == inbox.Send && cmd.Text != "" {
		return a.newText(ctx, app, draft, cmd.Text)
	}
	reason, done, err := a.apply(ctx, draft, cmd)
	switch {
	case errors.Is(err, ErrTooLate):
		if err := a.dropIfTooLate(ctx, app, draft, a.Now()); err != nil {
			return acted{}, err
		}
		return acted{true, "refused: " + err.Error(), draft.AppID}, nil
	case errors.Is(err, store.ErrTransition) && app.Status != policy.Active:
		a.tell(ctx, "", "not_sent", struct {
			What, Verb, Why string
			DraftID         int64
		}{what, string(cmd.Verb), statusWords(app), draft.ID})
		return acted{true, "refused: application " + string(app.Status), draft.AppID}, nil
	case errors.Is(err, store.ErrTransition):
		// The same command twice, or a draft already settled: nothing to do.
		return acted{true, "already settled: " + string(draft.State), draft.AppID}, nil
	case err != nil:
		// The store failed: the answer is not lost. The watcher keeps the message and
		// hands it over again.
		return acted{}, fmt.Errorf("draft %d: %s: %w", draft.ID, cmd.Verb, err)
	}
	a.Logger.Info("command", "draft", draft.ID, "verb", cmd.Verb, "result", reason)
	if done && a.Config.Approval.Confirm {
		a.tell(ctx, "", "confirm", struct{ Verb, What, Result string }{strings.ToUpper(string(cmd.Verb[:1])) + string(cmd.Verb[1:]), what, reason})
	}
	a.wake()
	return acted{true, string(cmd.Verb) + ": " + reason, draft.AppID}, nil
}

// acted is what an answer of the owner's came to: whether it was read (the watcher marks
// it \Seen), what it did, and the application it concerns.
type acted struct {
	seen   bool
	reason string
	appID  int64
}

// refuse logs and reports an answer with a token that is not acted on, and returns false
// (not seen). Anyone can send these, from any address: they go in the strangers' notice.
func (a *Assistant) refuse(ctx context.Context, m *inbox.Message, why string) bool {
	a.Logger.Warn("command ignored", "from", m.From, "subject", m.Subject, "why", why)
	a.tellStranger(ctx, fmt.Sprintf("an answer to an approval request from %s (subject %s), ignored: %s. "+
		"Nothing was sent; if it was yours, answer the approval request itself.", quote(m.From), quote(m.Subject), why))
	return false
}

// Answer is what followup makes of an answer to an approval request, judged from the
// message alone (the command handler then checks it against the draft its token names).
type Answer struct {
	Token   string         `json:"token"`
	Command *inbox.Command `json:"command"` // nil when not understood
	Refused string         `json:"refused,omitempty"`
}

// ReadAnswer reads m as an answer to an approval request: ok is false when its subject
// carries no approval token. The answer is refused unless it comes from the owner's
// address, is addressed to the owner, no receiving server recorded a DKIM, SPF or DMARC
// failure for the owner's domain, and it was not sent automatically; the command is read
// either way.
func ReadAnswer(m *inbox.Message, owner string) (ans Answer, ok bool) {
	tok := tokenRe.FindStringSubmatch(strings.ToLower(m.Subject))
	if tok == nil {
		return Answer{}, false
	}
	ans.Token = tok[1]
	domain := policy.Domain(owner)
	switch {
	case !strings.EqualFold(m.From, owner):
		ans.Refused = "it is not from your address"
	case !slices.Contains(m.To, strings.ToLower(owner)):
		ans.Refused = "it is not addressed to you"
	case inbox.AuthFailure(m, domain) != "":
		ans.Refused = "your mail server recorded that it failed authentication: " + inbox.AuthFailure(m, domain)
	case inbox.AutoHeader(m) != "":
		ans.Refused = "it was sent automatically (an auto-reply or a list)"
	}
	if cmd, ok := inbox.ParseCommand(m.Text(64 << 10)); ok {
		ans.Command = &cmd
	}
	return ans, true
}

// newText takes a new text the owner wrote for a draft: it becomes the draft, and the owner
// is asked to confirm it with a plain "send" — it never goes out on the answer that wrote
// it. Text that must never reach a contact (Guard) is not taken, and the owner told.
func (a *Assistant) newText(ctx context.Context, app store.Application, draft store.Message, text string) (acted, error) {
	what := Describe(app, draft.Kind, app.Contact(draft.ContactID))
	if err := Guard(text); err != nil {
		a.Logger.Warn("new text refused", "draft", draft.ID, "why", err)
		a.tell(ctx, "", "text_refused", struct {
			What, Why string
			DraftID   int64
		}{what, err.Error(), draft.ID})
		return acted{true, "new text refused: " + err.Error(), draft.AppID}, nil
	}
	body := strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n")) + "\n"
	if err := a.request(ctx, draft.ID, []store.State{store.AwaitingApproval, store.Unknown}, &body); err != nil {
		if errors.Is(err, store.ErrTransition) {
			return acted{true, "already settled: " + string(draft.State), draft.AppID}, nil
		}
		return acted{}, fmt.Errorf("draft %d: a new text: %w", draft.ID, err)
	}
	a.Logger.Info("command", "draft", draft.ID, "verb", "send", "result", "a new text, to be confirmed")
	return acted{true, "send: a new text, sent back to be confirmed", draft.AppID}, nil
}

// apply carries out a command on a draft (from email or the terminal).
func (a *Assistant) apply(ctx context.Context, draft store.Message, cmd inbox.Command) (reason string, done bool, err error) {
	switch cmd.Verb {
	case inbox.Send:
		return Approve(ctx, a.Store, a.Config.Rules, a.Now(), draft.ID, cmd.Text)
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
func Approve(ctx context.Context, st *store.Store, rules policy.Rules, now time.Time, id int64, text string) (string, bool, error) {
	draft, err := st.Message(ctx, id)
	if err != nil {
		return "", false, err
	}
	app, err := st.Application(ctx, draft.AppID)
	if err != nil {
		return "", false, err
	}
	end := app.Interview.Start.Add(app.Interview.Length)
	w := windowFor(rules, app, app.Contact(draft.ContactID))
	if _, _, err := sendAt(rules, w, draft.Kind, draft.Due, now, end); err != nil {
		return "", false, err
	}
	var polite bool
	planned := draft.Due
	m, err := st.EnqueueWith(ctx, id, []store.State{store.Drafted, store.AwaitingApproval, store.Unknown}, store.Approved, func(m *store.Message) {
		if text != "" {
			m.Body = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n")) + "\n"
		}
		m.Due, polite, _ = sendAt(rules, w, m.Kind, m.Due, now, end)
		m.NextAttempt = time.Time{}
	}, func(m store.Message) store.Outgoing { return sendingOf(app, m, planned, now, polite) })
	if err != nil {
		return "", false, err
	}
	edited := ""
	if text != "" {
		edited = " with your text"
	}
	due := m.Due
	if rules.Window.Loc != nil {
		due = due.In(rules.Window.Loc)
	}
	how := ""
	if !polite && m.Kind.IsEmail() {
		how = ", outside the send window: a thank-you's 24-hour deadline comes first"
		if due.After(end.Add(policy.ThankYouDeadline)) {
			how = ", at once: it is past its 24-hour deadline, and later would be later still"
		}
	}
	return fmt.Sprintf("approved%s; it goes out %s%s", edited, due.Format("Mon 2 Jan 15:04 MST"), how), true, nil
}

// ErrTooLate is a thank-you approved after its expiry (policy.thank_you_expiry after the
// interview): a thanks that late says you don't care, so it is dropped instead.
var ErrTooLate = errors.New("too late for a thank-you")

// windowFor is the send window for a contact: on their clock (their zone, else the
// interview's) and calendar (their holidays, else the owner's).
func windowFor(rules policy.Rules, app store.Application, c store.Contact) policy.Window {
	w := rules.WindowFor(app.Zone(c, nil))
	if c.Holidays != "" {
		if cal, err := holidays.Parse(c.Holidays); err == nil {
			w.Holidays = cal
		}
	}
	return w
}

// sendAt is when an approved draft goes, and whether it waits for the send window w (the
// recipient's). A thank-you before its deadline (the interview's end + 24 hours) goes before
// it: the window gives way when it would push it past. One planned after the deadline waits
// for its time; one approved after it, up to its expiry, goes at once; after the expiry, not
// at all (ErrTooLate). Other follow-ups wait for the window.
func sendAt(rules policy.Rules, w policy.Window, kind policy.Kind, due, now, end time.Time) (at time.Time, polite bool, err error) {
	if due.Before(now) {
		due = now
	}
	switch kind {
	case policy.ThankYou, policy.ThankCoordinator:
		deadline := end.Add(policy.ThankYouDeadline)
		if expiry := end.Add(rules.ThankYouExpiry); rules.ThankYouExpiry > 0 && now.After(expiry) {
			return due, false, fmt.Errorf("%w: the interview ended %s ago (policy.thank_you_expiry is %s)", ErrTooLate,
				policy.Ago(now.Sub(end)), policy.Ago(rules.ThankYouExpiry))
		}
		if next := w.Next(due); !next.After(deadline) {
			return next, true, nil
		}
		if !due.After(deadline) {
			return due, false, nil
		}
		if due.After(now) {
			// Planned past the 24 hours (recorded late, or a holiday of the recipient's
			// filled them): it waits for its time, in the window.
			return w.Next(due), true, nil
		}
		return now, false, nil
	case policy.CheckIn:
		return w.Next(due), true, nil
	}
	return due, false, nil
}

// sendingOf is the queued mail that sends an approved draft: to its contact, in the thread
// it names, inside the send window when polite; or, for the move-on notice, to the owner.
// It takes its place in the queue by when it was planned, and leaves at m.Due. A draft sent
// before (then unknown, and now approved again) keeps its Message-ID; otherwise the deliver
// loop makes one when it takes it.
func sendingOf(app store.Application, m store.Message, planned, now time.Time, polite bool) store.Outgoing {
	o := store.Outgoing{Kind: store.KindFollowUp, Subject: m.Subject, Body: m.Body, MessageID: m.MessageID,
		InReplyTo: m.InReplyTo, References: m.References, Due: planned, NextAt: m.Due, CreatedAt: now}
	if m.Due.Before(planned) {
		o.Due = m.Due
	}
	if m.Kind == policy.MoveOn {
		o.ToOwner, o.Subject = true, "[followup] "+m.Subject
		return o
	}
	c := app.Contact(m.ContactID)
	o.ToName, o.To, o.Polite, o.Holidays = c.Name, c.Email, polite, c.Holidays
	if loc := app.Zone(c, nil); loc != nil {
		o.TZ = loc.String()
	}
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
	case policy.Offer:
		return "the company has made you an offer" + why
	case policy.Rejected:
		return "the company has declined" + why
	}
	return "the application is " + string(app.Status) + why
}

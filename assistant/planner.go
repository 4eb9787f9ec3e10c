package assistant

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// Plan drafts every follow-up the policy says is due within DraftLead. The store keeps one
// message per follow-up, so planning any number of times drafts each once. Only the
// applications whose bookmark has come are planned, at most PlanBatch of them, longest
// waiting first; each gets a new bookmark, the moment its next draft will be due, which any
// change to what its plan depends on clears. It reports whether more are due.
func (a *Assistant) Plan(ctx context.Context) (more bool, err error) {
	now := a.Now()
	if err := a.expireThankYous(ctx); err != nil {
		return false, err
	}
	apps, histories, err := a.Store.ApplicationsToPlan(ctx, now, a.PlanBatch)
	if err != nil {
		return false, err
	}
	var firstErr error
	var marks []store.Bookmark
	pol := policy.New(a.Config.Rules)
	// What this pass drafts, by address: applications planned later in the same pass keep the
	// 48-hour gap to it (the store's histories were read before).
	drafted := map[string][]policy.AddressTouch{}
	for _, app := range apps {
		hist := histories[app.ID]
		for _, c := range app.Contacts {
			hist.Elsewhere = append(hist.Elsewhere, drafted[c.Email]...)
		}
		histories[app.ID] = hist
		plan := pol.Compute(app.PolicyFacts(), hist)
		next, failed := never, false
		for _, act := range plan.Actions {
			at := act.Due.Add(-a.DraftLead)
			if end := app.Interview.Start.Add(app.Interview.Length); end.After(at) {
				at = end // nothing before the interview is over
			}
			if at.After(now) {
				next = minTime(next, at)
				continue
			}
			if act.Kind == policy.MoveOn && !policy.ReadyToMoveOn(a.Config.Rules, histories[app.ID]) {
				continue // not before every check-in went out; a change to them plans this again
			}
			if _, _, err := sendAt(a.Config.Rules, a.Config.Rules.Window, act.Kind, act.Due, now, app.Interview.Start.Add(app.Interview.Length)); errors.Is(err, ErrTooLate) {
				// followup was down past the thank-you's expiry: recorded as dropped (so it
				// is not planned again), and the owner told.
				if id, created, err := a.Store.AddMessage(ctx, store.Message{AppID: app.ID, ContactID: act.ContactID, Kind: act.Kind,
					Due: act.Due, Rule: act.Rule}); err == nil && created {
					m, _ := a.Store.Message(ctx, id)
					if err := a.dropIfTooLate(ctx, app, m, now); err != nil {
						firstErr = cmpErr(firstErr, err)
					}
				}
				continue
			}
			if err := a.draft(ctx, app, act); err != nil {
				a.Logger.Error("draft", "app", app.ID, "action", act.Key(), "err", err)
				firstErr = cmpErr(firstErr, err)
				failed = true
			} else if act.Kind.IsEmail() {
				email := app.Contact(act.ContactID).Email
				drafted[email] = append(drafted[email], policy.AddressTouch{Email: email, At: act.Due})
			}
		}
		if failed {
			continue // still due: the next tick tries again
		}
		marks = append(marks, store.Bookmark{AppID: app.ID, Gen: app.PlanGen, At: next})
	}
	// A full batch may leave more due; without a bookmark set, nothing moved, and the next
	// tick tries again in its time rather than at once.
	more = a.PlanBatch > 0 && len(apps) == a.PlanBatch && len(marks) > 0
	return more, cmpErr(firstErr, a.Store.SetBookmarks(ctx, marks))
}

// expireThankYous drops the thank-yous not sent by their expiry (policy.thank_you_expiry
// after the interview: waiting for approval, approved but held, or never drafted because
// followup was down) and tells the owner once each.
func (a *Assistant) expireThankYous(ctx context.Context) error {
	msgs, err := a.Store.Messages(ctx, store.MessageFilter{States: []store.State{store.Drafted, store.AwaitingApproval, store.Approved}})
	if err != nil {
		return err
	}
	now := a.Now()
	apps := map[int64]store.Application{}
	for _, m := range msgs {
		if m.Kind != policy.ThankYou && m.Kind != policy.ThankCoordinator {
			continue
		}
		app, ok := apps[m.AppID]
		if !ok {
			if app, err = a.Store.Application(ctx, m.AppID); err != nil {
				return err
			}
			apps[m.AppID] = app
		}
		if err := a.dropIfTooLate(ctx, app, m, now); err != nil {
			return err
		}
	}
	return nil
}

// dropIfTooLate cancels a thank-you past its expiry and tells the owner.
func (a *Assistant) dropIfTooLate(ctx context.Context, app store.Application, m store.Message, now time.Time) error {
	end := app.Interview.Start.Add(app.Interview.Length)
	if _, _, err := sendAt(a.Config.Rules, a.Config.Rules.Window, m.Kind, m.Due, now, end); !errors.Is(err, ErrTooLate) {
		return nil
	}
	_, err := a.Store.Transition(ctx, m.ID, []store.State{store.Drafted, store.AwaitingApproval, store.Approved}, store.Cancelled, func(m *store.Message) {
		m.LastError = "too late for a thank-you: dropped " + policy.Ago(now.Sub(end)) + " after the interview"
	})
	if errors.Is(err, store.ErrTransition) {
		return nil // settled meanwhile
	} else if err != nil {
		return err
	}
	a.Logger.Info("thank-you dropped: too late", "draft", m.ID, "app", app.ID)
	a.tell(ctx, "", "thank_you_dropped", struct {
		What, Ago, Expiry string
		DraftID, AppID    int64
	}{Describe(app, m.Kind, app.Contact(m.ContactID)), policy.Ago(now.Sub(end)), policy.Ago(a.Config.Rules.ThankYouExpiry), m.ID, app.ID})
	return nil
}

// ReplanIfChanged clears every bookmark when the program or the rules changed since they were
// made: then every application is planned afresh at the next tick.
func (a *Assistant) ReplanIfChanged(ctx context.Context) error {
	replanned, err := a.Store.ReplanUnless(ctx, a.planKey())
	if err == nil && replanned {
		a.Logger.Info("planning every application afresh (new program or rules)")
	}
	return err
}

// planKey names what the bookmarks depend on besides the store: this program and the rules.
// A restart of the same program with the same rules keeps them (the first tick is then as
// cheap as any other); an upgrade or a change of the rules plans every application afresh.
func (a *Assistant) planKey() string {
	h := sha256.New()
	io.WriteString(h, programID())
	// The window prints its days and hours but not its zone; a pointer would print its address.
	r := a.Config.Rules
	fmt.Fprintf(h, "|%+v|zone=%v|lead=%s", r, r.Window.Loc, a.DraftLead)
	return hex.EncodeToString(h.Sum(nil))
}

// programID is a digest of the running executable, read once. When the executable cannot be
// read, it is unique to this process: the bookmarks are then always made afresh.
var programID = sync.OnceValue(func() string {
	unique := fmt.Sprintf("unreadable-%d-%d", os.Getpid(), time.Now().UnixNano())
	path, err := os.Executable()
	if err != nil {
		return unique
	}
	f, err := os.Open(path)
	if err != nil {
		return unique
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return unique
	}
	return hex.EncodeToString(h.Sum(nil))
})

// never is the bookmark of an application with nothing left to plan: only a change (a
// reply, a new interview, a message's new state) makes it due again.
var never = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

func minTime(x, y time.Time) time.Time {
	if y.Before(x) {
		return y
	}
	return x
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// draft renders and queues one follow-up. A notice to the owner (move on) needs no approval.
func (a *Assistant) draft(ctx context.Context, app store.Application, act policy.Action) error {
	msg := store.Message{AppID: app.ID, ContactID: act.ContactID, Kind: act.Kind, Seq: act.Seq, Due: act.Due, Rule: act.Rule}
	if act.Kind.IsEmail() {
		msg.Due = a.draftDue(app, act)
	}
	if act.Kind == policy.MoveOn {
		var err error
		msg.Subject, msg.Body, err = text("move_on", struct {
			Role, Company string
			CheckIns      int
		}{app.Role, app.Company, a.Config.Rules.MaxCheckIns})
		if err != nil {
			return err
		}
		id, created, err := a.Store.AddMessage(ctx, msg)
		if err != nil || !created {
			return err
		}
		return a.approve(ctx, app, id)
	}
	c := app.Contact(act.ContactID)
	thanked, thanks := false, ""
	if act.Kind == policy.CheckIn {
		var err error
		if thanks, thanked, err = a.thanked(ctx, app.ID, c.ID); err != nil {
			return err
		}
	}
	// The letter speaks from the day it goes: not before now, and in the recipient's window.
	goes, _, _ := sendAt(a.Config.Rules, windowFor(a.Config.Rules, app, c), act.Kind, msg.Due, a.Now(), app.Interview.Start.Add(app.Interview.Length))
	data := a.letterData(app, c, act.Kind, act.Seq, goes, thanked)
	data.ThankYou = thanks // what it told them is not news again
	// Written apart from the owner's latest letters, so that no two share a stock sentence.
	heard, err := a.Store.LatestLetters(ctx, mailer.HeardLetters)
	if err != nil {
		return err
	}
	data.Heard = heard
	subject, body, err := a.Renderer.Render(act.Kind, data)
	if err != nil {
		return err
	}
	msg.Subject, msg.Body = subject, body
	if act.Kind == policy.CheckIn {
		// In the thread of the last message to this person (In-Reply-To, References), so
		// they see the whole exchange, under a subject that says what it asks: clients that
		// thread by references (Apple Mail, Thunderbird) keep it in the conversation; Gmail
		// and Outlook, which also compare subjects, show it as a new one.
		parent, ok, err := a.Store.LastSentTo(ctx, c.ID)
		if err != nil {
			return err
		}
		if ok {
			msg.InReplyTo = parent.MessageID
			msg.References = mailer.ThreadReferences(parent.References, parent.MessageID)
		}
	}
	id, created, err := a.Store.AddMessage(ctx, msg)
	if err != nil || !created {
		if errors.Is(err, store.ErrTransition) {
			return nil // the application ended meanwhile
		}
		return err
	}
	a.Logger.Info("drafted", "draft", id, "app", app.ID, "kind", act.Kind, "to", c.Email, "due", msg.Due.Format(time.RFC3339))
	if act.Kind == policy.ThankYou || act.Kind == policy.ThankCoordinator {
		if err := a.makeRoomFor(ctx, app.ID, c.Email, msg.Due); err != nil {
			return err
		}
	}
	if !a.Config.Approval.Required {
		return a.approve(ctx, app, id)
	}
	return a.RequestApproval(ctx, id)
}

// draftDue is when a follow-up the policy plans at act.Due is due: off the minute, a few
// minutes from the planned time, the same for this draft whenever it is drafted (mail
// written by hand does not leave at 09:00:00), inside the recipient's window and a
// thank-you's limit (its 24 hours, or its expiry when it is planned late).
//
// A follow-up due already is not moved: it leaves when the owner approves it, at whatever
// moment that is, never minutes after.
func (a *Assistant) draftDue(app store.Application, act policy.Action) time.Time {
	if !act.Due.After(a.Now()) {
		return act.Due
	}
	end := app.Interview.Start.Add(app.Interview.Length)
	var limit time.Time
	if act.Kind == policy.ThankYou || act.Kind == policy.ThankCoordinator {
		limit = end.Add(policy.ThankYouDeadline)
		if act.Due.After(limit) {
			limit = end.Add(a.Config.Rules.ThankYouExpiry)
		}
	}
	return policy.Spread(windowFor(a.Config.Rules, app, app.Contact(act.ContactID)), act.Due,
		fmt.Sprintf("%d/%s", app.ID, act.Key()), end, limit)
}

// approve approves a new draft that needs no approval (the move-on notice, or every draft
// when approval is off), its sending queued with it.
func (a *Assistant) approve(ctx context.Context, app store.Application, id int64) error {
	now := a.Now()
	end := app.Interview.Start.Add(app.Interview.Length)
	var polite bool
	var planned time.Time
	_, err := a.Store.EnqueueWith(ctx, id, []store.State{store.Drafted}, store.Approved, func(m *store.Message) {
		planned = m.Due
		m.Due, polite, _ = sendAt(a.Config.Rules, windowFor(a.Config.Rules, app, app.Contact(m.ContactID)), m.Kind, m.Due, now, end)
	}, func(m store.Message) store.Outgoing { return sendingOf(app, m, planned, now, polite) })
	if err == nil {
		a.wake()
	}
	return err
}

// AskPending asks for approval of drafts whose request has not gone out yet (a failed
// send earlier, or approval switched on after drafting), and asks about messages that may
// have gone out (unknown) when the question has not gone out yet (a crash right after
// recovery, or the owner's server away).
func (a *Assistant) AskPending(ctx context.Context) error {
	states := []store.State{store.Unknown} // asked about even when approval is off
	if a.Config.Approval.Required {
		states = append(states, store.Drafted)
	}
	msgs, err := a.Store.Messages(ctx, store.MessageFilter{States: states})
	if err != nil {
		return err
	}
	var firstErr error
	for _, m := range msgs {
		if m.Kind == policy.MoveOn || (m.State == store.Unknown && m.Token != "") {
			continue // a notice needs no approval; an unknown message with a token was asked about
		}
		if err := a.RequestApproval(ctx, m.ID); err != nil {
			firstErr = cmpErr(firstErr, err)
		}
	}
	return firstErr
}

// RequestApproval queues the owner's approval request for a draft (the draft, how to
// answer) and records it (token and Message-ID) with the move to awaiting_approval, in one
// transaction; an unknown message stays unknown, with a warning in its request. The deliver
// loop sends it.
func (a *Assistant) RequestApproval(ctx context.Context, id int64) error {
	return a.request(ctx, id, []store.State{store.Drafted, store.Unknown}, nil)
}

// request queues an approval request for draft id, in one of from, with its new token and
// Message-ID recorded with it in one transaction. With body, the draft takes that text
// first, and the request asks the owner to confirm it.
func (a *Assistant) request(ctx context.Context, id int64, from []store.State, body *string) error {
	m, err := a.Store.Message(ctx, id)
	if err != nil {
		return err
	}
	app, err := a.Store.Application(ctx, m.AppID)
	if err != nil {
		return err
	}
	token := mailer.NewToken()
	approvalID := mailer.NewOwnMessageID(a.ownerDomain(), a.Now())
	shown := m
	if body != nil {
		shown.Body = *body
	}
	subject, text, err := text("approval", a.approvalData(app, shown, token, body != nil))
	if err != nil {
		return err
	}
	request := store.Outgoing{Kind: store.KindApproval, ToOwner: true, Subject: subject, Body: text,
		Headers: map[string]string{"X-Followup-Draft": fmt.Sprint(m.ID)}, MessageID: approvalID, CreatedAt: a.Now()}
	_, err = a.Store.EnqueueWith(ctx, id, from, stateAfterRequest(m.State), func(m *store.Message) {
		m.Token, m.ApprovalID = token, approvalID
		if body != nil {
			m.Body = *body
		}
	}, func(store.Message) store.Outgoing { return request })
	if err != nil {
		return fmt.Errorf("approval request for draft %d: %w", id, err)
	}
	a.Logger.Info("approval requested", "draft", id, "app", app.ID, "new_text", body != nil)
	a.wake()
	return nil
}

func stateAfterRequest(s store.State) store.State {
	if s == store.Unknown {
		return store.Unknown // it stays unknown until the owner answers
	}
	return store.AwaitingApproval
}

// approvalData is what an approval request shows: the draft as it will go out, when, why,
// and how to answer. Its subject carries the token, which the owner's "Re:" keeps.
func (a *Assistant) approvalData(app store.Application, m store.Message, token string, confirm bool) any {
	c := app.Contact(m.ContactID)
	loc := a.Config.Owner.Location
	end := app.Interview.Start.Add(app.Interview.Length)
	when, _, _ := sendAt(a.Config.Rules, windowFor(a.Config.Rules, app, c), m.Kind, m.Due, a.Now(), end)
	deadline := ""
	if (m.Kind == policy.ThankYou || m.Kind == policy.ThankCoordinator) && m.Due.After(end.Add(policy.ThankYouDeadline)) {
		deadline = fmt.Sprintf("none within 24 hours: the interview was recorded late, and the letter says so.\n            It is dropped if not sent by %s.", end.Add(a.Config.Rules.ThankYouExpiry).In(loc).Format("Mon 2 Jan 15:04 MST"))
	} else if m.Kind == policy.ThankYou || m.Kind == policy.ThankCoordinator {
		deadline = fmt.Sprintf("%s, 24 hours after the interview. Approved later, it goes\n            at once until %s; after that it is dropped.",
			end.Add(policy.ThankYouDeadline).In(loc).Format("Mon 2 Jan 15:04 MST"), end.Add(a.Config.Rules.ThankYouExpiry).In(loc).Format("Mon 2 Jan 15:04"))
	}
	why := ""
	if m.State == store.Unknown {
		why = "followup stopped while sending this message"
		if strings.HasPrefix(m.LastError, "the connection was lost") {
			why = "the connection to the mail server was lost just after followup handed this message over"
		}
	}
	_, named := mailer.Greeting(c.Name, c.Greeting, mailer.Salutation(a.Config.Policy.Salutation))
	leftOut, noNotes := notesLeftOut(app, c, m.Kind)
	return struct {
		Token, What, To, Subject, GoesOut, Rule, Body, Why, Deadline string
		Unknown, Confirm, NoName, NoNotes                            bool
		DraftID, AppID                                               int64
		LeftOut                                                      []string
	}{
		NoName: !named && m.Kind.IsEmail(), Deadline: deadline, LeftOut: leftOut, NoNotes: noNotes && !confirm,
		Token: token, What: Describe(app, m.Kind, c), To: mailer.HeaderSafe(address(c)),
		Subject: mailer.HeaderSafe(m.Subject), GoesOut: when.In(loc).Format("Mon 2 Jan 2006 15:04 MST"),
		Rule: m.Rule, Body: m.Body, Why: why, Unknown: m.State == store.Unknown, Confirm: confirm, DraftID: m.ID, AppID: app.ID,
	}
}

package daemon

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

// plan drafts every follow-up the policy says is due within DraftLead. The store keeps one
// message per follow-up, so planning any number of times drafts each once. Only the
// applications whose bookmark has come are planned, at most PlanBatch of them, longest
// waiting first; each gets a new bookmark, the moment its next draft will be due, which any
// change to what its plan depends on clears. It reports whether more are due.
func (d *Daemon) plan(ctx context.Context) (more bool, err error) {
	now := d.Now()
	apps, histories, err := d.Store.ApplicationsToPlan(ctx, now, d.PlanBatch)
	if err != nil {
		return false, err
	}
	var firstErr error
	var marks []store.Bookmark
	pol := policy.New(d.Config.Rules)
	for _, app := range apps {
		plan := pol.Compute(app.PolicyFacts(), histories[app.ID])
		next, failed := never, false
		for _, a := range plan.Actions {
			at := a.Due.Add(-d.DraftLead)
			if end := app.Interview.Start.Add(app.Interview.Length); end.After(at) {
				at = end // nothing before the interview is over
			}
			if at.After(now) {
				next = minTime(next, at)
				continue
			}
			if err := d.draft(ctx, app, a); err != nil {
				d.Logger.Error("draft", "app", app.ID, "action", a.Key(), "err", err)
				firstErr = cmpErr(firstErr, err)
				failed = true
			}
		}
		if failed {
			continue // still due: the next tick tries again
		}
		marks = append(marks, store.Bookmark{AppID: app.ID, Gen: app.PlanGen, At: next})
	}
	// A full batch may leave more due; without a bookmark set, nothing moved, and the next
	// tick tries again in its time rather than at once.
	more = d.PlanBatch > 0 && len(apps) == d.PlanBatch && len(marks) > 0
	return more, cmpErr(firstErr, d.Store.SetBookmarks(ctx, marks))
}

// replanIfChanged clears every bookmark when the program or the rules changed since they were
// made: then every application is planned afresh at the next tick.
func (d *Daemon) replanIfChanged(ctx context.Context) error {
	replanned, err := d.Store.ReplanUnless(ctx, d.planKey())
	if err == nil && replanned {
		d.Logger.Info("planning every application afresh (new program or rules)")
	}
	return err
}

// planKey names what the bookmarks depend on besides the store: this program and the rules.
// A restart of the same program with the same rules keeps them (the first tick is then as
// cheap as any other); an upgrade or a change of the rules plans every application afresh.
func (d *Daemon) planKey() string {
	h := sha256.New()
	io.WriteString(h, programID())
	// The window prints its days and hours but not its zone; a pointer would print its address.
	r := d.Config.Rules
	fmt.Fprintf(h, "|%+v|zone=%v|lead=%s", r, r.Window.Loc, d.DraftLead)
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

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// draft renders and queues one follow-up. A notice to the owner (move on) needs no approval.
func (d *Daemon) draft(ctx context.Context, app store.Application, a policy.Action) error {
	msg := store.Message{AppID: app.ID, ContactID: a.ContactID, Kind: a.Kind, Seq: a.Seq, Due: a.Due, Rule: a.Rule}
	if a.Kind == policy.MoveOn {
		msg.Subject = fmt.Sprintf("Time to move on: %s at %s", app.Role, app.Company)
		msg.Body = fmt.Sprintf("You sent %d check-ins about the %s role at %s and heard nothing back.\n\n"+
			"It is time to move on: put your energy into other applications. If they write back after all,\n"+
			"followup will tell you at once.\n", d.Config.Rules.MaxCheckIns, app.Role, app.Company)
		id, created, err := d.Store.AddMessage(ctx, msg)
		if err != nil || !created {
			return err
		}
		_, err = d.Store.Transition(ctx, id, []store.State{store.Drafted}, store.Approved, nil)
		return err
	}
	c := app.Contact(a.ContactID)
	data := mailer.Data{
		Owner: d.owner(), Contact: mailer.NewPerson(c.Name, c.Email), Company: app.Company, Role: app.Role,
		InterviewWhen: mailer.When(app.Interview.Start.In(d.Config.Owner.Location)), KeyPoints: mailer.KeyPoints(app.Interview.KeyPoints),
		Fit: app.Interview.Fit, Accomplishment: app.Interview.Accomplishment, Seq: a.Seq,
	}
	subject, body, err := d.Renderer.Render(a.Kind, data)
	if err != nil {
		return err
	}
	msg.Subject, msg.Body = subject, body
	if a.Kind == policy.CheckIn {
		// In the thread of the last message to this person, so they see the whole exchange.
		parent, ok, err := d.Store.LastSentTo(ctx, c.ID)
		if err != nil {
			return err
		}
		if ok {
			msg.Subject = mailer.ReplySubject(parent.Subject)
			msg.InReplyTo = parent.MessageID
			msg.References = mailer.ThreadReferences(parent.References, parent.MessageID)
		}
	}
	id, created, err := d.Store.AddMessage(ctx, msg)
	if err != nil || !created {
		if errors.Is(err, store.ErrTransition) {
			return nil // the application ended meanwhile
		}
		return err
	}
	d.Logger.Info("drafted", "draft", id, "app", app.ID, "kind", a.Kind, "to", c.Email, "due", a.Due.Format(time.RFC3339))
	if !d.Config.Approval.Required {
		_, err = d.Store.Transition(ctx, id, []store.State{store.Drafted}, store.Approved, nil)
		return err
	}
	return d.requestApproval(ctx, id)
}

// askPending asks for approval of drafts whose request has not gone out yet (a failed
// send earlier, or approval switched on after drafting), and asks about messages that may
// have gone out (unknown) when the question has not gone out yet (a crash right after
// recovery, or the owner's server away).
func (d *Daemon) askPending(ctx context.Context) error {
	states := []store.State{store.Unknown} // asked about even when approval is off
	if d.Config.Approval.Required {
		states = append(states, store.Drafted)
	}
	msgs, err := d.Store.Messages(ctx, store.MessageFilter{States: states})
	if err != nil {
		return err
	}
	var firstErr error
	for _, m := range msgs {
		if m.Kind == policy.MoveOn || (m.State == store.Unknown && m.Token != "") {
			continue // a notice needs no approval; an unknown message with a token was asked about
		}
		if err := d.requestApproval(ctx, m.ID); err != nil {
			firstErr = cmpErr(firstErr, err)
		}
	}
	return firstErr
}

// requestApproval queues the owner's approval request for a draft (the draft, how to
// answer) and records it (token and Message-ID) with the move to awaiting_approval, in one
// transaction; an unknown message stays unknown, with a warning in its request. The deliver
// loop sends it.
func (d *Daemon) requestApproval(ctx context.Context, id int64) error {
	m, err := d.Store.Message(ctx, id)
	if err != nil {
		return err
	}
	app, err := d.Store.Application(ctx, m.AppID)
	if err != nil {
		return err
	}
	token := mailer.NewToken()
	approvalID := mailer.NewMessageID(d.ownerDomain(), d.Now())
	warning := ""
	if m.State == store.Unknown {
		why := "followup stopped while sending this message"
		if strings.HasPrefix(m.LastError, "the connection was lost") {
			why = "the connection to the mail server was lost just after followup handed this message over"
		}
		warning = "WARNING: " + why + ",\nand followup cannot tell whether it went out. " +
			"Check your Sent folder or ask the recipient.\nReply \"send\" only if it did NOT go out; \"skip\" if it did."
	}
	env := d.approvalEnvelope(app, m, token, approvalID, warning)
	if m.State == store.Unknown {
		env.Subject = fmt.Sprintf("[followup %s] May have gone out: %s", token, describe(app, m.Kind, app.Contact(m.ContactID)))
	}
	n := store.Notice{Kind: store.KindApproval, Subject: env.Subject, Body: env.Body, Headers: env.Headers,
		MessageID: approvalID, CreatedAt: d.Now()}
	_, err = d.Store.TransitionQueue(ctx, id, []store.State{store.Drafted, store.Unknown}, stateAfterRequest(m.State), func(m *store.Message) {
		m.Token, m.ApprovalID = token, approvalID
	}, n)
	if err != nil {
		return fmt.Errorf("approval request for draft %d: %w", id, err)
	}
	d.Logger.Info("approval requested", "draft", id, "app", app.ID)
	d.Kick()
	return nil
}

func stateAfterRequest(s store.State) store.State {
	if s == store.Unknown {
		return store.Unknown // it stays unknown until the owner answers
	}
	return store.AwaitingApproval
}

// approvalSubject carries the token: the owner's "Re:" keeps it.
func approvalSubject(token, what string) string {
	return fmt.Sprintf("[followup %s] Approve: %s", token, what)
}

func (d *Daemon) approvalEnvelope(app store.Application, m store.Message, token, approvalID, warning string) mailer.Envelope {
	c := app.Contact(m.ContactID)
	what := describe(app, m.Kind, c)
	when := m.Due
	if now := d.Now(); when.Before(now) {
		when = now
	}
	when = d.Config.Rules.Window.Next(when)
	var b strings.Builder
	if warning != "" {
		fmt.Fprintf(&b, "%s\n\n", warning)
	}
	fmt.Fprintf(&b, "followup has drafted a %s.\n\n", what)
	fmt.Fprintf(&b, "  To:       %s\n", mailer.HeaderSafe(fmt.Sprintf("%s <%s>", c.Name, c.Email)))
	fmt.Fprintf(&b, "  Subject:  %s\n", mailer.HeaderSafe(m.Subject))
	fmt.Fprintf(&b, "  Goes out: %s, once you approve it\n", when.In(d.Config.Owner.Location).Format("Mon 2 Jan 2006 15:04 MST"))
	fmt.Fprintf(&b, "  Why:      %s\n", m.Rule)
	fmt.Fprintf(&b, "  Draft:    %d (application %d)\n\n", m.ID, app.ID)
	fmt.Fprintf(&b, "----------------------------------------------------------------------\n%s----------------------------------------------------------------------\n\n", m.Body)
	fmt.Fprintf(&b, "Reply to this email with one word on the first line:\n\n")
	fmt.Fprintf(&b, "  send   send it as it is\n  skip   drop this one\n  stop   no more follow-ups for this application\n\n")
	fmt.Fprintf(&b, "Or write \"send\" on the first line and your own text below it: your text goes out\ninstead of the draft. From a terminal: followup approve %d, followup skip %d, followup edit %d.\n", m.ID, m.ID, m.ID)
	return mailer.Envelope{
		FromName: "followup", From: d.Config.Owner.Email,
		ToName: d.Config.Owner.Name, To: d.Config.Owner.Email,
		Subject: approvalSubject(token, what), Body: b.String(),
		MessageID: approvalID, Auto: true,
		Headers: map[string]string{"X-Followup-Draft": fmt.Sprint(m.ID)},
	}
}

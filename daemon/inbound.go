package daemon

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// Decision is what the daemon makes of an incoming message, and on which applications.
type Decision struct {
	inbox.Verdict
	Apps     []int64              // the applications it concerns
	Contacts []store.ContactMatch // the contacts it concerns (a reply's sender, a bounce's recipients, the owner's addressees)
	Own      bool                 // the daemon's own mail
	Owner    bool                 // the owner's own mail (never a reply)
	Token    string               // for a command
}

func (d *Daemon) isOwn(ctx context.Context, m *inbox.Message) bool {
	if m.MessageID == "" {
		return false
	}
	if strings.HasPrefix(m.MessageID, "followup.") && strings.HasSuffix(strings.ToLower(m.MessageID), "@"+d.ownerDomain()) {
		return true
	}
	own, err := d.Store.MessageByMessageID(ctx, m.MessageID)
	return err == nil && own.ID != 0
}

// Decide classifies a message against the store without changing anything: the owner's
// command, the daemon's own mail, the owner's own mail, a bounce, an auto-reply, a human
// reply on an application, or other mail. `followup classify` prints it; Handle acts on it.
func (d *Daemon) Decide(ctx context.Context, m *inbox.Message) (Decision, error) {
	var dec Decision
	if d.isOwn(ctx, m) {
		dec.Own, dec.Kind, dec.Reason = true, inbox.KindOther, "written by followup itself"
		return dec, nil
	}
	if tok := tokenRe.FindStringSubmatch(strings.ToLower(m.Subject)); tok != nil {
		dec.Kind, dec.Reason, dec.Token = inbox.KindCommand, "an answer to approval request "+tok[1], tok[1]
		if draft, err := d.Store.MessageByToken(ctx, tok[1]); err == nil {
			dec.Apps = []int64{draft.AppID}
		}
		return dec, nil
	}
	if strings.EqualFold(m.From, d.Config.Owner.Email) {
		// The owner's own mail is never a reply: a peer's well-known bug counted its own
		// sent follow-ups as replies and stopped everything.
		dec.Owner, dec.Kind, dec.Reason = true, inbox.KindOther, "the owner's own mail"
		for _, to := range m.To {
			cs, err := d.Store.ActiveContacts(ctx, to)
			if err != nil {
				return dec, err
			}
			dec.Contacts = append(dec.Contacts, cs...)
		}
		if len(dec.Contacts) > 0 {
			dec.Reason = "the owner's own mail to a contact: the next check-in counts from it"
		}
		return dec, nil
	}
	dec.Verdict = inbox.Machine(m)
	if dec.Automated {
		return dec, nil
	}
	switch dec.Kind {
	case inbox.KindBounce:
		for _, r := range dec.Recipients {
			cs, err := d.Store.ActiveContacts(ctx, r)
			if err != nil {
				return dec, err
			}
			dec.Contacts = append(dec.Contacts, cs...)
		}
		if dec.OriginalID != "" {
			if own, err := d.Store.MessageByMessageID(ctx, dec.OriginalID); err == nil {
				dec.Apps = appendID(dec.Apps, own.AppID)
			}
		}
		for _, c := range dec.Contacts {
			dec.Apps = appendID(dec.Apps, c.AppID)
		}
		return dec, nil
	case inbox.KindAutoReply:
		// Out-of-office replies often come as new messages: match them by sender too.
		cs, err := d.Store.ActiveContacts(ctx, m.From)
		if err != nil {
			return dec, err
		}
		dec.Contacts = cs
		for _, c := range cs {
			dec.Apps = appendID(dec.Apps, c.AppID)
		}
		return dec, nil
	}
	// A human reply: in a thread the daemon started, from a contact, or from another
	// address at the company's own domain (not a free-mail provider's).
	for _, ref := range append(append([]string(nil), m.InReplyTo...), m.References...) {
		if own, err := d.Store.MessageByMessageID(ctx, ref); err == nil && own.ID != 0 {
			dec.Apps = appendID(dec.Apps, own.AppID)
			dec.Reason = "a reply in the thread of a follow-up followup sent"
		}
	}
	cs, err := d.Store.ActiveContacts(ctx, m.From)
	if err != nil {
		return dec, err
	}
	if len(cs) > 0 {
		dec.Contacts = cs
		for _, c := range cs {
			dec.Apps = appendID(dec.Apps, c.AppID)
		}
		if dec.Reason == "no sign of a machine" {
			dec.Reason = "from " + m.From + ", a contact of the application"
		}
	}
	if dom := policy.Domain(m.From); len(dec.Apps) == 0 && dom != "" && !policy.IsFreeMail(dom) {
		ids, err := d.Store.ActiveAppsAtDomain(ctx, dom)
		if err != nil {
			return dec, err
		}
		if len(ids) > 0 {
			dec.Apps = ids
			dec.Reason = "from " + m.From + ", at the company's domain " + dom
		}
	}
	if len(dec.Apps) > 0 {
		dec.Kind = inbox.KindReply
	} else {
		dec.Reason = "not about an application followup follows"
	}
	return dec, nil
}

func appendID(list []int64, id int64) []int64 {
	for _, x := range list {
		if x == id {
			return list
		}
	}
	return append(list, id)
}

// Handle acts on one new message in a watched folder, read from its header; body fetches
// the whole message for the few that need their text (commands, machine mail, replies).
// A Message-ID already handled (the same mail in two folders, or a rescan) is not acted on
// twice. Mail that concerns nothing followup follows is not recorded: a mailbox of
// thousands costs reads, not writes.
func (d *Daemon) Handle(ctx context.Context, m *inbox.Message, body func() (*inbox.Message, error)) (inbox.Outcome, error) {
	if m.MessageID != "" {
		if kind, _, err := d.Store.InboundKind(ctx, m.MessageID); err != nil {
			return inbox.Outcome{}, err
		} else if kind != "" {
			rec := store.Inbound{MessageID: m.MessageID, Folder: m.Folder, UIDValidity: m.UIDValidity,
				UID: m.UID, Kind: kind, Reason: "seen before", From: m.From, Subject: m.Subject, ReceivedAt: d.Now()}
			if _, err := d.Store.RecordInbound(ctx, rec); err != nil {
				return inbox.Outcome{}, err
			}
			d.handled(rec, Decision{})
			return inbox.Outcome{Recorded: true}, nil
		}
	}
	dec, err := d.Decide(ctx, m)
	if err != nil {
		return inbox.Outcome{}, err
	}
	if body != nil && wantsBody(m, dec) {
		full, err := body()
		if err != nil {
			return inbox.Outcome{}, err
		}
		if full != nil {
			if err := full.Check(); err != nil {
				return d.unreadable(ctx, full, err)
			}
			m = full
			if dec, err = d.Decide(ctx, m); err != nil {
				return inbox.Outcome{}, err
			}
		}
	}
	markSeen := false
	rec := store.Inbound{
		MessageID: m.MessageID, Folder: m.Folder, UIDValidity: m.UIDValidity, UID: m.UID,
		From: m.From, Subject: m.Subject, ReceivedAt: d.Now(), Kind: string(dec.Kind), Reason: dec.Reason,
	}
	if dec.Own {
		rec.Kind = "own"
	}
	if len(dec.Apps) > 0 {
		rec.AppID = dec.Apps[0]
	}
	switch {
	case dec.Own:
	case dec.Kind == inbox.KindCommand:
		seen, reason, appID := d.command(ctx, m, dec.Token)
		rec.Reason, rec.AppID = reason, appID
		if !seen {
			rec.Kind = string(inbox.KindOther)
		}
		markSeen = seen
	case dec.Owner:
		for _, c := range dec.Contacts {
			at := d.Now()
			if t, err := m.Header.Date(); err == nil && !t.IsZero() && t.Before(at) {
				at = t
			}
			if err := d.Store.AddOwnerMail(ctx, c.ContactID, at, m.MessageID); err != nil {
				return inbox.Outcome{}, err
			}
		}
	case dec.Kind == inbox.KindReply:
		if err := d.replied(ctx, m, dec); err != nil {
			return inbox.Outcome{}, err
		}
	case dec.Kind == inbox.KindBounce:
		if err := d.bounced(ctx, m, dec); err != nil {
			return inbox.Outcome{}, err
		}
	case dec.Kind == inbox.KindAutoReply:
		if err := d.autoReplied(ctx, m, dec); err != nil {
			return inbox.Outcome{}, err
		}
	}
	if rec.AppID == 0 && len(dec.Contacts) == 0 && !dec.Own && !dec.Owner && dec.Kind != inbox.KindCommand {
		// Concerns nothing followup follows (a newsletter, a bounce or an auto-reply about
		// someone else): nothing was done, nothing is written.
		d.handled(rec, dec)
		return inbox.Outcome{}, nil
	}
	if _, err := d.Store.RecordInbound(ctx, rec); err != nil {
		return inbox.Outcome{}, err
	}
	d.handled(rec, dec)
	return inbox.Outcome{Seen: markSeen, Recorded: true}, nil
}

// Skip records a message the watcher cannot handle and tells the owner once.
func (d *Daemon) Skip(ctx context.Context, m *inbox.Message, cause error) (inbox.Outcome, error) {
	return d.unreadable(ctx, m, cause)
}

// unreadable records a message over the MIME bounds (STYLE 18) and tells the owner once:
// the cursor moves past it, and no message can keep the watcher from the next one.
func (d *Daemon) unreadable(ctx context.Context, m *inbox.Message, cause error) (inbox.Outcome, error) {
	rec := store.Inbound{MessageID: m.MessageID, Folder: m.Folder, UIDValidity: m.UIDValidity, UID: m.UID,
		From: m.From, Subject: m.Subject, ReceivedAt: d.Now(), Kind: "unreadable", Reason: cause.Error()}
	if _, err := d.Store.RecordInbound(ctx, rec); err != nil {
		return inbox.Outcome{}, err
	}
	d.Logger.Warn("unreadable message skipped", "folder", m.Folder, "uid", m.UID, "from", m.From, "err", cause)
	// Anyone can send these: one notice an hour in all (the log has every one).
	d.notifyOnce(ctx, "unreadable", "A message followup could not read", fmt.Sprintf(
		"followup skipped a message in %s that is built in a way it does not read:\n\n"+
			"  From:    %s\n  Subject: %s\n  Why:     %s\n\n"+
			"It acted on nothing in it. If it matters, read it in your mailbox.\n"+
			"More of these within the hour are not mailed; followup's log lists every one.",
		quote(m.Folder), quote(m.From), quote(m.Subject), clean(cause.Error(), 200)))
	d.handled(rec, Decision{Verdict: inbox.Verdict{Kind: "unreadable", Reason: cause.Error()}})
	return inbox.Outcome{Recorded: true}, nil
}

func (d *Daemon) handled(rec store.Inbound, dec Decision) {
	if d.OnHandled != nil {
		d.OnHandled(rec, dec)
	}
}

// wantsBody says whether a message's text must be read: an owner's command, what may be a
// bounce report (whom it concerns is in the body), an automatic reply about an application
// (its return date), or a reply (its first lines go in the owner's notice). Everything
// else, bulk mail included, is judged by its header alone.
func wantsBody(m *inbox.Message, dec Decision) bool {
	switch {
	case dec.Kind == inbox.KindCommand || dec.Kind == inbox.KindReply || dec.Kind == inbox.KindBounce:
		return true
	case dec.Own || (dec.Automated && dec.Kind == inbox.KindOther):
		return false // the daemon's own mail, an abuse report, a no-reply sender
	case len(dec.Apps) > 0 && dec.Kind == inbox.KindAutoReply:
		return true // its return date
	}
	return inbox.MaybeBounce(m)
}

// replied stops every follow-up of the applications a human reply concerns, at once, and
// tells the owner.
func (d *Daemon) replied(ctx context.Context, m *inbox.Message, dec Decision) error {
	for _, id := range dec.Apps {
		n, err := d.Store.SetStatus(ctx, id, policy.Replied, fmt.Sprintf("%s replied on %s", m.From, d.Now().In(d.Config.Owner.Location).Format("2006-01-02 15:04")))
		if errors.Is(err, store.ErrTransition) {
			continue // already ended
		}
		if err != nil {
			return err
		}
		app, err := d.Store.Application(ctx, id)
		if err != nil {
			return err
		}
		d.Logger.Info("reply: follow-ups stopped", "app", id, "from", m.From, "cancelled", n)
		who := m.From
		if m.FromName != "" {
			who = m.FromName + " <" + m.From + ">"
		}
		d.notify(ctx, fmt.Sprintf("%s replied: %s at %s", clip(who, 80), app.Role, app.Company), fmt.Sprintf(
			"%s replied about the %s role at %s (%s).\n\nfollowup stopped every follow-up for it; %d queued cancelled.\n\n"+
				"Subject: %s\nThe first lines:\n\n%s\n\nRead the whole message in your mailbox, and answer it yourself: quickly, and warmly.\n"+
				"followup show %d shows the timeline.",
			quote(who), app.Role, app.Company, dec.Reason, n, quote(m.Subject), firstLines(m.Text(32<<10), 6), id))
	}
	return nil
}

// bounced marks the failed contacts undeliverable (a permanent failure) and tells the owner.
func (d *Daemon) bounced(ctx context.Context, m *inbox.Message, dec Decision) error {
	if len(dec.Contacts) == 0 {
		return nil // a bounce of mail that was not a follow-up
	}
	for _, c := range dec.Contacts {
		if !dec.Permanent {
			d.Logger.Info("delivery delayed", "contact", c.Email, "app", c.AppID)
			continue
		}
		n, err := d.Store.SetUndeliverable(ctx, c.ContactID, "a delivery failure report")
		if err != nil {
			return err
		}
		app, err := d.Store.Application(ctx, c.AppID)
		if err != nil {
			return err
		}
		d.Logger.Warn("bounce: contact undeliverable", "contact", c.Email, "app", c.AppID, "cancelled", n)
		d.notify(ctx, fmt.Sprintf("Undeliverable: %s (%s at %s)", c.Email, app.Role, app.Company), fmt.Sprintf(
			"Mail to %s came back: the address does not take mail.\n\nfollowup will not write to it again; %d queued cancelled.\n"+
				"Check the address (a typo?) and record the right one with a new followup add, or ask the company.", c.Email, n))
	}
	return nil
}

// autoReplied holds the next check-in to the sender until one business day after the
// return date it names, or for 7 days when it names none.
func (d *Daemon) autoReplied(ctx context.Context, m *inbox.Message, dec Decision) error {
	loc := d.Config.Owner.Location
	until := d.Now().In(loc).AddDate(0, 0, 7)
	reason := "out of office, no return date given"
	if !dec.ReturnDate.IsZero() {
		r := dec.ReturnDate.In(loc)
		day := time.Date(r.Year(), r.Month(), r.Day(), 0, 0, 0, 0, loc)
		until = policy.AddBusinessDays(day, 1)
		reason = "out of office until " + day.Format("2006-01-02")
	}
	for _, c := range dec.Contacts {
		if err := d.Store.AddHold(ctx, c.ContactID, until, reason); err != nil {
			return err
		}
		d.Logger.Info("auto-reply: check-ins held", "contact", c.Email, "until", until.Format(time.RFC3339))
	}
	return nil
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// firstLines quotes the first lines of untrusted text for a plain-text notice: control
// characters removed, each line bounded and marked as quoted.
func firstLines(text string, n int) string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = clean(line, 200)
		if line == "" || strings.HasPrefix(line, ">") {
			continue
		}
		out = append(out, "  | "+line)
		if len(out) == n {
			break
		}
	}
	if len(out) == 0 {
		return "  | (no text)"
	}
	return strings.Join(out, "\n")
}

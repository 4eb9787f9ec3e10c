package assistant

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/outcome"
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

func (a *Assistant) isOwn(ctx context.Context, m *inbox.Message) bool {
	if m.MessageID == "" {
		return false
	}
	if strings.HasPrefix(m.MessageID, "followup.") && strings.HasSuffix(strings.ToLower(m.MessageID), "@"+a.ownerDomain()) {
		return true
	}
	own, err := a.Store.MessageByMessageID(ctx, m.MessageID)
	return err == nil && own.ID != 0
}

// Decide classifies a message against the store without changing anything: the owner's
// command, the daemon's own mail, the owner's own mail, a bounce, an auto-reply, a human
// reply on an application, or other mail. `followup classify` prints it; Handle acts on it.
func (a *Assistant) Decide(ctx context.Context, m *inbox.Message) (Decision, error) {
	var dec Decision
	if a.isOwn(ctx, m) {
		dec.Own, dec.Kind, dec.Reason = true, inbox.KindOther, "written by followup itself"
		return dec, nil
	}
	if tok := tokenRe.FindStringSubmatch(strings.ToLower(m.Subject)); tok != nil {
		dec.Kind, dec.Reason, dec.Token = inbox.KindCommand, "an answer to approval request "+tok[1], tok[1]
		if draft, err := a.Store.MessageByToken(ctx, tok[1]); err == nil {
			dec.Apps = []int64{draft.AppID}
		}
		return dec, nil
	}
	if strings.EqualFold(m.From, a.Config.Owner.Email) {
		// The owner's own mail is never a reply: a peer's well-known bug counted its own
		// sent follow-ups as replies and stopped everything.
		dec.Owner, dec.Kind, dec.Reason = true, inbox.KindOther, "the owner's own mail"
		for _, to := range m.To {
			cs, err := a.Store.ActiveContacts(ctx, to)
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
	if dec.Kind == inbox.KindAutoReply && dec.SubjectOnly {
		// Words in a subject are not evidence against a person: in a followup thread or
		// from a contact, only a header field makes it an auto-reply ("Thank you – Senior
		// Engineer, Vacation Rentals interview" is answered by people).
		human, err := a.inThreadOrFromContact(ctx, m)
		if err != nil {
			return dec, err
		}
		if human {
			dec.Verdict = inbox.Verdict{Kind: inbox.KindOther, Reason: "no sign of a machine (only words in its subject, and it answers a follow-up)"}
		}
	}
	switch dec.Kind {
	case inbox.KindBounce:
		for _, r := range dec.Recipients {
			cs, err := a.Store.ActiveContacts(ctx, r)
			if err != nil {
				return dec, err
			}
			dec.Contacts = append(dec.Contacts, cs...)
		}
		if dec.OriginalID != "" {
			if own, err := a.Store.MessageByMessageID(ctx, dec.OriginalID); err == nil {
				dec.Apps = appendID(dec.Apps, own.AppID)
			}
		}
		for _, c := range dec.Contacts {
			dec.Apps = appendID(dec.Apps, c.AppID)
		}
		return dec, nil
	case inbox.KindAutoReply:
		// Out-of-office replies often come as new messages: match them by sender too.
		cs, err := a.Store.ActiveContacts(ctx, m.From)
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
		if own, err := a.Store.MessageByMessageID(ctx, ref); err == nil && own.ID != 0 {
			dec.Apps = appendID(dec.Apps, own.AppID)
			dec.Reason = "a reply in the thread of a follow-up followup sent"
		}
	}
	cs, err := a.Store.ActiveContacts(ctx, m.From)
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
		ids, err := a.Store.ActiveAppsAtDomain(ctx, dom)
		if err != nil {
			return dec, err
		}
		if len(ids) > 0 {
			dec.Apps = ids
			dec.Reason = "from " + m.From + ", at the company's domain " + dom
		}
	}
	if len(dec.Apps) == 0 {
		// From a contact of an application that had ended (stopped, replied, moved on) when it
		// was written: no follow-up is left to stop, but the owner must still hear of it — an
		// offer can come after a stop. (Written before the end, it is old news: a rescan of
		// the mailbox finds such mail again.)
		sent := a.Now()
		if t, err := m.Header.Date(); err == nil && !t.IsZero() && t.Before(sent) {
			sent = t
		}
		ended, err := a.Store.EndedContacts(ctx, m.From, sent)
		if err != nil {
			return dec, err
		}
		for _, c := range ended {
			dec.Apps = appendID(dec.Apps, c.AppID)
			dec.Reason = "from " + m.From + ", a contact of an application followup no longer follows"
		}
	}
	if len(dec.Apps) > 0 {
		dec.Kind = inbox.KindReply
	} else {
		dec.Reason = "not about an application followup follows"
	}
	return dec, nil
}

// inThreadOrFromContact reports whether m answers a follow-up followup sent, or comes from
// a contact of an active application.
func (a *Assistant) inThreadOrFromContact(ctx context.Context, m *inbox.Message) (bool, error) {
	for _, ref := range append(append([]string(nil), m.InReplyTo...), m.References...) {
		if own, err := a.Store.MessageByMessageID(ctx, ref); err == nil && own.ID != 0 {
			return true, nil
		}
	}
	cs, err := a.Store.ActiveContacts(ctx, m.From)
	return len(cs) > 0, err
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
func (a *Assistant) Handle(ctx context.Context, m *inbox.Message, body func() (*inbox.Message, error)) (inbox.Outcome, error) {
	if m.MessageID != "" {
		if kind, _, err := a.Store.InboundKind(ctx, m.MessageID); err != nil {
			return inbox.Outcome{}, err
		} else if kind != "" {
			rec := store.Inbound{MessageID: m.MessageID, Folder: m.Folder, UIDValidity: m.UIDValidity,
				UID: m.UID, Kind: kind, Reason: "seen before", From: m.From, Subject: m.Subject, ReceivedAt: a.Now()}
			if _, err := a.Store.RecordInbound(ctx, rec); err != nil {
				return inbox.Outcome{}, err
			}
			a.handled(rec, Decision{})
			return inbox.Outcome{Recorded: true}, nil
		}
	}
	dec, err := a.Decide(ctx, m)
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
				return a.unreadable(ctx, full, err)
			}
			m = full
			if dec, err = a.Decide(ctx, m); err != nil {
				return inbox.Outcome{}, err
			}
		}
	}
	markSeen := false
	rec := store.Inbound{
		MessageID: m.MessageID, Folder: m.Folder, UIDValidity: m.UIDValidity, UID: m.UID,
		From: m.From, Subject: m.Subject, ReceivedAt: a.Now(), Kind: string(dec.Kind), Reason: dec.Reason,
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
		seen, reason, appID := a.command(ctx, m, dec.Token)
		rec.Reason, rec.AppID = reason, appID
		if !seen {
			rec.Kind = string(inbox.KindOther)
		}
		markSeen = seen
	case dec.Owner:
		for _, c := range dec.Contacts {
			at := a.Now()
			if t, err := m.Header.Date(); err == nil && !t.IsZero() && t.Before(at) {
				at = t
			}
			if err := a.Store.AddOwnerMail(ctx, c.ContactID, at, m.MessageID); err != nil {
				return inbox.Outcome{}, err
			}
		}
	case dec.Kind == inbox.KindReply:
		if err := a.replied(ctx, m, dec); err != nil {
			return inbox.Outcome{}, err
		}
	case dec.Kind == inbox.KindBounce:
		if err := a.bounced(ctx, m, dec); err != nil {
			return inbox.Outcome{}, err
		}
	case dec.Kind == inbox.KindAutoReply:
		if err := a.autoReplied(ctx, m, dec); err != nil {
			return inbox.Outcome{}, err
		}
	}
	if rec.AppID == 0 && len(dec.Contacts) == 0 && !dec.Own && !dec.Owner && dec.Kind != inbox.KindCommand {
		// Concerns nothing followup follows (a newsletter, a bounce or an auto-reply about
		// someone else): nothing was done, nothing is written.
		a.handled(rec, dec)
		return inbox.Outcome{}, nil
	}
	if _, err := a.Store.RecordInbound(ctx, rec); err != nil {
		return inbox.Outcome{}, err
	}
	a.handled(rec, dec)
	return inbox.Outcome{Seen: markSeen, Recorded: true}, nil
}

// Skip records a message the watcher cannot handle and tells the owner once.
func (a *Assistant) Skip(ctx context.Context, m *inbox.Message, cause error) (inbox.Outcome, error) {
	return a.unreadable(ctx, m, cause)
}

// unreadable records a message over the MIME bounds (STYLE 18) and tells the owner once:
// the cursor moves past it, and no message can keep the watcher from the next one.
func (a *Assistant) unreadable(ctx context.Context, m *inbox.Message, cause error) (inbox.Outcome, error) {
	rec := store.Inbound{MessageID: m.MessageID, Folder: m.Folder, UIDValidity: m.UIDValidity, UID: m.UID,
		From: m.From, Subject: m.Subject, ReceivedAt: a.Now(), Kind: "unreadable", Reason: cause.Error()}
	if _, err := a.Store.RecordInbound(ctx, rec); err != nil {
		return inbox.Outcome{}, err
	}
	a.Logger.Warn("unreadable message skipped", "folder", m.Folder, "uid", m.UID, "from", m.From, "err", cause)
	// Anyone can send these: one notice an hour in all (the log has every one).
	a.tell(ctx, "unreadable", "unreadable", struct{ Folder, From, Subject, Why string }{
		quote(m.Folder), quote(m.From), quote(m.Subject), clean(cause.Error(), 200)})
	a.handled(rec, Decision{Verdict: inbox.Verdict{Kind: "unreadable", Reason: cause.Error()}})
	return inbox.Outcome{Recorded: true}, nil
}

func (a *Assistant) handled(rec store.Inbound, dec Decision) {
	if a.OnHandled != nil {
		a.OnHandled(rec, dec)
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
func (a *Assistant) replied(ctx context.Context, m *inbox.Message, dec Decision) error {
	text := m.Text(32 << 10)
	read := outcome.Classify(m.Subject, inbox.OwnText(text))
	for _, id := range dec.Apps {
		n, err := a.Store.SetStatus(ctx, id, policy.Replied, fmt.Sprintf("%s replied on %s", m.From, a.Now().In(a.Config.Owner.Location).Format("2006-01-02 15:04")))
		ended := ""
		if errors.Is(err, store.ErrTransition) {
			err = nil // it had ended already: nothing to stop, and the owner is still told
			ended = "ended"
		}
		if err != nil {
			return err
		}
		app, err := a.Store.Application(ctx, id)
		if err != nil {
			return err
		}
		if ended != "" {
			ended = statusWords(app)
		}
		a.Logger.Info("reply: follow-ups stopped", "app", id, "from", m.From, "cancelled", n, "outcome", read.Kind)
		who := m.From
		if m.FromName != "" {
			who = m.FromName + " <" + m.From + ">"
		}
		a.tell(ctx, "", "reply", struct {
			Who, WhoShort, Role, Company, Why, Subject, FirstLines string
			Outcome, Advice, ReadAs, Ended                         string
			Cancelled                                              int
			AppID                                                  int64
		}{clean(who, 200), clean(who, 80), app.Role, app.Company, dec.Reason, quote(m.Subject), firstLines(text, 6),
			outcomeWords[read.Kind][0], outcomeWords[read.Kind][1], clean(strings.Join(read.Reasons, "; "), 300), ended, n, id})
	}
	return nil
}

// outcomeWords are what the reply notice says of each outcome: the subject's opening, and
// the advice.
var outcomeWords = map[outcome.Kind][2]string{
	outcome.Offer:     {"URGENT, an offer", "It reads as an offer: answer today, and take your time to decide. Everything automatic has stopped."},
	outcome.NextRound: {"Next round", "It reads as an invitation to another round: answer the same day, with the times that suit you."},
	outcome.Rejection: {"Not this time", "It reads as a rejection. A short, gracious answer still helps: thank them, and ask what you could do better."},
	outcome.Question:  {"A question", "It asks you for something (references, a form, your availability): answer soon."},
	outcome.Logistics: {"Logistics", "It is about logistics (travel, receipts, directions)."},
	outcome.Other:     {"A reply", "Read it in your mailbox, and answer it yourself: quickly, and warmly."},
}

// bounced marks the failed contacts undeliverable (a permanent failure) and tells the owner.
func (a *Assistant) bounced(ctx context.Context, m *inbox.Message, dec Decision) error {
	if len(dec.Contacts) == 0 {
		return nil // a bounce of mail that was not a follow-up
	}
	for _, c := range dec.Contacts {
		if !dec.Permanent {
			a.Logger.Info("delivery delayed", "contact", c.Email, "app", c.AppID)
			continue
		}
		n, err := a.Store.SetUndeliverable(ctx, c.ContactID, "a delivery failure report")
		if err != nil {
			return err
		}
		app, err := a.Store.Application(ctx, c.AppID)
		if err != nil {
			return err
		}
		a.Logger.Warn("bounce: contact undeliverable", "contact", c.Email, "app", c.AppID, "cancelled", n)
		a.tell(ctx, "", "bounce", struct {
			Email, Role, Company string
			Cancelled            int
		}{c.Email, app.Role, app.Company, n})
	}
	return nil
}

// autoReplied holds the next check-in to the sender until one business day after the
// return date it names, or for 7 days when it names none.
func (a *Assistant) autoReplied(ctx context.Context, m *inbox.Message, dec Decision) error {
	loc := a.Config.Owner.Location
	now := a.Now()
	until := now.In(loc).AddDate(0, 0, 7)
	reason := "out of office, no return date given"
	if !dec.ReturnDate.IsZero() {
		r := dec.ReturnDate.In(loc)
		day := time.Date(r.Year(), r.Month(), r.Day(), 0, 0, 0, 0, loc)
		until = policy.AddWorkdays(day, 1, a.Config.Rules.Window.Holidays)
		reason = "out of office until " + day.Format("2006-01-02")
	}
	capped := false
	if limit := a.Config.Rules.HoldCap; limit > 0 && until.Sub(now) > limit {
		until, capped = now.Add(limit), true
		reason += ", held " + policy.Ago(limit) + " at most"
	}
	for _, c := range dec.Contacts {
		if err := a.Store.AddHold(ctx, c.ContactID, until, reason); err != nil {
			return err
		}
		a.Logger.Info("auto-reply: check-ins held", "contact", c.Email, "until", until.Format(time.RFC3339), "capped", capped)
		if capped {
			app, err := a.Store.Application(ctx, c.AppID)
			if err != nil {
				return err
			}
			named := "no date"
			if !dec.ReturnDate.IsZero() {
				named = dec.ReturnDate.In(loc).Format("Mon 2 Jan 2006")
			}
			a.tell(ctx, "", "hold_capped", struct {
				Email, Role, Company, Named, Until, Cap string
				AppID                                   int64
			}{c.Email, app.Role, app.Company, named, until.In(loc).Format("Mon 2 Jan 2006"), policy.Ago(a.Config.Rules.HoldCap), app.ID})
		}
	}
	return nil
}

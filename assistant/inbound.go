package assistant

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/invite"
	"github.com/followupd/followup/mailer"
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
	// Invitation is the calendar invitation the message carries (KindInvitation).
	Invitation *invite.Invitation `json:"invitation,omitempty"`
	// Proof is what the owner's receiving server verified of the sender.
	Proof inbox.Proof `json:"proof"`
	// Notice is the Message-ID of the strangers' notice a command of the owner's answers
	// ("resume 3", "stop 3").
	Notice string `json:"notice,omitempty"`
	// Refused is why a message was refused unread (a calendar over the bounds): it is
	// recorded and skipped, and the owner told in the strangers' notice.
	Refused error `json:"-"`
	// Unproven is set on a reply about applications whose sender is not proven to be the
	// company's (Proof): it may hold their follow-ups and ask the owner, never decide.
	Unproven bool `json:"unproven,omitempty"`
}

// trustedAuthserv are the authserv-ids whose Authentication-Results prove a sender: the
// configuration's (or its provider's), else the one learned from the owner's own answers.
func (a *Assistant) trustedAuthserv(ctx context.Context) ([]string, error) {
	if ids := a.Config.IMAP.TrustedAuthservID; len(ids) > 0 {
		return ids, nil
	}
	learned, err := a.Store.Meta(ctx, authservKey)
	if err != nil || learned == "" {
		return nil, err
	}
	return []string{learned}, nil
}

// authservKey is where the authserv-id learned from the owner's answers is kept.
const authservKey = "trusted_authserv_id"

// learnAuthserv keeps the authserv-id of the server that verified an answer of the owner's
// which carried its approval token (so the owner wrote it): the owner's own receiving
// server, when none is configured.
func (a *Assistant) learnAuthserv(ctx context.Context, m *inbox.Message) {
	if len(a.Config.IMAP.TrustedAuthservID) > 0 {
		return
	}
	ids := inbox.AuthservIDs(m, policy.Domain(a.Config.Owner.Email))
	if len(ids) == 0 {
		return
	}
	if have, err := a.Store.Meta(ctx, authservKey); err != nil || have != "" {
		return
	}
	if err := a.Store.SetMeta(ctx, authservKey, ids[0]); err != nil {
		a.Logger.Warn("authserv-id not kept", "err", err)
		return
	}
	a.Logger.Info("learned the owner's receiving server from an answer of theirs", "authserv_id", ids[0])
}

func (a *Assistant) isOwn(ctx context.Context, m *inbox.Message) (bool, error) {
	if m.MessageID == "" {
		return false, nil
	}
	if strings.HasPrefix(m.MessageID, "followup.") && strings.HasSuffix(strings.ToLower(m.MessageID), "@"+a.ownerDomain()) {
		return true, nil
	}
	own, found, err := a.sentMessage(ctx, m.MessageID)
	return found && own.ID != 0, err
}

// sentMessage is the message followup sent (or is sending) with this Message-ID; found is
// false when there is none. Only store.ErrNotFound means none: any other error is the
// store's, and the caller returns it, so that the message is handled again later.
func (a *Assistant) sentMessage(ctx context.Context, messageID string) (store.Message, bool, error) {
	m, err := a.Store.MessageByMessageID(ctx, messageID)
	if errors.Is(err, store.ErrNotFound) {
		return store.Message{}, false, nil
	}
	return m, err == nil, err
}

// Decide classifies a message against the store without changing anything: the owner's
// command, the daemon's own mail, the owner's own mail, a bounce, an auto-reply, a human
// reply on an application, or other mail. `followup classify` prints it; Handle acts on it.
func (a *Assistant) Decide(ctx context.Context, m *inbox.Message) (Decision, error) {
	var dec Decision
	trusted, err := a.trustedAuthserv(ctx)
	if err != nil {
		return dec, err
	}
	dec.Proof = inbox.Verify(m, trusted)
	if dec.Proof.Result == inbox.ProofNone && len(trusted) == 0 && a.LookupTXT != nil && !m.HeaderOnly {
		// No server of the owner's records anything: followup checks the signature itself.
		dec.Proof = inbox.VerifyDKIM(m, a.LookupTXT)
	}
	if own, err := a.isOwn(ctx, m); err != nil {
		return dec, err
	} else if own {
		dec.Own, dec.Kind, dec.Reason = true, inbox.KindOther, "written by followup itself"
		return dec, nil
	}
	if tok := tokenRe.FindStringSubmatch(strings.ToLower(m.Subject)); tok != nil {
		dec.Kind, dec.Reason, dec.Token = inbox.KindCommand, "an answer to approval request "+tok[1], tok[1]
		draft, err := a.Store.MessageByToken(ctx, tok[1])
		switch {
		case err == nil:
			dec.Apps = []int64{draft.AppID}
		case !errors.Is(err, store.ErrNotFound):
			return dec, err
		}
		return dec, nil
	}
	if strings.EqualFold(m.From, a.Config.Owner.Email) {
		for _, ref := range append(append([]string(nil), m.InReplyTo...), m.References...) {
			n, found, err := a.Store.ListedNotice(ctx, ref)
			if err != nil {
				return dec, err
			}
			if found {
				dec.Kind, dec.Reason, dec.Notice = inbox.KindCommand, "an answer to the notice of mail followup did not act on", n.MessageID
				return dec, nil
			}
		}
	}
	inv, calErr := ReadInvitation(m)
	if calErr != nil {
		// A calendar built to hurt or broken: refused before any work on it.
		dec.Kind, dec.Automated, dec.Reason, dec.Refused = inbox.KindOther, true, "a calendar followup does not read: "+calErr.Error(), calErr
		return dec, nil
	}
	if inv != nil {
		// A calendar invitation is never a reply, whoever sends it (the coordinator's
		// calendar sends it in their name), nor the owner's own mail when they forward it.
		dec.Kind, dec.Reason, dec.Invitation = inbox.KindInvitation, "a calendar invitation ("+strings.ToLower(inv.Method)+")", inv
		row, err := a.Store.InvitationByUID(ctx, inv.UID)
		switch {
		case err == nil && row.AppID != 0:
			dec.Apps = []int64{row.AppID}
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return dec, err
		}
		return dec, nil
	}
	if strings.EqualFold(m.From, a.Config.Owner.Email) {
		// The owner's own mail is never a reply: a peer's well-known bug counted its own
		// sent follow-ups as replies and stopped everything.
		dec.Owner, dec.Kind, dec.Reason = true, inbox.KindOther, "the owner's own mail"
		if slices.Contains(a.Config.IMAP.Folders, m.Folder) && !dec.Proof.Proven() {
			// In a folder strangers' mail reaches, mail claiming to be the owner's acts only
			// when the owner's server verified it (the Sent folder holds what the owner wrote).
			dec.Reason = "mail claiming to be the owner's, not verified (" + clean(dec.Proof.How, 120) + "): not acted on"
			return dec, nil
		}
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
	if ids, why, bound, err := a.onBehalf(ctx, m); err != nil {
		return dec, err
	} else if len(ids) > 0 {
		// An applicant tracking system writing for the company (its rejections and
		// invitations to another round come this way, often marked as bulk). It is the
		// company's only from a sender the owner bound to the application, proven: anyone
		// can open an account at an ATS and name any company in its display name.
		dec.Kind, dec.Reason, dec.Apps = inbox.KindReply, why, ids
		dec.Unproven = !bound || !dec.Proof.Proven()
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
		// Anyone can write a delivery report naming a contact: it counts only when it
		// returns a mail followup sent, and only for the recipients of that mail's
		// application.
		if dec.OriginalID == "" {
			dec.Reason += "; it returns no mail followup sent (no Message-ID): not acted on"
			return dec, nil
		}
		own, found, err := a.sentMessage(ctx, dec.OriginalID)
		if err != nil {
			return dec, err
		}
		if !found {
			dec.Reason += "; it returns no mail followup sent: not acted on"
			return dec, nil
		}
		dec.Apps = appendID(dec.Apps, own.AppID)
		for _, r := range dec.Recipients {
			cs, err := a.Store.ActiveContacts(ctx, r)
			if err != nil {
				return dec, err
			}
			for _, c := range cs {
				if c.AppID == own.AppID {
					dec.Contacts = append(dec.Contacts, c)
				}
			}
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
		own, found, err := a.sentMessage(ctx, ref)
		if err != nil {
			return dec, err
		}
		if found && own.ID != 0 {
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
		// From a contact of an application that has ended (stopped, replied, moved on, an
		// offer, a rejection): no follow-up is left to stop, but the owner must still hear of
		// it — an offer can come after a stop, written before it or after. When it arrived
		// (the server's INTERNALDATE; else its Date; else now) tells news from old mail a
		// rescan of the mailbox finds again.
		arrived := a.Now()
		if !m.Arrived.IsZero() {
			arrived = m.Arrived
		} else if t, err := m.Header.Date(); err == nil && !t.IsZero() && t.Before(arrived) {
			arrived = t
		}
		ended, err := a.Store.EndedContacts(ctx, m.From, arrived.Add(dateSkew))
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
		dec.Unproven = !dec.Proof.Proven()
	} else {
		dec.Reason = "not about an application followup follows"
	}
	return dec, nil
}

// onBehalf finds the active applications an applicant tracking system's mail names: its
// sender's domain, when the owner gave it for the application (add --domain: bound), or —
// never enough to act on — its Reply-To at the company's domain or its sender's name naming
// the company ("Acme Recruiting via Greenhouse").
func (a *Assistant) onBehalf(ctx context.Context, m *inbox.Message) (ids []int64, why string, bound bool, err error) {
	if !invite.IsATS(m.From) {
		return nil, "", false, nil
	}
	if dom := policy.Domain(m.From); dom != "" {
		// An ATS domain the owner gave for the application (add --domain).
		ids, err := a.Store.ActiveAppsAtDomain(ctx, dom)
		if err != nil || len(ids) > 0 {
			return ids, "from " + m.From + ", a domain given for the application", true, err
		}
	}
	if list, err := m.Header.AddressList("Reply-To"); err == nil {
		for _, r := range list[:min(len(list), 3)] {
			if dom := policy.Domain(r.Address); dom != "" && !policy.IsFreeMail(dom) && !invite.IsATS(dom) {
				ids, err := a.Store.ActiveAppsAtDomain(ctx, dom)
				if err != nil || len(ids) > 0 {
					return ids, "from " + m.From + ", naming " + dom + " in its Reply-To", false, err
				}
			}
		}
	}
	if company := invite.SenderCompany(m.FromName); company != "" {
		ids, err := a.Store.ActiveAppsOfCompany(ctx, company)
		return ids, "from " + m.From + ", naming " + clean(company, 80) + " in its sender's name", false, err
	}
	return nil, "", false, nil
}

// dateSkew is how far an arrival time may lag the moment it names: INTERNALDATE and Date have
// whole seconds.
const dateSkew = time.Second

// inThreadOrFromContact reports whether m answers a follow-up followup sent, or comes from
// a contact of an active application.
func (a *Assistant) inThreadOrFromContact(ctx context.Context, m *inbox.Message) (bool, error) {
	for _, ref := range append(append([]string(nil), m.InReplyTo...), m.References...) {
		own, found, err := a.sentMessage(ctx, ref)
		if err != nil || found && own.ID != 0 {
			return err == nil, err
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
	if dec.Refused != nil {
		return a.unreadable(ctx, m, dec.Refused)
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
	case dec.Kind == inbox.KindCommand && dec.Notice != "":
		res, err := a.answerNotice(ctx, m, dec.Notice)
		if err != nil {
			return inbox.Outcome{}, err
		}
		rec.Reason, rec.AppID, markSeen = res.reason, res.appID, res.seen
	case dec.Kind == inbox.KindCommand:
		res, err := a.command(ctx, m, dec.Token)
		if err != nil {
			return inbox.Outcome{}, err
		}
		rec.Reason, rec.AppID = res.reason, res.appID
		if !res.seen {
			rec.Kind = string(inbox.KindOther)
		}
		markSeen = res.seen
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
	case dec.Kind == inbox.KindInvitation:
		reason, appID, err := a.invited(ctx, m, dec)
		if err != nil {
			return inbox.Outcome{}, err
		}
		rec.Reason, rec.AppID = reason, appID
	case dec.Kind == inbox.KindReply && dec.Unproven:
		if err := a.unproven(ctx, m, dec); err != nil {
			return inbox.Outcome{}, err
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
	if rec.AppID == 0 && len(dec.Contacts) == 0 && !dec.Own && !dec.Owner && dec.Kind != inbox.KindCommand && dec.Kind != inbox.KindInvitation {
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

// Stuck tells the owner that a message has failed to be handled attempts times in a row
// (the watcher keeps trying it): one notice an hour at most, for all of them. When the
// store itself is what fails, the notice cannot be queued either, and the log says so.
func (a *Assistant) Stuck(ctx context.Context, m *inbox.Message, attempts int, cause error) {
	a.Logger.Error("a message keeps failing; trying again", "folder", m.Folder, "uid", m.UID, "from", m.From, "attempts", attempts, "err", cause)
	a.tell(ctx, "stuck", "stuck", struct {
		Folder, From, Subject, Why string
		Attempts                   int
	}{quote(m.Folder), quote(m.From), quote(m.Subject), clean(cause.Error(), 300), attempts})
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
	// Anyone can send these: they go in the strangers' notice.
	a.tellStranger(ctx, fmt.Sprintf("a message in %s from %s (subject %s) that followup cannot read: %s. "+
		"It acted on nothing in it; if it matters, read it in your mailbox.", quote(m.Folder), quote(m.From), quote(m.Subject), clean(cause.Error(), 200)))
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
	case m.HasCalendar && !dec.Own:
		return true // a calendar invitation, read from its calendar part
	case dec.Kind == inbox.KindCommand || dec.Kind == inbox.KindReply || dec.Kind == inbox.KindBounce:
		return true
	case dec.Own || (dec.Automated && dec.Kind == inbox.KindOther):
		return false // the daemon's own mail, an abuse report, a no-reply sender
	case len(dec.Apps) > 0 && dec.Kind == inbox.KindAutoReply:
		return true // its return date
	}
	return inbox.MaybeBounce(m)
}

// unprovenHold is how long the check-ins of an application wait after mail about it whose
// sender is not proven: long enough for the owner to read the notice and say.
const unprovenHold = 7 * 24 * time.Hour

// unproven acts on mail that reads as a reply about applications but whose sender is not
// proven to be the company's (a display name, a Reply-To, an ATS account anyone can open,
// a From that no trusted server verified): it never sets rejected or offer, cancels
// nothing and adds nobody. It holds the check-ins of each application it names and tells
// the owner what it seems to say, in the strangers' notice.
func (a *Assistant) unproven(ctx context.Context, m *inbox.Message, dec Decision) error {
	read := outcome.Classify(m.Subject, inbox.OwnText(m.Text(32<<10)))
	until := a.Now().Add(unprovenHold)
	loc := a.Config.Owner.Location
	who := m.From
	if m.FromName != "" {
		who = m.FromName + " <" + m.From + ">"
	}
	for _, id := range dec.Apps {
		app, err := a.Store.Application(ctx, id)
		if err != nil {
			return err
		}
		held := ""
		if app.Status == policy.Active {
			hist, err := a.Store.History(ctx, id)
			if err != nil {
				return err
			}
			for _, c := range app.Contacts {
				if heldUntil(hist, c.ID).After(until.Add(-24 * time.Hour)) {
					continue // held already: a flood of such mail adds no row
				}
				if err := a.Store.AddHold(ctx, c.ID, until, "mail about it from a sender not verified ("+clean(m.From, 80)+"): waiting for your word"); err != nil {
					return err
				}
			}
			held = " Its check-ins wait until " + until.In(loc).Format("Mon 2 Jan") + "."
		}
		a.Logger.Warn("unproven reply: held, owner asked", "app", id, "from", m.From, "outcome", read.Kind, "proof", dec.Proof.How)
		why := "The sender is not verified: " + clean(dec.Proof.How, 200) + "."
		if dec.Proof.Proven() {
			why = "Its sender is verified for " + clean(dec.Proof.Domain, 80) + ", which does not speak for the company: " +
				"anyone can write a name or a Reply-To, and open an account at a recruiting tool."
		}
		a.tellStranger(ctx, fmt.Sprintf("%s seems to say: %s (about %s at %s, application %d). %s%s "+
			"If it is real, answer it yourself and answer this notice `stop %d`; if not: `resume %d`.",
			quote(who), seemsToSay[read.Kind], clean(app.Role, 80), clean(app.Company, 80), id,
			why, held, id, id))
	}
	return nil
}

// wrapText breaks s into lines of at most width runes at spaces (a word longer stays whole).
func wrapText(s string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(s) {
		l := len([]rune(w))
		if i > 0 && n+1+l > width {
			b.WriteString("\n")
			n = 0
		} else if i > 0 {
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += l
	}
	return b.String()
}

// heldUntil is the latest hold on a contact's check-ins.
func heldUntil(h policy.History, contactID int64) time.Time {
	var t time.Time
	for _, x := range h.Holds {
		if x.ContactID == contactID && x.Until.After(t) {
			t = x.Until
		}
	}
	return t
}

// seemsToSay is what the strangers' notice says an unproven reply seems to say.
var seemsToSay = map[outcome.Kind]string{
	outcome.Offer: "an offer", outcome.Rejection: "not this time", outcome.NextRound: "another round",
	outcome.Question: "a question", outcome.Logistics: "logistics", outcome.Other: "something (a reply)",
}

// tellStranger adds item to the one notice an hour about mail a stranger can cause.
func (a *Assistant) tellStranger(ctx context.Context, item string) {
	n, stamp, err := a.strangersNotice()
	if err != nil {
		a.Logger.Error("notice", "text", "strangers", "err", err)
		return
	}
	if _, err := a.Store.EnqueueListed(ctx, n, wrapText(stamp+": "+item, 90), false); err != nil {
		a.Logger.Error("strangers' notice not queued", "err", err)
		return
	}
	a.wake()
}

// strangersNotice is a new notice of mail strangers can cause, before its items (see
// store.EnqueueListed), and the stamp an item put in it now begins with.
func (a *Assistant) strangersNotice() (n store.Outgoing, stamp string, err error) {
	subject, body, err := text("strangers", nil)
	n = store.Outgoing{Kind: store.KindNotice, ToOwner: true, Subject: "[followup] " + subject,
		Body: strings.TrimRight(body, "\n") + "\n\n-- \nfollowup\n", Key: store.StrangersKey,
		MessageID: mailer.NewMessageID(a.ownerDomain(), a.Now()), CreatedAt: a.Now()}
	return n, a.Now().In(a.Config.Owner.Location).Format("Mon 15:04"), err
}

// wrapLines wraps each line of s at width (wrapText), keeping its line breaks; an indented
// line is kept as it is.
func wrapLines(s string, width int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, " ") {
			lines[i] = wrapText(l, width)
		}
	}
	return strings.Join(lines, "\n")
}

// replied acts on a human reply from the company, at once, by what it says (outcome):
// every outcome stops the check-ins; an offer stops everything; a rejection ends the
// application and drafts a gracious answer asking for feedback (approved like any draft);
// an invitation to another round keeps the application active, waiting for the owner to
// record the round; a question or a note about logistics leaves the thank-yous still
// waiting for the owner's word (a courtesy still owed). The owner is told in every case,
// the outcome in the subject, also when the application had ended before.
func (a *Assistant) replied(ctx context.Context, m *inbox.Message, dec Decision) error {
	written := m.Text(32 << 10)
	read := outcome.Classify(m.Subject, inbox.OwnText(written))
	act := replyActions[read.Kind]
	for _, id := range dec.Apps {
		n, err := a.Store.Answered(ctx, id, store.Answer{Outcome: string(read.Kind), Status: act.status, Keep: act.keep,
			Invited: read.Kind == outcome.NextRound,
			Reason:  fmt.Sprintf("%s replied on %s%s", m.From, a.Now().In(a.Config.Owner.Location).Format("2006-01-02 15:04"), outcomeNoun[read.Kind])})
		ended := ""
		if errors.Is(err, store.ErrEnded) {
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
		var answerTo store.Contact // the writer of a rejection, answered when a contact
		if ended != "" {
			ended = statusWords(app)
		} else if read.Kind == outcome.Rejection {
			answerTo = rejectionWriter(app, m.From)
		}
		drafted := ""
		if answerTo.ID != 0 {
			drafted = address(answerTo)
		}
		var ask store.Invitation // the owner's answer "track TIME" records the next round
		if ended == "" && read.Kind == outcome.NextRound {
			if ask, err = a.nextRound(ctx, app, m); err != nil {
				return err
			}
		}
		a.Logger.Info("reply: acted on", "app", id, "from", m.From, "outcome", read.Kind, "cancelled", n)
		who := m.From
		if m.FromName != "" {
			who = m.FromName + " <" + m.From + ">"
		}
		data := struct {
			Who, WhoShort, Role, Company, Why, Subject, FirstLines string
			Outcome, Kind, Advice, ReadAs, Ended, Drafted, Zone    string
			Kept                                                   bool
			Cancelled                                              int
			AppID                                                  int64
		}{clean(who, 200), clean(who, 80), app.Role, app.Company, dec.Reason, quote(m.Subject), firstLines(written, 6),
			outcomeWords[read.Kind][0], string(read.Kind), outcomeWords[read.Kind][1], clean(strings.Join(read.Reasons, "; "), 300),
			ended, drafted, app.Interview.TZ, len(act.keep) > 0, n, id}
		if ask.Token != "" {
			subject, body, err := text("reply", data)
			if err != nil {
				return err
			}
			if err := a.ask(ctx, ask, subject, body); err != nil {
				return err
			}
		} else if read.Kind == outcome.Offer {
			a.tellWith(ctx, "", urgent, "reply", data)
		} else {
			a.tell(ctx, "", "reply", data)
		}
		if answerTo.ID != 0 {
			// After the notice that announces it, so that the owner reads them in that order.
			if err := a.answerRejection(ctx, app, answerTo, m); err != nil {
				return err
			}
		}
	}
	return nil
}

// outcomeNoun ends the status reason: "jane@acme.test replied on 2026-11-18 10:00, with an offer".
var outcomeNoun = map[outcome.Kind]string{
	outcome.Offer: ", with an offer", outcome.Rejection: ", with a rejection", outcome.NextRound: ", with an invitation to another round",
	outcome.Question: ", with a question", outcome.Logistics: ", about logistics",
}

// rejectionWriter is the contact who wrote a rejection, or none when the writer is not one
// (then the owner answers themself).
func rejectionWriter(app store.Application, from string) store.Contact {
	for _, c := range app.Contacts {
		if strings.EqualFold(c.Email, from) && !c.Undeliverable {
			return c
		}
	}
	return store.Contact{}
}

// replyActions is what each outcome does to the application: its status after (Active:
// unchanged), and the drafts it leaves standing.
var replyActions = map[outcome.Kind]struct {
	status policy.Status
	keep   []policy.Kind
}{
	outcome.Offer:     {policy.Offer, nil},
	outcome.Rejection: {policy.Rejected, nil},
	outcome.NextRound: {policy.Active, []policy.Kind{policy.ThankYou, policy.ThankCoordinator}},
	outcome.Question:  {policy.Replied, []policy.Kind{policy.ThankYou, policy.ThankCoordinator}},
	outcome.Logistics: {policy.Replied, []policy.Kind{policy.ThankYou, policy.ThankCoordinator}},
	outcome.Other:     {policy.Replied, nil},
}

// answerRejection drafts the answer to a rejection — thanks for the time, still interested
// in the company, a request for feedback — to its writer c, in the thread of their mail,
// and asks the owner to approve it.
func (a *Assistant) answerRejection(ctx context.Context, app store.Application, c store.Contact, m *inbox.Message) error {
	greeting, _ := mailer.Greeting(c.Name, c.Greeting, mailer.Salutation(a.Config.Policy.Salutation))
	subject, body, err := a.Renderer.Render(policy.RejectionReply, mailer.Data{Greeting: greeting, Owner: a.owner(), Signature: a.Config.Owner.Signature,
		Contact: mailer.NewPerson(c.Name, c.Email), Company: app.Company, Role: app.Role,
		InterviewWhen: mailer.When(app.Interview.Start.In(app.Zone(c, a.Config.Owner.Location)))})
	if err != nil {
		return err
	}
	msg := store.Message{AppID: app.ID, ContactID: c.ID, Kind: policy.RejectionReply, Due: a.Now(), Rule: "an answer to their rejection",
		Subject: subject, Body: body}
	if safeMsgID(m.MessageID) {
		// In their thread, under their subject. Their References are theirs to write:
		// only well-formed ones, the last ten.
		if subj := clean(m.Subject, 200); subj != "" {
			msg.Subject = mailer.ReplySubject(subj)
		}
		var refs []string
		for _, r := range m.References {
			if safeMsgID(r) {
				refs = append(refs, "<"+r+">")
			}
		}
		msg.InReplyTo = m.MessageID
		msg.References = mailer.ThreadReferences(strings.Join(refs[max(0, len(refs)-10):], " "), m.MessageID)
	}
	id, created, err := a.Store.AddMessage(ctx, msg)
	if err != nil || !created {
		return err
	}
	a.Logger.Info("drafted", "draft", id, "app", app.ID, "kind", policy.RejectionReply, "to", c.Email)
	return a.RequestApproval(ctx, id)
}

// safeMsgID reports whether id (without its angle brackets) can go in a header as it is.
func safeMsgID(id string) bool {
	if id == "" || len(id) > 250 || !strings.Contains(id, "@") {
		return false
	}
	for _, r := range id {
		if r <= ' ' || r >= 0x7f || r == '<' || r == '>' || r == '"' || r == '\\' {
			return false
		}
	}
	return true
}

// outcomeWords are what the reply notice says of each outcome: the subject's opening, and
// the advice.
var outcomeWords = map[outcome.Kind][2]string{
	outcome.Offer:     {"URGENT, an offer", "It reads as an offer: answer today, and take your time to decide."},
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

package assistant

import (
	"context"
	"errors"
	"fmt"
	goldenfile "github.com/followupd/followup/internal/golden"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// golden compares got with testdata/texts/name.golden (or writes it, with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "texts", name+".golden"), got, false)
}

// tokens are random; the golden files show them as TOKEN.
var tokenPattern = regexp.MustCompile(`[a-z2-7]{26}`)

// textsWorld is an offline assistant on a fixed Wednesday morning in Berlin with one
// application: Backend Engineer at Acme, interviewed yesterday by Jane Doe and by
// someone known by address only, arranged by Sam Lee.
type textsWorld struct {
	a   *Assistant
	app store.Application
	now time.Time
	uid uint32 // of the last message handled
}

func newTextsWorld(t *testing.T) *textsWorld {
	t.Helper()
	a := offline(t)
	w := &textsWorld{a: a, now: time.Date(2026, 11, 18, 10, 0, 0, 0, a.Config.Owner.Location)}
	a.Now = func() time.Time { return w.now }
	now := w.now
	a.Config.Approval.Required, a.Config.Approval.Confirm = true, true
	ctx := context.Background()
	id, err := a.Store.AddApplication(ctx, store.Application{Company: "Acme", Role: "Backend Engineer", CompanyDomain: "acme.test",
		Interview: store.Interview{Start: now.Add(-20 * time.Hour), Length: time.Hour, TZ: "Europe/Berlin",
			KeyPoints: "the queue redesign; their on-call rotation", Fit: "five years of building Go services"},
		Contacts: []store.Contact{
			{Name: "Jane Doe", Email: "jane@acme.test", Role: policy.Interviewer},
			{Email: "r.patel@acme.test", Role: policy.Interviewer},
			{Name: "Sam Lee", Email: "sam@acme.test", Role: policy.Coordinator},
		}})
	if err != nil {
		t.Fatal(err)
	}
	app, err := a.Store.Application(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	w.app = app
	return w
}

// queued returns the mail queued for the owner since the last call, as the owner reads it.
func (w *textsWorld) queued(t *testing.T) []string {
	t.Helper()
	return drainOwnerMail(t, w.a, w.now.Add(time.Hour))
}

// one returns the one mail queued since the last call.
func (w *textsWorld) one(t *testing.T) string {
	t.Helper()
	q := w.queued(t)
	if len(q) != 1 {
		t.Fatalf("%d mails queued for the owner, want 1:\n%s", len(q), strings.Join(q, "\n=====\n"))
	}
	return q[0]
}

func (w *textsWorld) handle(t *testing.T, raw string) {
	t.Helper()
	m, err := inbox.Parse([]byte(strings.ReplaceAll(verified(raw), "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	w.uid++
	m.Folder, m.UIDValidity, m.UID = "INBOX", 1, w.uid
	if _, err := w.a.Handle(context.Background(), m, nil); err != nil {
		t.Fatal(err)
	}
}

// draft returns the draft to contact i of kind.
func (w *textsWorld) draft(t *testing.T, kind policy.Kind, i int) store.Message {
	t.Helper()
	msgs, err := w.a.Store.Messages(context.Background(), store.MessageFilter{AppID: w.app.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Kind == kind && m.ContactID == w.app.Contacts[i].ID {
			return m
		}
	}
	t.Fatalf("no %s draft to contact %d", kind, i)
	return store.Message{}
}

// answer is the owner's reply to a draft's approval request.
func (w *textsWorld) answer(m store.Message, body string) string {
	return fmt.Sprintf("From: Alice Example <alice@owner.test>\nTo: alice@owner.test\nSubject: Re: [followup %s] Approve: thank-you\n"+
		"Message-ID: <answer-%d-%d@owner.test>\nIn-Reply-To: <%s>\nDate: Wed, 18 Nov 2026 10:05:00 +0100\n\n%s\n", m.Token, m.ID, len(body), m.ApprovalID, body)
}

// TestTexts_Golden renders every text followup writes to its owner through the use case
// that writes it, over realistic inputs (and hostile ones where a stranger supplies them),
// and compares them with testdata/texts. Read the golden files when they change: they are
// what the owner reads.
func TestTexts_Golden(t *testing.T) {
	ctx := context.Background()
	w := newTextsWorld(t)
	if _, err := w.a.Plan(ctx); err != nil {
		t.Fatal(err)
	}
	requests := w.queued(t)
	if len(requests) != 3 {
		t.Fatalf("%d approval requests, want 3 (two thank-yous and the coordinator's)", len(requests))
	}
	golden(t, "approval", requests[0])
	golden(t, "approval-address-only", requests[1])

	jane := w.draft(t, policy.ThankYou, 0)
	w.handle(t, w.answer(jane, "maybe later?"))
	golden(t, "not_understood", w.one(t))

	w.handle(t, w.answer(jane, "skip"))
	golden(t, "confirm-skip", w.one(t))

	// A stranger answers with a stolen token, from a display name that decodes to a
	// header line and a subject full of control characters.
	raj := w.draft(t, policy.ThankYou, 1)
	w.handle(t, fmt.Sprintf("From: =?utf-8?q?Alice=0D=0ABcc:_everyone@evil.test?= <bob@other.test>\nTo: alice@owner.test\n"+
		"Subject: =?utf-8?q?Re:_[followup_%s]_send=07=1B[2J?=\nMessage-ID: <stranger@other.test>\n\nsend\n", raj.Token))
	golden(t, "strangers-refused", w.one(t))

	w.handle(t, "From: =?utf-8?q?Jane_Doe_=C3=81lvarez?= <jane@acme.test>\nTo: alice@owner.test\nSubject: =?utf-8?q?Re:_our_conversation=0D=0ABcc:_everyone@evil.test?=\n"+
		"Message-ID: <reply-1@acme.test>\nDate: Wed, 18 Nov 2026 09:58:00 +0100\n\n"+
		"Hi Alice,\n\nthanks for coming in yesterday. We would like you to meet the team lead next week.\n"+
		"Could you send me two or three times that work for you?\n\nBest,\nJane\n\n> On Tue, Alice wrote:\n> Thank you\n")
	golden(t, "reply", w.one(t))

	// An invitation to another round leaves the thank-yous to the owner: the coordinator's
	// thanks goes when approved.
	sam := w.draft(t, policy.ThankCoordinator, 2)
	w.handle(t, w.answer(sam, "send"))
	if m := w.draft(t, policy.ThankCoordinator, 2); m.State != store.Approved {
		t.Errorf("the coordinator's thanks after an invitation to another round is %s, want approved", m.State)
	}
	w.queued(t)

	// The digest after all that: a thank-you skipped, one waiting, a reply, a refused send.
	dg, err := w.a.BuildDigest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "digest", dg.Text(w.a.Config.Owner.Location))
	html, err := dg.HTML(w.a.Config.Owner.Location)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "digest-html", html)

	// An out-of-office reply from a US sender naming a return date half a year away: the
	// hold is capped, and the owner told.
	w5 := newTextsWorld(t)
	w5.handle(t, "From: Jane Doe <jane@acme.test>\nTo: alice@owner.test\nSubject: Out of office\nAuto-Submitted: auto-replied\n"+
		"Message-ID: <ooo-1@acme.test>\nDate: Wed, 18 Nov 2026 04:00:00 -0500\n\nI am out of the office until 05/30 with limited access to email.\n")
	golden(t, "hold_capped", w5.one(t))

	// After a stop the interviewer writes with an offer: still reported, and urgent.
	w6 := newTextsWorld(t)
	if _, err := w6.a.Store.SetStatus(ctx, w6.app.ID, policy.Stopped, "stopped by the owner"); err != nil {
		t.Fatal(err)
	}
	w6.queued(t)
	w6.handle(t, "From: Jane Doe <jane@acme.test>\nTo: alice@owner.test\nSubject: Great news\nMessage-ID: <offer-1@acme.test>\n\n"+
		"Hi Alice,\n\nwe are delighted to offer you the position of Backend Engineer. The offer letter follows.\n\nJane\n")
	golden(t, "reply-after-stop-offer", w6.one(t))

	// Replies that say other things, each to a fresh application with its three requests out.
	fresh := func() *textsWorld {
		w := newTextsWorld(t)
		if _, err := w.a.Plan(ctx); err != nil {
			t.Fatal(err)
		}
		w.queued(t)
		return w
	}
	// A plain warm reply stops everything; the owner's "send" afterwards is refused.
	w7 := fresh()
	w7.handle(t, "From: Jane Doe <jane@acme.test>\nTo: alice@owner.test\nSubject: Re: Thank you\nMessage-ID: <warm-1@acme.test>\n\n"+
		"Hi Alice,\n\nlovely to meet you too, and thanks for the kind words.\n\nJane\n")
	golden(t, "reply-other", w7.one(t))
	sam = w7.draft(t, policy.ThankCoordinator, 2)
	w7.handle(t, w7.answer(sam, "send"))
	golden(t, "not_sent", w7.one(t))

	// The coordinator's note about travel receipts keeps the thank-yous to the interviewers.
	w8 := fresh()
	w8.handle(t, "From: Sam Lee <sam@acme.test>\nTo: alice@owner.test\nSubject: Your travel expenses\nMessage-ID: <receipts-1@acme.test>\n\n"+
		"Hi Alice,\n\nthanks for coming in. Please send me your train tickets and hotel receipts by Friday so we can reimburse you.\n\nSam\n")
	golden(t, "reply-logistics", w8.one(t))

	// An offer on an active application: urgent, everything stopped.
	w9 := fresh()
	w9.handle(t, "From: Jane Doe <jane@acme.test>\nTo: alice@owner.test\nSubject: Offer\nMessage-ID: <offer-2@acme.test>\n\n"+
		"Dear Alice,\n\nI am delighted to offer you the position of Backend Engineer at Acme. You will receive the offer letter by email tomorrow.\n\nJane\n")
	golden(t, "reply-offer", w9.one(t))

	// A rejection: the notice, then the approval request of the answer drafted for it.
	w10 := fresh()
	w10.handle(t, "From: Jane Doe <jane@acme.test>\nTo: alice@owner.test\nSubject: Your application\nMessage-ID: <no-1@acme.test>\n\n"+
		"Dear Alice,\n\nthank you for your time. After careful consideration we have decided to move forward with other candidates "+
		"whose experience more closely matches our needs.\n\nKind regards,\nJane\n")
	q := w10.queued(t)
	if len(q) != 2 {
		t.Fatalf("after a rejection %d mails to the owner, want the notice and an approval request:\n%s", len(q), strings.Join(q, "\n=====\n"))
	}
	golden(t, "reply-rejection", q[0])
	golden(t, "approval-rejection_reply", q[1])
	if m := w10.draft(t, policy.RejectionReply, 0); m.InReplyTo != "no-1@acme.test" || m.Subject != "Re: Your application" {
		t.Errorf("the answer to the rejection is not in its thread: In-Reply-To %q, Subject %q", m.InReplyTo, m.Subject)
	}

	w2 := newTextsWorld(t)
	// A delivery report counts only for a mail followup sent: the thank-you to Raj.
	sentID, _, err := w2.a.Store.AddMessage(ctx, store.Message{AppID: w2.app.ID, ContactID: w2.app.Contacts[1].ID, Kind: policy.ThankYou, Due: w2.now})
	if err != nil {
		t.Fatal(err)
	}
	w2.a.Store.DB().Exec(`UPDATE messages SET message_id = 'sent-1@owner.test', state = 'sent' WHERE id = ?`, sentID)
	w2.handle(t, "From: Mail Delivery System <MAILER-DAEMON@mx.acme.test>\nTo: alice@owner.test\nSubject: Undelivered Mail Returned to Sender\n"+
		"Message-ID: <bounce-1@mx.acme.test>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"+
		"--b\nContent-Type: text/plain\n\nThe mail system could not deliver your message.\n\n"+
		"--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.acme.test\n\n"+
		"Final-Recipient: rfc822; r.patel@acme.test\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 no such user\n\n"+
		"--b\nContent-Type: text/rfc822-headers\n\nFrom: Alice Example <alice@owner.test>\nTo: r.patel@acme.test\nMessage-ID: <sent-1@owner.test>\nSubject: Thank you\n\n--b--\n")
	golden(t, "bounce", w2.one(t))

	m, err := inbox.Parse([]byte("From: =?utf-8?q?x=0Ay?= <x@spam.test>\r\nSubject: =?utf-8?q?You_won=0D=0A?=\r\nMessage-ID: <deep@spam.test>\r\n\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	m.Folder = "INBOX"
	if _, err := w2.a.Skip(ctx, m, fmt.Errorf("%w: MIME nested deeper than 20 levels", inbox.ErrUnreadable)); err != nil {
		t.Fatal(err)
	}
	golden(t, "strangers-unreadable", w2.one(t))
	w2.a.Stuck(ctx, m, inbox.StuckAfter, errors.New("handle uid 7: application 3: no such table: interviews"))
	golden(t, "stuck", w2.one(t))

	w2.a.SendFailed(ctx, w2.app, store.Message{ID: 7, Kind: policy.ThankYou, ContactID: w2.app.Contacts[0].ID},
		"550 5.1.1 <jane@acme.test>: Recipient address rejected: User unknown in virtual mailbox table\r\nBcc: x")
	golden(t, "send_failed", w2.one(t))

	w3 := newTextsWorld(t)
	if _, err := w3.a.Plan(ctx); err != nil {
		t.Fatal(err)
	}
	w3.queued(t)
	jane = w3.draft(t, policy.ThankYou, 0)
	// A new text comes back to be confirmed; a text with a line of the request is not taken.
	w3.handle(t, w3.answer(jane, "send\n\nDear Jane,\n\nthank you for yesterday: the whiteboard session on the queue redesign was the best part of my week.\n\nAlice"))
	golden(t, "approval-confirm", w3.one(t))
	jane = w3.draft(t, policy.ThankYou, 0)
	w3.handle(t, w3.answer(jane, "send\n\nDear Jane,\nthanks!\n  Goes out: Wed 18 Nov 2026 10:00 CET, once you approve it"))
	golden(t, "text_refused", w3.one(t))
	w3.handle(t, w3.answer(jane, "send"))
	golden(t, "confirm-send", w3.one(t))
	if m := w3.draft(t, policy.ThankYou, 0); !strings.Contains(m.Body, "whiteboard session") || m.State != store.Approved {
		t.Errorf("after the confirmation the draft is %s:\n%s", m.State, m.Body)
	}
	w3.a.SendRefused(ctx, w3.app, jane, "it contains a quoted line (\"> Dear Jane,\")")
	golden(t, "send_refused", w3.one(t))

	// Four days after the interview the thank-yous still waiting are dropped, and the owner told.
	w4 := newTextsWorld(t)
	if _, err := w4.a.Plan(ctx); err != nil {
		t.Fatal(err)
	}
	w4.queued(t)
	w4.now = w4.now.Add(4 * 24 * time.Hour)
	if _, err := w4.a.Plan(ctx); err != nil {
		t.Fatal(err)
	}
	dropped := w4.queued(t)
	if len(dropped) != 3 {
		t.Fatalf("%d notices after the expiry, want 3 (one per thank-you)", len(dropped))
	}
	golden(t, "thank_you_dropped", dropped[0])
	for _, to := range []store.State{store.Sending, store.Unknown} {
		if _, err := w3.a.Store.Transition(ctx, jane.ID, nil, to, func(m *store.Message) {
			m.LastError, m.Token, m.ApprovalID = "the connection was lost after the message was handed to the server", "", ""
		}); err != nil {
			t.Fatal(err)
		}
	}
	jane = w3.draft(t, policy.ThankYou, 0)
	if err := w3.a.RequestApproval(ctx, jane.ID); err != nil {
		t.Fatal(err)
	}
	golden(t, "approval-unknown", w3.one(t))
}

// TestTexts_MoveOn: the move-on notice counts the check-ins in words that agree.
func TestTexts_MoveOn(t *testing.T) {
	for _, n := range []int{1, 3} {
		subject, body, err := text("move_on", struct {
			Role, Company string
			CheckIns      int
		}{"Backend Engineer", "Acme", n})
		if err != nil {
			t.Fatal(err)
		}
		golden(t, fmt.Sprintf("move_on-%d", n), "Subject: "+subject+"\n\n"+body)
	}
}

// TestTexts_AllRendered: every template has a golden file, so none reaches the owner unread.
func TestTexts_AllRendered(t *testing.T) {
	files, _ := filepath.Glob("texts/*.tmpl")
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".tmpl")
		if m, _ := filepath.Glob(filepath.Join("testdata", "texts", name+"*.golden")); len(m) == 0 {
			t.Errorf("%s has no golden file", f)
		}
	}
}

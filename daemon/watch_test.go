package daemon

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/assistant"
	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// threadToJane is a running harness with one application (no coordinator's thanks) and
// its thank-you to jane sent: the thread the watch tests answer in.
func threadToJane(t *testing.T) (*harness, store.Application, store.Message) {
	t.Helper()
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	app := h.addApp()
	h.start()
	return h, app, h.sendThankYou(app, jane)
}

// sendThankYou gets app's thank-you to email approved and sent, and returns it as stored.
func (h *harness) sendThankYou(app store.Application, email string) store.Message {
	h.t.Helper()
	_, draft := h.approval(app, policy.ThankYou, email)
	if _, _, err := assistant.Approve(context.Background(), h.st, h.cfg.Rules, h.clock.Now(), draft.ID, ""); err != nil {
		h.t.Fatal(err)
	}
	h.d.Kick()
	h.waitUntil(20*time.Second, "the thank-you to be sent", func() bool { return h.state(draft.ID) == store.Sent })
	m, _ := h.st.Message(context.Background(), draft.ID)
	return m
}

// queueCheckIn moves the clock a week on and waits for the check-in to await approval.
func (h *harness) queueCheckIn(app store.Application, email string) store.Message {
	h.t.Helper()
	h.clock.Advance(8 * 24 * time.Hour)
	h.d.Kick()
	_, draft := h.approval(app, policy.CheckIn, email)
	return draft
}

// mail delivers a message from another server's user to the owner through Postfix.
func (h *harness) mail(from, subject, body string, headers ...string) string {
	h.t.Helper()
	id := fmt.Sprintf("m-%d-%d@%s", time.Now().UnixNano(), uniq.Add(1), policy.Domain(from))
	raw := "From: " + from + "\r\nTo: " + owner + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + id + ">\r\nDate: " +
		h.clock.Now().Format(time.RFC1123Z) + "\r\n" + strings.Join(append(headers, ""), "\r\n") + "\r\n" + body + "\r\n"
	h.s.Inject(h.t, from, []string{owner}, []byte(raw))
	return id
}

func (h *harness) status(app store.Application) policy.Status {
	a, err := h.st.Application(context.Background(), app.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	return a.Status
}

// TestDaemon_ReplyStopsFollowUps: a reply from the interviewer, from a colleague at the
// company's domain, or in the thread from another address stops the application at once
// and cancels its queued check-in; mail from an unrelated sender does not.
func TestDaemon_ReplyStopsFollowUps(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	h.start()
	tests := []struct {
		name    string
		send    func(app store.Application, sent store.Message) string
		replied bool
	}{
		{"from the interviewer", func(app store.Application, _ store.Message) string {
			return h.mail(jane, "Re: Thank you", "Hi Alice,\n\nThanks, lovely to meet you too!\n\nJane")
		}, true},
		{"from a colleague at the company's domain", func(app store.Application, _ store.Message) string {
			return h.mail("pat@acme.test", "Next steps", "Hello Alice, I'm Pat from Acme HR.")
		}, true},
		{"in the thread, from another address", func(app store.Application, sent store.Message) string {
			return h.mail(bob, "Re: Thank you", "Jane forwarded me your note.", "In-Reply-To: <"+sent.MessageID+">", "References: <"+sent.MessageID+">")
		}, true},
		{"from an unrelated sender", func(app store.Application, _ store.Message) string {
			return h.mail(bob, "Lunch?", "Are you free on Friday?")
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			app := h.addApp()
			sent := h.sendThankYou(app, jane)
			check := h.queueCheckIn(app, jane)
			id := tc.send(app, sent)
			kind := h.handled(id)
			if tc.replied {
				if !strings.HasPrefix(kind, "reply: ") {
					t.Fatalf("taken as %q, want a reply", kind)
				}
				if s := h.status(app); s != policy.Replied {
					t.Errorf("application is %s, want replied", s)
				}
				if s := h.state(check.ID); s != store.Cancelled {
					t.Errorf("the queued check-in is %s, want cancelled", s)
				}
				h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
					return strings.Contains(decode(r.Header("Subject")), "replied: Backend Engineer at "+app.Company)
				})
				// A "send" for its draft that arrives later is refused, and the owner told.
				req, _ := h.approvalRaw(check)
				cmd := h.reply(owner, req, "send")
				if got := h.handled(cmd); !strings.Contains(got, "refused: application replied") {
					t.Errorf("a later send was taken as %q", got)
				}
			} else {
				if !strings.HasPrefix(kind, "other: ") {
					t.Errorf("taken as %q, want other", kind)
				}
				if s := h.status(app); s != policy.Active {
					t.Errorf("application is %s, want active", s)
				}
				if s := h.state(check.ID); s != store.AwaitingApproval {
					t.Errorf("check-in is %s", s)
				}
				h.st.SetStatus(context.Background(), app.ID, policy.Stopped, "test done")
			}
			// The clock stays where it is: moved back, a pass that began before would plan
			// the next case's interview from a week ahead, past its thank-you's expiry.
		})
	}
}

// approvalRaw finds the approval request of a draft in the owner's INBOX.
func (h *harness) approvalRaw(draft store.Message) (mailstack.Raw, bool) {
	h.t.Helper()
	r := h.s.WaitFor(h.t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return r.Header("Message-ID") == "<"+draft.ApprovalID+">"
	})
	return r, true
}

// TestDaemon_VacationAutoReply: a Sieve vacation reply from the interviewer is not a reply;
// it holds the next check-in until one business day after the return date it names.
func TestDaemon_VacationAutoReply(t *testing.T) {
	h := newHarness(t)
	h.onServersClock() // the vacation reply is Dovecot's, dated by its clock
	h.cfg.Rules.ThankCoordinator = false
	back := h.clock.Now().AddDate(0, 0, 20)
	h.s.SetVacation(t, jane, "Out of office", "I am out of the office until "+back.Format("2 January 2006")+" with limited access to email.")
	app := h.addApp()
	h.start()
	sent := h.sendThankYou(app, jane)
	var kind string
	h.waitUntil(30*time.Second, "the vacation reply to be handled", func() bool {
		row := h.st.DB().QueryRow(`SELECT kind FROM inbound WHERE from_addr = ? AND kind = 'auto_reply' AND received_at >= ?`, jane, store.FormatTime(sent.SentAt))
		return row.Scan(&kind) == nil
	})
	if s := h.status(app); s != policy.Active {
		t.Fatalf("a vacation reply stopped the application: %s", s)
	}
	hist, err := h.st.History(context.Background(), app.ID)
	if err != nil || len(hist.Holds) != 1 {
		t.Fatalf("holds = %+v, %v", hist.Holds, err)
	}
	loc := h.cfg.Owner.Location
	wantHold := policy.AddBusinessDays(time.Date(back.Year(), back.Month(), back.Day(), 0, 0, 0, 0, loc), 1)
	if !hist.Holds[0].Until.Equal(wantHold) {
		t.Errorf("hold until %s, want %s (one business day after %s)", hist.Holds[0].Until, wantHold, back.Format("2006-01-02"))
	}
	a, _ := h.st.Application(context.Background(), app.ID)
	plan := policy.Compute(h.cfg.Rules, a.PolicyFacts(), hist)
	for _, act := range plan.Actions {
		if act.Kind == policy.CheckIn && act.Due.Before(wantHold) {
			t.Errorf("check-in %d due %s, before the interviewer is back", act.Seq, act.Due)
		}
	}
}

// TestDaemon_TicketNotice: a ticket system's notice that the request was resolved (Request
// Tracker's Resolved template, in the thread, from the interviewer's address, delivered by
// Postfix to Dovecot) is no reply: the application stays active. A person's answer in that
// thread ("Re: [tag #N] Resolved: …") is one and stops it.
func TestDaemon_TicketNotice(t *testing.T) {
	h, app, sent := threadToJane(t)
	thread := []string{"In-Reply-To: <" + sent.MessageID + ">", "References: <" + sent.MessageID + ">"}
	notice := h.mail(jane, "[acme.test #33575] Resolved: Thank you", "According to our records, your request has been resolved. If you have any\r\nfurther questions or concerns, please respond to this message.", thread...)
	if got := h.handled(notice); strings.HasPrefix(got, "reply: ") {
		t.Fatalf("a ticket system's notice taken as %q", got)
	}
	if s := h.status(app); s != policy.Active {
		t.Fatalf("a ticket system's notice stopped the application: %s", s)
	}
	answer := h.mail(jane, "Re: [acme.test #33575] Resolved: Thank you", "Thanks for your note, Alice. We will be in touch next week.", thread...)
	if got := h.handled(answer); !strings.HasPrefix(got, "reply: ") {
		t.Fatalf("a person's answer in the ticket's thread taken as %q", got)
	}
	if s := h.status(app); s != policy.Replied {
		t.Errorf("a person's answer did not stop the follow-ups: %s", s)
	}
}

// TestDaemon_Bounce: a real bounce from Postfix (unknown user) marks the contact
// undeliverable, cancels what was queued for it, and tells the owner.
func TestDaemon_Bounce(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	app := h.addApp(store.Contact{Name: "No Body", Email: "nobody@acme.test", Role: policy.Interviewer})
	h.start()
	h.sendThankYou(app, "nobody@acme.test")
	h.waitUntil(30*time.Second, "the contact to be marked undeliverable", func() bool {
		a, _ := h.st.Application(context.Background(), app.ID)
		return a.Contacts[0].Undeliverable
	})
	h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return strings.Contains(decode(r.Header("Subject")), "Undeliverable: nobody@acme.test")
	})
	if s := h.status(app); s != policy.Active {
		t.Errorf("a bounce counted as a reply: %s", s)
	}
	a, _ := h.st.Application(context.Background(), app.ID)
	hist, _ := h.st.History(context.Background(), app.ID)
	if plan := policy.Compute(h.cfg.Rules, a.PolicyFacts(), hist); len(plan.Actions) != 0 {
		t.Errorf("still planned for an undeliverable contact: %+v", plan.Actions)
	}
}

// TestDaemon_Reconnect: Dovecot restarted while the daemon watches; a reply delivered
// during the outage is caught after it reconnects.
func TestDaemon_Reconnect(t *testing.T) {
	h, app, _ := threadToJane(t)
	var id string
	h.s.RestartIMAP(t, func() {
		id = h.mail(jane, "Re: Thank you", "Let's talk tomorrow.")
	})
	h.s.Flush(t)
	if got := h.handled(id); !strings.HasPrefix(got, "reply: ") {
		t.Fatalf("taken as %q", got)
	}
	if s := h.status(app); s != policy.Replied {
		t.Errorf("application is %s", s)
	}
}

// TestDaemon_CatchUpAfterStop: replies delivered while the daemon was stopped are caught
// when it starts again.
func TestDaemon_CatchUpAfterStop(t *testing.T) {
	h, app, _ := threadToJane(t)
	h.stop()
	id := h.mail(jane, "Re: Thank you", "We have news.")
	h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+id+">" })
	h.start()
	if got := h.handled(id); !strings.HasPrefix(got, "reply: ") {
		t.Fatalf("taken as %q", got)
	}
	if s := h.status(app); s != policy.Replied {
		t.Errorf("application is %s", s)
	}
}

// TestDaemon_OwnMail: the daemon's own sent mail and its approval requests are never taken
// for replies; a hand-written mail from the owner to the interviewer (in the Sent folder)
// is not a reply either, and pushes the next check-in back.
func TestDaemon_OwnMail(t *testing.T) {
	h, app, sent := threadToJane(t)
	// The copy in Sent is the daemon's own.
	h.waitUntil(20*time.Second, "the Sent copy to be seen", func() bool {
		k, _, _ := h.st.InboundKind(context.Background(), sent.MessageID)
		return k == "own"
	})
	// The approval request in the INBOX too.
	if k, _, _ := h.st.InboundKind(context.Background(), sent.ApprovalID); k != "own" {
		t.Errorf("the approval request was taken as %q", k)
	}
	handID := fmt.Sprintf("hand-%d@owner.test", time.Now().UnixNano())
	at := h.clock.Now()
	h.s.Append(t, owner, "Sent", []byte("From: Alice Example <alice@owner.test>\r\nTo: Jane Doe <jane@acme.test>\r\nSubject: One more thing\r\nMessage-ID: <"+
		handID+">\r\nDate: "+at.Format(time.RFC1123Z)+"\r\n\r\nHi Jane, I forgot to mention my portfolio.\r\n"))
	if got := h.handled(handID); !strings.HasPrefix(got, "other: the owner's own mail to a contact") {
		t.Fatalf("the owner's hand-written mail was taken as %q", got)
	}
	if s := h.status(app); s != policy.Active {
		t.Errorf("application is %s after the owner's own mail", s)
	}
	hist, _ := h.st.History(context.Background(), app.ID)
	a, _ := h.st.Application(context.Background(), app.ID)
	plan := policy.Compute(h.cfg.Rules, a.PolicyFacts(), hist)
	for _, act := range plan.Actions {
		if act.Kind == policy.CheckIn && act.Seq == 1 {
			if want := at.AddDate(0, 0, 7); act.Due.Before(want.Add(-time.Minute)) {
				t.Errorf("check-in due %s, want at least 7d after the owner's mail (%s)", act.Due, want)
			}
			if !strings.Contains(act.Rule, "owner's own mail") {
				t.Errorf("rule %q does not say why", act.Rule)
			}
		}
	}
}

// TestDaemon_UIDValidityRescan: when a folder's UIDVALIDITY no longer matches the stored
// cursor, the folder is read again from a date, and a Message-ID already acted on is not
// acted on twice.
func TestDaemon_UIDValidityRescan(t *testing.T) {
	h := newHarness(t)
	h.onServersClock() // the rescan searches by the server's INTERNALDATE
	h.cfg.Rules.ThankCoordinator = false
	// The rescan reads the mail every earlier test left in the shared mailbox; with
	// testclock.Env their Date fields are a year ahead, so old replies of Jane's read as
	// written after this application ended, and are reported: no sending limit may hold
	// the queue this test waits to see empty.
	h.cfg.SMTP.MaxPerHour, h.cfg.SMTP.MaxPerDay = 100000, 100000
	app := h.addApp()
	h.start()
	h.sendThankYou(app, jane)
	id := h.mail(jane, "Re: Thank you", "See you Monday.")
	if got := h.handled(id); !strings.HasPrefix(got, "reply: ") {
		t.Fatalf("taken as %q", got)
	}
	notice := func(r mailstack.Raw) bool {
		return strings.Contains(decode(r.Header("Subject")), "replied: Backend Engineer at "+app.Company)
	}
	h.s.WaitFor(t, owner, "INBOX", 20*time.Second, notice) // notices are queued, then sent
	h.stop()
	ctx := context.Background()
	cur, _ := h.st.Cursor(ctx, "INBOX")
	h.st.SetCursor(ctx, store.Cursor{Folder: "INBOX", UIDValidity: cur.UIDValidity + 1000, LastUID: 999999})
	h.start()
	h.waitUntil(20*time.Second, "the rescan to reset the cursor", func() bool {
		c, _ := h.st.Cursor(ctx, "INBOX")
		return c.UIDValidity == cur.UIDValidity && c.LastUID >= cur.LastUID && c.LastUID < 999999
	})
	// The reply was read again, and recognised: one notice to the owner, not two. (Every
	// notice queued has gone out, and Postfix has delivered all it took.)
	h.waitUntil(20*time.Second, "the notice queue to empty", func() bool {
		// (Strangers' mail an earlier test left in the mailbox waits for the next hour's notice.)
		owner, _, err := h.st.NextOutgoing(ctx)
		return err == nil && (owner.IsZero() || owner.After(h.clock.Now().Add(30*time.Minute)))
	})
	h.s.WaitQueueEmpty(t, 20*time.Second)
	notices := 0
	for _, r := range h.s.Messages(t, owner, "INBOX") {
		if notice(r) {
			notices++
		}
	}
	if notices != 1 {
		t.Errorf("%d reply notices for one reply", notices)
	}
	after, _ := h.st.Cursor(ctx, "INBOX")
	if after.UIDValidity != cur.UIDValidity {
		t.Errorf("cursor UIDVALIDITY %d, want the server's %d", after.UIDValidity, cur.UIDValidity)
	}
}

// TestDaemon_Polling: with IDLE switched off (imap.idle: false, as for a server without it)
// the watcher polls, and a reply is still caught.
func TestDaemon_Polling(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	off := false
	h.cfg.IMAP.IDLE = &off
	h.cfg.IMAP.Poll = 200 * time.Millisecond
	app := h.addApp()
	h.start()
	h.sendThankYou(app, jane)
	id := h.mail(jane, "Re: Thank you", "Polled, not pushed.")
	if got := h.handled(id); !strings.HasPrefix(got, "reply: ") {
		t.Fatalf("taken as %q", got)
	}
}

// TestDaemon_SentFoundBySpecialUse: with imap.sent_folder left empty, the folder the server
// marks \Sent is watched too, and the owner's own mail to a contact there is seen (before,
// an empty sent_folder watched no Sent folder at all, though the example said it did).
func TestDaemon_SentFoundBySpecialUse(t *testing.T) {
	h := newHarness(t)
	h.cfg.IMAP.SentFolder = ""
	h.s.Prime(t, h.st, owner, "Sent") // mail earlier tests left there is not news
	app := h.addApp()
	h.start()
	id := fmt.Sprintf("hand-%d@owner.test", time.Now().UnixNano())
	h.s.Append(t, owner, "Sent", []byte("From: Alice Example <alice@owner.test>\r\nTo: Jane Doe <jane@acme.test>\r\nSubject: One more thing\r\nMessage-ID: <"+
		id+">\r\nDate: "+h.clock.Now().Format(time.RFC1123Z)+"\r\n\r\nI forgot to mention my talk at GopherCon.\r\n"))
	if got := h.handled(id); !strings.HasPrefix(got, "other: the owner's own mail to a contact") {
		t.Errorf("the owner's mail in the Sent folder found by SPECIAL-USE was taken as %q", got)
	}
	if s := h.status(app); s != policy.Active {
		t.Errorf("application is %s after the owner's own mail", s)
	}
}

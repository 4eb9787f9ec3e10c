package daemon

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// notice waits for the owner's notice about a reply on app whose subject starts with prefix.
func (h *harness) notice(app store.Application, prefix string) mailstack.Raw {
	h.t.Helper()
	return h.s.WaitFor(h.t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		s := decode(r.Header("Subject"))
		return strings.HasPrefix(s, "[followup] "+prefix) && strings.Contains(s, app.Company)
	})
}

// TestDaemon_RejectionAnswered: the interviewer's rejection, written the way recruiters
// write them (never "rejected"), in the thread of the thank-you: the queued check-in is
// cancelled, the application is "rejected", and a short answer asking for feedback is drafted
// in the thread of the rejection; after the owner's "send" it reaches the interviewer, once.
func TestDaemon_RejectionAnswered(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	h.start()
	app := h.addApp()
	sent := h.sendThankYou(app, jane)
	check := h.queueCheckIn(app, jane)
	id := h.mail(jane, "=?utf-8?q?Re:_Thank_you_=E2=80=93_Backend_Engineer_interview?=",
		"Dear Alice,\n\nthank you for your patience. After careful consideration, we have decided to move forward with other candidates "+
			"whose experience more closely matches the role.\n\nWe wish you every success.\nJane",
		"In-Reply-To: <"+sent.MessageID+">", "References: <"+sent.MessageID+">")
	if got := h.handled(id); !strings.HasPrefix(got, "reply: ") {
		t.Fatalf("the rejection was taken as %q", got)
	}
	if s := h.status(app); s != policy.Rejected {
		t.Errorf("application is %s, want rejected", s)
	}
	if s := h.state(check.ID); s != store.Cancelled {
		t.Errorf("the check-in is %s, want cancelled", s)
	}
	if body := h.notice(app, "Not this time: ").Text(); !strings.Contains(body, "drafted a short answer to Jane Doe") {
		t.Errorf("the notice does not announce the answer:\n%s", body)
	}
	req, draft := h.approval(app, policy.RejectionReply, jane)
	if draft.InReplyTo != id {
		t.Errorf("the answer's In-Reply-To is %q, want the rejection's %q", draft.InReplyTo, id)
	}
	cmd := h.reply(owner, req, "send")
	if got := h.handled(cmd); !strings.HasPrefix(got, "command: send") {
		t.Fatalf("the owner's send was taken as %q", got)
	}
	h.waitUntil(20*time.Second, "the answer to be sent", func() bool { return h.state(draft.ID) == store.Sent })
	answer, _ := h.st.Message(context.Background(), draft.ID)
	got := h.s.WaitFor(t, jane, "INBOX", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+answer.MessageID+">" })
	if subj := decode(got.Header("Subject")); subj != "Re: Thank you – Backend Engineer interview" {
		t.Errorf("the answer's Subject = %q", subj)
	}
	if v := got.Header("In-Reply-To"); v != "<"+id+">" {
		t.Errorf("the answer's In-Reply-To = %q", v)
	}
	if body := got.Text(); !strings.Contains(body, "Dear Jane,") || !strings.Contains(body, "feedback") || !strings.Contains(body, "remain very interested") {
		t.Errorf("the answer:\n%s", body)
	}
	if n := h.copies(jane, answer.MessageID); n != 1 {
		t.Errorf("%d copies of the answer at the interviewer", n)
	}
}

// TestDaemon_LogisticsKeepsThankYous: the coordinator's note about travel receipts the
// morning after the interview stops the check-ins but not the thank-yous to the two
// interviewers still waiting for the owner: approved afterwards, both go out.
func TestDaemon_LogisticsKeepsThankYous(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	h.start()
	app := h.addApp(
		store.Contact{Name: "Jane Doe", Email: jane, Role: policy.Interviewer},
		store.Contact{Name: "Raj Patel", Email: raj, Role: policy.Interviewer},
		store.Contact{Name: "Sam Lee", Email: hr, Role: policy.Coordinator},
	)
	reqJane, draftJane := h.approval(app, policy.ThankYou, jane)
	reqRaj, draftRaj := h.approval(app, policy.ThankYou, raj)
	id := h.mail(hr, "Travel expenses", "Hi Alice,\n\nthanks again for coming in. Could you send me your train tickets and the hotel receipts? "+
		"We reimburse travel costs within two weeks.\n\nBest,\nSam")
	if got := h.handled(id); !strings.HasPrefix(got, "reply: ") {
		t.Fatalf("the note was taken as %q", got)
	}
	if body := h.notice(app, "Logistics: ").Text(); !strings.Contains(body, "Thank-yous still waiting for your word stay as they are") {
		t.Errorf("the notice:\n%s", body)
	}
	for _, d := range []store.Message{draftJane, draftRaj} {
		if s := h.state(d.ID); s != store.AwaitingApproval {
			t.Errorf("thank-you %d is %s after the note, want awaiting_approval", d.ID, s)
		}
	}
	for _, c := range []struct {
		req   mailstack.Raw
		draft store.Message
		to    string
	}{{reqJane, draftJane, jane}, {reqRaj, draftRaj, raj}} {
		cmd := h.reply(owner, c.req, "send")
		if got := h.handled(cmd); !strings.HasPrefix(got, "command: send") {
			t.Fatalf("send for %s taken as %q", c.to, got)
		}
		h.waitUntil(20*time.Second, "the thank-you to "+c.to, func() bool { return h.state(c.draft.ID) == store.Sent })
		m, _ := h.st.Message(context.Background(), c.draft.ID)
		h.s.WaitFor(t, c.to, "INBOX", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+m.MessageID+">" })
	}
	// No check-in is planned after the reply.
	h.clock.Advance(10 * 24 * time.Hour)
	h.d.Kick()
	if msgs, _ := h.st.Messages(context.Background(), store.MessageFilter{AppID: app.ID}); len(msgs) != 2 {
		t.Errorf("%d drafts after the note and ten days, want the 2 thank-yous", len(msgs))
	}
}

// TestDaemon_OfferUrgent: an offer stops everything automatic (the thank-you waiting for
// approval included), the application's status is "offer", and the notice is urgent.
func TestDaemon_OfferUrgent(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	h.start()
	app := h.addApp()
	req, draft := h.approval(app, policy.ThankYou, jane)
	id := h.mail(jane, "Good news", "Hi Alice,\n\nI am delighted to offer you the position of Backend Engineer. The written offer follows tomorrow.\n\nJane")
	if got := h.handled(id); !strings.HasPrefix(got, "reply: ") {
		t.Fatalf("the offer was taken as %q", got)
	}
	if s := h.status(app); s != policy.Offer {
		t.Errorf("application is %s, want offer", s)
	}
	if s := h.state(draft.ID); s != store.Cancelled {
		t.Errorf("the thank-you is %s, want cancelled", s)
	}
	n := h.notice(app, "URGENT, an offer: ")
	if !strings.Contains(n.Text(), `Its status is now "offer"`) || n.Header("Importance") != "high" {
		t.Errorf("the notice (Importance %q):\n%s", n.Header("Importance"), n.Text())
	}
	cmd := h.reply(owner, req, "send")
	if got := h.handled(cmd); !strings.Contains(got, "refused: application offer") {
		t.Errorf("a send after the offer was taken as %q", got)
	}
}

// TestDaemon_ReplyAfterStop: after the owner's stop, the interviewer's offer is still
// reported (it used to be "not about an application followup follows"), and nothing changes.
func TestDaemon_ReplyAfterStop(t *testing.T) {
	h := newHarness(t)
	h.onServersClock() // a reply is news when the server took it (INTERNALDATE) after the stop
	h.cfg.Rules.ThankCoordinator = false
	app := h.addApp()
	if _, err := h.st.SetStatus(context.Background(), app.ID, policy.Stopped, "stopped by the owner"); err != nil {
		t.Fatal(err)
	}
	h.start()
	id := h.mail(jane, "Offer", "Dear Alice,\n\nwe are pleased to extend an offer for the Backend Engineer role.\n\nJane")
	if got := h.handled(id); !strings.HasPrefix(got, "reply: ") {
		t.Fatalf("the reply after the stop was taken as %q", got)
	}
	body := h.notice(app, "URGENT, an offer: ").Text()
	if !strings.Contains(body, "followup was no longer following it: the application is stopped") {
		t.Errorf("the notice:\n%s", body)
	}
	if s := h.status(app); s != policy.Stopped {
		t.Errorf("application is %s, want stopped", s)
	}
}

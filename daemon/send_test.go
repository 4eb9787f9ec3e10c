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

func (h *harness) draftFor(app store.Application, kind policy.Kind, email string, states ...store.State) store.Message {
	h.t.Helper()
	var out store.Message
	h.waitUntil(20*time.Second, "a "+string(kind)+" draft to "+email, func() bool {
		msgs, _ := h.st.Messages(context.Background(), store.MessageFilter{AppID: app.ID})
		for _, m := range msgs {
			if m.Kind == kind && app.Contact(m.ContactID).Email == email {
				for _, s := range states {
					if m.State == s {
						out = m
						return true
					}
				}
			}
		}
		return false
	})
	return out
}

// TestDaemon_TemporaryFailureIsRetried: a 450 from Postfix leaves the message approved with
// a retry time; once the server accepts, it is delivered, once. A refusal of one recipient
// doesn't hold the queue: a message to someone else, due after it, goes meanwhile.
func TestDaemon_TemporaryFailureIsRetried(t *testing.T) {
	h := newHarness(t)
	h.cfg.Approval.Required = false
	h.cfg.Rules.ThankCoordinator = false
	h.s.SetAccess(t, "jane@acme.test 450 4.2.0 Mailbox busy, try again later")
	t.Cleanup(func() { h.s.SetAccess(t) })
	app := h.addApp()
	other := h.addApp(store.Contact{Name: "Raj Patel", Email: raj, Role: policy.Interviewer})
	h.start()
	var m store.Message
	h.waitUntil(30*time.Second, "a temporary failure", func() bool {
		msgs, _ := h.st.Messages(context.Background(), store.MessageFilter{AppID: app.ID})
		for _, x := range msgs {
			if x.Attempts >= 1 && strings.Contains(x.LastError, "450") {
				m = x
				return true
			}
		}
		return false
	})
	if m.State != store.Approved && m.State != store.Sending {
		t.Errorf("after a 450 the message is %s, want approved (waiting to retry)", m.State)
	}
	toRaj := h.draftFor(other, policy.ThankYou, raj, store.Sent, store.Approved)
	h.waitUntil(30*time.Second, "the message to another recipient to go meanwhile", func() bool { return h.state(toRaj.ID) == store.Sent })
	if s := h.state(m.ID); s == store.Sent {
		t.Fatalf("the refused message is %s before the server accepts it", s)
	}
	h.s.SetAccess(t)
	h.d.Kick()
	got := h.s.WaitFor(t, jane, "INBOX", 30*time.Second, func(r mailstack.Raw) bool {
		return r.Header("Message-ID") == "<"+m.MessageID+">"
	})
	_ = got
	h.waitUntil(10*time.Second, "the message to be sent", func() bool { return h.state(m.ID) == store.Sent })
	final, _ := h.st.Message(context.Background(), m.ID)
	if final.Attempts < 2 {
		t.Errorf("attempts = %d, want at least 2", final.Attempts)
	}
	n := 0
	for _, r := range h.s.Messages(t, jane, "INBOX") {
		if r.Header("Message-ID") == "<"+m.MessageID+">" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d copies delivered, want 1", n)
	}
}

// TestDaemon_PermanentFailureIsReported: a 550 marks the message failed and tells the owner.
func TestDaemon_PermanentFailureIsReported(t *testing.T) {
	h := newHarness(t)
	h.cfg.Approval.Required = false
	h.cfg.Rules.ThankCoordinator = false
	h.s.SetAccess(t, "pat@acme.test 550 5.1.1 No such user here")
	t.Cleanup(func() { h.s.SetAccess(t) })
	app := h.addApp(store.Contact{Name: "Pat Kim", Email: "pat@acme.test", Role: policy.Interviewer})
	h.start()
	m := h.draftFor(app, policy.ThankYou, "pat@acme.test", store.Failed)
	if !strings.Contains(m.LastError, "550") {
		t.Errorf("last error = %q", m.LastError)
	}
	h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return strings.Contains(decode(r.Header("Subject")), "Could not send: thank-you to Pat Kim") &&
			strings.Contains(string(r.Data), "No such user here")
	})
}

// TestDaemon_HeaderInjection: names, companies and subjects carrying CR/LF cannot add
// headers, neither to the follow-up nor to the approval request.
func TestDaemon_HeaderInjection(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	app := h.addApp(store.Contact{Name: "Jane\r\nBcc: bob@other.test\r\nX-Injected: name", Email: jane, Role: policy.Interviewer})
	if _, err := h.st.DB().Exec(`UPDATE applications SET role = ? WHERE id = ?`, "Engineer\r\nX-Injected: role\r\nBcc: bob@other.test", app.ID); err != nil {
		t.Fatal(err)
	}
	app, _ = h.st.Application(context.Background(), app.ID)
	h.start()
	req, draft := h.approval(app, policy.ThankYou, jane)
	h.reply(owner, req, "send")
	h.waitUntil(20*time.Second, "the thank-you to be sent", func() bool { return h.state(draft.ID) == store.Sent })
	sent, _ := h.st.Message(context.Background(), draft.ID)
	got := h.s.WaitFor(t, jane, "INBOX", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+sent.MessageID+">" })
	for _, raw := range []mailstack.Raw{req, got} {
		hdr, _, _ := strings.Cut(string(raw.Data), "\r\n\r\n")
		for _, line := range strings.Split(hdr, "\r\n") {
			if strings.HasPrefix(strings.ToLower(line), "x-injected") || strings.HasPrefix(strings.ToLower(line), "bcc") {
				t.Errorf("an injected header made it: %q\n%s", line, hdr)
			}
		}
	}
	if n := len(h.s.Messages(t, bob, "INBOX")); n != 0 {
		t.Errorf("bob received %d messages through an injected Bcc", n)
	}
}

// TestDaemon_RateLimit: with max_per_hour 1, the second due message waits.
func TestDaemon_RateLimit(t *testing.T) {
	h := newHarness(t)
	h.cfg.Approval.Required = false
	h.cfg.Rules.ThankCoordinator = false
	h.cfg.SMTP.MaxPerHour = 1
	a := h.addApp()
	b := h.addApp(store.Contact{Name: "Raj Patel", Email: raj, Role: policy.Interviewer})
	ctx := context.Background()
	if err := h.d.Tick(ctx, ctx); err != nil {
		t.Fatal(err)
	}
	ma := h.draftFor(a, policy.ThankYou, jane, store.Sent, store.Approved)
	mb := h.draftFor(b, policy.ThankYou, raj, store.Sent, store.Approved)
	states := []store.State{h.state(ma.ID), h.state(mb.ID)}
	if !(states[0] == store.Sent && states[1] == store.Approved || states[0] == store.Approved && states[1] == store.Sent) {
		t.Fatalf("states = %v, want one sent and one waiting", states)
	}
	if err := h.d.Tick(ctx, ctx); err != nil {
		t.Fatal(err)
	}
	if s := []store.State{h.state(ma.ID), h.state(mb.ID)}; s[0] != states[0] || s[1] != states[1] {
		t.Errorf("a second tick within the hour sent more: %v", s)
	}
	h.clock.Advance(61 * time.Minute)
	if err := h.d.Tick(ctx, ctx); err != nil {
		t.Fatal(err)
	}
	if h.state(ma.ID) != store.Sent || h.state(mb.ID) != store.Sent {
		t.Errorf("an hour later: %s, %s; want both sent", h.state(ma.ID), h.state(mb.ID))
	}
}

// TestDaemon_SMTPDown: with Postfix stopped, approved mail waits (the failed attempt
// recorded, nothing lost) and the queue waits as one: the messages behind the first are held,
// not tried one by one on backoffs of their own. When Postfix is back, each message goes out
// once, in the order it was due.
func TestDaemon_SMTPDown(t *testing.T) {
	h := newHarness(t)
	h.cfg.Approval.Required = false
	h.cfg.Rules.ThankCoordinator = false
	restart := h.s.StopPostfix(t)
	// Three interviewers (one person gets one email in 48 hours, whatever the application),
	// each interviewed a moment after the one before: due in this order.
	interviewers := []string{jane, raj, "pat@acme.test"}
	var apps []store.Application
	for _, to := range interviewers {
		apps = append(apps, h.addApp(store.Contact{Name: "Someone", Email: to, Role: policy.Interviewer}))
	}
	h.start()
	var ids []int64
	for i, app := range apps {
		var m store.Message
		h.waitUntil(30*time.Second, "the thank-you to be drafted and approved", func() bool {
			msgs, _ := h.st.Messages(context.Background(), store.MessageFilter{AppID: app.ID})
			for _, x := range msgs {
				if x.Kind == policy.ThankYou && (i > 0 || x.Attempts >= 1 && x.LastError != "") {
					m = x
					return true
				}
			}
			return false
		})
		if m.State != store.Approved && m.State != store.Sending {
			t.Fatalf("with SMTP down the message is %s, want approved (waiting to retry)", m.State)
		}
		ids = append(ids, m.ID)
	}
	// Several retries of the first go by while the others are held.
	h.waitUntil(30*time.Second, "a third attempt of the first message", func() bool {
		m, _ := h.st.Message(context.Background(), ids[0])
		return m.Attempts >= 3
	})
	for _, id := range ids[1:] {
		rows, _ := h.st.OutgoingFor(context.Background(), id)
		for _, r := range rows {
			if r.Kind == store.KindFollowUp && (r.Attempts != 0 || !r.NextAt.After(r.Due)) {
				t.Errorf("draft %d behind the first: %d attempts, next attempt %v (due %v); want none, held", id, r.Attempts, r.NextAt, r.Due)
			}
		}
	}
	restart()
	h.d.Kick()
	var sentAt []time.Time
	for i, id := range ids {
		h.waitUntil(30*time.Second, "the message to go out", func() bool { return h.state(id) == store.Sent })
		m, _ := h.st.Message(context.Background(), id)
		sentAt = append(sentAt, m.SentAt)
		// Sent means Postfix took it; its delivery to the mailbox follows.
		h.s.WaitFor(t, interviewers[i], "INBOX", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+m.MessageID+">" })
		h.s.WaitQueueEmpty(t, 20*time.Second)
		n := 0
		for _, r := range h.s.Messages(t, interviewers[i], "INBOX") {
			if r.Header("Message-ID") == "<"+m.MessageID+">" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("draft %d delivered %d times, want once", id, n)
		}
	}
	for i := 1; i < len(sentAt); i++ {
		if sentAt[i].Before(sentAt[i-1]) {
			t.Errorf("sent out of order: %v", sentAt)
		}
	}
}

// TestDaemon_UnknownAskedAtNextStart: a crash between the recovery (sending → unknown) and
// the question to the owner leaves an unknown message nobody asked about. The next start
// asks; an unknown message already asked about is not asked about again.
func TestDaemon_UnknownAskedAtNextStart(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	ctx := context.Background()
	var ids []int64
	for range 2 {
		app := h.addApp()
		id, _, err := h.st.AddMessage(ctx, store.Message{AppID: app.ID, ContactID: app.Contacts[0].ID, Kind: policy.ThankYou,
			Due: h.clock.Now(), Subject: "Thank you – " + app.Company, Body: "Thanks."})
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []store.State{store.Approved, store.Sending, store.Unknown} {
			if _, err := h.st.Transition(ctx, id, nil, st, nil); err != nil {
				t.Fatal(err)
			}
		}
		ids = append(ids, id)
	}
	// The second was asked about before the crash: it has its question's token.
	if _, err := h.st.Transition(ctx, ids[1], nil, store.Unknown, func(m *store.Message) { m.Token = "askedalreadyaskedalreadyaa" }); err != nil {
		t.Fatal(err)
	}
	h.start()
	// Draft ids repeat across the tests' stores, and the owner's mailbox is shared: the
	// question is found by its token, which the store keeps from the moment it is queued.
	var token string
	h.waitUntil(30*time.Second, "the question to be queued", func() bool {
		m, _ := h.st.Message(ctx, ids[0])
		token = m.Token
		return token != ""
	})
	asked := h.s.WaitFor(t, owner, "INBOX", 30*time.Second, func(r mailstack.Raw) bool {
		return strings.Contains(decode(r.Header("Subject")), "May have gone out") && strings.Contains(decode(r.Header("Subject")), token)
	})
	if m, _ := h.st.Message(ctx, ids[0]); m.State != store.Unknown || !strings.Contains(asked.Text(), fmt.Sprintf("followup approve %d,", ids[0])) {
		t.Errorf("after the question: %s, token %q", m.State, m.Token)
	}
	if m, _ := h.st.Message(ctx, ids[1]); m.Token != "askedalreadyaskedalreadyaa" {
		t.Errorf("the message already asked about was asked about again (token %q)", m.Token)
	}
}

// TestDaemon_GuardBeforeSMTP: defence in depth. A text that holds a quoted line of
// followup's own mail reaches the deliver loop (here approved straight from the store, as
// no answer parser would let it through): it is refused before SMTP, nothing reaches the
// interviewer, and the owner is told.
func TestDaemon_GuardBeforeSMTP(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	app := h.addApp()
	h.start()
	_, draft := h.approval(app, policy.ThankYou, jane)
	if _, _, err := assistant.Approve(context.Background(), h.st, h.cfg.Rules, h.clock.Now(), draft.ID,
		"Dear Jane,\n\nthanks!\n\n> [followup "+draft.Token+"] Approve: thank-you to Jane Doe"); err != nil {
		t.Fatal(err)
	}
	h.d.Kick()
	h.waitUntil(20*time.Second, "the draft to be refused", func() bool { return h.state(draft.ID) == store.Failed })
	h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return strings.Contains(decode(r.Header("Subject")), "[followup] Not sent: thank-you to Jane Doe") && strings.Contains(r.Text(), "must never reach an interviewer")
	})
	for _, r := range h.s.Messages(t, jane, "INBOX") {
		if strings.Contains(r.Text(), app.Company) || strings.Contains(r.Text(), draft.Token) {
			t.Fatalf("the refused text reached the interviewer:\n%s", r.Data)
		}
	}
}

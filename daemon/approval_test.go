package daemon

import (
	"fmt"
	"os"
	"slices"

	"context"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// TestDaemon_ApproveBySend: an interview recorded a few hours ago → an approval request for
// each interviewer lands in the owner's INBOX; the owner's "send", sent through Postfix,
// makes the thank-you arrive in the interviewer's mailbox with the right From, To, Subject
// and Message-ID; a later check-in is threaded to it.
func TestDaemon_ApproveBySend(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = true
	app := h.addApp(
		store.Contact{Name: "Jane Doe", Email: jane, Role: policy.Interviewer},
		store.Contact{Name: "Raj Patel", Email: raj, Role: policy.Interviewer},
		store.Contact{Name: "Sam Lee", Email: hr, Role: policy.Coordinator},
	)
	h.start()

	reqJane, draftJane := h.approval(app, policy.ThankYou, jane)
	_, draftRaj := h.approval(app, policy.ThankYou, raj)
	reqHR, _ := h.approval(app, policy.ThankCoordinator, hr)
	for _, r := range []mailstack.Raw{reqJane, reqHR} {
		if r.Header("Auto-Submitted") != "auto-generated" {
			t.Errorf("approval request lacks Auto-Submitted: auto-generated")
		}
		if !strings.Contains(string(r.Data), "send   send it as it is") {
			t.Errorf("approval request does not say how to answer:\n%s", r.Data)
		}
	}
	if subj := decode(reqJane.Header("Subject")); !strings.Contains(subj, "[followup "+draftJane.Token+"] Approve: thank-you to Jane Doe") {
		t.Errorf("approval subject = %q", subj)
	}

	cmdID := h.reply(owner, reqJane, "Send\n\nOn Tue, followup wrote:\n> skip\n")
	if got := h.handled(cmdID); !strings.HasPrefix(got, "command: send") {
		t.Fatalf("the owner's send was taken as %q", got)
	}
	h.waitUntil(20*time.Second, "the thank-you to be sent", func() bool { return h.state(draftJane.ID) == store.Sent })
	sent, _ := h.st.Message(context.Background(), draftJane.ID)
	got := h.s.WaitFor(t, jane, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return r.Header("Message-ID") == "<"+sent.MessageID+">"
	})
	if subj := decode(got.Header("Subject")); subj != "Thank you – Backend Engineer interview" {
		t.Errorf("Subject = %q", subj)
	}
	if from := got.Header("From"); from != `"Alice Example" <alice@owner.test>` && from != "Alice Example <alice@owner.test>" {
		t.Errorf("From = %q", from)
	}
	if to := got.Header("To"); !strings.Contains(to, "<jane@acme.test>") || !strings.Contains(to, "Jane Doe") {
		t.Errorf("To = %q", to)
	}
	if id := got.Header("Message-ID"); id != "<"+sent.MessageID+">" || !strings.HasSuffix(sent.MessageID, "@owner.test") {
		t.Errorf("Message-ID = %q, stored %q", id, sent.MessageID)
	}
	for _, h := range []string{"Auto-Submitted", "Precedence", "X-Auto-Response-Suppress", "List-Unsubscribe"} {
		if v := got.Header(h); v != "" {
			t.Errorf("a personal follow-up carries %s: %q", h, v)
		}
	}
	if body := got.Text(); !strings.Contains(body, "Dear Jane,") || !strings.Contains(body, "the queue redesign") {
		t.Errorf("thank-you body:\n%s", body)
	}
	// A copy is filed in the owner's Sent folder.
	h.s.WaitFor(t, owner, "Sent", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+sent.MessageID+">" })
	// Raj's thank-you waits for its own approval.
	if s := h.state(draftRaj.ID); s != store.AwaitingApproval {
		t.Errorf("raj's draft is %s, want awaiting_approval", s)
	}

	// A week later: the check-in to Jane is drafted in the thread of the thank-you.
	h.clock.Advance(8 * 24 * time.Hour)
	h.d.Kick()
	reqCheck, draftCheck := h.approval(app, policy.CheckIn, jane)
	h.reply(owner, reqCheck, "send")
	h.waitUntil(20*time.Second, "the check-in to be sent", func() bool { return h.state(draftCheck.ID) == store.Sent })
	sentCheck, _ := h.st.Message(context.Background(), draftCheck.ID)
	check := h.s.WaitFor(t, jane, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return r.Header("Message-ID") == "<"+sentCheck.MessageID+">"
	})
	// Its subject is the one drafted (each application's own words), names the role and is not
	// the thank-you's; In-Reply-To and References keep it in the thread.
	if subj := strings.TrimSpace(decode(check.Header("Subject"))); subj != sentCheck.Subject || !strings.Contains(subj, "Backend Engineer") || subj == sent.Subject {
		t.Errorf("check-in Subject = %q (drafted %q, the thank-you's %q)", subj, sentCheck.Subject, sent.Subject)
	}
	if v := check.Header("In-Reply-To"); v != "<"+sent.MessageID+">" {
		t.Errorf("check-in In-Reply-To = %q, want <%s>", v, sent.MessageID)
	}
	if v := check.Header("References"); v != "<"+sent.MessageID+">" {
		t.Errorf("check-in References = %q, want <%s>", v, sent.MessageID)
	}
	if body := words(check.Text()); !strings.Contains(body, "five years of Go services") {
		t.Errorf("check-in body:\n%s", body)
	}
}

// TestDaemon_Commands: skip, stop and an edited reply each do what they say; the same
// command twice does nothing the second time.
func TestDaemon_Commands(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	skipApp := h.addApp()
	editApp := h.addApp(store.Contact{Name: "Raj Patel", Email: raj, Role: policy.Interviewer})
	htmlApp := h.addApp(store.Contact{Name: "Sam Lee", Email: hr, Role: policy.Interviewer})
	stopApp := h.addApp(
		store.Contact{Name: "Pat Kim", Email: "pat@acme.test", Role: policy.Interviewer},
		store.Contact{Name: "Sam Lee", Email: hr, Role: policy.Interviewer},
	)
	h.start()

	t.Run("skip", func(t *testing.T) {
		req, draft := h.approval(skipApp, policy.ThankYou, jane)
		id := h.reply(owner, req, "skip")
		if got := h.handled(id); !strings.HasPrefix(got, "command: skip") {
			t.Fatalf("taken as %q", got)
		}
		if s := h.state(draft.ID); s != store.Skipped {
			t.Errorf("state %s, want skipped", s)
		}
		// The command the daemon acted on is marked \Seen, and the owner gets a one-line confirmation.
		h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
			return r.Header("Message-ID") == "<"+id+">" && slices.Contains(r.Flags, imap.FlagSeen)
		})
		h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
			return strings.HasPrefix(decode(r.Header("Subject")), "[followup] Skip: thank-you to Jane Doe") &&
				r.Header("Auto-Submitted") == "auto-generated"
		})
		again := h.reply(owner, req, "send")
		if got := h.handled(again); !strings.Contains(got, "already settled") {
			t.Errorf("a send after skip was taken as %q", got)
		}
		if s := h.state(draft.ID); s != store.Skipped {
			t.Errorf("state after a second command %s, want skipped", s)
		}
	})
	t.Run("a new text, confirmed", func(t *testing.T) {
		req, draft := h.approval(editApp, policy.ThankYou, raj)
		id := h.reply(owner, req, "send\n\nDear Raj,\n\nThanks so much for today. Loved the whiteboard session!\n\nAlice\n-- \nAlice's signature\n\n> the draft\n")
		if got := h.handled(id); !strings.Contains(got, "sent back to be confirmed") {
			t.Fatalf("taken as %q", got)
		}
		// It does not go out on this answer: the owner gets it back, exactly as it would go.
		confirm := h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
			return strings.Contains(decode(r.Header("Subject")), "Confirm your text: thank-you to Raj Patel")
		})
		shown := strings.ReplaceAll(confirm.Text(), "\r\n", "\n")
		if !strings.Contains(shown, "Dear Raj,\n\nThanks so much for today. Loved the whiteboard session!\n\nAlice\n---") ||
			strings.Contains(shown, "Alice's signature") || strings.Contains(shown, "the queue redesign") {
			t.Errorf("the confirmation request does not show exactly the new text:\n%s", shown)
		}
		if s := h.state(draft.ID); s != store.AwaitingApproval {
			t.Errorf("before the confirmation the draft is %s", s)
		}
		if got := h.reached(raj, editApp.ID); len(got) != 0 {
			t.Fatalf("something went to Raj before the owner confirmed:\n%s", got[0].Data)
		}
		h.reply(owner, confirm, "send")
		got := h.s.WaitFor(t, raj, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
			return strings.Contains(r.Text(), "Loved the whiteboard session!")
		})
		if body := strings.TrimSpace(strings.ReplaceAll(got.Text(), "\r\n", "\n")); body != "Dear Raj,\n\nThanks so much for today. Loved the whiteboard session!\n\nAlice" {
			t.Errorf("the sent text is not exactly the owner's:\n%q", body)
		}
		if s := h.state(draft.ID); s != store.Sent {
			t.Errorf("state %s", s)
		}
	})
	t.Run("an HTML-only Outlook answer sends the draft unchanged", func(t *testing.T) {
		req, draft := h.approval(htmlApp, policy.ThankYou, hr)
		layout, err := os.ReadFile("../inbox/testdata/answers/outlook-en.html")
		if err != nil {
			t.Fatal(err)
		}
		h.replyAs(owner, req, "text/html", strings.Replace(string(layout), "{{ANSWER}}", "Send it, thanks!", 1))
		h.waitUntil(20*time.Second, "the draft to be sent", func() bool { return h.state(draft.ID) == store.Sent })
		sent, err := h.st.Message(context.Background(), draft.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := h.s.WaitFor(t, hr, "INBOX", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+sent.MessageID+">" })
		if strings.TrimSpace(strings.ReplaceAll(got.Text(), "\r\n", "\n")) != strings.TrimSpace(draft.Body) || sent.Body != draft.Body {
			t.Errorf("not the draft, unchanged:\n%s\n---- the draft\n%s", got.Text(), draft.Body)
		}
	})
	t.Run("stop", func(t *testing.T) {
		req, draft := h.approval(stopApp, policy.ThankYou, "pat@acme.test")
		_, other := h.approval(stopApp, policy.ThankYou, hr)
		h.reply(owner, req, "STOP.")
		h.waitUntil(20*time.Second, "the application to stop", func() bool {
			a, _ := h.st.Application(context.Background(), stopApp.ID)
			return a.Status == policy.Stopped
		})
		for _, id := range []int64{draft.ID, other.ID} {
			if s := h.state(id); s != store.Cancelled {
				t.Errorf("draft %d is %s, want cancelled", id, s)
			}
		}
		// The owner is told why a later send is refused.
		h.reply(owner, req, "send")
		h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
			return strings.Contains(decode(r.Header("Subject")), "[followup] Not sent:") && strings.Contains(string(r.Data), "application is stopped")
		})
	})
}

// TestDaemon_SpoofedCommands: nothing is sent for another sender, a missing or wrong token,
// the token of another draft, an auto-submitted message, or a reply for a stopped
// application; the owner is told about the ignored ones.
func TestDaemon_SpoofedCommands(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	appA := h.addApp()
	appB := h.addApp(store.Contact{Name: "Raj Patel", Email: raj, Role: policy.Interviewer})
	h.start()
	reqA, draftA := h.approval(appA, policy.ThankYou, jane)
	reqB, draftB := h.approval(appB, policy.ThankYou, raj)

	cases := []struct {
		name string
		send func() string
		want string
	}{
		{"another sender", func() string { return h.reply(bob, reqA, "send") }, "other: ignored: it is not from your address"},
		{"no token", func() string {
			return h.replyWithSubject(owner, reqA, "Re: Approve: thank-you to Jane Doe", "send")
		}, "other: "},
		{"wrong token", func() string {
			return h.replyWithSubject(owner, reqA, "Re: [followup aaaaaaaaaaaaaaaaaaaaaaaaaa] Approve", "send")
		}, "other: ignored: no draft has that token"},
		{"the token of another draft", func() string {
			return h.replyWithSubject(owner, reqA, "Re: [followup "+draftB.Token+"] Approve", "send")
		}, "other: ignored: it does not answer that draft's approval request"},
		{"auto-submitted", func() string { return h.reply(owner, reqA, "send", "Auto-Submitted: auto-replied") }, "other: ignored: it was sent automatically"},
		{"a header-injected From", func() string {
			return h.reply(bob, reqA, "send", "Sender: alice@owner.test")
		}, "other: ignored: it is not from your address"},
		{"DKIM failed for the owner's domain", func() string {
			return h.reply(owner, reqA, "send", "Authentication-Results: mx.owner.test; dkim=fail (signature did not verify) header.d=owner.test header.i=@owner.test; spf=pass smtp.mailfrom=owner.test")
		}, "other: ignored: your mail server recorded that it failed authentication: dkim=fail"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			id := tc.send()
			if got := h.handled(id); !strings.HasPrefix(got, tc.want) {
				t.Errorf("taken as %q, want %q", got, tc.want)
			}
			if s := h.state(draftA.ID); s != store.AwaitingApproval {
				t.Errorf("draft A is %s after a spoofed command", s)
			}
			if s := h.state(draftB.ID); s != store.AwaitingApproval {
				t.Errorf("draft B is %s after a spoofed command", s)
			}
		})
	}
	// The owner hears of the ignored ones, with the sender quoted, not trusted: once an
	// hour, however many there are, so that no stranger can spend the owner's quota.
	h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return strings.Contains(decode(r.Header("Subject")), "Mail followup did not act on") && strings.Contains(string(r.Data), `"bob@other.test"`)
	})
	// A hundred forged answers from strangers: still that one notice in the hour.
	var last string
	for i := 0; i < 100; i++ {
		last = h.reply(bob, reqA, fmt.Sprintf("send\n\nforged answer %d", i))
	}
	if got := h.handled(last); !strings.HasPrefix(got, "other: ignored: it is not from your address") {
		t.Errorf("the last forged answer was taken as %q", got)
	}
	// The rest wait, listed, for the next notice, an hour after the first.
	var sent, queued int
	h.st.DB().QueryRow(`SELECT count(*) FILTER (WHERE state = 'sent'), count(*) FILTER (WHERE state = 'queued' AND next_at > ?)
		FROM outgoing WHERE coalesce_key = ?`, store.FormatTime(h.clock.Now().Add(50*time.Minute)), store.StrangersKey).Scan(&sent, &queued)
	if sent != 1 || queued != 1 {
		t.Errorf("for 106 refused within the hour: %d notices sent, %d waiting for the next hour; want 1 and 1", sent, queued)
	}

	t.Run("a reply for a stopped application", func(t *testing.T) {
		if _, err := h.st.SetStatus(context.Background(), appB.ID, policy.Stopped, "test"); err != nil {
			t.Fatal(err)
		}
		id := h.reply(owner, reqB, "send")
		if got := h.handled(id); !strings.HasPrefix(got, "command: refused: application stopped") {
			t.Errorf("taken as %q", got)
		}
		if s := h.state(draftB.ID); s != store.Cancelled {
			t.Errorf("draft B is %s, want cancelled", s)
		}
	})
	for _, user := range []string{jane, raj} {
		for _, r := range append(h.reached(user, appA.ID), h.reached(user, appB.ID)...) {
			t.Errorf("a follow-up reached %s after spoofed commands:\n%s", user, r.Data)
		}
	}
}

package daemon

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// strangersMail is what anyone who can mail the owner tried, each through Postfix with its
// envelope sender (the stack's verdict follows from it, as a border MTA's would).
var strangersMail = []struct{ name, envelope, raw string }{
	{"an ATS display name", "no-reply@greenhouse.io", "From: \"{company} Recruiting via Greenhouse\" <no-reply@greenhouse.io>\r\n" +
		"Subject: Your application to Acme\r\n\r\nUnfortunately we have decided not to move forward with your application.\r\n"},
	{"a scheduling tool's display name", "notifications@calendly.com", "From: {company} Team <notifications@calendly.com>\r\n" +
		"Subject: Great news\r\n\r\nWe are delighted to offer you the position! Sign here: https://evil.test/sign\r\n"},
	{"a Reply-To at the company", "mallory@hire.lever.co", "From: Mallory <mallory@hire.lever.co>\r\nReply-To: hr@acme.test\r\n" +
		"Subject: Your application\r\n\r\nWe regret to inform you that the position has been filled.\r\n"},
	{"a forged From", "mallory@evil.test", "From: Jane Doe <jane@acme.test>\r\nSubject: Re: Thank you\r\n\r\n" +
		"After careful consideration we have decided to move forward with other candidates.\r\n"},
	{"a forged delivery report", "mailer-daemon@evil.test", "From: Mail Delivery System <MAILER-DAEMON@evil.test>\r\n" +
		"Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n" +
		"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; evil.test\r\n\r\nFinal-Recipient: rfc822; jane@acme.test\r\n" +
		"Action: failed\r\nStatus: 5.1.1\r\n\r\n--b--\r\n"},
	{"a calendar built to stall the watcher", "eve@evil.test", "From: eve@evil.test\r\nSubject: Invitation\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: text/calendar; method=REQUEST\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x@evil.test\r\nATTENDEE;X=" +
		strings.Repeat("a,", 120000) + "a:mailto:alice@owner.test\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"},
}

// injectStranger delivers attack i through Postfix, under a Message-ID of its own, naming
// the company in its display names.
func (h *harness) injectStranger(i int, company string) string {
	h.t.Helper()
	a := strangersMail[i%len(strangersMail)]
	a.raw = strings.ReplaceAll(a.raw, "{company}", company)
	id := fmt.Sprintf("stranger-%d-%d@%s", i, uniq.Add(1), policy.Domain(a.envelope))
	h.s.Inject(h.t, a.envelope, []string{owner}, []byte("To: "+owner+"\r\nMessage-ID: <"+id+">\r\nDate: "+
		h.clock.Now().Format(time.RFC1123Z)+"\r\n"+a.raw))
	return id
}

// TestDaemon_StrangersNeverAct replays the attacks on the real stack: each leaves the
// application as it was, the owner gets one notice for all of them, and a real reply
// behind them is acted on within 5 s of its delivery.
func TestDaemon_StrangersNeverAct(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	app := h.addApp()
	h.start()
	_, draft := h.approval(app, policy.ThankYou, jane)
	for i, a := range strangersMail {
		id := h.injectStranger(i, app.Company)
		got := h.handled(id)
		if s := h.status(app); s != policy.Active {
			t.Errorf("%s (taken as %q): the application is %s", a.name, got, s)
		}
		if s := h.state(draft.ID); s != store.AwaitingApproval {
			t.Errorf("%s: the thank-you is %s", a.name, s)
		}
	}
	got, _ := h.st.Application(context.Background(), app.ID)
	if got.Contacts[0].Undeliverable {
		t.Error("a forged delivery report marked Jane undeliverable")
	}
	// One notice went at once with what had come; the rest waits for the next, an hour later.
	h.clock.Advance(time.Hour)
	h.d.Kick()
	h.waitUntil(20*time.Second, "the strangers' notices to go out", func() bool {
		var queued int
		h.st.DB().QueryRow(`SELECT count(*) FROM outgoing WHERE coalesce_key = ? AND state != 'sent'`, store.StrangersKey).Scan(&queued)
		return queued == 0
	})
	h.s.WaitQueueEmpty(t, 20*time.Second)
	var notices []string
	for _, r := range h.s.Messages(t, owner, "INBOX") {
		if strings.Contains(decode(r.Header("Subject")), "Mail followup did not act on") && strings.Contains(r.Text(), app.Company) {
			notices = append(notices, r.Text())
		}
	}
	all := strings.Join(notices, "\n")
	if len(notices) == 0 || len(notices) > 2 {
		t.Errorf("%d notices for the strangers' mail within two hours, want 1 or 2", len(notices))
	}
	for _, want := range []string{"no-reply@greenhouse.io", "notifications@calendly.com", "mallory@hire.lever.co", "jane@acme.test", "eve@evil.test"} {
		if !strings.Contains(all, want) {
			t.Errorf("no notice lists the mail from %s", want)
		}
	}
	if strings.Contains(all, "https://evil.test") {
		t.Error("a notice carries a stranger's link")
	}
	if took := h.replyActedOn(jane, app); took > 5*time.Second {
		t.Errorf("the reply behind the strangers' mail was acted on %s after it was submitted, want < 5s", took)
	}
}

// TestDaemon_ApprovalWhileStrangersFlood: while strangers send 200 mails, the approval
// request for a due thank-you reaches the owner within 2 minutes, and the strangers get the
// owner one notice, with the default sending limits.
func TestDaemon_ApprovalWhileStrangersFlood(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	h.cfg.SMTP.MaxPerHour, h.cfg.SMTP.MaxPerDay = 20, 60 // the defaults
	h.start()
	for i := range 100 {
		h.injectStranger(i%(len(strangersMail)-1), "Acme") // the calendar once is enough: TestDaemon_StrangersNeverAct
	}
	app := h.addApp() // its thank-you is due now, in the middle of the flood
	due := time.Now()
	var last string
	for i := range 100 {
		last = h.injectStranger(i%(len(strangersMail)-1), app.Company)
	}
	req, _ := h.approval(app, policy.ThankYou, jane)
	if took := time.Since(due); took > 2*time.Minute {
		t.Errorf("the approval request reached the owner %s after it was due, want < 2 min", took.Round(time.Second))
	}
	t.Logf("approval request %s delivered %s after it was due, during 200 strangers' mails", req.Header("Message-ID"), time.Since(due).Round(time.Millisecond))
	h.handled(last)
	var sent, queued int
	h.st.DB().QueryRow(`SELECT count(*) FILTER (WHERE state = 'sent'), count(*) FILTER (WHERE state = 'queued') FROM outgoing WHERE coalesce_key = ?`,
		store.StrangersKey).Scan(&sent, &queued)
	if sent > 1 || queued > 1 {
		t.Errorf("200 strangers' mails made %d notices sent and %d queued, want one an hour", sent, queued)
	}
	if s := h.status(app); s != policy.Active {
		t.Errorf("the application is %s", s)
	}
}

// TestDaemon_InvitationStrangers: on the real stack, the UID of a tracked interview is no
// credential: an update with a higher SEQUENCE from a stranger does not move it, a
// cancellation from another does not end it; the organizer's own update still moves it.
func TestDaemon_InvitationStrangers(t *testing.T) {
	h := newHarness(t)
	h.start()
	ctx := context.Background()
	const uid = "4v1k2o8q3p0c9r7s6t5u4v3w2x@google.com"
	berlin := h.cfg.Owner.Location
	days := weeksToFuture(time.Date(2026, 12, 2, 14, 0, 0, 0, berlin), h.clock.Now())
	id := fmt.Sprintf("inv-s-%d@google.com", uniq.Add(1))
	h.s.Send(t, hr, []string{owner}, calendarMail("Sam Lee <hr@acme.test>", "Invitation: Acme – Backend Engineer interview",
		movedCalendar(t, "google.ics", days), id, h.clock.Now()))
	h.handled(id)
	row, err := h.st.InvitationByUID(ctx, uid)
	if err != nil {
		t.Fatal(err)
	}
	h.handled(h.reply(owner, h.listedInvitation(row), fmt.Sprintf("track %d", row.ID)))
	row, _ = h.st.InvitationByUID(ctx, uid)
	app, err := h.st.Application(ctx, row.AppID)
	if err != nil {
		t.Fatal(err)
	}

	upd := fmt.Sprintf("upd-s-%d@gmail.test", uniq.Add(1))
	h.s.Inject(t, "mallory@gmail.test", []string{owner}, calendarMail("Mallory <mallory@gmail.test>", "Updated invitation",
		movedCalendar(t, "google-update.ics", days+7*52*10), upd, h.clock.Now()))
	if got := h.handled(upd); !strings.Contains(got, "not from its organizer") {
		t.Errorf("a stranger's update was taken as %q", got)
	}
	cancel := fmt.Sprintf("cancel-s-%d@evil.test", uniq.Add(1))
	h.s.Inject(t, "eve@evil.test", []string{owner}, calendarMail("Eve <eve@evil.test>", "Canceled event", movedCalendar(t, "google-cancel.ics", days), cancel, h.clock.Now()))
	if got := h.handled(cancel); !strings.Contains(got, "not from its organizer") {
		t.Errorf("a stranger's cancellation was taken as %q", got)
	}
	got, _ := h.st.Application(ctx, app.ID)
	if got.Status != policy.Active || !got.Interview.Start.Equal(app.Interview.Start) {
		t.Errorf("after strangers' changes: %s, interview at %s (was %s)", got.Status, got.Interview.Start, app.Interview.Start)
	}
	own := fmt.Sprintf("upd-o-%d@google.com", uniq.Add(1))
	h.s.Send(t, hr, []string{owner}, calendarMail("Sam Lee <hr@acme.test>", "Updated invitation", movedCalendar(t, "google-update.ics", days), own, h.clock.Now()))
	if got := h.handled(own); !strings.Contains(got, "moved the interview") {
		t.Errorf("the organizer's update was taken as %q", got)
	}
}

// TestDaemon_StrangersEscapesAndQuestionCap: through Postfix, a sender's name built to
// rewrite the owner's terminal reaches no notice raw; twenty strangers' invitations in an
// hour wait in the next hour's one notice, and do not crowd out the company's own: its
// question comes at once.
func TestDaemon_StrangersEscapesAndQuestionCap(t *testing.T) {
	h := newHarness(t)
	app := h.addApp()
	h.start()
	esc := fmt.Sprintf("esc-%d@evil.test", uniq.Add(1))
	h.s.Inject(t, "mallory@evil.test", []string{owner}, []byte("From: =?utf-8?q?Acme=1B]0;pwned=07=1B[8m=C2=9B2J=E2=80=AE?= <jane@acme.test>\r\n"+
		"To: "+owner+"\r\nSubject: =?utf-8?q?Re=1B[2J?=\r\nMessage-ID: <"+esc+">\r\nDate: "+h.clock.Now().Format(time.RFC1123Z)+
		"\r\n\r\nWe have decided to move forward with other candidates.\r\n"))
	h.handled(esc)
	if s := h.status(app); s != policy.Active {
		t.Errorf("a forged rejection made the application %s", s)
	}
	notice := h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return strings.Contains(decode(r.Header("Subject")), "Mail followup did not act on") && strings.Contains(words(r.Text()), app.Company)
	})
	for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
		if strings.Contains(notice.Text(), bad) || strings.Contains(string(notice.Data), bad) {
			t.Errorf("the notice carries %q raw", bad)
		}
	}

	berlin := h.cfg.Owner.Location
	days := weeksToFuture(time.Date(2026, 12, 2, 14, 0, 0, 0, berlin), h.clock.Now())
	ics := movedCalendar(t, "google.ics", days) // interviews to come, on the test's clock
	var last string
	for i := range 20 {
		spam := strings.NewReplacer("4v1k2o8q3p0c9r7s6t5u4v3w2x@google.com", fmt.Sprintf("spam-%d-%d@evil.test", i, uniq.Add(1)),
			"acme.test", "evil.test").Replace(string(ics))
		last = fmt.Sprintf("spam-inv-%d-%d@evil.test", i, uniq.Add(1))
		h.s.Inject(t, "eve@evil.test", []string{owner}, calendarMail("Eve <eve@evil.test>", "Invitation: interview", []byte(spam), last, h.clock.Now()))
	}
	h.handled(last)
	real := fmt.Sprintf("inv-real-%d@google.com", uniq.Add(1))
	h.s.Send(t, hr, []string{owner}, calendarMail("Sam Lee <hr@acme.test>", "Invitation: Acme – Backend Engineer interview",
		movedCalendar(t, "google.ics", days), real, h.clock.Now()))
	if got := h.handled(real); !strings.Contains(got, "the owner is asked whether to track it") {
		t.Errorf("the company's invitation after twenty strangers' was taken as %q", got)
	}
	row, err := h.st.InvitationByUID(context.Background(), "4v1k2o8q3p0c9r7s6t5u4v3w2x@google.com")
	if err != nil || row.State != store.InvitationAsked || row.Listed() {
		t.Fatalf("the company's invitation: %+v, %v", row, err)
	}
	h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+row.RequestID+">" })
	// The strangers' twenty wait, listed in the one notice of the next hour.
	var body, due, first string
	h.st.DB().QueryRow(`SELECT body, due_at FROM outgoing WHERE coalesce_key = ? AND state = 'queued'`, store.StrangersKey).Scan(&body, &due)
	h.st.DB().QueryRow(`SELECT min(due_at) FROM outgoing WHERE coalesce_key = ? AND state != 'queued'`, store.StrangersKey).Scan(&first)
	if n := strings.Count(body, "To follow it, answer \"track "); n != 20 || due <= first {
		t.Errorf("the strangers' invitations: %d listed in the queued notice, due %s (the first notice %s)", n, due, first)
	}
	var notices int
	h.st.DB().QueryRow(`SELECT count(*) FROM outgoing WHERE coalesce_key = ?`, store.StrangersKey).Scan(&notices)
	if notices != 2 {
		t.Errorf("%d strangers' notices queued, want 2 (the escapes' notice, then the invitations' an hour later)", notices)
	}
}

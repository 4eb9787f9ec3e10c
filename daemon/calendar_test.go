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

// setClock moves the harness's clock so that it reads at now.
func (h *harness) setClock(at time.Time) {
	h.clock.Advance(at.Sub(h.clock.Now()))
}

// nextWeekday is the next day after t (in loc) that is wd, at hh:mm.
func nextWeekday(t time.Time, loc *time.Location, wd time.Weekday, hh, mm int) time.Time {
	d := t.In(loc).AddDate(0, 0, 1)
	for d.Weekday() != wd {
		d = d.AddDate(0, 0, 1)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, loc)
}

// TestDaemon_FridayEveningThankYou: an interview ends Friday 17:00; the owner approves the
// thank-yous at 18:15, after the send window closed. They reach the interviewers that
// evening, before the 24-hour deadline (Saturday 17:00), not on Monday: the window gives way
// to the deadline. Jane is greeted by name; hr@acme.test, recorded without one, is greeted
// "Hello," (never "Dear Hr,"), and the approval request says so.
func TestDaemon_FridayEveningThankYou(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	berlin := h.cfg.Owner.Location
	h.cfg.Rules.Window = policy.Weekdays9to5(berlin) // the default: the test stack's is always open
	friday := nextWeekday(h.clock.Now(), berlin, time.Friday, 18, 15)
	h.setClock(friday)
	app := h.addApp(store.Contact{Name: "Jane Doe", Email: jane, Role: policy.Interviewer}, store.Contact{Email: hr, Role: policy.Interviewer})
	if _, err := h.st.DB().Exec(`UPDATE interviews SET starts_at = ? WHERE application_id = ?`,
		store.FormatTime(friday.Add(-2*time.Hour-15*time.Minute)), app.ID); err != nil { // 16:00 to 17:00
		t.Fatal(err)
	}
	app, _ = h.st.Application(context.Background(), app.ID)
	deadline := friday.Add(-75 * time.Minute).Add(24 * time.Hour) // Saturday 17:00
	h.start()
	reqJane, draftJane := h.approval(app, policy.ThankYou, jane)
	reqHR, draftHR := h.approval(app, policy.ThankYou, hr)
	if body := reqJane.Text(); !strings.Contains(body, "Deadline: "+deadline.Format("Mon 2 Jan 15:04 MST")) {
		t.Errorf("the approval request does not state the deadline:\n%s", body)
	}
	if body := strings.ReplaceAll(reqHR.Text(), "\r\n", "\n"); !strings.Contains(body, `Greeting: "Hello," as followup has no name for hr@acme.test`) {
		t.Errorf("the approval request does not say the greeting is neutral:\n%s", body)
	}
	h.handled(h.reply(owner, reqJane, "send"))
	h.handled(h.reply(owner, reqHR, "Send it, thanks!"))
	// Approved after the window closed, they keep their time that evening (2 hours after the
	// interview): not Monday 09:00, when the window opens again.
	approved, _ := h.st.Message(context.Background(), draftJane.ID)
	if !approved.Due.Before(deadline) || approved.Due.Weekday() != time.Friday {
		t.Fatalf("approved at 18:15, the thank-you is due %s", approved.Due.In(berlin))
	}
	h.setClock(approved.Due)
	h.d.Kick()
	for _, c := range []struct {
		to       string
		draft    store.Message
		greeting string
	}{{jane, draftJane, "Dear Jane,"}, {hr, draftHR, "Hello,"}} {
		h.waitUntil(20*time.Second, "the thank-you to "+c.to+" to be sent", func() bool { return h.state(c.draft.ID) == store.Sent })
		sent, _ := h.st.Message(context.Background(), c.draft.ID)
		if !sent.SentAt.Before(deadline) || sent.SentAt.Before(friday) {
			t.Errorf("the thank-you to %s went at %s, want Friday evening, before %s", c.to, sent.SentAt.In(berlin), deadline)
		}
		got := h.s.WaitFor(t, c.to, "INBOX", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+sent.MessageID+">" })
		body := strings.TrimSpace(strings.ReplaceAll(got.Text(), "\r\n", "\n"))
		if !strings.HasPrefix(body, c.greeting+"\n") || strings.Contains(body, "Dear Hr") {
			t.Errorf("the thank-you to %s begins %q, want %q", c.to, strings.SplitN(body, "\n", 2)[0], c.greeting)
		}
	}
}

// TestDaemon_TokyoInterview: an interview on Monday 07:00 in Tokyo (Sunday evening in
// Berlin, the owner's zone) is "on Monday" in the thank-you, and the first check-in after a
// decision date is on the third business day after it on the Tokyo calendar.
func TestDaemon_TokyoInterview(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	monday := nextWeekday(h.clock.Now(), tokyo, time.Monday, 7, 0)
	h.setClock(monday.Add(3 * time.Hour))
	app := h.addApp()
	decision := monday.AddDate(0, 0, 4) // Friday
	if _, err := h.st.DB().Exec(`UPDATE interviews SET starts_at = ?, tz = 'Asia/Tokyo', decision_by = ? WHERE application_id = ?`,
		store.FormatTime(monday), decision.Format("2006-01-02"), app.ID); err != nil {
		t.Fatal(err)
	}
	app, _ = h.st.Application(context.Background(), app.ID)
	h.start()
	_, draft := h.approval(app, policy.ThankYou, jane)
	// Written on the interview's day in Tokyo (late on Sunday in Berlin): "today" or "this
	// morning" (the interview was at 07:00), on the recipient's calendar — never
	// "yesterday", "this afternoon" or a weekday.
	sameDay := strings.Contains(draft.Body, "today") || strings.Contains(draft.Body, "this morning")
	if !sameDay || strings.Contains(draft.Body, "yesterday") || strings.Contains(draft.Body, "this afternoon") ||
		strings.Contains(draft.Body, "Sunday") || strings.Contains(draft.Body, "on Monday") {
		t.Errorf("the thank-you does not say the interview was today, in Tokyo:\n%s", draft.Body)
	}
	hist, err := h.st.History(context.Background(), app.ID)
	if err != nil {
		t.Fatal(err)
	}
	third := decision.AddDate(0, 0, 5) // Mon, Tue, Wed after the Friday
	for _, a := range policy.Compute(h.cfg.Rules, app.PolicyFacts(), hist).Actions {
		if a.Kind == policy.CheckIn {
			if d := a.Due.In(tokyo); d.YearDay() != third.YearDay() {
				t.Errorf("first check-in %s in Tokyo, want %s", d.Format("Mon 2 Jan 15:04"), third.Format("Mon 2 Jan"))
			}
			break
		}
	}
}

// TestDaemon_RecipientClock: the send window's hours are on the interviewer's clock. At
// 20:00 in Berlin (the owner's zone, window closed) it is 14:00 in New York: a thank-you to a
// New York interviewer approved then goes at once, not at 09:00 Berlin (03:00 in New York).
func TestDaemon_RecipientClock(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	berlin := h.cfg.Owner.Location
	h.cfg.Rules.Window = policy.Weekdays9to5(berlin)
	ny, _ := time.LoadLocation("America/New_York")
	monday := nextWeekday(h.clock.Now(), ny, time.Monday, 14, 0) // 20:00 in Berlin
	h.setClock(monday)
	app := h.addApp()
	if _, err := h.st.DB().Exec(`UPDATE interviews SET starts_at = ?, tz = 'America/New_York' WHERE application_id = ?`,
		store.FormatTime(monday.Add(-3*time.Hour)), app.ID); err != nil { // 11:00 to 12:00 in New York
		t.Fatal(err)
	}
	app, _ = h.st.Application(context.Background(), app.ID)
	h.start()
	req, draft := h.approval(app, policy.ThankYou, jane)
	h.handled(h.reply(owner, req, "send"))
	h.waitUntil(20*time.Second, "the thank-you to be sent", func() bool { return h.state(draft.ID) == store.Sent })
	sent, _ := h.st.Message(context.Background(), draft.ID)
	if at := sent.SentAt.In(ny); at.Hour() < 9 || at.Hour() >= 17 || at.Weekday() != time.Monday {
		t.Errorf("sent at %s in New York (%s in Berlin), want Monday inside 09:00-17:00 there", at, sent.SentAt.In(berlin))
	}
	h.s.WaitFor(t, jane, "INBOX", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+sent.MessageID+">" })
}

package daemon

import (
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// icsDateTime is a date-time of an event's own (not of a VTIMEZONE's rules, dated 1970).
var icsDateTime = regexp.MustCompile(`(?m)^((?:DTSTART|DTEND|DTSTAMP|CREATED|LAST-MODIFIED|RECURRENCE-ID)(?:;[^:\r\n]*)?:)(20\d{6})(T\d{6}Z?)`)

// movedCalendar is an invitation of invite/testdata moved by days, each date-time keeping
// its wall-clock time: the fixtures are written for dates in 2026, and the test clock may
// be anywhere (testclock.Env).
func movedCalendar(t *testing.T, file string, days int) []byte {
	t.Helper()
	ics, err := os.ReadFile("../invite/testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	return icsDateTime.ReplaceAllFunc(ics, func(m []byte) []byte {
		p := icsDateTime.FindSubmatch(m)
		d, err := time.Parse("20060102", string(p[2]))
		if err != nil {
			t.Fatalf("%s: %s: %v", file, p[2], err)
		}
		return []byte(string(p[1]) + d.AddDate(0, 0, days).Format("20060102") + string(p[3]))
	})
}

// weeksToFuture is the number of days, whole weeks, that moves at to the week after now:
// a fixture's weekday stays, and its interview is still to come.
func weeksToFuture(at, now time.Time) int {
	days := int(now.Sub(at).Hours()/24) + 2
	if days <= 0 {
		return 0
	}
	return (days + 6) / 7 * 7
}

// calendarMail is a calendar file as Google Calendar mails it: text, HTML and
// text/calendar as alternatives, and the calendar again as an attachment.
func calendarMail(from, subject string, ics []byte, id string, date time.Time) []byte {
	method := "REQUEST"
	if strings.Contains(string(ics), "METHOD:CANCEL") {
		method = "CANCEL"
	}
	b64 := base64.StdEncoding.EncodeToString(ics)
	var wrapped strings.Builder
	for len(b64) > 76 {
		wrapped.WriteString(b64[:76] + "\r\n")
		b64 = b64[76:]
	}
	wrapped.WriteString(b64 + "\r\n")
	return []byte(strings.ReplaceAll("From: "+from+"\nTo: "+owner+"\nSubject: "+mime.QEncoding.Encode("utf-8", subject)+"\nMessage-ID: <"+id+">\n"+
		"Date: "+date.Format(time.RFC1123Z)+"\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"m\"\n\n"+
		"--m\nContent-Type: multipart/alternative; boundary=\"a\"\n\n"+
		"--a\nContent-Type: text/plain; charset=UTF-8\n\nYou have been invited to the following event.\n\n"+
		"--a\nContent-Type: text/html; charset=UTF-8\n\n<p>You have been invited to the following event.</p>\n\n"+
		"--a\nContent-Type: text/calendar; charset=UTF-8; method="+method+"\nContent-Transfer-Encoding: base64\n\n", "\n", "\r\n") +
		wrapped.String() + strings.ReplaceAll("--a--\n\n--m\nContent-Type: application/ics; name=invite.ics\n"+
		"Content-Disposition: attachment; filename=invite.ics\nContent-Transfer-Encoding: base64\n\n", "\n", "\r\n") +
		wrapped.String() + "--m--\r\n")
}

// listedInvitation waits for the notice that lists invitation row, as the owner reads it
// (this daemon's notice: the mailboxes are shared with earlier tests).
func (h *harness) listedInvitation(row store.Invitation) mailstack.Raw {
	h.t.Helper()
	item := fmt.Sprintf("answer \"track %d\" (invitation %d, version %d)", row.ID, row.ID, row.Sequence)
	var id string
	if err := h.st.DB().QueryRow(`SELECT message_id FROM outgoing WHERE coalesce_key = ? AND instr(body, ?) > 0 ORDER BY id DESC LIMIT 1`,
		store.StrangersKey, item).Scan(&id); err != nil {
		h.t.Fatalf("no notice lists invitation %d: %v", row.ID, err)
	}
	return h.s.WaitFor(h.t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return r.Header("Message-ID") == "<"+id+">" && strings.HasPrefix(strings.TrimSpace(decode(r.Header("Subject"))), "[followup] Invitations to track") &&
			strings.Contains(r.Text(), item)
	})
}

// TestDaemon_InvitationTracked: a Google-Calendar-style invitation from hr@acme.test, a
// company the owner has no application with yet, with two interviewers reaches the owner's
// INBOX (found by its structure, over IMAP) → it is listed in the notice of mail strangers
// can cause → the owner answers "track N" by email → an application with the right company,
// people, time and zone, thank-yous planned; the update moves it, the cancellation ends it.
func TestDaemon_InvitationTracked(t *testing.T) {
	h := newHarness(t)
	h.start()
	ctx := context.Background()
	const uid = "4v1k2o8q3p0c9r7s6t5u4v3w2x@google.com"
	berlin := h.cfg.Owner.Location
	days := weeksToFuture(time.Date(2026, 12, 2, 14, 0, 0, 0, berlin), h.clock.Now())
	start := time.Date(2026, 12, 2, 14, 0, 0, 0, berlin).AddDate(0, 0, days)
	when := start.Format("Mon 2 Jan 2006 15:04") + "–" + start.Add(time.Hour).Format("15:04 MST")
	id := "inv-" + time.Now().Format("150405.000000") + "@google.com"
	h.s.Send(t, hr, []string{owner}, calendarMail("Sam Lee <hr@acme.test>",
		"Invitation: Acme – Backend Engineer interview @ "+when, movedCalendar(t, "google.ics", days), id, h.clock.Now()))
	if got := h.handled(id); !strings.HasPrefix(got, "invitation: a calendar invitation to an interview: listed") {
		t.Fatalf("the invitation was taken as %q", got)
	}
	row, err := h.st.InvitationByUID(ctx, uid)
	if err != nil {
		t.Fatal(err)
	}
	notice := h.listedInvitation(row)
	if !strings.Contains(notice.Text(), when) {
		t.Errorf("the notice does not say when the interview is (%s):\n%s", when, notice.Text())
	}
	cmd := h.reply(owner, notice, fmt.Sprintf("track %d\n\nThanks,\nAlice", row.ID))
	if got := h.handled(cmd); !strings.HasPrefix(got, fmt.Sprintf("command: notice answered: invitation %d tracked: application", row.ID)) {
		t.Fatalf("the owner's track was taken as %q", got)
	}
	row, _ = h.st.InvitationByUID(ctx, uid)
	app, err := h.st.Application(ctx, row.AppID)
	if err != nil {
		t.Fatal(err)
	}
	var people []string
	for _, c := range app.Contacts {
		people = append(people, string(c.Role)+" "+c.Name+" <"+c.Email+">")
	}
	if app.Company != "Acme" || app.Role != "Backend Engineer" || app.CompanyDomain != "acme.test" || app.Interview.TZ != "Europe/Berlin" ||
		!app.Interview.Start.Equal(start) || app.Interview.Length != time.Hour ||
		strings.Join(people, "; ") != "interviewer Jane Doe <jane@acme.test>; interviewer Raj Patel <raj@acme.test>; coordinator Sam Lee <hr@acme.test>" {
		t.Errorf("tracked: %s / %s (%s), %s for %s in %s, people %v", app.Company, app.Role, app.CompanyDomain, app.Interview.Start,
			app.Interview.Length, app.Interview.TZ, people)
	}
	hist, _ := h.st.History(ctx, app.ID)
	plan := policy.New(h.cfg.Rules).Compute(app.PolicyFacts(), hist)
	var thanks int
	for _, a := range plan.Actions {
		if a.Kind == policy.ThankYou {
			thanks++
		}
	}
	if thanks != 2 {
		t.Errorf("%d thank-yous planned, want one to each interviewer: %+v", thanks, plan.Actions)
	}
	h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return strings.HasPrefix(strings.TrimSpace(decode(r.Header("Subject"))), "[followup] Tracking: Backend Engineer at Acme")
	})

	upd := "upd-" + id
	h.s.Send(t, hr, []string{owner}, calendarMail("Sam Lee <hr@acme.test>", "Updated invitation: Acme – Backend Engineer interview",
		movedCalendar(t, "google-update.ics", days), upd, h.clock.Now()))
	if got := h.handled(upd); !strings.Contains(got, "moved the interview") {
		t.Fatalf("the update was taken as %q", got)
	}
	app, _ = h.st.Application(ctx, app.ID)
	if !app.Interview.Start.Equal(time.Date(2026, 12, 3, 10, 0, 0, 0, berlin).AddDate(0, 0, days)) || app.Interview.Length != 75*time.Minute {
		t.Errorf("after the update: %s for %s", app.Interview.Start, app.Interview.Length)
	}
	h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return strings.HasPrefix(strings.TrimSpace(decode(r.Header("Subject"))), "[followup] Moved: Backend Engineer at Acme")
	})

	cancel := "cancel-" + id
	h.s.Send(t, hr, []string{owner}, calendarMail("Sam Lee <hr@acme.test>", "Canceled event: Acme – Backend Engineer interview",
		movedCalendar(t, "google-cancel.ics", days), cancel, h.clock.Now()))
	if got := h.handled(cancel); !strings.Contains(got, "cancelled") {
		t.Fatalf("the cancellation was taken as %q", got)
	}
	if s := h.status(app); s != policy.Stopped {
		t.Errorf("after the cancellation the application is %s", s)
	}
	h.s.WaitFor(t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return strings.HasPrefix(strings.TrimSpace(decode(r.Header("Subject"))), "[followup] Cancelled: Backend Engineer at Acme")
	})
	if msgs, _ := h.st.Messages(ctx, store.MessageFilter{AppID: app.ID}); len(msgs) != 0 {
		t.Errorf("%d drafts for an interview that never happened", len(msgs))
	}
}

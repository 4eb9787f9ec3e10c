package assistant

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// invitationMail wraps a calendar file of invite/testdata the way Google Calendar sends it:
// multipart/mixed holding multipart/alternative (text, HTML, text/calendar with the method)
// and the same calendar as an application/ics attachment, base64.
func invitationMail(t *testing.T, from, subject, file, id string) string {
	t.Helper()
	ics, err := os.ReadFile("../invite/testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	return invitationMailOf(from, subject, ics, id)
}

func invitationMailOf(from, subject string, ics []byte, id string) string {
	method := "REQUEST"
	if strings.Contains(string(ics), "METHOD:CANCEL") {
		method = "CANCEL"
	}
	b64 := base64.StdEncoding.EncodeToString(ics)
	return "From: " + from + "\nTo: alice@owner.test\nSubject: " + subject + "\nMessage-ID: <" + id + ">\n" +
		"Date: Wed, 25 Nov 2026 10:15:00 +0100\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"mixed\"\n\n" +
		"--mixed\nContent-Type: multipart/alternative; boundary=\"alt\"\n\n" +
		"--alt\nContent-Type: text/plain; charset=\"UTF-8\"\n\nYou have been invited to the following event.\n\n" +
		"--alt\nContent-Type: text/html; charset=\"UTF-8\"\n\n<p>You have been invited to the following event.</p>\n\n" +
		"--alt\nContent-Type: text/calendar; charset=\"UTF-8\"; method=" + method + "\nContent-Transfer-Encoding: base64\n\n" + b64 + "\n" +
		"--alt--\n\n--mixed\nContent-Type: application/ics; name=\"invite.ics\"\nContent-Disposition: attachment; filename=\"invite.ics\"\n" +
		"Content-Transfer-Encoding: base64\n\n" + b64 + "\n--mixed--\n"
}

// TestInvitation_TrackMoveCancel: a Google Calendar invitation from the coordinator with two
// interviewers → the owner is asked (never a reply, though it comes from the company) →
// "track" with a corrected role → the application with the right company, people, time and
// zone; an update moves it, a cancellation ends it. Each text the owner reads is a golden file.
func TestInvitation_TrackMoveCancel(t *testing.T) {
	ctx := context.Background()
	w := newTextsWorld(t)
	w.now = time.Date(2026, 11, 25, 10, 30, 0, 0, w.a.Config.Owner.Location)
	w.queued(t)
	inviteRaw := invitationMail(t, "Sam Lee <hr@acme.test>", "Invitation: Acme – Backend Engineer interview @ Wed 2 Dec 2026 14:00 - 15:00 (CET) (alice@owner.test)", "google.ics", "inv-1@google.com")
	m, _ := inbox.Parse([]byte(strings.ReplaceAll(inviteRaw, "\n", "\r\n")))
	if dec, err := w.a.Decide(ctx, m); err != nil || dec.Kind != inbox.KindInvitation {
		t.Fatalf("the invitation was taken for %s (%s), %v", dec.Kind, dec.Reason, err)
	}
	before, _ := w.a.Store.Application(ctx, w.app.ID)
	w.handle(t, inviteRaw)
	question := w.one(t)
	golden(t, "track", question)
	if after, _ := w.a.Store.Application(ctx, w.app.ID); after.Status != before.Status {
		t.Errorf("the invitation from the coordinator of application %d made it %s", w.app.ID, after.Status)
	}
	row, err := w.a.Store.InvitationByUID(ctx, "4v1k2o8q3p0c9r7s6t5u4v3w2x@google.com")
	if err != nil || row.State != store.InvitationAsked || row.PreviousID != w.app.ID {
		t.Fatalf("invitation row %+v, %v", row, err)
	}
	// The same invitation again (a rescan, another folder): asked once.
	w.handle(t, strings.Replace(inviteRaw, "inv-1@google.com", "inv-1b@google.com", 1))
	if q := w.queued(t); len(q) != 0 {
		t.Errorf("the same invitation asked about twice:\n%s", strings.Join(q, "\n===\n"))
	}

	answer := func(body string, n int) { w.answerQuestion(t, row, body, n) }
	answer("track\ninterviewer: Jane at acme\n\nAlice", 0)
	golden(t, "track_problem", w.one(t))
	answer("Track\nrole: Senior Backend Engineer\n\nThanks,\nAlice\n\nOn Wed, followup wrote:\n> Reply \"track\"", 1)
	golden(t, "tracked", w.one(t))
	row, _ = w.a.Store.InvitationByUID(ctx, row.UID)
	app, err := w.a.Store.Application(ctx, row.AppID)
	if err != nil {
		t.Fatal(err)
	}
	var people []string
	for _, c := range app.Contacts {
		people = append(people, string(c.Role)+" "+c.Name+" "+c.Email)
	}
	if app.Company != "Acme" || app.Role != "Senior Backend Engineer" || app.Interview.TZ != "Europe/Berlin" || app.Round != 2 ||
		!app.Interview.Start.Equal(time.Date(2026, 12, 2, 13, 0, 0, 0, time.UTC)) || app.Interview.Length != time.Hour ||
		strings.Join(people, "; ") != "interviewer Jane Doe jane@acme.test; interviewer Raj Patel raj@acme.test; coordinator Sam Lee hr@acme.test" {
		t.Errorf("tracked: %s / %s, %s %s %s, round %d, people %v", app.Company, app.Role, app.Interview.Start, app.Interview.Length, app.Interview.TZ, app.Round, people)
	}
	plan := policy.New(w.a.Config.Rules).Compute(app.PolicyFacts(), policy.History{})
	if len(plan.Actions) == 0 || plan.Actions[0].Kind != policy.ThankYou {
		t.Errorf("no thank-you planned for the tracked interview: %+v", plan)
	}

	// The update (SEQUENCE 1) moves it to Thursday 10:00 for 75 minutes; an older copy does nothing.
	w.handle(t, invitationMail(t, "Sam Lee <hr@acme.test>", "Updated invitation: Acme – Backend Engineer interview", "google-update.ics", "inv-2@google.com"))
	golden(t, "invitation_changed-moved", w.one(t))
	app, _ = w.a.Store.Application(ctx, app.ID)
	if !app.Interview.Start.Equal(time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)) || app.Interview.Length != 75*time.Minute {
		t.Errorf("after the update the interview is %s for %s", app.Interview.Start, app.Interview.Length)
	}
	w.handle(t, invitationMail(t, "Sam Lee <hr@acme.test>", "Invitation: Acme", "google.ics", "inv-3@google.com"))
	if q := w.queued(t); len(q) != 0 {
		t.Errorf("an older copy of the invitation did something:\n%s", strings.Join(q, "\n===\n"))
	}
	// The cancellation ends it.
	w.handle(t, invitationMail(t, "Sam Lee <hr@acme.test>", "Canceled event: Acme – Backend Engineer interview", "google-cancel.ics", "inv-4@google.com"))
	golden(t, "invitation_changed-cancelled", w.one(t))
	if app, _ = w.a.Store.Application(ctx, app.ID); app.Status != policy.Stopped {
		t.Errorf("after the cancellation the application is %s", app.Status)
	}
}

// TestInvitation_NotAsked: a brunch is no interview; an invitation that does not invite the
// owner, and a cancellation of an event never seen, ask nothing.
func TestInvitation_NotAsked(t *testing.T) {
	w := newTextsWorld(t)
	w.queued(t)
	w.handle(t, invitationMail(t, "Bob <bob.friend@gmail.com>", "Invitation: Brunch at Mila", "brunch.ics", "b-1@google.com"))
	ics, _ := os.ReadFile("../invite/testdata/calendly.ics")
	w.handle(t, invitationMailOf("Sam Lee <hr@acme.test>", "Invitation", []byte(strings.ReplaceAll(string(ics), "alice@owner.test", "zoe@elsewhere.test")), "c-1@calendly.com"))
	w.handle(t, invitationMail(t, "Sam Lee <hr@acme.test>", "Canceled", "google-cancel.ics", "x-1@google.com"))
	if q := w.queued(t); len(q) != 0 {
		t.Errorf("asked about:\n%s", strings.Join(q, "\n===\n"))
	}
}

// TestNextRound_TrackByMail: the notice of an invitation to another round is answered with
// the round's time ("track 2026-12-03 14:00"): the next round is recorded with the same
// people, the round before keeps its thank-yous but no check-ins. Without a time it asks
// for one.
func TestNextRound_TrackByMail(t *testing.T) {
	ctx := context.Background()
	w := newTextsWorld(t)
	if _, err := w.a.Plan(ctx); err != nil {
		t.Fatal(err)
	}
	w.queued(t)
	w.handle(t, "From: Jane Doe <jane@acme.test>\nTo: alice@owner.test\nSubject: Next steps\nMessage-ID: <nr-1@acme.test>\n\n"+
		"Hi Alice, we would like to invite you to a final interview with our CTO. Which days work for you next week?\n\nJane\n")
	if notice := w.one(t); !strings.HasPrefix(notice, "Subject: [followup TOKEN] Next round:") {
		t.Fatalf("the next-round notice carries no token:\n%s", notice)
	}
	var token string
	if err := w.a.Store.DB().QueryRow(`SELECT token FROM invitations WHERE previous_id = ?`, w.app.ID).Scan(&token); err != nil {
		t.Fatal(err)
	}
	row, err := w.a.Store.InvitationByToken(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	answer := func(body string, n int) { w.answerQuestion(t, row, body, n) }
	answer("track", 0)
	golden(t, "track_problem-no-time", w.one(t))
	answer("track 2026-12-03 14:00\ninterviewer: Pat Kim <pat@acme.test>", 1)
	golden(t, "tracked-next-round", w.one(t))
	row, _ = w.a.Store.InvitationByUID(ctx, row.UID)
	app, err := w.a.Store.Application(ctx, row.AppID)
	if err != nil {
		t.Fatal(err)
	}
	if app.Round != 2 || app.PreviousID != w.app.ID || !app.Interview.Start.Equal(time.Date(2026, 12, 3, 13, 0, 0, 0, time.UTC)) ||
		len(app.Contacts) != 2 || app.Contacts[0].Email != "pat@acme.test" || app.Contacts[1].Email != "sam@acme.test" {
		t.Errorf("the next round: round %d after %d at %s, contacts %+v", app.Round, app.PreviousID, app.Interview.Start, app.Contacts)
	}
	before, _ := w.a.Store.Application(ctx, w.app.ID)
	msgs, _ := w.a.Store.Messages(ctx, store.MessageFilter{AppID: w.app.ID})
	for _, m := range msgs {
		if thanks := m.Kind == policy.ThankYou || m.Kind == policy.ThankCoordinator; thanks != (m.State == store.AwaitingApproval) {
			t.Errorf("round 1's %s is %s", m.Kind, m.State)
		}
	}
	if before.Status != policy.Replied {
		t.Errorf("round 1 is %s", before.Status)
	}
}

// answerQuestion is the owner's n-th answer to a question about an invitation.
func (w *textsWorld) answerQuestion(t *testing.T, row store.Invitation, body string, n int) {
	t.Helper()
	w.handle(t, fmt.Sprintf("From: Alice Example <alice@owner.test>\nTo: alice@owner.test\nSubject: Re: [followup %s] Track\n"+
		"Message-ID: <answer-%d-%d@owner.test>\nIn-Reply-To: <%s>\n\n%s\n", row.Token, row.ID, n, row.RequestID, body))
}

// TestInvitation_RoundNew: "round: new" under "track" records an invitation at a company with
// an application as an application of its own (another role there), leaving the other as it was.
func TestInvitation_RoundNew(t *testing.T) {
	ctx := context.Background()
	w := newTextsWorld(t)
	w.now = time.Date(2026, 11, 25, 10, 30, 0, 0, w.a.Config.Owner.Location)
	w.handle(t, invitationMail(t, "Sam Lee <hr@acme.test>", "Invitation: Acme – Backend Engineer interview", "google.ics", "rn-1@google.com"))
	row, err := w.a.Store.InvitationByUID(ctx, "4v1k2o8q3p0c9r7s6t5u4v3w2x@google.com")
	if err != nil || row.PreviousID != w.app.ID {
		t.Fatalf("%+v %v", row, err)
	}
	before, _ := w.a.Store.Application(ctx, w.app.ID)
	w.answerQuestion(t, row, "track\nrole: Data Platform Engineer\nround: new", 0)
	row, _ = w.a.Store.InvitationByUID(ctx, row.UID)
	app, err := w.a.Store.Application(ctx, row.AppID)
	if err != nil || app.Round != 1 || app.PreviousID != 0 || app.Role != "Data Platform Engineer" {
		t.Errorf("round: new recorded %+v, %v", app, err)
	}
	if after, _ := w.a.Store.Application(ctx, w.app.ID); after.Status != before.Status {
		t.Errorf("the other application became %s", after.Status)
	}
	if _, ok, problem := ParseTrack("track\nround: 2"); !ok || problem == "" {
		t.Errorf("round: 2 is not refused: %q", problem)
	}
}

// TestParseTrack_Clients: "track" with a correction, written in the layout of every common
// mail client and language of the answers corpus (top- and bottom-posted, plain and
// HTML-only), under a quotation that itself holds the question's example lines: the owner's
// own correction is read, never the quoted example.
func TestParseTrack_Clients(t *testing.T) {
	files, _ := filepath.Glob("../inbox/testdata/answers/*.*")
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		layout := string(raw)
		// The quotation is of a question about an invitation, with its example corrections.
		layout = strings.ReplaceAll(layout, "followup has drafted a thank-you", "track\nrole: Senior Backend Engineer\ncompany: Acme\nfollowup has drafted a thank-you")
		own := "Track\nrole: Staff Engineer"
		body := strings.Replace(layout, "{{ANSWER}}", own, 1)
		if strings.HasSuffix(f, ".html") {
			body = strings.Replace(layout, "{{ANSWER}}", "Track<br>\nrole: Staff Engineer", 1)
			if body, err = inbox.HTMLText(strings.NewReader(body)); err != nil {
				t.Fatal(err)
			}
		}
		n++
		ans, ok, problem := ParseTrack(inbox.OwnAnswer(body))
		if !ok || problem != "" || ans.Role != "Staff Engineer" || ans.Company != "" {
			t.Errorf("%s: ok %v, problem %q, %+v", f, ok, problem, ans)
		}
	}
	if n < 100 {
		t.Fatalf("%d layouts read", n)
	}
}

// TestInvitation_StrangersCannotMoveOrSwitch: the UID is in every attendee's copy, so it is
// no credential. An update with a higher SEQUENCE from a stranger moves nothing; a
// cancellation from another does not end the application; an update that moves the people
// to another domain before the owner tracked it is asked about afresh, and "track" to the
// first question records nothing.
func TestInvitation_StrangersCannotMoveOrSwitch(t *testing.T) {
	ctx := context.Background()
	w := newTextsWorld(t)
	w.now = time.Date(2026, 11, 25, 10, 30, 0, 0, w.a.Config.Owner.Location)
	w.queued(t)
	w.handle(t, invitationMail(t, "Sam Lee <hr@acme.test>", "Invitation: Acme – Backend Engineer interview", "google.ics", "s-1@google.com"))
	w.one(t)
	row, err := w.a.Store.InvitationByUID(ctx, "4v1k2o8q3p0c9r7s6t5u4v3w2x@google.com")
	if err != nil {
		t.Fatal(err)
	}
	w.answerQuestion(t, row, "track", 0)
	w.queued(t)
	row, _ = w.a.Store.InvitationByUID(ctx, row.UID)
	tracked, err := w.a.Store.Application(ctx, row.AppID)
	if err != nil {
		t.Fatal(err)
	}

	ics, _ := os.ReadFile("../invite/testdata/google-update.ics")
	moved := strings.ReplaceAll(string(ics), "20261203T", "20991203T")
	w.handle(t, invitationMailOf("Mallory <mallory@gmail.com>", "Updated invitation", []byte(moved), "s-2@gmail.com"))
	w.handle(t, invitationMail(t, "Eve <eve@evil.test>", "Canceled event", "google-cancel.ics", "s-3@evil.test"))
	app, _ := w.a.Store.Application(ctx, tracked.ID)
	if app.Status != policy.Active || !app.Interview.Start.Equal(tracked.Interview.Start) {
		t.Errorf("strangers' changes: the application is %s, its interview at %s (was %s)", app.Status, app.Interview.Start, tracked.Interview.Start)
	}
	notice := w.queued(t)
	if len(notice) != 1 || !strings.Contains(notice[0], "mallory@gmail.com") || !strings.Contains(notice[0], "eve@evil.test") {
		t.Errorf("the owner was not told of the strangers' changes: %q", notice)
	}
	// Sam's own update still moves it.
	w.handle(t, invitationMail(t, "Sam Lee <hr@acme.test>", "Updated invitation", "google-update.ics", "s-4@google.com"))
	if app, _ = w.a.Store.Application(ctx, tracked.ID); !app.Interview.Start.Equal(time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("the organizer's update did not move the interview: %s", app.Interview.Start)
	}
	w.queued(t)

	// Bait and switch: asked about people at acme.test, then an update puts them elsewhere.
	ics, _ = os.ReadFile("../invite/testdata/google.ics")
	first := strings.ReplaceAll(string(ics), "4v1k2o8q3p0c9r7s6t5u4v3w2x@google.com", "bait@google.com")
	w.handle(t, invitationMailOf("Sam Lee <hr@acme.test>", "Invitation: Acme", []byte(first), "b-1@google.com"))
	asked, _ := w.a.Store.InvitationByUID(ctx, "bait@google.com")
	w.queued(t)
	switched := strings.NewReplacer("jane@acme.test", "jane@globex-careers.test", "raj@acme.test", "raj@globex-careers.test", "SEQUENCE:0", "SEQUENCE:1").Replace(first)
	w.handle(t, invitationMailOf("Sam Lee <hr@acme.test>", "Updated invitation: Acme", []byte(switched), "b-2@google.com"))
	again := w.queued(t)
	if len(again) != 1 || !strings.Contains(again[0], "Updated") || !strings.Contains(again[0], "globex-careers.test") {
		t.Fatalf("the switched invitation was not asked about afresh, in full: %q", again)
	}
	w.answerQuestion(t, asked, "track", 1) // the first question's token
	if row, _ := w.a.Store.InvitationByUID(ctx, "bait@google.com"); row.AppID != 0 {
		apps, _ := w.a.Store.Application(ctx, row.AppID)
		t.Errorf("track to the first question recorded application %d with %+v", row.AppID, apps.Contacts)
	}
}

// answerNotice answers the strangers' notice with Message-ID notice, as the owner.
func (w *textsWorld) answerNotice(t *testing.T, notice, body string) {
	t.Helper()
	w.handle(t, fmt.Sprintf("From: Alice Example <alice@owner.test>\nTo: alice@owner.test\nSubject: Re: [followup] Invitations to track\n"+
		"Message-ID: <answer-%d@owner.test>\nIn-Reply-To: <%s>\n\n%s\n\nOn Wed, followup wrote:\n> What came:\n", uniqueAnswer.Add(1), notice, body))
}

var uniqueAnswer atomic.Int64

// lastNotice is the Message-ID of the newest notice of strangers' mail.
func (w *textsWorld) lastNotice(t *testing.T) string {
	t.Helper()
	var id string
	if err := w.a.Store.DB().QueryRow(`SELECT message_id FROM outgoing WHERE coalesce_key = ? ORDER BY id DESC LIMIT 1`, store.StrangersKey).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// newInvitationWorld is a texts world on Wed 25 Nov 2026 10:30, a week before the
// interview of invite/testdata/google.ics, with nothing queued for the owner.
func newInvitationWorld(t *testing.T) *textsWorld {
	t.Helper()
	w := newTextsWorld(t)
	w.now = time.Date(2026, 11, 25, 10, 30, 0, 0, w.a.Config.Owner.Location)
	w.queued(t)
	return w
}

// calendar is invite/testdata/google.ics: Acme's interview, invitation by Sam Lee.
func (w *textsWorld) calendar(t *testing.T) []byte {
	t.Helper()
	ics, err := os.ReadFile("../invite/testdata/google.ics")
	if err != nil {
		t.Fatal(err)
	}
	return ics
}

// TestInvitation_ListedAndTracked: an invitation from a company the owner has no application
// with is anyone's to send: it is listed in the one notice an hour of mail strangers can
// cause, never asked about on its own; the owner's "track N" to that notice, with a
// correction under it, records it.
func TestInvitation_ListedAndTracked(t *testing.T) {
	ctx := context.Background()
	w := newInvitationWorld(t)
	ics := w.calendar(t)
	globex := strings.NewReplacer("acme.test", "globex.test", "Acme", "Globex").Replace(string(ics))
	w.handle(t, invitationMailOf("Sam Lee <hr@globex.test>", "Invitation: Globex – Backend Engineer interview", []byte(globex), "g-1@google.com"))
	notice := w.one(t)
	golden(t, "track_item", notice)
	row, err := w.a.Store.InvitationByUID(ctx, "4v1k2o8q3p0c9r7s6t5u4v3w2x@google.com")
	if err != nil || row.State != store.InvitationAsked || !row.Listed() {
		t.Fatalf("invitation row %+v, %v", row, err)
	}
	w.answerNotice(t, w.lastNotice(t), fmt.Sprintf("track %d\nrole: Staff Engineer\n\nThanks,\nAlice", row.ID))
	if q := w.one(t); !strings.Contains(q, "Tracking: Staff Engineer at Globex") {
		t.Errorf("after track, the owner read:\n%s", q)
	}
	row, _ = w.a.Store.InvitationByUID(ctx, row.UID)
	app, err := w.a.Store.Application(ctx, row.AppID)
	if err != nil || app.Company != "Globex" || app.Role != "Staff Engineer" || app.CompanyDomain != "globex.test" || len(app.Contacts) != 3 {
		t.Errorf("tracked %+v, %v", app, err)
	}
}

// TestInvitation_ListedBaitAndSwitch: an invitation listed with its people at initech.test,
// then an update (after that notice went) moves them to initech-careers.test: the update is
// listed again in full, and "track" answered to the first notice records nothing — only the
// version the owner read can be tracked.
func TestInvitation_ListedBaitAndSwitch(t *testing.T) {
	ctx := context.Background()
	w := newInvitationWorld(t)
	ics := w.calendar(t)
	first := strings.NewReplacer("acme.test", "initech.test", "Acme", "Initech").Replace(string(ics))
	w.handle(t, invitationMailOf("Sam Lee <hr@initech.test>", "Invitation: Initech", []byte(first), "i-1@google.com"))
	drainOwnerMail(t, w.a, w.now)
	bait := w.lastNotice(t)
	row, _ := w.a.Store.InvitationByUID(ctx, "4v1k2o8q3p0c9r7s6t5u4v3w2x@google.com")

	w.now = w.now.Add(10 * time.Minute)
	switched := strings.NewReplacer("jane@initech.test", "jane@initech-careers.test", "raj@initech.test", "raj@initech-careers.test",
		"SEQUENCE:0", "SEQUENCE:1").Replace(first)
	w.handle(t, invitationMailOf("Sam Lee <hr@initech.test>", "Updated invitation: Initech", []byte(switched), "i-2@google.com"))
	if q := drainOwnerMail(t, w.a, w.now); len(q) != 0 {
		t.Errorf("a second notice within the hour: %q", q)
	}
	again := drainOwnerMail(t, w.a, w.now.Add(time.Hour))
	if len(again) != 1 || !strings.Contains(again[0], fmt.Sprintf("An update of invitation %d", row.ID)) ||
		!strings.Contains(again[0], "jane@initech-careers.test") || !strings.Contains(again[0], fmt.Sprintf("(invitation %d, version 1)", row.ID)) {
		t.Fatalf("the switched invitation was not listed again, in full: %q", again)
	}
	w.answerNotice(t, bait, fmt.Sprintf("track %d", row.ID))
	if row, _ := w.a.Store.InvitationByUID(ctx, row.UID); row.AppID != 0 {
		app, _ := w.a.Store.Application(ctx, row.AppID)
		t.Fatalf("track to the first notice recorded application %d with %+v", row.AppID, app.Contacts)
	}
	if q := drainOwnerMail(t, w.a, w.now.Add(time.Hour)); len(q) != 1 || !strings.Contains(q[0], "changed after this notice showed it") {
		t.Errorf("the owner was not told why nothing was tracked: %q", q)
	}
	w.answerNotice(t, w.lastNotice(t), fmt.Sprintf("track %d", row.ID))
	row, _ = w.a.Store.InvitationByUID(ctx, row.UID)
	app, err := w.a.Store.Application(ctx, row.AppID)
	if err != nil || app.Contacts[0].Email != "jane@initech-careers.test" {
		t.Errorf("track to the notice that showed the update: %+v, %v", app.Contacts, err)
	}
}

// TestInvitation_StrangersShareOneNotice: 45 strangers' invitations and then a new company's
// own within the hour reach the owner as one notice an hour: the first lists 40, the next an
// hour later lists the rest, the company's among them — kept, never dropped or counted
// away — and "track" to it records it.
func TestInvitation_StrangersShareOneNotice(t *testing.T) {
	ctx := context.Background()
	w := newInvitationWorld(t)
	ics := w.calendar(t)
	const spam = 45
	for i := range spam {
		evil := strings.NewReplacer("4v1k2o8q3p0c9r7s6t5u4v3w2x@google.com", fmt.Sprintf("spam-%d@evil.test", i), "acme.test", "evil.test").Replace(string(ics))
		w.handle(t, invitationMailOf("Eve <eve@evil.test>", "Invitation: interview", []byte(evil), fmt.Sprintf("spam-%d@evil.test", i)))
	}
	globex := strings.NewReplacer("acme.test", "globex.test", "Acme", "Globex").Replace(string(ics))
	w.handle(t, invitationMailOf("Sam Lee <hr@globex.test>", "Invitation: Globex – Backend Engineer interview", []byte(globex), "real-1@google.com"))
	row, err := w.a.Store.InvitationByUID(ctx, "4v1k2o8q3p0c9r7s6t5u4v3w2x@google.com")
	if err != nil || row.State != store.InvitationAsked {
		t.Fatalf("the company's invitation was dropped: %+v, %v", row, err)
	}
	first := drainOwnerMail(t, w.a, w.now.Add(59*time.Minute))
	if len(first) != 1 || strings.Count(first[0], "To follow it, answer \"track ") != store.ListedItems {
		t.Fatalf("in the first hour %d notices, listing %d invitations", len(first), strings.Count(strings.Join(first, ""), "To follow it"))
	}
	if strings.Contains(first[0], "globex.test") || strings.Contains(first[0], "and more") {
		t.Errorf("the first notice lists the 46th invitation, or counts it away:\n%s", first[0])
	}
	second := drainOwnerMail(t, w.a, w.now.Add(time.Hour))
	if len(second) != 1 || strings.Count(second[0], "To follow it, answer \"track ") != spam+1-store.ListedItems ||
		!strings.Contains(second[0], fmt.Sprintf("answer \"track %d\"", row.ID)) {
		t.Fatalf("an hour later, %d notices: %q", len(second), second)
	}
	w.answerNotice(t, w.lastNotice(t), fmt.Sprintf("track %d", row.ID))
	if row, _ = w.a.Store.InvitationByUID(ctx, row.UID); row.State != store.InvitationTracked {
		t.Errorf("the company's invitation, answered: %s", row.State)
	}
}

// TestInvitation_ListedTrackedFromOutlook: the owner answers the notice from Outlook, in
// HTML only, the answer on two lines above Outlook's header block and the quoted notice
// (which itself holds "track N" lines): the answer's lines are read, the quotation's never.
func TestInvitation_ListedTrackedFromOutlook(t *testing.T) {
	ctx := context.Background()
	w := newInvitationWorld(t)
	globex := strings.NewReplacer("acme.test", "globex.test", "Acme", "Globex").Replace(string(w.calendar(t)))
	w.handle(t, invitationMailOf("Sam Lee <hr@globex.test>", "Invitation: Globex – Backend Engineer interview", []byte(globex), "o-1@google.com"))
	notice := w.one(t)
	row, err := w.a.Store.InvitationByUID(ctx, "4v1k2o8q3p0c9r7s6t5u4v3w2x@google.com")
	if err != nil {
		t.Fatal(err)
	}
	layout, err := os.ReadFile("../inbox/testdata/answers/outlook-en.html")
	if err != nil {
		t.Fatal(err)
	}
	answer := fmt.Sprintf("<div>Track #%d</div><div>role: Staff Engineer</div><div><br></div><div>Thanks, Alice</div>", row.ID)
	html := strings.Replace(string(layout), "{{ANSWER}}", answer, 1) + "<pre>" + notice + "</pre>"
	w.handle(t, fmt.Sprintf("From: Alice Example <alice@owner.test>\nTo: alice@owner.test\nSubject: RE: [followup] Invitations to track\n"+
		"Message-ID: <outlook-answer@owner.test>\nIn-Reply-To: <%s>\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n%s\n", w.lastNotice(t), html))
	row, _ = w.a.Store.InvitationByUID(ctx, row.UID)
	app, err := w.a.Store.Application(ctx, row.AppID)
	if err != nil || app.Role != "Staff Engineer" || app.Company != "Globex" {
		t.Fatalf("the Outlook answer tracked %+v, %v", app, err)
	}
	if q := w.one(t); !strings.Contains(q, "Tracking: Staff Engineer at Globex") {
		t.Errorf("after the Outlook answer the owner read:\n%s", q)
	}
}

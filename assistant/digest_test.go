package assistant

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/internal/testclock"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

func offline(t testing.TB) *Assistant {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg, err := config.Parse("t.yaml", []byte(`owner: {name: Alice Example, email: alice@owner.test, timezone: Europe/Berlin}
imap: {host: 127.0.0.1, security: none, username: a, password: x, trusted_authserv_id: [mx.owner.test]}
smtp: {host: 127.0.0.1, security: none, username: a, password: x}
store: {path: `+st.Path()+`}
`))
	if err != nil {
		t.Fatal(err)
	}
	d, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	d.Now = testclock.Now
	st.Now = func() time.Time { return d.Now() } // an interview is recorded on the test's clock
	return d
}

// TestDigest_ContentAndEscaping: the digest lists what waits, what was sent, who replied,
// what is due, whom to give up on and what is undeliverable, with the advice email cannot
// give; and nothing from incoming mail is trusted in its HTML or its text.
func TestDigest_ContentAndEscaping(t *testing.T) {
	d := offline(t)
	ctx := context.Background()
	if dg, err := d.BuildDigest(ctx); err != nil || !dg.Empty() {
		t.Fatalf("a new store's digest is not empty: %+v %v", dg, err)
	}
	now := d.Now()
	id, _ := d.Store.AddApplication(ctx, store.Application{Company: "Acme", Role: "Backend Engineer", CompanyDomain: "acme.test",
		Interview: store.Interview{Start: now.Add(-26 * time.Hour), Length: time.Hour, TZ: "Europe/Berlin"},
		Contacts: []store.Contact{{Name: "Jane Doe", Email: "jane@acme.test", Role: policy.Interviewer},
			{Name: "Pat", Email: "pat@acme.test", Role: policy.Interviewer}}})
	app, _ := d.Store.Application(ctx, id)
	waiting, _, _ := d.Store.AddMessage(ctx, store.Message{AppID: id, ContactID: app.Contacts[0].ID, Kind: policy.ThankYou, Due: now})
	d.Store.Transition(ctx, waiting, nil, store.AwaitingApproval, nil)
	sent, _, _ := d.Store.AddMessage(ctx, store.Message{AppID: id, ContactID: app.Contacts[1].ID, Kind: policy.ThankYou, Due: now})
	d.Store.Transition(ctx, sent, nil, store.Approved, nil)
	d.Store.Transition(ctx, sent, nil, store.Sending, nil)
	d.Store.Transition(ctx, sent, nil, store.Sent, func(m *store.Message) { m.SentAt = now })
	d.Store.SetUndeliverable(ctx, app.Contacts[1].ID, "test")
	d.Store.RecordInbound(ctx, store.Inbound{MessageID: "x@acme.test", Folder: "INBOX", UIDValidity: 1, UID: 1, Kind: "reply", AppID: id,
		From: "jane@acme.test", Subject: "<script>alert(1)</script>\x1b[31m", ReceivedAt: now})

	dg, err := d.BuildDigest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	text := dg.Text(d.Config.Owner.Location)
	for _, want := range []string{
		"Waiting for your approval", "thank-you to Jane Doe <jane@acme.test> (Acme, Backend Engineer)", fmt.Sprintf("followup approve %d", waiting),
		"Replies received", "jane@acme.test replied about Backend Engineer at Acme",
		"Sent", "thank-you to Pat <pat@acme.test>",
		"Due in the next 7 days", "Undeliverable", "pat@acme.test (Backend Engineer at Acme)",
		"Connect with Jane Doe on LinkedIn", "Write down the questions", "Keep applying elsewhere",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the digest text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "\x1b") {
		t.Error("a control character from incoming mail reached the text digest")
	}
	html, err := dg.HTML(d.Config.Owner.Location)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html, "<script>") || !strings.Contains(html, "&lt;script&gt;") {
		t.Errorf("the HTML digest does not escape incoming text:\n%s", html)
	}
}

// TestDigest_EmptyAndMissed: an empty digest is not sent (by default), and a digest missed
// while the daemon was down is caught up once.
func TestDigest_EmptyAndMissed(t *testing.T) {
	d := offline(t)
	ctx := context.Background()
	queued, err := d.QueueDigest(ctx, false)
	if err != nil || queued {
		t.Fatalf("an empty digest: queued %v, err %v", queued, err)
	}
	if n, _ := d.Store.DueOutgoing(ctx, d.Now().Add(time.Hour), func(string, string) bool { return true }, 10); len(n) != 0 {
		t.Fatalf("an empty digest was queued: %+v", n)
	}
	if missed, err := d.DigestMissed(ctx); err != nil || missed {
		t.Errorf("right after a digest: missed = %v, %v", missed, err)
	}
	d.Store.SetMeta(ctx, lastDigestKey, store.FormatTime(d.Now().AddDate(0, 0, -3)))
	if missed, err := d.DigestMissed(ctx); err != nil || !missed {
		t.Errorf("three days without a digest: missed = %v, %v", missed, err)
	}
	d.Config.Schedule.DigestWhenEmpty = true
	if queued, err := d.QueueDigest(ctx, false); err != nil || !queued {
		t.Fatalf("digest_when_empty: true: queued %v, err %v", queued, err)
	}
	// Cron only queues: the digest waits in the one queue for the deliver loop.
	n, err := d.Store.DueOutgoing(ctx, d.Now().Add(time.Hour), func(string, string) bool { return true }, 10)
	if err != nil || len(n) != 1 || n[0].Kind != store.KindDigest || n[0].HTML == "" {
		t.Errorf("queued: %+v, %v; want one digest with its HTML part", n, err)
	}
}

// TestDigest_Bounded: a section lists at most digestMax items, the soonest due first, and
// counts the rest; the advice about particular applications is bounded the same way.
func TestDigest_Bounded(t *testing.T) {
	d := offline(t)
	midweek(d)
	ctx := context.Background()
	seedApps(t, d, digestMax+10) // interviewed two days ago: a check-in each within the week
	dg, err := d.BuildDigest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(dg.Due) != digestMax+1 || !strings.Contains(dg.Due[digestMax].What, "and 10 more") {
		t.Fatalf("due: %d items, want %d and a count of 10 more:\n%s", len(dg.Due), digestMax+1, dg.Text(d.Config.Owner.Location))
	}
	for i := 1; i < digestMax; i++ {
		if dg.Due[i].at.Before(dg.Due[i-1].at) {
			t.Errorf("due item %d (%s) is listed after a later one (%s)", i, dg.Due[i].When, dg.Due[i-1].When)
		}
	}
	// The ones left out are the latest: seedApps interviews application i i seconds earlier.
	for _, it := range dg.Due[:digestMax] {
		if strings.Contains(it.What, "Company 0,") || strings.Contains(it.What, "Company 1,") {
			t.Errorf("a latest check-in is listed while earlier ones are left out: %s", it.What)
		}
	}
	if n := len(dg.Advice); n != digestMax+3 || !strings.Contains(dg.Advice[digestMax], "more like these") {
		t.Errorf("advice: %d lines, want %d (bounded, then the general advice)", n, digestMax+3)
	}
	if text := dg.Text(d.Config.Owner.Location); !strings.Contains(text, "and 10 more") {
		t.Error("the text digest doesn't say how many more are due")
	}
}

// TestDigest_NextRoundAdvice: "record it with followup add --next-round" is advised until
// the round is recorded, then the digest names the application it became.
func TestDigest_NextRoundAdvice(t *testing.T) {
	d := offline(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	d.Now = func() time.Time { return now }
	app := store.Application{Company: "Acme", Role: "Backend Engineer", CompanyDomain: "acme.test",
		Interview: store.Interview{Start: now.AddDate(0, 0, -7), Length: time.Hour, TZ: "Europe/Berlin"},
		Contacts:  []store.Contact{{Name: "Jane Doe", Email: "jane@acme.test", Role: policy.Interviewer}}}
	id, err := d.Store.AddApplication(ctx, app)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Store.Answered(ctx, id, store.Answer{Outcome: "next_round", Status: policy.Active, Invited: true}); err != nil {
		t.Fatal(err)
	}
	d.Store.RecordInbound(ctx, store.Inbound{MessageID: "r@acme.test", Folder: "INBOX", UIDValidity: 1, UID: 1, Kind: "reply", AppID: id,
		From: "jane@acme.test", Subject: "Re: Thank you", ReceivedAt: now.Add(-time.Hour)})
	text := func() string {
		dg, err := d.BuildDigest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return dg.Text(d.Config.Owner.Location)
	}
	if got := text(); !strings.Contains(got, fmt.Sprintf("record it with followup add --next-round %d", id)) {
		t.Errorf("before the round is recorded:\n%s", got)
	}
	app.PreviousID, app.Interview.Start = id, now.AddDate(0, 0, 3)
	next, err := d.Store.AddNextRound(ctx, app)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(); strings.Contains(got, "--next-round") || !strings.Contains(got, fmt.Sprintf("another round: recorded as application %d (followup show %d)", next, next)) {
		t.Errorf("after the round is recorded:\n%s", got)
	}
}

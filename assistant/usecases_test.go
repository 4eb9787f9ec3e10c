package assistant

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
	"github.com/followupd/followup/config"
	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/internal/memmail"
	"github.com/followupd/followup/internal/testclock"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// The daemon's use cases without the daemon and without root: the assistant on a
// temp-file store, fed by the same entry point the daemon uses — an inbox.Watcher reading
// the owner's INBOX on the in-process mail system (internal/memmail) — on a clock the test
// sets. daemon/ proves the wiring on Dovecot, Cyrus and Postfix.

const (
	ucOwner = "alice@owner.test"
	ucJane  = "jane@acme.test"
	ucRaj   = "raj@acme.test"
	ucSam   = "sam@acme.test"
	ucBob   = "bob@other.test"
)

type usecases struct {
	t     *testing.T
	a     *Assistant
	mail  *memmail.World
	clock *testclock.Clock
	app   store.Application
	// stuck receives each message the watcher reports as failing again and again.
	stuck chan error

	mu      sync.Mutex
	handled map[string]store.Inbound // by Message-ID
	changed chan struct{}            // closed and replaced at each handled message
	n       int
}

// newUsecases starts the mail system, the assistant and the watcher, and records an
// interview that ended a few hours ago with Jane, Raj (no name given) and Sam, who
// arranged it.
func newUsecases(t *testing.T) *usecases {
	t.Helper()
	return newUsecasesAt(t, time.Time{})
}

// newUsecasesAt is newUsecases with the clock set to at (unless zero): for a test whose
// golden file holds dates.
func newUsecasesAt(t *testing.T, at time.Time) *usecases {
	t.Helper()
	mail, err := memmail.Start(memmail.Options{Users: []string{ucOwner, ucJane, ucRaj, ucSam, ucBob}, Password: "pw", AuthservID: "mx.owner.test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(mail.Close)
	dir := t.TempDir()
	host, port, _ := net.SplitHostPort(mail.IMAPAddr)
	pw := filepath.Join(dir, "password")
	if err := os.WriteFile(pw, []byte("pw"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse("usecases.yaml", []byte(fmt.Sprintf(`owner: {name: Alice Example, email: %s, timezone: Europe/Berlin}
imap: {host: %s, port: %s, security: none, username: %s, password_file: %s, idle: false, trusted_authserv_id: [mx.owner.test]}
smtp: {host: 127.0.0.1, port: 25, security: none, username: %s, password_file: %s}
store: {path: %s}
approval: {required: true, confirm: true}
`, ucOwner, host, port, ucOwner, pw, ucOwner, pw, filepath.Join(dir, "f.db"))))
	if err != nil {
		t.Fatal(err)
	}
	// The in-process server does not always push mail to a session in IDLE: poll, often.
	cfg.IMAP.Poll = 20 * time.Millisecond
	ctx := context.Background()
	st, err := store.Open(ctx, cfg.Store.Path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	u := &usecases{t: t, a: a, mail: mail, clock: &testclock.Clock{}, stuck: make(chan error, 10),
		handled: map[string]store.Inbound{}, changed: make(chan struct{})}
	if !at.IsZero() {
		u.clock.Advance(at.Sub(u.clock.Now()))
	}
	a.Now, st.Now = u.clock.Now, u.clock.Now
	a.OnHandled = func(rec store.Inbound, _ Decision) {
		u.mu.Lock()
		defer u.mu.Unlock()
		u.handled[rec.MessageID] = rec
		close(u.changed)
		u.changed = make(chan struct{})
	}
	id, err := st.AddApplication(ctx, store.Application{Company: "Acme", Role: "Backend Engineer", CompanyDomain: "acme.test",
		Interview: store.Interview{Start: u.clock.Now().Add(-4 * time.Hour), Length: time.Hour, TZ: "Europe/Berlin",
			KeyPoints: "the queue redesign", Fit: "five years of building Go services"},
		Contacts: []store.Contact{
			{Name: "Jane Doe", Email: ucJane, Role: policy.Interviewer},
			{Email: ucRaj, Role: policy.Interviewer},
			{Name: "Sam Lee", Email: ucSam, Role: policy.Coordinator},
		}})
	if err != nil {
		t.Fatal(err)
	}
	if u.app, err = st.Application(ctx, id); err != nil {
		t.Fatal(err)
	}

	ready := make(chan struct{}, 1)
	w := &inbox.Watcher{Config: cfg.IMAP, Folder: "INBOX", Cursors: st, Handler: a,
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		Password:   func(ctx context.Context) (string, error) { return cfg.IMAP.Secret(ctx) },
		MinBackoff: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		Connected: func() {
			select {
			case ready <- struct{}{}:
			default:
			}
		},
		Stuck: func(ctx context.Context, m *inbox.Message, attempts int, err error) {
			a.Stuck(ctx, m, attempts, err)
			u.stuck <- err
		},
	}
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); w.Run(wctx) }()
	t.Cleanup(func() { cancel(); <-done })
	select {
	case <-ready:
	case <-time.After(10 * time.Second):
		t.Fatal("the watcher did not connect to the in-process IMAP server")
	}
	return u
}

// deliver puts raw (LF line ends) in the owner's INBOX as sent by from (the envelope
// sender), and waits until the watcher has handed it to the assistant. The in-process
// server stamps its verdict on it (memmail.Verdict), as the owner's border MTA would.
func (u *usecases) deliver(from, raw string) store.Inbound {
	u.t.Helper()
	u.n++
	id := fmt.Sprintf("uc-%d-%d@%s", u.n, time.Now().UnixNano(), policy.Domain(from))
	raw = "Message-ID: <" + id + ">\nDate: " + u.clock.Now().Format(time.RFC1123Z) + "\n" + raw
	if err := u.mail.Deliver(from, []string{ucOwner}, []byte(strings.ReplaceAll(raw, "\n", "\r\n"))); err != nil {
		u.t.Fatal(err)
	}
	return u.await(id)
}

func (u *usecases) await(id string) store.Inbound {
	u.t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		u.mu.Lock()
		rec, ok := u.handled[id]
		changed := u.changed
		u.mu.Unlock()
		if ok {
			return rec
		}
		select {
		case <-changed:
		case <-timeout:
			u.t.Fatalf("message %s was not handled", id)
		}
	}
}

// plan drafts what is due and queues the approval requests; it returns the drafts by
// contact address.
func (u *usecases) plan() map[string]store.Message {
	u.t.Helper()
	if _, err := u.a.Plan(context.Background()); err != nil {
		u.t.Fatal(err)
	}
	drafts := map[string]store.Message{}
	for _, m := range u.drafts() {
		drafts[u.app.Contact(m.ContactID).Email] = m
	}
	return drafts
}

func (u *usecases) drafts() []store.Message {
	u.t.Helper()
	msgs, err := u.a.Store.Messages(context.Background(), store.MessageFilter{AppID: u.app.ID})
	if err != nil {
		u.t.Fatal(err)
	}
	return msgs
}

func (u *usecases) draft(id int64) store.Message {
	u.t.Helper()
	m, err := u.a.Store.Message(context.Background(), id)
	if err != nil {
		u.t.Fatal(err)
	}
	return m
}

// answer is a reply of from to the approval request of draft d, from a mail client.
func (u *usecases) answer(from string, d store.Message, body string) store.Inbound {
	u.t.Helper()
	return u.deliver(from, fmt.Sprintf("From: Alice Example <%s>\nTo: %s\nSubject: Re: [followup %s] Approve: thank-you\nIn-Reply-To: <%s>\n\n%s\n",
		from, ucOwner, d.Token, d.ApprovalID, body))
}

func (u *usecases) status() store.Application {
	u.t.Helper()
	app, err := u.a.Store.Application(context.Background(), u.app.ID)
	if err != nil {
		u.t.Fatal(err)
	}
	return app
}

// ownerMail is what was queued for the owner since the last call, subjects first.
func (u *usecases) ownerMail() []string {
	u.t.Helper()
	return drainOwnerMail(u.t, u.a, u.clock.Now())
}

// verified is raw as the owner's receiving server delivers mail whose sender it verified.
func verified(raw string) string {
	m, err := inbox.Parse([]byte(strings.ReplaceAll(raw, "\n", "\r\n")))
	if err != nil {
		return raw
	}
	return string(memmail.Verdict("mx.owner.test", m.From, []byte(raw)))
}

// drainOwnerMail returns the mail for the owner due by now, as the owner reads it, and marks
// it sent.
func drainOwnerMail(t *testing.T, a *Assistant, now time.Time) []string {
	t.Helper()
	ctx := context.Background()
	ns, err := a.Store.DueOutgoing(ctx, now, func(string, string) bool { return false }, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range ns {
		out = append(out, tokenPattern.ReplaceAllString("Subject: "+n.Subject+"\n\n"+n.Body, "TOKEN"))
		if _, err := a.Store.Take(ctx, n.ID, now, func() string { return "" }); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Store.Settle(ctx, n.ID, store.Settlement{To: store.OutSent, At: now}); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestUseCase_Approval: the approval protocol end to end through the watcher: a plain
// "send" approves a draft unchanged, "skip" drops one, a new text comes back to be
// confirmed, an answer from anyone but the owner is refused, "stop" ends the application.
func TestUseCase_Approval(t *testing.T) {
	u := newUsecases(t)
	drafts := u.plan()
	jane, raj, sam := drafts[ucJane], drafts[ucRaj], drafts[ucSam]
	for who, d := range map[string]store.Message{"Jane": jane, "Raj": raj, "Sam": sam} {
		if d.State != store.AwaitingApproval || d.Token == "" || d.ApprovalID == "" {
			t.Fatalf("%s's draft: %+v, want awaiting approval with a request", who, d)
		}
	}
	if n := len(u.ownerMail()); n != 3 {
		t.Fatalf("%d approval requests, want 3", n)
	}

	if rec := u.answer(ucOwner, jane, "Send it, thanks!\n\nBest,\nAlice"); rec.Kind != string(inbox.KindCommand) || !strings.HasPrefix(rec.Reason, "send:") {
		t.Errorf("the owner's send was taken as %s: %s", rec.Kind, rec.Reason)
	}
	if d := u.draft(jane.ID); d.State != store.Approved || d.Body != jane.Body {
		t.Errorf("after send, Jane's draft is %s (body changed: %v)", d.State, d.Body != jane.Body)
	}
	u.answer(ucOwner, raj, "skip")
	if d := u.draft(raj.ID); d.State != store.Skipped {
		t.Errorf("after skip, Raj's draft is %s", d.State)
	}

	// Someone else answers with Sam's token: refused, and the draft waits on.
	if rec := u.answer(ucBob, sam, "send"); rec.Kind == string(inbox.KindCommand) {
		t.Errorf("bob's answer was taken as a command: %s", rec.Reason)
	}
	if d := u.draft(sam.ID); d.State != store.AwaitingApproval {
		t.Errorf("after a stranger's send, Sam's draft is %s", d.State)
	}
	u.ownerMail()

	own := "Dear Sam,\n\nthank you for arranging everything so smoothly yesterday.\n\nBest regards,\nAlice"
	u.answer(ucOwner, sam, "send\n\n"+own)
	if d := u.draft(sam.ID); d.State != store.AwaitingApproval || strings.TrimSpace(d.Body) != own {
		t.Errorf("a new text: Sam's draft is %s with %q, want awaiting approval with the owner's text", d.State, d.Body)
	}
	if mail := u.ownerMail(); len(mail) != 1 || !strings.Contains(mail[0], "thank you for arranging everything") {
		t.Errorf("the new text did not come back to be confirmed: %q", mail)
	}

	u.answer(ucOwner, u.draft(sam.ID), "stop")
	if app := u.status(); app.Status != policy.Stopped {
		t.Errorf("after stop the application is %s", app.Status)
	}
}

// TestUseCase_Outcomes: what a reply from the company says decides what followup does.
func TestUseCase_Outcomes(t *testing.T) {
	cases := []struct {
		name, body string
		status     policy.Status
		kept       bool   // the thank-yous still wait for the owner's word
		notice     string // the owner's notice subject starts with it
	}{
		{"rejection", "Dear Alice,\n\nthank you for your time. After careful consideration we have decided to move forward with other candidates.\n\nKind regards,\nJane",
			policy.Rejected, false, "Subject: [followup] Not this time"},
		{"offer", "Dear Alice,\n\nI am delighted to offer you the position of Backend Engineer. The written offer follows today.\n\nJane",
			policy.Offer, false, "Subject: [followup] URGENT, an offer"},
		{"logistics", "Hi Alice,\n\nplease send us your travel receipts so that we can reimburse them.\n\nJane",
			policy.Replied, true, "Subject: [followup] Logistics"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u := newUsecases(t)
			u.plan()
			u.ownerMail()
			rec := u.deliver(ucJane, "From: Jane Doe <"+ucJane+">\nTo: "+ucOwner+"\nSubject: Your application\n\n"+tc.body)
			if rec.Kind != string(inbox.KindReply) {
				t.Fatalf("Jane's mail was taken as %s: %s", rec.Kind, rec.Reason)
			}
			if app := u.status(); app.Status != tc.status {
				t.Errorf("status %s, want %s", app.Status, tc.status)
			}
			waiting := 0
			for _, m := range u.drafts() {
				if m.Kind == policy.ThankYou && m.State == store.AwaitingApproval {
					waiting++
				}
			}
			if (waiting > 0) != tc.kept {
				t.Errorf("%d thank-yous still wait for approval; kept = %v", waiting, tc.kept)
			}
			mail := u.ownerMail()
			if len(mail) == 0 || !strings.HasPrefix(mail[0], tc.notice) {
				t.Errorf("the owner was told %q, want a notice %q", mail, tc.notice)
			}
		})
	}
}

// TestUseCase_StoreFailsMidAnswer: the store fails while the owner's "send" is handled (a
// table of it cannot be read). The answer is not taken for something else nor marked seen:
// the watcher keeps it, tries again with its backoff, tells the owner once it keeps failing,
// and once the store is back the draft is approved.
func TestUseCase_StoreFailsMidAnswer(t *testing.T) {
	u := newUsecases(t)
	jane := u.plan()[ucJane]
	u.ownerMail()
	db := u.a.Store.DB()
	if _, err := db.Exec(`ALTER TABLE interviews RENAME TO interviews_away`); err != nil {
		t.Fatal(err)
	}
	id := fmt.Sprintf("uc-storefail-%d@owner.test", time.Now().UnixNano())
	raw := fmt.Sprintf("Message-ID: <%s>\nDate: %s\nFrom: Alice Example <%s>\nTo: %s\nSubject: Re: [followup %s] Approve: thank-you\nIn-Reply-To: <%s>\n\nsend\n",
		id, u.clock.Now().Format(time.RFC1123Z), ucOwner, ucOwner, jane.Token, jane.ApprovalID)
	if err := u.mail.Deliver(ucOwner, []string{ucOwner}, []byte(strings.ReplaceAll(raw, "\n", "\r\n"))); err != nil {
		t.Fatal(err)
	}
	var cause error
	select {
	case cause = <-u.stuck:
	case <-time.After(20 * time.Second):
		t.Fatal("the watcher never reported the message it could not handle")
	}
	if !strings.Contains(cause.Error(), "interviews") {
		t.Errorf("stuck on %v, want the store's error", cause)
	}
	if kind, _, err := u.a.Store.InboundKind(context.Background(), id); err != nil || kind != "" {
		t.Errorf("while the store failed the answer was recorded as %q (%v)", kind, err)
	}
	if d := u.draft(jane.ID); d.State != store.AwaitingApproval {
		t.Errorf("while the store failed the draft became %s", d.State)
	}
	if _, err := db.Exec(`ALTER TABLE interviews_away RENAME TO interviews`); err != nil {
		t.Fatal(err)
	}
	if rec := u.await(id); rec.Kind != string(inbox.KindCommand) || !strings.HasPrefix(rec.Reason, "send:") {
		t.Errorf("after the store came back the answer was taken as %s: %s", rec.Kind, rec.Reason)
	}
	if d := u.draft(jane.ID); d.State != store.Approved {
		t.Errorf("after the store came back the draft is %s, want approved", d.State)
	}
	var told bool
	for _, m := range u.ownerMail() {
		told = told || strings.Contains(m, "A message followup cannot handle yet")
	}
	if !told {
		t.Error("the owner was not told that a message kept failing")
	}
}

// settled counts the application's drafts by state.
func (u *usecases) settled() map[store.State]int {
	n := map[store.State]int{}
	for _, m := range u.drafts() {
		n[m.State]++
	}
	return n
}

// TestUseCase_StrangersNeverAct replays what anyone who can mail the owner tried: a
// rejection or an offer in an ATS's name, a Reply-To at the company, a forged From whose
// DMARC failed, delivery reports naming an interviewer, a calendar built to stall the
// watcher. None changes the application; each is listed in one notice an hour; a real reply
// behind them all is still acted on.
func TestUseCase_StrangersNeverAct(t *testing.T) {
	u := newUsecasesAt(t, time.Date(2026, 11, 18, 10, 0, 0, 0, time.UTC)) // its golden file holds dates
	u.plan()
	u.ownerMail()
	before := u.settled()
	rejection := "Dear Alice,\n\nthank you for your interest. After careful consideration we have decided not to move forward with your application.\n\nThe Recruiting Team"
	offer := "Dear Alice,\n\nwe are delighted to offer you the position of Backend Engineer! Sign here: https://evil.test/sign\n\nThe Team"
	attacks := []struct{ name, envelope, raw string }{
		{"an ATS display name", "no-reply@greenhouse.io", "From: \"Acme Recruiting via Greenhouse\" <no-reply@greenhouse.io>\nTo: " + ucOwner +
			"\nSubject: Your application to Acme\n\n" + rejection},
		{"a scheduling tool's display name", "notifications@calendly.com", "From: Acme Team <notifications@calendly.com>\nTo: " + ucOwner +
			"\nSubject: Great news from Acme\n\n" + offer},
		{"a Reply-To at the company", "mallory@hire.lever.co", "From: Mallory <mallory@hire.lever.co>\nReply-To: hr@acme.test\nTo: " + ucOwner +
			"\nSubject: Your application\n\n" + rejection},
		{"a forged From that failed DMARC", "mallory@evil.test", "From: Jane Doe <" + ucJane + ">\nTo: " + ucOwner +
			"\nSubject: Re: Thank you\n\n" + rejection},
		{"a forged delivery report", "mailer-daemon@evil.test", "From: Mail Delivery System <MAILER-DAEMON@evil.test>\nTo: " + ucOwner +
			"\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n" +
			"--b\nContent-Type: text/plain\n\nfailed\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; evil.test\n\n" +
			"Final-Recipient: rfc822; " + ucJane + "\nAction: failed\nStatus: 5.1.1\n\n--b--\n"},
	}
	for _, at := range attacks {
		rec := u.deliver(at.envelope, at.raw)
		app := u.status()
		if app.Status != policy.Active {
			t.Errorf("%s: the application became %s (%s)", at.name, app.Status, rec.Reason)
		}
		for _, c := range app.Contacts {
			if c.Undeliverable {
				t.Errorf("%s: %s marked undeliverable", at.name, c.Email)
			}
		}
		if got := u.settled(); fmt.Sprint(got) != fmt.Sprint(before) {
			t.Errorf("%s: drafts %v, were %v", at.name, got, before)
		}
	}
	// A calendar of one 250 KB property line, which golang-ical parses in quadratic time.
	huge := "BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\nUID:x@evil.test\nATTENDEE;X=" + strings.Repeat("a,", 125000) +
		"a:mailto:alice@owner.test\nEND:VEVENT\nEND:VCALENDAR\n"
	if rec := u.deliver("eve@evil.test", "From: eve@evil.test\nTo: "+ucOwner+"\nSubject: Invitation\nMIME-Version: 1.0\n"+
		"Content-Type: text/calendar; method=REQUEST\n\n"+huge); rec.Kind != "unreadable" {
		t.Errorf("the hostile calendar was taken as %s: %s", rec.Kind, rec.Reason)
	}

	mail := u.ownerMail()
	if len(mail) != 1 || !strings.HasPrefix(mail[0], "Subject: [followup] Mail followup did not act on") {
		t.Fatalf("the owner got %d mails for the strangers, want one notice:\n%s", len(mail), strings.Join(mail, "\n=====\n"))
	}
	for _, want := range []string{"no-reply@greenhouse.io", "notifications@calendly.com", "mallory@hire.lever.co", "jane@acme.test", "eve@evil.test"} {
		if !strings.Contains(mail[0], want) {
			t.Errorf("the notice does not list the mail from %s", want)
		}
	}
	if strings.Contains(mail[0], "https://evil.test") {
		t.Error("the notice carries the stranger's link")
	}
	golden(t, "strangers-unproven", mail[0])

	// Within the hour more of them wait for the next notice, an hour after this one.
	u.deliver("no-reply@greenhouse.io", "From: \"Acme via Greenhouse\" <no-reply@greenhouse.io>\nTo: "+ucOwner+"\nSubject: Update\n\n"+rejection)
	if mail := u.ownerMail(); len(mail) != 0 {
		t.Errorf("a second notice within the hour: %q", mail)
	}
	u.clock.Advance(time.Hour)
	if mail := u.ownerMail(); len(mail) != 1 || !strings.Contains(mail[0], "Acme via Greenhouse") {
		t.Errorf("an hour later, the next notice: %q", mail)
	}

	// Jane's real reply, proven by the owner's server, is acted on.
	if rec := u.deliver(ucJane, "From: Jane Doe <"+ucJane+">\nTo: "+ucOwner+"\nSubject: Re: Thank you\n\n"+rejection); rec.Kind != string(inbox.KindReply) {
		t.Fatalf("Jane's reply was taken as %s: %s", rec.Kind, rec.Reason)
	}
	if app := u.status(); app.Status != policy.Rejected {
		t.Errorf("after Jane's rejection the application is %s", app.Status)
	}
}

// TestUseCase_Resume: a decision taken by mistake is undone: resume returns a rejected
// application to active and plans its check-ins again; check-ins an unproven reply held go
// out on time again.
func TestUseCase_Resume(t *testing.T) {
	u := newUsecases(t)
	u.plan()
	u.ownerMail()
	u.deliver("no-reply@greenhouse.io", "From: \"Acme Recruiting via Greenhouse\" <no-reply@greenhouse.io>\nTo: "+ucOwner+
		"\nSubject: Your application\n\nUnfortunately we will not be moving forward with your application.")
	hist, err := u.a.Store.History(context.Background(), u.app.ID)
	if err != nil || len(hist.Holds) == 0 {
		t.Fatalf("an unproven rejection held nothing: %+v, %v", hist.Holds, err)
	}
	was, lifted, err := u.a.Store.Resume(context.Background(), u.app.ID, "not from Acme")
	if err != nil || was != policy.Active || lifted == 0 {
		t.Fatalf("resume = %s, %d lifted, %v", was, lifted, err)
	}
	if hist, _ := u.a.Store.History(context.Background(), u.app.ID); len(hist.Holds) != 0 {
		t.Errorf("holds left after resume: %+v", hist.Holds)
	}
	if _, _, err := u.a.Store.Resume(context.Background(), u.app.ID, ""); !errors.Is(err, store.ErrTransition) {
		t.Errorf("resuming an active application with no hold: %v, want ErrTransition", err)
	}

	u.deliver(ucJane, "From: Jane Doe <"+ucJane+">\nTo: "+ucOwner+"\nSubject: Re: Thank you\n\n"+
		"Dear Alice,\n\nafter careful consideration we have decided to move forward with other candidates.\n\nJane")
	if app := u.status(); app.Status != policy.Rejected {
		t.Fatalf("status %s after a rejection", app.Status)
	}
	if was, _, err := u.a.Store.Resume(context.Background(), u.app.ID, "Jane meant another role"); err != nil || was != policy.Rejected {
		t.Fatalf("resume = %s, %v", was, err)
	}
	u.clock.Advance(8 * 24 * time.Hour)
	if _, err := u.a.Plan(context.Background()); err != nil {
		t.Fatal(err)
	}
	checkIns := 0
	for _, m := range u.drafts() {
		if m.Kind == policy.CheckIn && m.State != store.Cancelled {
			checkIns++
		}
	}
	if app := u.status(); app.Status != policy.Active || checkIns == 0 {
		t.Errorf("after resume: status %s, %d check-ins drafted", app.Status, checkIns)
	}
}

// TestDecide_DKIMWhereNoServerRecords: a mailbox whose server writes no
// Authentication-Results (and none learned): followup checks DKIM itself; a reply signed by
// the company's domain is the company's, one unsigned only holds and asks.
func TestDecide_DKIMWhereNoServerRecords(t *testing.T) {
	ctx := context.Background()
	a := offline(t)
	a.Config.IMAP.TrustedAuthservID = nil
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	a.LookupTXT = func(name string) ([]string, error) {
		if name == "s1._domainkey.acme.test" {
			return []string{"v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(pub)}, nil
		}
		return nil, errors.New("no such host")
	}
	if _, err := a.Store.AddApplication(ctx, store.Application{Company: "Acme", Role: "Engineer", CompanyDomain: "acme.test",
		Interview: store.Interview{Start: a.Now().Add(-5 * time.Hour), Length: time.Hour, TZ: "Europe/Berlin"},
		Contacts:  []store.Contact{{Name: "Jane Doe", Email: "jane@acme.test", Role: policy.Interviewer}}}); err != nil {
		t.Fatal(err)
	}
	msg := "From: Jane Doe <jane@acme.test>\r\nTo: alice@owner.test\r\nSubject: Re: Thank you\r\nMessage-ID: <d1@acme.test>\r\n\r\nWe have decided to move forward with other candidates.\r\n"
	var signed bytes.Buffer
	if err := dkim.Sign(&signed, strings.NewReader(msg), &dkim.SignOptions{Domain: "acme.test", Selector: "s1", Signer: priv}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, raw string
		unproven  bool
	}{{"signed", signed.String(), false}, {"unsigned", msg, true}} {
		m, err := inbox.Parse([]byte(tc.raw))
		if err != nil {
			t.Fatal(err)
		}
		dec, err := a.Decide(ctx, m)
		if err != nil || dec.Kind != inbox.KindReply || dec.Unproven != tc.unproven {
			t.Errorf("%s: %s, unproven %v (%s), %v", tc.name, dec.Kind, dec.Unproven, dec.Proof.How, err)
		}
	}
}

// TestUseCase_AnswerTheNotice: the owner answers the strangers' notice "resume 1": the
// check-ins an unproven reply held go on; "stop 1" ends the application. The same answer
// from anyone else, or about an application the notice does not list, does nothing.
func TestUseCase_AnswerTheNotice(t *testing.T) {
	u := newUsecases(t)
	u.plan()
	u.ownerMail()
	u.deliver("no-reply@greenhouse.io", "From: \"Acme Recruiting via Greenhouse\" <no-reply@greenhouse.io>\nTo: "+ucOwner+
		"\nSubject: Your application\n\nUnfortunately we will not be moving forward with your application.")
	if mail := u.ownerMail(); len(mail) != 1 || !strings.Contains(mail[0], "answer this notice `stop 1`; if not: `resume 1`") {
		t.Fatalf("the notice: %q", mail)
	}
	var notice string
	if err := u.a.Store.DB().QueryRow(`SELECT message_id FROM outgoing WHERE coalesce_key = ?`, store.StrangersKey).Scan(&notice); err != nil {
		t.Fatal(err)
	}
	answer := func(from, body string) store.Inbound {
		return u.deliver(from, "From: Alice Example <"+from+">\nTo: "+ucOwner+"\nSubject: Re: [followup] Mail followup did not act on\n"+
			"In-Reply-To: <"+notice+">\n\n"+body+"\n\nOn Mon, followup wrote:\n> What came:\n")
	}
	held := func() int {
		hist, err := u.a.Store.History(context.Background(), u.app.ID)
		if err != nil {
			t.Fatal(err)
		}
		return len(hist.Holds)
	}
	if held() == 0 {
		t.Fatal("the unproven rejection held nothing")
	}
	if rec := answer(ucBob, "resume 1"); rec.Kind == string(inbox.KindCommand) || held() == 0 {
		t.Errorf("a stranger's answer was taken: %s %s; holds %d", rec.Kind, rec.Reason, held())
	}
	if rec := answer(ucOwner, "resume 7"); !strings.Contains(rec.Reason, "not one this notice lists") {
		t.Errorf("an application the notice does not list: %s", rec.Reason)
	}
	if rec := answer(ucOwner, "Resume 1"); !strings.Contains(rec.Reason, "application 1 resumed") || held() != 0 {
		t.Errorf("resume 1: %s; holds left %d", rec.Reason, held())
	}
	if rec := answer(ucOwner, "stop 1"); !strings.Contains(rec.Reason, "application 1 stopped") || u.status().Status != policy.Stopped {
		t.Errorf("stop 1: %s; status %s", rec.Reason, u.status().Status)
	}
}

// TestUseCase_UnprovenFloodHoldsOnce: twenty unproven "rejections" in an hour hold each
// contact's check-ins once, not twenty times.
func TestUseCase_UnprovenFloodHoldsOnce(t *testing.T) {
	u := newUsecases(t)
	u.plan()
	for range 20 {
		u.deliver("no-reply@greenhouse.io", "From: \"Acme via Greenhouse\" <no-reply@greenhouse.io>\nTo: "+ucOwner+
			"\nSubject: Update\n\nUnfortunately we will not be moving forward with your application.")
	}
	hist, err := u.a.Store.History(context.Background(), u.app.ID)
	if err != nil || len(hist.Holds) != len(u.app.Contacts) {
		t.Errorf("%d holds for %d contacts after 20 unproven mails (%v)", len(hist.Holds), len(u.app.Contacts), err)
	}
}

// TestUseCase_ForgedOwnerMail: mail in the INBOX claiming to be the owner's, to a contact,
// that the owner's server did not verify (its DMARC failed), does not push the check-ins
// back; the owner's own, verified, does.
func TestUseCase_ForgedOwnerMail(t *testing.T) {
	u := newUsecases(t)
	raw := "From: Alice Example <" + ucOwner + ">\nTo: Jane Doe <" + ucJane + ">\nSubject: One more thing\n\nI forgot to mention my talk.\n"
	if rec := u.deliver(ucBob, raw); !strings.Contains(rec.Reason, "not verified") {
		t.Errorf("forged owner's mail taken as %s: %s", rec.Kind, rec.Reason)
	}
	var n int
	u.a.Store.DB().QueryRow(`SELECT count(*) FROM owner_mail`).Scan(&n)
	if n != 0 {
		t.Errorf("forged owner's mail recorded as the owner's (%d)", n)
	}
	if rec := u.deliver(ucOwner, raw); !strings.Contains(rec.Reason, "the next check-in counts from it") {
		t.Errorf("the owner's own mail taken as %s: %s", rec.Kind, rec.Reason)
	}
}

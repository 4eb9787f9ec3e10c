package assistant

import (
	"context"
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
	mail, err := memmail.Start(memmail.Options{Users: []string{ucOwner, ucJane, ucRaj, ucSam, ucBob}, Password: "pw"})
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
// sender), and waits until the watcher has handed it to the assistant. The owner's
// receiving server's verdict goes on top (stamp).
func (u *usecases) deliver(from, raw string) store.Inbound {
	u.t.Helper()
	u.n++
	id := fmt.Sprintf("uc-%d-%d@%s", u.n, time.Now().UnixNano(), policy.Domain(from))
	raw = stamp(from, "Message-ID: <"+id+">\nDate: "+u.clock.Now().Format(time.RFC1123Z)+"\n"+raw)
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

// stamp puts on top of raw the Authentication-Results that the owner's receiving server
// (authserv-id mx.owner.test) writes: DMARC pass for the From domain when it is the
// envelope sender's (SPF aligned), fail otherwise. The in-process server checks nothing.
func stamp(envelope, raw string) string {
	from := ""
	if m, err := inbox.Parse([]byte(strings.ReplaceAll(raw, "\n", "\r\n"))); err == nil {
		from = policy.Domain(m.From)
	}
	result := "pass"
	if from != policy.Domain(envelope) {
		result = "fail"
	}
	return "Authentication-Results: mx.owner.test; spf=" + result + " smtp.mailfrom=" + policy.Domain(envelope) +
		"; dmarc=" + result + " header.from=" + from + "\n" + raw
}

// verified is raw as the owner's receiving server delivers mail whose sender it verified.
func verified(raw string) string {
	m, err := inbox.Parse([]byte(strings.ReplaceAll(raw, "\n", "\r\n")))
	if err != nil {
		return raw
	}
	return stamp(m.From, raw)
}

// drainOwnerMail returns the mail queued for the owner, as the owner reads it, and marks it sent.
func drainOwnerMail(t *testing.T, a *Assistant, now time.Time) []string {
	t.Helper()
	ctx := context.Background()
	ns, err := a.Store.DueOutgoing(ctx, now.Add(time.Hour), func(string, string) bool { return false }, 100)
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

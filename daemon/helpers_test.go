package daemon

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/followupd/followup/assistant"
	"github.com/followupd/followup/config"
	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/internal/testclock"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

func TestMain(m *testing.M) { mailstack.Main(m) }

const (
	owner = "alice@owner.test"
	jane  = "jane@acme.test"
	raj   = "raj@acme.test"
	hr    = "hr@acme.test"
	bob   = "bob@other.test"
)

type harness struct {
	t      testing.TB
	s      *mailstack.Stack
	d      *Daemon
	st     *store.Store
	cfg    *config.Config
	clock  *testclock.Clock
	stop   func()
	primed bool

	mu      sync.Mutex
	seen    map[string]string // Message-ID → "kind: reason", from OnHandled
	changed chan struct{}     // closed and replaced at each OnHandled
}

func testConfig(t testing.TB, s *mailstack.Stack, dbPath string) *config.Config {
	t.Helper()
	cfg, err := config.Load(s.OwnerConfig(t, dbPath))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// testLogger logs to stderr with -v; otherwise it keeps the daemon's log and prints it
// only when the test fails.
func testLogger(t testing.TB) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	buf := &lockedBuffer{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the daemon's log:\n%s", buf.String())
		}
	})
	return slog.New(slog.NewTextHandler(buf, nil))
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	s := mailstack.Get(t)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := testConfig(t, s, st.Path())
	d, err := New(cfg, st, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, s: s, d: d, st: st, cfg: cfg, clock: &testclock.Clock{}, seen: map[string]string{}, changed: make(chan struct{})}
	d.OnHandled = func(rec store.Inbound, _ assistant.Decision) {
		h.mu.Lock()
		h.seen[rec.MessageID] = rec.Kind + ": " + rec.Reason
		close(h.changed)
		h.changed = make(chan struct{})
		h.mu.Unlock()
	}
	d.Now = h.clock.Now
	d.RetryMin = 200 * time.Millisecond
	d.RetryMax = time.Second
	return h
}

// primeCursors sets the watched folders' cursors to their current end, as for a daemon
// that has been running: mail left in the shared mailboxes by earlier tests is not news.
func (h *harness) primeCursors() {
	h.t.Helper()
	// Mail an earlier test sent may still be in Postfix's queue: delivered after the cursors,
	// it would reach this test's daemon as new (a stranger's held reply spent the hour's one
	// notice that TestDaemon_SpoofedCommands waits for, under a full parallel run).
	h.s.WaitQueueEmpty(h.t, 30*time.Second)
	h.s.Prime(h.t, h.st, owner, h.d.watchedFolders()...)
}

// start runs the daemon until the test ends, and waits until its watchers are connected.
func (h *harness) start() {
	h.t.Helper()
	if !h.primed {
		h.primeCursors()
		h.primed = true
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	var connected atomic.Int32
	want := int32(len(h.d.watchedFolders()))
	var once sync.Once
	h.d.OnWatcherReady = func() {
		if connected.Add(1) >= want {
			once.Do(func() { close(ready) })
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.d.Run(ctx)
	}()
	h.stop = func() { cancel(); <-done }
	h.t.Cleanup(h.stop)
	select {
	case <-ready:
	case <-time.After(20 * time.Second):
		h.t.Fatal("the watcher did not connect")
	}
}

// onServersClock sets the daemon's clock to the mail servers' (the wall clock), for a test
// whose decisions rest on dates a real server wrote: a Sieve vacation reply dated by
// Dovecot's clock, an IMAP SEARCH SINCE over INTERNALDATE. testclock.Env moves only
// followup's clock, never the servers'.
func (h *harness) onServersClock() {
	h.clock.Advance(-testclock.Shift())
}

var uniq atomic.Int64

// addApp records an application for an interview that ended a few hours ago, with a
// company and role unique to the test.
func (h *harness) addApp(contacts ...store.Contact) store.Application {
	h.t.Helper()
	n := uniq.Add(1)
	app := store.Application{
		Company: fmt.Sprintf("Acme %s %d", h.t.Name(), n), Role: "Backend Engineer", CompanyDomain: "acme.test",
		Interview: store.Interview{Start: h.clock.Now().Add(-5 * time.Hour), Length: time.Hour, TZ: "Europe/Berlin",
			KeyPoints: "the queue redesign; on-call", Fit: "five years of Go services", Accomplishment: "cut p99 latency by 40%"},
		Contacts: contacts,
	}
	if len(contacts) == 0 {
		app.Contacts = []store.Contact{{Name: "Jane Doe", Email: jane, Role: policy.Interviewer}}
	}
	id, err := h.st.AddApplication(context.Background(), app)
	if err != nil {
		h.t.Fatal(err)
	}
	got, err := h.st.Application(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	h.d.Kick() // as the CLI's add is followed by the next tick
	return got
}

func decode(s string) string {
	d, err := (&mime.WordDecoder{}).DecodeHeader(s)
	if err != nil {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(d) // a folded field starts with the fold's blank
}

// approval waits for the approval request of a draft of app in the owner's INBOX.
func (h *harness) approval(app store.Application, kind policy.Kind, contactEmail string) (mailstack.Raw, store.Message) {
	h.t.Helper()
	var draft store.Message
	h.waitUntil(20*time.Second, "a draft awaiting approval", func() bool {
		msgs, _ := h.st.Messages(context.Background(), store.MessageFilter{AppID: app.ID, States: []store.State{store.AwaitingApproval, store.Unknown}})
		for _, m := range msgs {
			if m.Kind == kind && app.Contact(m.ContactID).Email == contactEmail && m.ApprovalID != "" {
				draft = m
				return true
			}
		}
		return false
	})
	raw := h.s.WaitFor(h.t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return r.Header("Message-ID") == "<"+draft.ApprovalID+">"
	})
	return raw, draft
}

// reply sends, as from (authenticated as from), an answer to an approval request.
func (h *harness) reply(from string, approval mailstack.Raw, body string, extra ...string) string {
	h.t.Helper()
	return h.replyAs(from, approval, "text/plain", body, extra...)
}

// replyAs is reply with the body's content type (text/plain, or text/html for an
// HTML-only answer).
func (h *harness) replyAs(from string, approval mailstack.Raw, contentType, body string, extra ...string) string {
	h.t.Helper()
	id := fmt.Sprintf("reply-%d-%d@owner.test", time.Now().UnixNano(), uniq.Add(1))
	hdr := []string{
		"From: Alice Example <" + from + ">", "To: " + owner, "Subject: " + mime.QEncoding.Encode("utf-8", "Re: "+strings.TrimSpace(decode(approval.Header("Subject")))),
		"Message-ID: <" + id + ">", "In-Reply-To: " + approval.Header("Message-ID"), "References: " + approval.Header("Message-ID"),
		"Date: " + h.clock.Now().Format(time.RFC1123Z), "MIME-Version: 1.0", "Content-Type: " + contentType + "; charset=utf-8",
	}
	hdr = append(hdr, extra...)
	raw := strings.Join(hdr, "\r\n") + "\r\n\r\n" + strings.ReplaceAll(body, "\n", "\r\n") + "\r\n"
	h.s.Send(h.t, from, []string{owner}, []byte(raw))
	return id
}

// handled waits until the daemon has handled an incoming message, and says what it made
// of it ("kind: reason").
func (h *harness) handled(messageID string) string {
	h.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		h.mu.Lock()
		got, ok := h.seen[messageID]
		changed := h.changed
		h.mu.Unlock()
		if ok {
			return got
		}
		select {
		case <-changed:
		case <-deadline:
			h.t.Fatalf("timed out waiting for the daemon to handle %s\n%s", messageID, h.s.Log())
		}
	}
}

func (h *harness) state(id int64) store.State {
	m, err := h.st.Message(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return m.State
}

// reached returns the mail in user's INBOX that a draft of application appID went out as
// (found by Message-ID: a letter's text may not name the company).
func (h *harness) reached(user string, appID int64) []mailstack.Raw {
	h.t.Helper()
	ids := map[string]bool{}
	rows, err := h.st.DB().Query(`SELECT o.message_id FROM outgoing o JOIN messages m ON o.draft_id = m.id
		WHERE m.application_id = ? AND o.kind = 'followup' AND o.message_id != ''`, appID)
	if err != nil {
		h.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			h.t.Fatal(err)
		}
		ids["<"+id+">"] = true
	}
	var out []mailstack.Raw
	for _, r := range h.s.Messages(h.t, user, "INBOX") {
		if ids[r.Header("Message-ID")] {
			out = append(out, r)
		}
	}
	return out
}

// waitUntil awaits a condition on the store (which the daemon changes from its own
// goroutines), checking it every 20 ms until timeout.
func (h *harness) waitUntil(timeout time.Duration, what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s\n%s", what, h.s.Log())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// replyWithSubject is reply with a subject of the test's choosing.
func (h *harness) replyWithSubject(from string, approval mailstack.Raw, subject, body string) string {
	h.t.Helper()
	id := fmt.Sprintf("reply-%d-%d@owner.test", time.Now().UnixNano(), uniq.Add(1))
	raw := "From: " + from + "\r\nTo: " + owner + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + id + ">\r\nIn-Reply-To: " +
		approval.Header("Message-ID") + "\r\nDate: " + h.clock.Now().Format(time.RFC1123Z) + "\r\n\r\n" + body + "\r\n"
	h.s.Send(h.t, from, []string{owner}, []byte(raw))
	return id
}

package daemon

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/followupd/followup/assistant"
	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/outbox"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// faultFull runs the fault tests at full size: a silence of ten minutes at the real pass
// budget (go test ./daemon -run TestFault -fault-full -v).
var faultFull = flag.Bool("fault-full", false, "run the fault tests at full size (minutes)")

// viaProxy points the daemon's SMTP side at a fault proxy in front of Postfix. The proxy
// reads plain SMTP; mail to the test domains needs no AUTH.
func (h *harness) viaProxy() *mailstack.SMTPProxy {
	h.t.Helper()
	p := h.s.NewSMTPProxy(h.t)
	h.cfg.SMTP.Port, h.cfg.SMTP.Security, h.cfg.SMTP.Auth = p.Port(), "none", "none"
	h.d.Sender = &mailer.Sender{Config: h.cfg.SMTP}
	return p
}

// question awaits the approval request about a draft in the owner's shared INBOX, found by
// its Message-ID (subjects and draft ids repeat across tests).
func (h *harness) question(id int64) mailstack.Raw {
	h.t.Helper()
	var approvalID string
	h.waitUntil(20*time.Second, "the question to be queued", func() bool {
		m, _ := h.st.Message(context.Background(), id)
		approvalID = m.ApprovalID
		return approvalID != ""
	})
	return h.s.WaitFor(h.t, owner, "INBOX", 20*time.Second, func(r mailstack.Raw) bool {
		return r.Header("Message-ID") == "<"+approvalID+">"
	})
}

// replyActedOn mails a reply from an interviewer of app, awaits the daemon's handling of it
// as a reply that ended app, and says how long that took from its submission.
func (h *harness) replyActedOn(from string, app store.Application) time.Duration {
	h.t.Helper()
	sent := time.Now()
	reply := h.mail(from, "Re: our interview", "Thanks, Alice. We'll be in touch.")
	if got := h.handled(reply); !strings.HasPrefix(got, "reply: ") {
		h.t.Fatalf("the reply was taken as %q", got)
	}
	took := time.Since(sent).Round(time.Millisecond)
	if s := h.status(app); s != policy.Replied {
		h.t.Errorf("the application replied to is %s", s)
	}
	return took
}

// copies counts the messages with Message-ID id in user's INBOX.
func (h *harness) copies(user, id string) int {
	h.t.Helper()
	n := 0
	for _, r := range h.s.Messages(h.t, user, "INBOX") {
		if r.Header("Message-ID") == "<"+id+">" {
			n++
		}
	}
	return n
}

// turns counts the deliver loop's turns; after awaits n more.
type turns struct {
	mu    sync.Mutex
	at    []time.Time
	ticks []time.Duration
	moved chan struct{}
}

func (h *harness) countTurns() *turns {
	tr := &turns{moved: make(chan struct{})}
	h.d.OnTurn = func(tick time.Duration) {
		tr.mu.Lock()
		tr.at = append(tr.at, time.Now())
		tr.ticks = append(tr.ticks, tick)
		close(tr.moved)
		tr.moved = make(chan struct{})
		tr.mu.Unlock()
	}
	return tr
}

// count is how many turns the loop has made so far.
func (tr *turns) count() int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return len(tr.at)
}

// after awaits n more turns than the loop had made when it was called.
func (tr *turns) after(t *testing.T, n int, timeout time.Duration) {
	t.Helper()
	tr.until(t, tr.count()+n, timeout)
}

// until awaits the loop's want-th turn. Take the count before the kick that should cause
// the turn: a turn that comes before after is called would otherwise be missed (a CI run
// waited 30 s for a turn that had already happened).
func (tr *turns) until(t *testing.T, want int, timeout time.Duration) {
	t.Helper()
	deadline := time.After(timeout)
	for {
		tr.mu.Lock()
		got, moved := len(tr.at), tr.moved
		tr.mu.Unlock()
		if got >= want {
			return
		}
		select {
		case <-moved:
		case <-deadline:
			t.Fatalf("the deliver loop turned %d times in %s, want %d", got, timeout, want)
		}
	}
}

// TestFault_CutAfterDot: the connection drops right after the end of DATA reached Postfix,
// which accepted the mail, and before its 250 came back. The thank-you becomes unknown and
// the owner is asked; ten minutes (and many passes of the deliver loop) later the
// interviewer still has exactly one copy, and nothing was tried again. Before typed
// outcomes, this was a temporary failure: retried a minute later, delivered twice.
func TestFault_CutAfterDot(t *testing.T) {
	h := newHarness(t)
	h.cfg.Approval.Required = false
	h.cfg.Rules.ThankCoordinator = false
	p := h.viaProxy()
	p.CutAfterDot.Store(1)
	tr := h.countTurns()
	app := h.addApp()
	h.start()
	draft := h.draftFor(app, policy.ThankYou, jane, store.Unknown)
	if !strings.Contains(draft.LastError, "connection was lost") {
		t.Errorf("last error = %q", draft.LastError)
	}
	req := h.question(draft.ID)
	if !strings.Contains(decode(req.Header("Subject")), "May have gone out: thank-you to Jane Doe") ||
		!strings.Contains(req.Text(), "connection to the mail server was lost") {
		t.Errorf("the question to the owner:\n%s", req.Data)
	}
	h.s.WaitFor(t, jane, "INBOX", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+draft.MessageID+">" })
	for i := 0; i < 10; i++ {
		h.clock.Advance(time.Minute)
		n := tr.count()
		h.d.Kick()
		tr.until(t, n+1, 30*time.Second)
	}
	h.s.WaitQueueEmpty(t, 20*time.Second)
	if n := h.copies(jane, draft.MessageID); n != 1 {
		t.Fatalf("the interviewer has %d copies ten minutes later, want 1", n)
	}
	if s := h.state(draft.ID); s != store.Unknown {
		t.Fatalf("without the owner's word the thank-you is %s, want unknown", s)
	}
	if got := p.Dots.Load(); got != 2 {
		t.Errorf("%d ends of DATA went through the proxy, want 2 (the thank-you once, the question to the owner)", got)
	}
	// The owner checked: it went out. "skip" settles it, and nothing more is sent.
	h.reply(owner, req, "skip")
	h.waitUntil(20*time.Second, "the owner's skip", func() bool { return h.state(draft.ID) == store.Skipped })
	if n := h.copies(jane, draft.MessageID); n != 1 {
		t.Errorf("%d copies after the owner's answer, want 1", n)
	}
}

// TestFault_SIGTERMDuringData: a shutdown begins while Postfix's answer to the end of DATA
// is held up. The send in flight gets its grace period, then its connection is closed: the
// message is unknown (never approved again, never sent again), and after a restart the
// owner is asked. Postfix had taken it: one copy.
func TestFault_SIGTERMDuringData(t *testing.T) {
	h := newHarness(t)
	h.cfg.Approval.Required = false
	h.cfg.Rules.ThankCoordinator = false
	p := h.viaProxy()
	p.HoldAfterDot.Store(true)
	h.d.ShutdownGrace = 300 * time.Millisecond
	app := h.addApp()
	h.start()
	select {
	case <-p.DotSeen():
	case <-time.After(20 * time.Second):
		t.Fatal("the thank-you never reached the end of DATA")
	}
	draft := h.draftFor(app, policy.ThankYou, jane, store.Sending)
	h.stop() // what SIGTERM does: the run context ends
	if s := h.state(draft.ID); s != store.Unknown {
		t.Fatalf("after a shutdown during DATA the thank-you is %s, want unknown", s)
	}
	p.Release()
	h.start() // the restart asks the owner
	if req := h.question(draft.ID); !strings.Contains(decode(req.Header("Subject")), "May have gone out: thank-you to Jane Doe") {
		t.Errorf("the question to the owner:\n%s", req.Data)
	}
	h.s.WaitFor(t, jane, "INBOX", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+draft.MessageID+">" })
	h.s.WaitQueueEmpty(t, 20*time.Second)
	if n := h.copies(jane, draft.MessageID); n != 1 {
		t.Errorf("%d copies, want 1", n)
	}
	if s := h.state(draft.ID); s != store.Unknown {
		t.Errorf("after the restart the thank-you is %s, want unknown until the owner answers", s)
	}
}

// TestFault_SilentServer: the SMTP server accepts connections and never answers while 20
// approval requests and 5 approved thank-yous are due. The deliver loop keeps turning
// within its pass budget (the watchdog keeps meaning "healthy"), a reply arriving meanwhile
// is acted on, and when the server answers again everything goes out once, in order.
// (Small size: a 2 s pass budget for a 10 s silence; -fault-full runs ten minutes at the
// real 25 s.)
func TestFault_SilentServer(t *testing.T) {
	h := newHarness(t)
	h.cfg.Rules.ThankCoordinator = false
	p := h.viaProxy()
	p.Silent.Store(true)
	silence, watchdog := 10*time.Second, 4*time.Second
	h.d.PassBudget = 2 * time.Second
	if *faultFull {
		h.d.PassBudget, silence, watchdog = outbox.PassBudget, 10*time.Minute, 120*time.Second // WatchdogSec of the shipped units
	}
	pings := listenNotify(t, watchdog)
	h.cfg.SMTP.MaxPerHour, h.cfg.SMTP.MaxPerDay = 100, 100 // the limits count approval requests too
	tr := h.countTurns()
	var apps []store.Application
	for i := 0; i < 25; i++ {
		apps = append(apps, h.addApp())
	}
	replying := h.addApp(store.Contact{Name: "Raj Patel", Email: raj, Role: policy.Interviewer})
	h.start()
	var approved []store.Message
	for i, app := range apps {
		d := h.draftFor(app, policy.ThankYou, jane, store.AwaitingApproval)
		if i < 5 {
			if _, _, err := assistant.Approve(context.Background(), h.st, h.cfg.Rules, h.clock.Now(), d.ID, ""); err != nil {
				t.Fatal(err)
			}
			approved = append(approved, d)
		}
	}
	silentFrom := time.Now()
	h.d.Kick()
	t.Logf("a reply during the silence was acted on %s after it was submitted", h.replyActedOn(raj, replying))
	for time.Since(silentFrom) < silence {
		tr.after(t, 1, 3*h.d.PassBudget)
	}
	tr.mu.Lock()
	var gap, tick time.Duration
	for i := 1; i < len(tr.at); i++ {
		if tr.at[i].After(silentFrom) {
			gap, tick = max(gap, tr.at[i].Sub(tr.at[i-1])), max(tick, tr.ticks[i])
		}
	}
	tr.mu.Unlock()
	t.Logf("silent server: %d connections; longest tick %s (pass budget %s), longest gap between turns %s",
		p.Accepted.Load(), tick.Round(time.Millisecond), h.d.PassBudget, gap.Round(time.Millisecond))
	// A tick is the pass (bounded by its budget) and a few store reads and writes.
	if tick > h.d.PassBudget+time.Second {
		t.Errorf("a tick of the deliver loop took %s, over its %s budget", tick, h.d.PassBudget)
	}
	// Between ticks the loop waits for the held queue's retry (RetryMax here; a minute at
	// most), never for the server.
	if gap > h.d.PassBudget+h.d.RetryMax+2*time.Second {
		t.Errorf("the deliver loop stood still for %s", gap)
	}
	// systemd's watchdog was pinged all along: at half its interval, never skipped.
	n, longest := pings.during(silentFrom, time.Now())
	t.Logf("watchdog (WatchdogSec=%s): %d pings during the silence, longest gap %s", watchdog, n, longest.Round(time.Millisecond))
	if n == 0 || longest > watchdog/2+500*time.Millisecond {
		t.Errorf("watchdog pings: %d, longest gap %s; want one every %s", n, longest, watchdog/2)
	}
	for _, d := range approved {
		if s := h.state(d.ID); s == store.Sent {
			t.Fatalf("draft %d is sent while the server never answered", d.ID)
		}
	}

	p.Release()
	released := time.Now()
	h.d.Kick()
	var sent []store.Message
	for _, d := range approved {
		h.waitUntil(60*time.Second, "the approved thank-yous to go out", func() bool { return h.state(d.ID) == store.Sent })
		m, _ := h.st.Message(context.Background(), d.ID)
		sent = append(sent, m)
	}
	t.Logf("after the silence, the 5 thank-yous were sent within %s", time.Since(released).Round(time.Millisecond))
	for i := 1; i < len(sent); i++ {
		if sent[i].SentAt.Before(sent[i-1].SentAt) {
			t.Errorf("draft %d went out before draft %d, which was due first", sent[i].ID, sent[i-1].ID)
		}
	}
	h.s.WaitQueueEmpty(t, 30*time.Second)
	for _, m := range sent {
		if n := h.copies(jane, m.MessageID); n != 1 {
			t.Errorf("draft %d: %d copies, want 1", m.ID, n)
		}
	}
	var requests []string
	for _, app := range apps[5:] {
		requests = append(requests, h.draftFor(app, policy.ThankYou, jane, store.AwaitingApproval).ApprovalID)
	}
	h.waitUntil(30*time.Second, "the approval requests to go out", func() bool {
		var n int
		h.st.DB().QueryRow(`SELECT count(*) FROM outgoing WHERE kind = 'approval' AND state = 'sent' AND draft_id IN (SELECT id FROM messages WHERE application_id >= ?)`, apps[5].ID).Scan(&n)
		return n >= len(requests)
	})
	h.s.WaitQueueEmpty(t, 30*time.Second)
	got := map[string]int{}
	for _, r := range h.s.Messages(t, owner, "INBOX") {
		got[r.Header("Message-ID")]++
	}
	for _, id := range requests {
		// Mail to the owner whose send ended unclearly (the connection closed while DATA
		// was being closed: the server may have it) is sent again, by design: a second copy
		// harms nobody. So: never lost, and never more copies than attempts.
		var attempts int
		h.st.DB().QueryRow(`SELECT attempts FROM outgoing WHERE message_id = ?`, id).Scan(&attempts)
		if n := got["<"+id+">"]; n < 1 || n > max(1, attempts) {
			t.Errorf("approval request %s: %d copies after %d attempts, want 1 (2 only after an unclear send)", id, n, attempts)
		}
	}
}

// notifyPings are the WATCHDOG=1 messages the daemon sent to systemd's notify socket.
type notifyPings struct {
	mu sync.Mutex
	at []time.Time
}

// listenNotify stands in for systemd: a notify socket, and a watchdog of interval for this
// process, for the rest of the test.
func listenNotify(t *testing.T, interval time.Duration) *notifyPings {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "notify")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	t.Setenv("NOTIFY_SOCKET", sock)
	t.Setenv("WATCHDOG_USEC", fmt.Sprint(interval.Microseconds()))
	t.Setenv("WATCHDOG_PID", fmt.Sprint(os.Getpid()))
	p := &notifyPings{}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := conn.Read(buf)
			if err != nil {
				return
			}
			if strings.Contains(string(buf[:n]), "WATCHDOG=1") {
				p.mu.Lock()
				p.at = append(p.at, time.Now())
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// during counts the pings between from and to, and the longest time without one.
func (p *notifyPings) during(from, to time.Time) (n int, longest time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	last := from
	for _, at := range p.at {
		if at.Before(from) || at.After(to) {
			continue
		}
		n++
		longest = max(longest, at.Sub(last))
		last = at
	}
	return n, max(longest, to.Sub(last))
}

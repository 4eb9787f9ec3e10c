// Package bench measures followup against the real Dovecot and Postfix on loopback, and
// puts it through the faults a mail daemon must survive (issue 6). Every test prints its
// figures, and the run ends with a table of them all.
//
// The small sizes run with every `go test ./...` (and so in CI), where a broken invariant
// fails the test (a duplicate, a lost draft, a missed reply) but a slow figure never does.
// The full sizes of the README's table:
//
//	scripts/bench.sh --full      (go test -count=1 -v -timeout 3h ./bench -args -full)
package bench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/followupd/followup/assistant"
	"github.com/followupd/followup/config"
	"github.com/followupd/followup/daemon"
	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/internal/testclock"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

var full = flag.Bool("full", false, "run the full sizes (about an hour) instead of the small ones")

// size is n when -full is given, else small.
func size(small, n int) int {
	if *full {
		return n
	}
	return small
}

// duration is d when -full is given, else small.
func duration(small, d time.Duration) time.Duration {
	if *full {
		return d
	}
	return small
}

const owner = "alice@owner.test"

type figure struct{ name, value, goal, verdict string }

var (
	figMu   sync.Mutex
	figures []figure
)

// report records a figure for the closing table. met says whether the goal was reached;
// a missed goal is reported, never failed: CI machines are slow and shared.
func report(t *testing.T, name, value, goal string, met bool) {
	t.Helper()
	verdict := "met"
	if !met {
		verdict = "NOT MET"
	}
	if goal == "" {
		verdict = ""
	}
	t.Logf("FIGURE %s: %s (goal %s) %s", name, value, goal, verdict)
	figMu.Lock()
	figures = append(figures, figure{name, value, goal, verdict})
	figMu.Unlock()
}

func TestMain(m *testing.M) {
	flag.Parse()
	mailstack.MainThen(m, func() {
		figMu.Lock()
		defer figMu.Unlock()
		if len(figures) == 0 {
			return
		}
		host, _ := os.Hostname()
		sizeName := "small sizes (CI)"
		if *full {
			sizeName = "full sizes"
		}
		fmt.Printf("\nfollowup figures, %s, %s, %s %d cores, %s on %s\n", sizeName, time.Now().Format("2006-01-02"), runtime.GOOS, runtime.NumCPU(), runtime.Version(), host)
		fmt.Printf("| %-46s | %-52s | %-22s | %-7s |\n", "figure", "value", "goal", "")
		for _, f := range figures {
			fmt.Printf("| %-46s | %-52s | %-22s | %-7s |\n", f.name, f.value, f.goal, f.verdict)
		}
	})
}

// percentile of sorted durations, in milliseconds.
func percentile(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted))+0.5) - 1
	i = max(0, min(len(sorted)-1, i))
	return float64(sorted[i].Microseconds()) / 1000
}

func sortDurations(d []time.Duration) []time.Duration {
	out := append([]time.Duration(nil), d...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// rig is an in-process daemon on the owner's mailbox of the real stack.
type rig struct {
	t   *testing.T
	s   *mailstack.Stack
	d   *daemon.Daemon
	st  *store.Store
	cfg *config.Config

	handled chan handledEvent
	ready   chan struct{}
	stop    func()
}

type handledEvent struct {
	at  time.Time
	rec store.Inbound
	dec assistant.Decision
}

func newRig(t *testing.T, policyKeys ...string) *rig {
	t.Helper()
	s := mailstack.Get(t)
	st := openStore(t)
	cfg, err := config.Load(s.OwnerConfig(t, st.Path(), append([]string{"thank_coordinator: false"}, policyKeys...)...))
	if err != nil {
		t.Fatal(err)
	}
	st.Now = testclock.Now // the in-process daemon's clock (testclock.Env moves it); the built binary's is the wall clock
	r := &rig{t: t, s: s, st: st, cfg: cfg, handled: make(chan handledEvent, 100000), ready: make(chan struct{}, 100)}
	r.d = r.newDaemon()
	return r
}

func (r *rig) newDaemon() *daemon.Daemon {
	d, err := daemon.New(r.cfg, r.st, logger())
	if err != nil {
		r.t.Fatal(err)
	}
	d.Now = testclock.Now
	d.OnHandled = func(rec store.Inbound, dec assistant.Decision) {
		r.handled <- handledEvent{time.Now(), rec, dec}
	}
	d.OnWatcherReady = func() {
		select {
		case r.ready <- struct{}{}:
		default:
		}
	}
	return d
}

func logger() *slog.Logger {
	if os.Getenv("FOLLOWUP_BENCH_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// prime sets the watched folders' cursors to their current end: mail left by earlier
// tests is not news.
func (r *rig) prime() {
	r.t.Helper()
	r.s.Prime(r.t, r.st, owner, "INBOX", "Sent")
}

// start runs the daemon and, when wait is set, waits until both watchers are connected.
func (r *rig) start(wait bool) time.Time {
	r.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	started := time.Now()
	go func() {
		defer close(done)
		r.d.Run(ctx)
	}()
	r.stop = func() { cancel(); <-done }
	r.t.Cleanup(r.stop)
	if wait {
		for range 2 {
			r.awaitReady(30 * time.Second)
		}
	}
	return started
}

func (r *rig) awaitReady(timeout time.Duration) {
	r.t.Helper()
	select {
	case <-r.ready:
	case <-time.After(timeout):
		r.t.Fatalf("the watcher did not connect within %s", timeout)
	}
}

// seedApps records n applications, each with one interviewer at a domain of its own, whose
// thank-you has been sent two days ago: the steady state of a job search, with nothing due
// for days. It returns the applications' ids and the interviewers' addresses.
func seedApps(t testing.TB, st *store.Store, n int, tag string) ([]int64, []string) {
	t.Helper()
	ctx := context.Background()
	at := testclock.Now().Add(-50 * time.Hour)
	ids := make([]int64, n)
	emails := make([]string, n)
	for i := range n {
		dom := fmt.Sprintf("%s%d.bench.test", tag, i)
		emails[i] = "jane@" + dom
		id, err := st.AddApplication(ctx, store.Application{
			Company: fmt.Sprintf("%s Company %d", strings.ToUpper(tag), i), Role: "Backend Engineer", CompanyDomain: dom,
			Interview: store.Interview{Start: at, Length: time.Hour, TZ: "Europe/Berlin", KeyPoints: "the queue redesign",
				Fit: "five years of Go services"},
			Contacts: []store.Contact{{Name: "Jane Doe", Email: emails[i], Role: policy.Interviewer}},
		})
		if err != nil {
			t.Fatal(err)
		}
		app, err := st.Application(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.AddMessage(ctx, store.Message{AppID: id, ContactID: app.Contacts[0].ID, Kind: policy.ThankYou,
			Due: at.Add(2 * time.Hour), State: store.Sent}); err != nil {
			t.Fatal(err)
		}
		ids[i] = id
	}
	return ids, emails
}

// awaitHandled waits until the daemon has handled the message with this Message-ID, and
// returns what it made of it; other events are dropped.
func (r *rig) awaitHandled(messageID string, timeout time.Duration, what string) handledEvent {
	r.t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case ev := <-r.handled:
			if ev.rec.MessageID == messageID {
				return ev
			}
		case <-deadline:
			r.t.Fatalf("%s (%s) was not handled within %s", what, messageID, timeout)
		}
	}
}

func (r *rig) status(id int64) policy.Status {
	r.t.Helper()
	a, err := r.st.Application(context.Background(), id)
	if err != nil {
		r.t.Fatal(err)
	}
	return a.Status
}

// reply is a human reply from addr, with a Message-ID of its own.
func reply(from, to, id, body string) []byte {
	return []byte("From: Jane Doe <" + from + ">\r\nTo: " + to + "\r\nSubject: Re: Thank you\r\nMessage-ID: <" + id + ">\r\n" +
		"Date: " + time.Now().Format(time.RFC1123Z) + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
		body + "\r\n")
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d.Microseconds())/1000) }

package inbox

import (
	"context"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/internal/memmail"
	"github.com/followupd/followup/store"
)

// startMem starts the in-process mail system with alice@owner.test (password "pw").
func startMem(t *testing.T) *memmail.World {
	t.Helper()
	w, err := memmail.Start(memmail.Options{Users: []string{"alice@owner.test"}, Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	return w
}

type recorder struct {
	mu   sync.Mutex
	seen []string
	got  chan string
}

func (r *recorder) Handle(_ context.Context, m *Message, body func() (*Message, error)) (Outcome, error) {
	if full, err := body(); err != nil {
		return Outcome{}, err
	} else if full != nil {
		m = full
	}
	r.mu.Lock()
	r.seen = append(r.seen, m.MessageID)
	r.mu.Unlock()
	r.got <- m.MessageID
	return Outcome{Recorded: true}, nil
}

func (r *recorder) Skip(_ context.Context, m *Message, _ error) (Outcome, error) {
	r.mu.Lock()
	r.seen = append(r.seen, "skipped:"+m.MessageID)
	r.mu.Unlock()
	return Outcome{Recorded: true}, nil
}

func testWatcher(t *testing.T, ms *memmail.World, password string, rec *recorder) (*Watcher, *store.Store) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	host, port, _ := net.SplitHostPort(ms.IMAPAddr)
	p, _ := strconv.Atoi(port)
	cfg := config.IMAP{Server: config.Server{Host: host, Port: p, Security: "none", Username: "alice@owner.test", TimeoutDuration: 5 * time.Second},
		Folders: []string{"INBOX"}, Poll: 50 * time.Millisecond}
	return &Watcher{
		Config: cfg, Folder: "INBOX", Cursors: st, Handler: rec,
		Password:  func(context.Context) (string, error) { return password, nil },
		Logger:    slog.New(slog.NewTextHandler(testLogWriter(t), nil)),
		FirstScan: func(context.Context) time.Time { return time.Now().AddDate(0, 0, -1) },
	}, st
}

// TestWatcher_BadPasswordDoesNotHammer: a refused login backs off to the maximum at once.
func TestWatcher_BadPasswordDoesNotHammer(t *testing.T) {
	ms := startMem(t)
	rec := &recorder{got: make(chan string, 1)}
	w, _ := testWatcher(t, ms, "wrong", rec)
	w.MinBackoff, w.MaxBackoff = 10*time.Millisecond, time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for ms.Sessions.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	// With a 10 ms minimum backoff, a watcher that did not treat a refused login apart
	// would have tried dozens of times in the next half second.
	time.Sleep(500 * time.Millisecond)
	cancel()
	<-done
	if n := ms.Sessions.Load(); n != 1 {
		t.Errorf("%d login attempts after a refused password, want 1 (then the maximum backoff)", n)
	}
}

func testLogWriter(t *testing.T) io.Writer {
	if testing.Verbose() {
		return tWriter{t}
	}
	return io.Discard
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }

// recordHandler sends each log record's message and attributes down a channel.
type recordHandler struct{ got chan slog.Record }

func (h recordHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h recordHandler) Handle(_ context.Context, r slog.Record) error {
	select {
	case h.got <- r.Clone():
	default:
	}
	return nil
}
func (h recordHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h recordHandler) WithGroup(string) slog.Handler      { return h }

// TestWatcher_NeverConnected: a server that cannot be reached is logged as a failure to
// connect, with the address and the reason, not as a session that ended.
func TestWatcher_NeverConnected(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close() // nothing listens there: the connection is refused
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got := make(chan slog.Record, 1)
	w := &Watcher{
		Config: config.IMAP{Server: config.Server{Host: "127.0.0.1", Port: port, Security: "none", Username: "a", TimeoutDuration: time.Second}, Poll: time.Second},
		Folder: "INBOX", Cursors: st, Handler: &recorder{got: make(chan string, 1)},
		Password:   func(context.Context) (string, error) { return "pw", nil },
		Logger:     slog.New(recordHandler{got}),
		MinBackoff: time.Hour, MaxBackoff: time.Hour,
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	r := <-got
	cancel()
	<-done
	attrs := map[string]string{}
	r.Attrs(func(a slog.Attr) bool { attrs[a.Key] = a.Value.String(); return true })
	if r.Message != "imap: could not connect; retrying" || attrs["addr"] != net.JoinHostPort("127.0.0.1", strconv.Itoa(port)) ||
		!strings.Contains(attrs["err"], "connection refused") {
		t.Errorf("logged %q %v", r.Message, attrs)
	}
}

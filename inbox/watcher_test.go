package inbox

import (
	"context"
	"io"
	"log"
	"log/slog"
	"net"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/store"
)

// memServer is go-imap's in-process server, with or without IDLE, counting logins.
type memServer struct {
	addr   string
	user   *imapmemserver.User
	logins atomic.Int32
}

type countingSession struct {
	imapserver.Session
	s *memServer
}

func (c countingSession) Login(u, p string) error {
	c.s.logins.Add(1)
	return c.Session.Login(u, p)
}

func startMem(t *testing.T, idle bool) *memServer {
	t.Helper()
	mem := imapmemserver.New()
	ms := &memServer{user: imapmemserver.NewUser("alice@owner.test", "pw")}
	ms.user.Create("INBOX", nil)
	mem.AddUser(ms.user)
	caps := imap.CapSet{imap.CapIMAP4rev1: {}}
	if idle {
		caps[imap.CapIdle] = struct{}{}
	}
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return countingSession{mem.NewSession(), ms}, nil, nil
		},
		Caps: caps, InsecureAuth: true, Logger: log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	ms.addr = ln.Addr().String()
	return ms
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

func testWatcher(t *testing.T, ms *memServer, password string, rec *recorder) (*Watcher, *store.Store) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	host, port, _ := net.SplitHostPort(ms.addr)
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
	ms := startMem(t, true)
	rec := &recorder{got: make(chan string, 1)}
	w, _ := testWatcher(t, ms, "wrong", rec)
	w.MinBackoff, w.MaxBackoff = 10*time.Millisecond, time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for ms.logins.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	// With a 10 ms minimum backoff, a watcher that did not treat a refused login apart
	// would have tried dozens of times in the next half second.
	time.Sleep(500 * time.Millisecond)
	cancel()
	<-done
	if n := ms.logins.Load(); n != 1 {
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

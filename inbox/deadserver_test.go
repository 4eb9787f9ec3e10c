package inbox

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/store"
)

func TestMain(m *testing.M) { mailstack.Main(m) }

// freezer forwards TCP to a server until frozen: then every connection it already carries
// goes silent both ways (a dead server, a half-open link), while new connections work.
type freezer struct {
	ln     net.Listener
	target string
	gen    atomic.Int64
	conns  atomic.Int32
}

func newFreezer(t *testing.T, target string) *freezer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &freezer{ln: ln, target: target}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			f.conns.Add(1)
			go f.serve(c)
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return f
}

func (f *freezer) serve(c net.Conn) {
	defer c.Close()
	s, err := net.Dial("tcp", f.target)
	if err != nil {
		return
	}
	defer s.Close()
	gen := f.gen.Load()
	pipe := func(dst, src net.Conn) {
		buf := make([]byte, 32<<10)
		for {
			n, err := src.Read(buf)
			if f.gen.Load() != gen {
				// Frozen: swallow everything, answer nothing, never close.
				if err != nil {
					return
				}
				continue
			}
			if n > 0 {
				if _, werr := dst.Write(buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}
	done := make(chan struct{}, 2)
	go func() { pipe(s, c); done <- struct{}{} }()
	go func() { pipe(c, s); done <- struct{}{} }()
	<-done
}

func (f *freezer) freeze()       { f.gen.Add(1) }
func (f *freezer) port() int     { return f.ln.Addr().(*net.TCPAddr).Port }
func (f *freezer) opened() int32 { return f.conns.Load() }

// TestWatcher_DeadServer: the connection to a real Dovecot goes silent in the middle of
// IDLE (the server neither answers nor closes). The watcher notices it within its liveness
// interval plus a timeout, reconnects, and catches the mail delivered meanwhile.
func TestWatcher_DeadServer(t *testing.T) {
	s := mailstack.Get(t)
	f := newFreezer(t, net.JoinHostPort(s.Host, strconv.Itoa(s.IMAPSPort)))
	rec := &recorder{got: make(chan string, 10)}
	w, _ := stackWatcher(t, s, f.port(), rec)
	w.Liveness, w.MinBackoff, w.MaxBackoff = time.Second, 50*time.Millisecond, 200*time.Millisecond
	connected := make(chan struct{}, 10)
	w.Connected = func() { connected <- struct{}{} }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	select {
	case <-connected:
	case <-time.After(20 * time.Second):
		t.Fatal("the watcher did not connect")
	}

	f.freeze()
	id := fmt.Sprintf("dead-%d@acme.test", time.Now().UnixNano())
	s.Send(t, "jane@acme.test", []string{"alice@owner.test"}, []byte("From: jane@acme.test\r\nTo: alice@owner.test\r\nSubject: while you were away\r\nMessage-ID: <"+id+">\r\n\r\nhi\r\n"))
	deadline := time.After(20 * time.Second)
	for {
		select {
		case got := <-rec.got:
			if got != id {
				continue // older mail in the shared mailbox
			}
			if n := f.opened(); n < 2 {
				t.Errorf("caught without reconnecting (%d connections)", n)
			}
			return
		case <-deadline:
			t.Fatalf("the watcher did not get past the silent connection (%d connections opened)", f.opened())
		}
	}
}

func stackWatcher(t *testing.T, s *mailstack.Stack, port int, rec *recorder) (*Watcher, *store.Store) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := s.IMAP(t, "alice@owner.test")
	cfg.Port, cfg.TimeoutDuration = port, time.Second
	return &Watcher{
		Config: cfg, Folder: "INBOX", Cursors: st, Handler: rec,
		Password:  func(context.Context) (string, error) { return s.Password, nil },
		Logger:    slog.New(slog.NewTextHandler(testLogWriter(t), nil)),
		FirstScan: func(context.Context) time.Time { return time.Now() },
	}, st
}

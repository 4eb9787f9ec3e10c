package bench

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/policy"
)

// countingProxy forwards TCP connections to target and counts the bytes the server sends:
// what the daemon fetched, TLS records and all.
type countingProxy struct {
	ln       net.Listener
	fromServ atomic.Int64
}

func newCountingProxy(t *testing.T, target string) *countingProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &countingProxy{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				s, err := net.Dial("tcp", target)
				if err != nil {
					return
				}
				defer s.Close()
				go func() { io.Copy(s, c); s.(*net.TCPConn).CloseWrite() }()
				io.Copy(countWriter{c, &p.fromServ}, s)
			}()
		}
	}()
	return p
}

type countWriter struct {
	w io.Writer
	n *atomic.Int64
}

func (c countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n.Add(int64(n))
	return n, err
}

func (p *countingProxy) port() int { return p.ln.Addr().(*net.TCPAddr).Port }

// unrelated is ordinary mail of the kind an inbox is full of: newsletters, notifications,
// friends. About 0.8 KB of header and 3–6 KB of body.
func unrelated(i int, rnd *rand.Rand) []byte {
	senders := []string{"news@shop.example", "noreply@github.example", "friend@gmail.example", "digest@medium.example", "team@slack.example"}
	from := senders[rnd.IntN(len(senders))]
	var b strings.Builder
	fmt.Fprintf(&b, "Return-Path: <%s>\r\n", from)
	fmt.Fprintf(&b, "Received: from mx%d.example (mx%d.example [192.0.2.%d]) by mail.owner.test with ESMTPS id %x; %s\r\n", i%7, i%7, i%250, rnd.Uint64(), time.Now().Format(time.RFC1123Z))
	fmt.Fprintf(&b, "DKIM-Signature: v=1; a=rsa-sha256; d=example; s=s1; h=from:to:subject:date; bh=%x; b=%x%x\r\n", rnd.Uint64(), rnd.Uint64(), rnd.Uint64())
	fmt.Fprintf(&b, "From: Sender %d <%s>\r\nTo: alice@owner.test\r\nSubject: Weekly update number %d\r\n", i%13, from, i)
	fmt.Fprintf(&b, "Date: %s\r\nMessage-ID: <u%d.%d@example>\r\nMIME-Version: 1.0\r\n", time.Now().Format(time.RFC1123Z), i, rnd.Uint64())
	if i%3 == 0 {
		fmt.Fprintf(&b, "List-Id: <weekly.example>\r\nList-Unsubscribe: <https://example/u/%x>\r\nPrecedence: bulk\r\n", rnd.Uint64())
	}
	b.WriteString("Content-Type: text/plain; charset=utf-8\r\n\r\n")
	words := []string{"release", "notes", "the", "team", "update", "weekly", "project", "shipping", "review", "lorem", "ipsum"}
	for n := 3000 + rnd.IntN(3000); b.Len() < n; {
		b.WriteString(words[rnd.IntN(len(words))])
		if rnd.IntN(12) == 0 {
			b.WriteString("\r\n")
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteString("\r\n")
	return []byte(b.String())
}

// appendMany stores msgs in user's INBOX over a few parallel connections.
func appendMany(t *testing.T, s *mailstack.Stack, user string, msgs [][]byte) {
	t.Helper()
	const conns = 4
	var wg sync.WaitGroup
	errs := make(chan error, conns)
	for c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := s.Client(t, user)
			defer cl.Close()
			for i := c; i < len(msgs); i += conns {
				cmd := cl.Append("INBOX", int64(len(msgs[i])), nil)
				if _, err := cmd.Write(msgs[i]); err != nil {
					errs <- err
					return
				}
				if err := cmd.Close(); err != nil {
					errs <- err
					return
				}
				if _, err := cmd.Wait(); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("append: %v", err)
	}
}

// TestFigureCatchUp: the daemon was stopped while thousands of unrelated messages and 20
// replies arrived. From its start to all 20 replies handled, how long, and how many bytes
// did it fetch? The replies come after all the unrelated mail (the worst case). It must
// read headers only, and miss none of the replies.
func TestFigureCatchUp(t *testing.T) {
	n := size(2000, 20000)
	const replies = 20
	r := newRig(t)
	proxy := newCountingProxy(t, net.JoinHostPort(r.s.Host, strconv.Itoa(r.s.IMAPSPort)))
	r.cfg.IMAP.Port = proxy.port()
	r.d = r.newDaemon()
	apps, emails := seedApps(t, r.st, replies, "cu")
	r.prime()

	rnd := rand.New(rand.NewPCG(1, 2))
	msgs := make([][]byte, n)
	var total, headers int64
	for i := range msgs {
		msgs[i] = unrelated(i, rnd)
		total += int64(len(msgs[i]))
		headers += int64(strings.Index(string(msgs[i]), "\r\n\r\n") + 4)
	}
	loaded := time.Now()
	appendMany(t, r.s, owner, msgs) // the replies come last: the worst case
	ids := map[string]bool{}
	for i := range replies {
		id := fmt.Sprintf("cu%d.%d@bench.test", i, time.Now().UnixNano())
		raw := reply(emails[i], owner, id, "Thank you, Alice. We will get back to you next week.")
		total += int64(len(raw))
		if _, err := r.s.Submit("jane@acme.test", emails[i], []string{owner}, raw); err != nil {
			t.Fatal(err)
		}
		ids[id] = true
	}
	r.s.WaitQueueEmpty(t, time.Minute)
	t.Logf("%d messages (%.1f MB) stored in %s", n+replies, float64(total)/1e6, time.Since(loaded).Round(time.Millisecond))

	start := r.start(false)
	deadline := time.After(5 * time.Minute)
	var acted int
	for len(ids) > 0 {
		select {
		case ev := <-r.handled:
			if ids[ev.rec.MessageID] {
				if ev.dec.Kind != inbox.KindReply {
					t.Fatalf("reply %s taken for %s", ev.rec.MessageID, ev.dec.Kind)
				}
				delete(ids, ev.rec.MessageID)
			} else if ev.dec.Kind == inbox.KindReply || ev.dec.Kind == inbox.KindCommand || len(ev.dec.Apps) > 0 {
				acted++
				t.Errorf("unrelated message %s taken for %s (%s)", ev.rec.MessageID, ev.dec.Kind, ev.rec.Reason)
			}
		case <-deadline:
			t.Fatalf("%d replies not handled within 5 minutes", len(ids))
		}
	}
	took := time.Since(start)
	for range 2 {
		r.awaitReady(time.Minute) // both folders caught up: every byte of it counted
	}
	fetched := proxy.fromServ.Load()
	for i, id := range apps {
		if s := r.status(id); s != policy.Replied {
			t.Errorf("application %d (%s) is %s after the catch-up", id, emails[i], s)
		}
	}
	// Headers only: the bodies are most of the mailbox; fetching them would show.
	if fetched > total/2 {
		t.Errorf("fetched %d bytes of a %d-byte mailbox (headers %d): not headers only", fetched, total, headers)
	}
	report(t, fmt.Sprintf("catch-up: %d unrelated + %d replies", n, replies), fmt.Sprintf("%.2f s, %.1f MB fetched of %.1f MB (headers %.1f MB)",
		took.Seconds(), float64(fetched)/1e6, float64(total)/1e6, float64(headers)/1e6), "< 5 s, headers only", took < 5*time.Second && fetched <= total/2)
}

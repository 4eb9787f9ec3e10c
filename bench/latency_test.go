package bench

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/policy"
)

// Two more users of the stack watch copies of every reply: pat's mailbox has two bare IDLE
// clients for the server's own notification floor (a raw socket, and imapfilter with
// enter_idle and nothing else); bob is the mailbox of the do-it-yourself setup, a cron job
// running an imapfilter script.
const (
	floorUser = "pat@acme.test"
	diyUser   = "bob@other.test"
)

// imapfilter runs Debian's imapfilter with a Lua script against user's INBOX, verifying
// the server's certificate against the stack's CA, and calls line for each line it prints.
func imapfilter(t *testing.T, s *mailstack.Stack, user, script string, line func(at time.Time, text string)) (*exec.Cmd, <-chan struct{}) {
	t.Helper()
	bin, err := exec.LookPath("imapfilter")
	if err != nil {
		t.Fatalf("imapfilter is not installed (scripts/mailstack.sh install adds it): %v", err)
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.lua")
	head := fmt.Sprintf(`options.info = false
options.certificates = false
acct = IMAP { server = '%s', port = %d, username = '%s', password = '%s', ssl = 'auto' }
`, s.Host, s.IMAPSPort, user, s.Password)
	if err := os.WriteFile(cfg, []byte(head+script), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-t", s.CAFile, "-c", cfg)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Done when all it printed is read: Wait closes the pipe, and lines not yet read are
	// lost (a CI run under load saw 15 of 20 replies, the rest printed, lost and marked seen).
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line(time.Now(), sc.Text())
		}
	}()
	return cmd, done
}

const idleScript = `
io.stdout:write("ready\n"); io.stdout:flush()
acct.INBOX:check_status()
io.stdout:write("selected\n"); io.stdout:flush()
while true do
  acct.INBOX:enter_idle()
  io.stdout:write("update\n"); io.stdout:flush()
end
`

// diyScript is what a user might run from cron instead of followup: look for unseen mail,
// print each one's Message-ID (the "action"), mark it seen.
const diyScript = `
local new = acct.INBOX:is_unseen()
for _, m in ipairs(new) do
  local mbox, uid = table.unpack(m)
  io.stdout:write(mbox[uid]:fetch_field('Message-ID') .. "\n"); io.stdout:flush()
end
new:mark_seen()
`

var idRe = regexp.MustCompile(`<([^>]+)>`)

// TestFigureReplyLatency: the time from a reply's acceptance by Postfix to the cancellation
// of its application's follow-ups, against the floor of a bare IDLE client and the
// do-it-yourself cron + imapfilter setup, all measured on the same replies.
func TestFigureReplyLatency(t *testing.T) {
	n := size(20, 200)
	r := newRig(t)
	apps, emails := seedApps(t, r.st, n, "lat")
	r.prime()

	// The floor: a bare IDLE client.
	floor := make(chan time.Time, 1000)
	selected := make(chan struct{})
	var selOnce sync.Once
	fcmd, _ := imapfilter(t, r.s, floorUser, idleScript, func(at time.Time, text string) {
		switch text {
		case "selected":
			selOnce.Do(func() { close(selected) })
		case "update":
			floor <- at
		}
	})
	t.Cleanup(func() { fcmd.Process.Kill(); fcmd.Wait() })
	select {
	case <-selected:
	case <-time.After(30 * time.Second):
		t.Fatal("imapfilter did not log in")
	}

	// The floor without a client's own delays: a raw IDLE socket (Go sets TCP_NODELAY; a
	// client that writes DONE and its CRLF apart stalls ~40 ms on Cyrus, Nagle against
	// delayed ACK), stamping each untagged EXISTS as it is read.
	rawFloor := rawIdle(t, r.s, floorUser)

	// The do-it-yourself setup: mark what is already there seen, then run every minute
	// (every 10 s in the small size, to keep CI short).
	diyEvery := "* * * * *"
	if !*full {
		diyEvery = "@every 10s"
	}
	var diyMu sync.Mutex
	diySeen := map[string]time.Time{}
	diyChanged := make(chan struct{}, 1)
	runDIY := func() {
		cmd, read := imapfilter(t, r.s, diyUser, diyScript, func(at time.Time, text string) {
			if m := idRe.FindStringSubmatch(text); m != nil {
				diyMu.Lock()
				if _, ok := diySeen[m[1]]; !ok {
					diySeen[m[1]] = at
				}
				diyMu.Unlock()
				select {
				case diyChanged <- struct{}{}:
				default:
				}
			}
		})
		<-read // every line it printed, before Wait closes the pipe
		if err := cmd.Wait(); err != nil {
			t.Errorf("the do-it-yourself imapfilter run failed: %v", err)
		}
	}
	runDIY()
	cr := cron.New(cron.WithChain(cron.Recover(cron.DiscardLogger), cron.SkipIfStillRunning(cron.DiscardLogger)))
	if _, err := cr.AddFunc(diyEvery, runDIY); err != nil {
		t.Fatal(err)
	}
	cr.Start()
	defer cr.Stop()

	r.start(true)
	drain := func() {
		for {
			select {
			case <-floor:
			case <-rawFloor:
			case <-r.handled:
			default:
				return
			}
		}
	}
	var lat, flo, raw []time.Duration
	accepted := map[string]time.Time{}
	for i := range n {
		drain()
		id := fmt.Sprintf("lat%d.%d@bench.test", i, time.Now().UnixNano())
		at, err := r.s.Submit("jane@acme.test", emails[i], []string{owner, floorUser, diyUser}, reply(emails[i], owner, id, "Thanks, Alice! We will be in touch."))
		if err != nil {
			t.Fatalf("reply %d: %v", i, err)
		}
		accepted[id] = at
		var gotDaemon, gotFloor, gotRaw bool
		deadline := time.After(30 * time.Second)
		for !gotDaemon || !gotFloor || !gotRaw {
			select {
			case ev := <-r.handled:
				if ev.rec.MessageID == id {
					if ev.dec.Kind != inbox.KindReply {
						t.Fatalf("reply %d taken for %s (%s)", i, ev.dec.Kind, ev.rec.Reason)
					}
					lat = append(lat, ev.at.Sub(at))
					gotDaemon = true
				}
			case ft := <-floor:
				if !gotFloor {
					flo = append(flo, ft.Sub(at))
					gotFloor = true
				}
			case rt := <-rawFloor:
				if !gotRaw {
					raw = append(raw, rt.Sub(at))
					gotRaw = true
				}
			case <-deadline:
				t.Fatalf("reply %d: daemon handled=%v, bare IDLE clients woke=%v/%v within 30 s", i, gotDaemon, gotRaw, gotFloor)
			}
		}
		if s := r.status(apps[i]); s != policy.Replied {
			t.Fatalf("application %d is %s after its interviewer's reply", apps[i], s)
		}
		// Replies come one at a time, minutes apart: let the daemon finish with this one
		// (its notice to the owner sent, delivered and seen as its own) before the next.
		for quiet := false; !quiet; {
			select {
			case ev := <-r.handled:
				quiet = ev.rec.Kind == "own" && strings.Contains(ev.rec.Subject, emails[i])
			case <-time.After(30 * time.Second):
				t.Fatalf("reply %d: the owner's notice never came back to the daemon", i)
			}
		}
	}
	// Every application was stopped by its own reply and no other.
	for i, id := range apps {
		if s := r.status(id); s != policy.Replied {
			t.Errorf("application %d (%s) is %s", id, emails[i], s)
		}
	}

	// Wait for the do-it-yourself job to have seen every reply.
	deadline := time.After(3 * time.Minute)
	for {
		diyMu.Lock()
		got := 0
		for id := range accepted {
			if _, ok := diySeen[id]; ok {
				got++
			}
		}
		diyMu.Unlock()
		if got == len(accepted) {
			break
		}
		select {
		case <-diyChanged:
		case <-deadline:
			t.Fatalf("the do-it-yourself job saw %d of %d replies within 3 minutes", got, len(accepted))
		}
	}
	var diy []time.Duration
	for id, at := range accepted {
		diy = append(diy, diySeen[id].Sub(at))
	}

	l, f, rf, d := sortDurations(lat), sortDurations(flo), sortDurations(raw), sortDurations(diy)
	p99 := percentile(l, 0.99)
	report(t, fmt.Sprintf("reply → cancellation (%d replies, %s)", n, r.s.Server),
		fmt.Sprintf("p50 %.1f ms, p99 %.1f ms", percentile(l, 0.5), p99), "p99 < 600 ms", p99 < 600)
	report(t, "  floor: bare IDLE socket",
		fmt.Sprintf("p50 %.1f ms, p99 %.1f ms", percentile(rf, 0.5), percentile(rf, 0.99)), "", true)
	report(t, "  floor: bare IDLE client (imapfilter)",
		fmt.Sprintf("p50 %.1f ms, p99 %.1f ms", percentile(f, 0.5), percentile(f, 0.99)), "", true)
	report(t, "  above the floor (p99 − socket floor p99)",
		fmt.Sprintf("%.1f ms", p99-percentile(rf, 0.99)), "≤ 100 ms", p99-percentile(rf, 0.99) <= 100)
	report(t, "  do-it-yourself: cron "+strconv.Quote(diyEvery)+" + imapfilter",
		fmt.Sprintf("p50 %.1f s, p99 %.1f s", percentile(d, 0.5)/1000, percentile(d, 0.99)/1000), "", true)
}

// rawIdle logs in as user over TLS, selects INBOX and sits in IDLE, sending the moment each
// untagged EXISTS is read on the returned channel. It is the least a client can do.
func rawIdle(t *testing.T, s *mailstack.Stack, user string) <-chan time.Time {
	t.Helper()
	conn, err := tls.Dial("tcp", net.JoinHostPort(s.Host, strconv.Itoa(s.IMAPSPort)), s.TLSConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	br := bufio.NewReader(conn)
	expect := func(cmd, prefix string) {
		t.Helper()
		if cmd != "" {
			if _, err := conn.Write([]byte(cmd)); err != nil {
				t.Fatal(err)
			}
		}
		conn.SetReadDeadline(time.Now().Add(20 * time.Second))
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				t.Fatalf("raw IDLE client: %v", err)
			}
			if strings.HasPrefix(line, prefix) {
				return
			}
			if strings.HasPrefix(line, strings.Fields(prefix)[0]+" NO") || strings.HasPrefix(line, strings.Fields(prefix)[0]+" BAD") {
				t.Fatalf("raw IDLE client: %s", line)
			}
		}
	}
	expect("", "* OK")
	expect(fmt.Sprintf("a LOGIN %q %q\r\n", user, s.Password), "a OK")
	expect("b SELECT INBOX\r\n", "b OK")
	expect("c IDLE\r\n", "+")
	conn.SetReadDeadline(time.Time{})
	ch := make(chan time.Time, 1000)
	go func() {
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			if at := time.Now(); strings.HasSuffix(strings.TrimSpace(line), " EXISTS") {
				ch <- at
			}
		}
	}()
	return ch
}

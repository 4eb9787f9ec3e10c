package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"mime"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// mailStream delivers every new message of user's INBOX on a channel, woken by IDLE.
func mailStream(t *testing.T, s *mailstack.Stack, user string, ctx context.Context) <-chan mailstack.Raw {
	t.Helper()
	out := make(chan mailstack.Raw, 1000)
	changed := make(chan struct{}, 1)
	opts := &imapclient.Options{
		TLSConfig: s.TLSConfig(),
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(*imapclient.UnilateralDataMailbox) {
				select {
				case changed <- struct{}{}:
				default:
				}
			},
		},
	}
	c, err := imapclient.DialTLS(net.JoinHostPort(s.Host, strconv.Itoa(s.IMAPSPort)), opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(user, s.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	mb, err := c.Select("INBOX", nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	last := imap.UID(mb.UIDNext) - 1
	go func() {
		defer c.Close()
		defer close(out)
		for ctx.Err() == nil {
			var set imap.UIDSet
			set.AddRange(last+1, 0)
			got, err := c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}}}).Collect()
			if err != nil {
				return
			}
			for _, m := range got {
				if m.UID <= last {
					continue // n:* names the last message even below n
				}
				last = m.UID
				r := mailstack.Raw{UID: m.UID}
				for _, b := range m.BodySection {
					r.Data = b.Bytes
				}
				out <- r
			}
			idle, err := c.Idle()
			if err != nil {
				return
			}
			select {
			case <-changed:
			case <-ctx.Done():
			case <-time.After(5 * time.Second):
			}
			if idle.Close() != nil || idle.Wait() != nil {
				return
			}
		}
	}()
	return out
}

func decode(s string) string {
	if d, err := (&mime.WordDecoder{}).DecodeHeader(s); err == nil {
		return d
	}
	return s
}

// TestFaultSIGKILL runs approve-and-send cycles through the built daemon while killing it
// with SIGKILL at random moments and starting it again. In the end every thank-you is sent
// exactly once, or is `unknown` with the owner asked; none is lost, none goes twice.
func TestFaultSIGKILL(t *testing.T) {
	s := mailstack.Get(t)
	cycles := size(20, 200)
	st := openStore(t)
	s.Prime(t, st, owner, "INBOX", "Sent")
	cfg := binaryConfig(t, s, st.Path(), "@every 1s")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	owners := mailStream(t, s, owner, ctx)
	run := time.Now().UnixNano() % 100000
	marker := func(i int) string { return fmt.Sprintf("Killco %dx%03dz", run, i) }

	// The killer: start, wait a random moment, SIGKILL, again, until told to stop.
	rnd := rand.New(rand.NewPCG(uint64(run), 7))
	stopKilling := make(chan struct{})
	killerDone := make(chan struct{})
	var kills int
	var lastLog string
	go func() {
		defer close(killerDone)
		for {
			p := startDaemon(t, cfg)
			select {
			case <-stopKilling:
				p.kill()
				lastLog = p.log.String()
				return
			case <-time.After(time.Duration(100+rnd.IntN(1400)) * time.Millisecond):
			}
			p.kill()
			kills++
		}
	}()

	// The owner: answer "send" to every approval request (twice when it came twice), note
	// every "may have gone out" question, never answer those.
	var mu sync.Mutex
	asked := map[string]bool{} // company marker → the owner was asked about a possible send
	go func() {
		for r := range owners {
			subj := decode(r.Header("Subject"))
			if !strings.HasPrefix(subj, "[followup ") {
				continue
			}
			switch {
			case strings.Contains(subj, "] Approve: "):
				body := "send"
				raw := "From: Alice Example <" + owner + ">\r\nTo: " + owner + "\r\nSubject: Re: " + subj +
					"\r\nMessage-ID: <k" + strconv.FormatInt(time.Now().UnixNano(), 36) + "@owner.test>\r\nIn-Reply-To: " + r.Header("Message-ID") +
					"\r\nReferences: " + r.Header("Message-ID") + "\r\nDate: " + time.Now().Format(time.RFC1123Z) + "\r\n\r\n" + body + "\r\n"
				if err := s.SendErr(owner, []string{owner}, []byte(raw)); err != nil {
					t.Errorf("owner's answer: %v", err)
				}
			case strings.Contains(subj, "] May have gone out: "):
				mu.Lock()
				for i := range cycles {
					if strings.Contains(subj, marker(i)) {
						asked[marker(i)] = true
					}
				}
				mu.Unlock()
			}
		}
	}()

	// The cycles: a new interview every so often, a few in flight at once.
	berlin, _ := time.LoadLocation("Europe/Berlin")
	ids := make([]int64, cycles)
	for i := range cycles {
		id, err := st.AddApplication(ctx, store.Application{
			Company: marker(i), Role: "Backend Engineer", CompanyDomain: "acme.test",
			Interview: store.Interview{Start: time.Now().Add(-3 * time.Hour).In(berlin), Length: time.Hour, TZ: "Europe/Berlin", KeyPoints: "the queue redesign"},
			Contacts:  []store.Contact{{Name: "Jane Doe", Email: "jane@acme.test", Role: policy.Interviewer}},
		})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
		// At most 4 cycles in flight: wait for the oldest of them to end.
		if i >= 4 {
			waitSettled(t, st, ids[i-4:i-3], 5*time.Minute)
		}
	}
	waitSettled(t, st, ids, 10*time.Minute)
	close(stopKilling)
	<-killerDone

	// A last run without kills, until every unknown thank-you has been asked about.
	p := startDaemon(t, cfg)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		missing := 0
		mu.Lock()
		for i, id := range ids {
			if m := thankYou(t, st, id); m.State == store.Unknown && !asked[marker(i)] {
				missing++
			}
		}
		mu.Unlock()
		if missing == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d thank-yous are unknown and the owner was never asked\n%s", missing, p.log.String())
		}
		time.Sleep(200 * time.Millisecond) // another process's store and mailbox: no event to await
	}
	p.kill()
	s.WaitQueueEmpty(t, time.Minute)

	copies := map[string]int{} // by Message-ID, given before the SMTP transaction and kept for every attempt
	for _, r := range s.Messages(t, "jane@acme.test", "INBOX") {
		copies[r.Header("Message-ID")]++
	}
	var sent, unknown, dup, lost int
	for i, id := range ids {
		m := thankYou(t, st, id)
		n := 0
		if m.MessageID != "" {
			n = copies["<"+m.MessageID+">"]
		}
		switch {
		case m.State == store.Sent && n == 1:
			sent++
		case m.State == store.Unknown && n <= 1:
			unknown++
		case n > 1:
			dup++
			t.Errorf("%s: %d copies delivered (state %s)", marker(i), n, m.State)
		default:
			lost++
			t.Errorf("%s: thank-you %s with %d copies delivered", marker(i), m.State, n)
		}
	}
	if t.Failed() {
		t.Logf("last daemon log:\n%s", lastLog)
	}
	report(t, fmt.Sprintf("SIGKILL at random, %d approve-and-send cycles", cycles),
		fmt.Sprintf("%d kills: %d sent once, %d unknown (owner asked), %d duplicates, %d lost", kills, sent, unknown, dup, lost),
		"0 duplicates, 0 lost", dup == 0 && lost == 0)
}

// thankYou is an application's one thank-you.
func thankYou(t *testing.T, st *store.Store, appID int64) store.Message {
	t.Helper()
	msgs, err := st.Messages(context.Background(), store.MessageFilter{AppID: appID})
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Message
	for _, m := range msgs {
		if m.Kind == policy.ThankYou {
			out = append(out, m)
		}
	}
	if len(out) != 1 {
		if len(out) == 0 {
			return store.Message{}
		}
		t.Fatalf("application %d has %d thank-yous", appID, len(out))
	}
	return out[0]
}

// waitSettled waits until each application's thank-you is sent or unknown. The daemon is
// another process, being killed: its store is read every 100 ms.
func waitSettled(t *testing.T, st *store.Store, ids []int64, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		done := true
		for _, id := range ids {
			if m := thankYou(t, st, id); m.State != store.Sent && m.State != store.Unknown {
				done = false
				break
			}
		}
		if done {
			return
		}
		if time.Now().After(deadline) {
			var states []string
			for _, id := range ids {
				states = append(states, string(thankYou(t, st, id).State))
			}
			t.Fatalf("thank-yous not settled within %s: %v", timeout, states)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// await reads a mail stream until a message matches, or fails after timeout.
func await(t *testing.T, stream <-chan mailstack.Raw, timeout time.Duration, what string, match func(mailstack.Raw) bool) mailstack.Raw {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case m, ok := <-stream:
			if !ok {
				t.Fatalf("the mailbox connection ended while waiting for %s", what)
			}
			if match(m) {
				return m
			}
		case <-deadline:
			t.Fatalf("no %s within %s", what, timeout)
		}
	}
}

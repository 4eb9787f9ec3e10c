package bench

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/internal/memmail"
	"github.com/followupd/followup/internal/testclock"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// TestFaultIMAPCut kills the Dovecot process serving the daemon's IDLE connections, again
// and again, with a reply delivered right after each cut: every reply is still caught,
// and each reconnect comes within a bound (the watcher's first backoff and a login).
func TestFaultIMAPCut(t *testing.T) {
	cuts := size(5, 20)
	r := newRig(t)
	apps, emails := seedApps(t, r.st, cuts, "cut")
	r.prime()
	r.start(true)
	// The bound by construction: the first backoff (at most 1 s), then dialling and the
	// catch-up, each cut off by the IMAP timeout. A slow machine stays inside it.
	bound := time.Second + 2*r.cfg.IMAP.TimeoutDuration
	var worst time.Duration
	var total time.Duration
	for i := range cuts {
		killed := time.Now()
		if n := r.s.KillIMAP(t, owner); n == 0 {
			t.Fatalf("cut %d: no imap process of %s to kill", i, owner)
		}
		id := fmt.Sprintf("cut%d.%d@bench.test", i, time.Now().UnixNano())
		if _, err := r.s.Submit("jane@acme.test", emails[i], []string{owner}, reply(emails[i], owner, id, "Thanks, we will be in touch.")); err != nil {
			t.Fatal(err)
		}
		// Both watchers (INBOX and Sent) come back.
		r.awaitReady(time.Minute)
		r.awaitReady(time.Minute)
		back := time.Since(killed)
		total += back
		worst = max(worst, back)
		if back > bound {
			t.Errorf("cut %d: reconnected after %s (bound %s)", i, back.Round(time.Millisecond), bound)
		}
		if ev := r.awaitHandled(id, 30*time.Second, fmt.Sprintf("the reply after cut %d", i)); ev.dec.Kind != inbox.KindReply {
			t.Fatalf("cut %d: the reply was taken for %s", i, ev.dec.Kind)
		}
		if s := r.status(apps[i]); s != policy.Replied {
			t.Fatalf("cut %d: application is %s", i, s)
		}
	}
	report(t, fmt.Sprintf("IMAP connection cut %d times during IDLE", cuts),
		fmt.Sprintf("%d/%d replies caught; reconnect mean %s, worst %s", cuts, cuts, ms(total/time.Duration(cuts)), ms(worst)),
		fmt.Sprintf("every reply, each < %s", bound), worst <= bound)
}

// TestFaultSMTPDown: Postfix is down for a stretch (5 minutes in the full size) while
// approved thank-yous are due and a reply comes in. The reply is handled at once (reading
// mail never waits on SMTP); the thank-yous wait and, when Postfix is back, go out each
// once, in order.
func TestFaultSMTPDown(t *testing.T) {
	down := duration(5*time.Second, 5*time.Minute)
	const k = 5
	r := newRig(t)
	r.cfg.Approval.Required = false
	r.d = r.newDaemon()
	// The retry schedule is shrunk to fit the test (the real one starts at a minute and
	// gives up after 12 attempts, about 7 hours); the attempt limit is lifted with it, so
	// that giving up stays beyond the outage as it does for real.
	r.d.RetryMin, r.d.RetryMax, r.d.MaxAttempts = time.Second, 30*time.Second, 1000
	ctx := context.Background()
	run := time.Now().UnixNano() % 100000
	marker := func(i int) string { return fmt.Sprintf("Downco %dx%dz", run, i) }
	var ids []int64
	for i := range k {
		id, err := r.st.AddApplication(ctx, store.Application{
			Company: marker(i), Role: "Backend Engineer", CompanyDomain: "acme.test",
			Interview: store.Interview{Start: testclock.Now().Add(-5*time.Hour - time.Duration(k-i)*time.Minute), Length: time.Hour, TZ: "Europe/Berlin"}, // all due, oldest first
			Contacts:  []store.Contact{{Name: "Jane Doe", Email: "jane@acme.test", Role: policy.Interviewer}},
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	replyApps, replyEmails := seedApps(t, r.st, 1, "down")
	r.prime()
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	owners := mailStream(t, r.s, owner, sctx)
	restart := r.s.StopPostfix(t)
	wentDown := time.Now()
	r.start(true)

	// A reply while SMTP is down, stored straight in the mailbox (Postfix is away), with the
	// verdict the owner's border MTA wrote when it took it.
	id := fmt.Sprintf("down.%d@bench.test", time.Now().UnixNano())
	r.s.Append(t, owner, "INBOX", memmail.Verdict(mailstack.AuthservID, replyEmails[0], reply(replyEmails[0], owner, id, "Thanks, Alice.")))
	arrived := time.Now()
	r.awaitHandled(id, 30*time.Second, "the reply while SMTP was down")
	handledIn := time.Since(arrived)
	if s := r.status(replyApps[0]); s != policy.Replied {
		t.Fatalf("the application replied to is %s", s)
	}

	time.Sleep(down - time.Since(wentDown)) // the outage itself
	attempts := 0
	for _, id := range ids {
		m := thankYou(t, r.st, id)
		if m.State == store.Sent {
			t.Fatalf("%d was sent while Postfix was down", id)
		}
		attempts += m.Attempts
	}
	restart()
	back := time.Now()
	r.d.Kick()
	waitSettled(t, r.st, ids, 2*time.Minute)
	allSent := time.Since(back)
	r.s.WaitQueueEmpty(t, time.Minute)

	copies := map[string]int{} // by Message-ID: a letter's text may not name the company
	for _, m := range r.s.Messages(t, "jane@acme.test", "INBOX") {
		copies[m.Header("Message-ID")]++
	}
	var prev time.Time
	for i, id := range ids {
		m := thankYou(t, r.st, id)
		if n := copies["<"+m.MessageID+">"]; m.State != store.Sent || m.MessageID == "" || n != 1 {
			t.Errorf("%s: %s, %d copies", marker(i), m.State, n)
		}
		if m.SentAt.Before(prev) {
			t.Errorf("%s went out before an earlier one", marker(i))
		}
		prev = m.SentAt
	}
	// The owner's notice about the reply was queued, and went out once Postfix was back.
	await(t, owners, time.Minute, "the notice of the reply", func(m mailstack.Raw) bool {
		return strings.Contains(decode(m.Header("Subject")), "replied") && strings.Contains(m.Text(), replyEmails[0])
	})
	report(t, fmt.Sprintf("SMTP down %s", down), fmt.Sprintf("reply handled in %s meanwhile; %d thank-yous waited (%d attempts), all sent once, in order, %.1f s after", ms(handledIn), k, attempts, allSent.Seconds()),
		"each once, in order", !t.Failed())
}

package demo

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/followupd/followup/internal/memmail"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/daemon"
	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

const (
	owner    = "alice@owner.test"
	jane     = "jane@acme.test"
	raj      = "raj@acme.test"
	sam      = "hr@acme.test"
	password = "demo-password"
)

// Run plays the whole loop and narrates it to out: the interview is recorded, thank-you
// drafts go to the owner for approval, the owner answers "send", the thank-you is
// delivered, a week later a check-in is drafted, approved and sent in the same thread, the
// interviewer replies, every other follow-up stops, and the digest is printed. The daemon
// code is the real one; only the mail servers are in-process and the clock jumps a week.
func Run(ctx context.Context, out io.Writer, verbose bool) error {
	start := time.Now()
	say := func(format string, args ...any) {
		fmt.Fprintf(out, "[%5.1fs] %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
	}
	world, err := memmail.Start(memmail.Options{Users: []string{owner, jane, raj, sam}, Password: password})
	if err != nil {
		return err
	}
	defer world.Close()
	dir, err := os.MkdirTemp("", "followup-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	cfg, err := demoConfig(world, dir)
	if err != nil {
		return err
	}
	// The in-process server does not always push mail appended by its SMTP side to a
	// session in IDLE, so the demo's watcher polls, often (real servers get IDLE).
	noIdle := false
	cfg.IMAP.IDLE, cfg.IMAP.Poll = &noIdle, 50*time.Millisecond
	st, err := store.Open(ctx, cfg.Store.Path)
	if err != nil {
		return err
	}
	defer st.Close()
	var logger *slog.Logger
	if verbose {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	} else {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	d, err := daemon.New(cfg, st, logger)
	if err != nil {
		return err
	}
	var offset atomic.Int64
	d.Now = func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }

	say("Mail servers up on loopback: IMAP %s, SMTP %s; store in %s", world.IMAPAddr, world.SMTPAddr, dir)
	interview := time.Now().Add(-3 * time.Hour).Truncate(time.Minute)
	appID, err := st.AddApplication(ctx, store.Application{
		Company: "Acme", Role: "Backend Engineer", CompanyDomain: "acme.test",
		Interview: store.Interview{Start: interview, Length: time.Hour, TZ: cfg.Owner.Location.String(),
			KeyPoints: "the queue redesign; their on-call rotation", Fit: "five years of building Go services",
			Accomplishment: "I cut the p99 latency of our billing API by 40%"},
		Contacts: []store.Contact{
			{Name: "Jane Doe", Email: jane, Role: policy.Interviewer},
			{Name: "Raj Patel", Email: raj, Role: policy.Interviewer},
			{Name: "Sam Lee", Email: sam, Role: policy.Coordinator},
		},
	})
	if err != nil {
		return err
	}
	say("Recorded: Backend Engineer at Acme, interviewed at %s by Jane Doe and Raj Patel, arranged by Sam Lee.", interview.Format("15:04"))

	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- d.Run(runCtx) }()
	defer func() { stop(); <-done }()
	say("followup is running (the real daemon: IMAP watcher, planner, outbox; here the watcher polls the in-process server).")

	wait := func(what string, cond func() (bool, error)) error {
		deadline := time.Now().Add(30 * time.Second)
		for {
			ok, err := cond()
			if err != nil || ok {
				return err
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("demo: gave up waiting for %s", what)
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	awaiting := func(kind policy.Kind, n int) ([]store.Message, error) {
		var got []store.Message
		err := wait(fmt.Sprintf("%d %s drafts", n, kind), func() (bool, error) {
			msgs, err := st.Messages(ctx, store.MessageFilter{AppID: appID, States: []store.State{store.AwaitingApproval}})
			got = got[:0]
			for _, m := range msgs {
				if m.Kind == kind || kind == "" {
					got = append(got, m)
				}
			}
			return len(got) >= n, err
		})
		return got, err
	}
	drafts, err := awaiting("", 3)
	if err != nil {
		return err
	}
	say("Three drafts, one per person, each emailed to %s for approval:", owner)
	var janeDraft store.Message
	app, _ := st.Application(ctx, appID)
	for _, m := range drafts {
		c := app.Contact(m.ContactID)
		say("  draft %d: %-17s → %s <%s>", m.ID, m.Kind, c.Name, c.Email)
		if c.Email == jane {
			janeDraft = m
		}
	}
	fmt.Fprintf(out, "\n%s\n", indent(janeDraft.Subject+"\n\n"+janeDraft.Body))

	if err := ownerAnswers(world, janeDraft, "send"); err != nil {
		return err
	}
	say("Alice replies \"send\" to the approval request for Jane's thank-you.")
	if err := wait("the thank-you to Jane", func() (bool, error) { return len(world.DeliveriesTo(jane)) > 0, nil }); err != nil {
		return err
	}
	sent, _ := st.Message(ctx, janeDraft.ID)
	say("Delivered to Jane: %q, Message-ID <%s>. Raj's and Sam's still wait for Alice's word.", sent.Subject, sent.MessageID)

	offset.Store(int64(8 * 24 * time.Hour))
	d.Kick()
	say("A week passes with no answer (the demo moves followup's clock 8 days on).")
	checks, err := awaiting(policy.CheckIn, 1)
	if err != nil {
		return err
	}
	check := checks[0]
	say("Check-in drafted, in the thread of the thank-you: %q (In-Reply-To <%s>); why: %s", check.Subject, check.InReplyTo, check.Rule)
	if err := ownerAnswers(world, check, "send"); err != nil {
		return err
	}
	if err := wait("the check-in to Jane", func() (bool, error) { return len(world.DeliveriesTo(jane)) > 1, nil }); err != nil {
		return err
	}
	say("Alice says \"send\"; the check-in is delivered to Jane.")

	reply := fmt.Sprintf("From: Jane Doe <%s>\r\nTo: %s\r\nSubject: %s\r\nMessage-ID: <reply-%d@acme.test>\r\nIn-Reply-To: <%s>\r\nDate: %s\r\n\r\n"+
		"Hi Alice,\r\n\r\nThanks for checking in! We would like to invite you to a final round next week.\r\n\r\nJane\r\n",
		jane, owner, mailer.ReplySubject(check.Subject), time.Now().UnixNano(), sent.MessageID, time.Now().Format(time.RFC1123Z))
	if err := world.Deliver(jane, []string{owner}, []byte(reply)); err != nil {
		return err
	}
	say("Jane replies: she invites Alice to a final round.")
	if err := wait("the reply to be acted on", func() (bool, error) {
		a, err := st.Application(ctx, appID)
		return !a.InvitedAt.IsZero(), err
	}); err != nil {
		return err
	}
	msgs, _ := st.Messages(ctx, store.MessageFilter{AppID: appID})
	var states []string
	for _, m := range msgs {
		states = append(states, fmt.Sprintf("%s→%s: %s", m.Kind, app.Contact(m.ContactID).Name, m.State))
	}
	say("Read as an invitation to another round: no more check-ins; the application stays active for the round to come (drafts: %s).", strings.Join(states, "; "))
	var notice *inbox.Message
	if err := wait("the owner's notice", func() (bool, error) {
		for _, dl := range world.DeliveriesTo(owner) {
			if m, err := inbox.Parse(dl.Raw); err == nil && strings.Contains(m.Subject, "replied") {
				say("Alice is told at once: %q", m.Subject)
				notice = m
				return true, nil
			}
		}
		return false, nil
	}); err != nil {
		return err
	}

	// The owner answers the notice with the round's time: the follow-ups start over for it.
	loc, _ := time.LoadLocation(app.Interview.TZ)
	when := d.Now().Add(5*24*time.Hour).In(loc).Format("2006-01-02") + " 10:00"
	answer := fmt.Sprintf("From: Alice Example <%s>\r\nTo: %s\r\nSubject: Re: %s\r\nMessage-ID: <round-%d@owner.test>\r\nIn-Reply-To: <%s>\r\n"+
		"Date: %s\r\n\r\ntrack %s\r\n", owner, owner, notice.Subject, time.Now().UnixNano(), notice.MessageID, time.Now().Format(time.RFC1123Z), when)
	if err := world.Deliver(owner, []string{owner}, []byte(answer)); err != nil {
		return err
	}
	var r2 store.Application
	if err := wait("the next round to be recorded", func() (bool, error) {
		apps, err := st.Applications(ctx)
		for _, a := range apps {
			if a.PreviousID == appID {
				r2 = a
				return true, err
			}
		}
		return false, err
	}); err != nil {
		return err
	}
	if r2, err = st.Application(ctx, r2.ID); err != nil {
		return err
	}
	plan := policy.New(cfg.Rules).Compute(r2.PolicyFacts(), policy.History{})
	say("Alice answers the notice \"track %s\": application %d, round %d, the same people; %d follow-ups planned afresh, the first a %s.",
		when, r2.ID, r2.Round, len(plan.Actions), strings.ReplaceAll(string(plan.Actions[0].Kind), "_", "-"))

	dg, err := d.BuildDigest(ctx)
	if err != nil {
		return err
	}
	say("The digest Alice gets (followup digest):\n")
	fmt.Fprintln(out, indent(dg.Text(cfg.Owner.Location)))
	say("Done: %d messages went through the in-process servers.", world.Delivered())
	return nil
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    │ " + l
	}
	return strings.Join(lines, "\n")
}

// ownerAnswers delivers the owner's reply to a draft's approval request.
func ownerAnswers(w *memmail.World, draft store.Message, answer string) error {
	raw := fmt.Sprintf("From: Alice Example <%s>\r\nTo: %s\r\nSubject: Re: [followup %s] Approve\r\nMessage-ID: <answer-%d@owner.test>\r\n"+
		"In-Reply-To: <%s>\r\nReferences: <%s>\r\nDate: %s\r\n\r\n%s\r\n\r\nOn Monday, followup wrote:\r\n> ...\r\n",
		owner, owner, draft.Token, time.Now().UnixNano(), draft.ApprovalID, draft.ApprovalID, time.Now().Format(time.RFC1123Z), answer)
	return w.Deliver(owner, []string{owner}, []byte(raw))
}

func demoConfig(w *memmail.World, dir string) (*config.Config, error) {
	ih, ip, _ := net.SplitHostPort(w.IMAPAddr)
	sh, sp, _ := net.SplitHostPort(w.SMTPAddr)
	pw := filepath.Join(dir, "password")
	if err := os.WriteFile(pw, []byte(password), 0o600); err != nil {
		return nil, err
	}
	y := fmt.Sprintf(`owner: {name: Alice Example, email: %s, timezone: Local}
imap: {host: %s, port: %s, security: none, username: %s, password_file: %s, sent_folder: Sent, timeout: 5s}
smtp: {host: %s, port: %s, security: none, username: %s, password_file: %s, timeout: 5s}
store: {path: %s}
policy:
  send_window: {days: [mon, tue, wed, thu, fri, sat, sun], start: "00:00", end: "24:00"}
`, owner, ih, ip, owner, pw, sh, sp, owner, pw, filepath.Join(dir, "followup.db"))
	if _, err := strconv.Atoi(ip); err != nil {
		return nil, err
	}
	return config.Parse("demo.yaml", []byte(y))
}

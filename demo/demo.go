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
	world, err := memmail.Start(memmail.Options{Users: []string{owner, jane, raj, sam}, Password: password, AuthservID: authservID})
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
	// followup's clock: a Tuesday afternoon, running at the real pace, moved on when the
	// story needs a week to pass. The send window is the usual one, Monday to Friday
	// 09:00-17:00: every mail goes out on a working day.
	var offset atomic.Int64
	realStart := time.Now()
	clock := func() time.Time { return Start.Add(time.Since(realStart) + time.Duration(offset.Load())) }
	d.Now, st.Now = clock, clock
	when := func(t time.Time) string { return t.In(cfg.Owner.Location).Format("Mon 2006-01-02 15:04") }

	say("Mail servers up on loopback: IMAP %s, SMTP %s; store in %s", world.IMAPAddr, world.SMTPAddr, dir)
	say("followup's clock starts on %s; its send window is Monday to Friday, 09:00-17:00.", when(clock()))
	interview := clock().Add(-3 * time.Hour).Truncate(time.Minute)
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
	say("Recorded: Backend Engineer at Acme, interviewed %s-%s by Jane Doe and Raj Patel, arranged by Sam Lee.", when(interview), interview.Add(time.Hour).In(cfg.Owner.Location).Format("15:04"))

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
	// told waits for the first mail to the owner whose subject holds what.
	told := func(why, what string) (*inbox.Message, error) {
		var got *inbox.Message
		err := wait(why, func() (bool, error) {
			for _, dl := range world.DeliveriesTo(owner) {
				if m, err := inbox.Parse(dl.Raw); err == nil && strings.Contains(m.Subject, what) {
					got = m
					return true, nil
				}
			}
			return false, nil
		})
		return got, err
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
		say("  draft %d: %-20s → %s <%s>", m.ID, label(m.Kind), c.Name, c.Email)
		if c.Email == jane {
			janeDraft = m
		}
	}
	fmt.Fprintf(out, "\n%s\n", indent(janeDraft.Subject+"\n\n"+janeDraft.Body))

	if err := ownerAnswers(world, janeDraft, "send"); err != nil {
		return err
	}
	say("Alice replies \"send\" to the approval request for Jane's thank-you.")
	var sent store.Message
	if err := wait("the thank-you to Jane", func() (bool, error) {
		m, err := st.Message(ctx, janeDraft.ID)
		sent = m
		return len(world.DeliveriesTo(jane)) > 0 && m.State == store.Sent, err
	}); err != nil {
		return err
	}
	say("Delivered to Jane on %s: %q, Message-ID <%s>. Raj's and Sam's thank-yous still wait for Alice's word.", when(sent.SentAt), sent.Subject, sent.MessageID)

	offset.Store(int64(8 * 24 * time.Hour))
	d.Kick()
	say("A week passes with no answer, and no word from Alice on Raj's and Sam's drafts (the demo moves followup's clock 8 days on, to %s).", when(clock()))
	var dropped []store.Message
	if err := wait("the unapproved thank-yous to be dropped", func() (bool, error) {
		msgs, err := st.Messages(ctx, store.MessageFilter{AppID: appID, States: []store.State{store.Cancelled}})
		dropped = msgs
		return len(msgs) >= 2, err
	}); err != nil {
		return err
	}
	for _, m := range dropped {
		say("  draft %d (%s → %s), never approved, is dropped: %s (policy.thank_you_expiry: %s; Alice is told).",
			m.ID, label(m.Kind), app.Contact(m.ContactID).Name, m.LastError, cfg.Policy.ThankYouExpiry)
	}
	checks, err := awaiting(policy.CheckIn, 1)
	if err != nil {
		return err
	}
	check := checks[0]
	say("Check-in drafted, in the thread of the thank-you: %q (In-Reply-To <%s>); why: %s", check.Subject, check.InReplyTo, check.Rule)
	if err := ownerAnswers(world, check, "send"); err != nil {
		return err
	}
	// Delivered, and recorded as sent: the store is written after the server took it.
	var sentCheck store.Message
	if err := wait("the check-in to Jane", func() (bool, error) {
		m, err := st.Message(ctx, check.ID)
		sentCheck = m
		return len(world.DeliveriesTo(jane)) > 1 && m.State == store.Sent, err
	}); err != nil {
		return err
	}
	say("Alice says \"send\"; the check-in is delivered to Jane on %s.", when(sentCheck.SentAt))

	reply := fmt.Sprintf("From: Jane Doe <%s>\r\nTo: %s\r\nSubject: %s\r\nMessage-ID: <reply-%d@acme.test>\r\nIn-Reply-To: <%s>\r\nDate: %s\r\n\r\n"+
		"Hi Alice,\r\n\r\nThanks for checking in! We would like to invite you to a final round next week.\r\n\r\nJane\r\n",
		jane, owner, mailer.ReplySubject(check.Subject), time.Now().UnixNano(), sent.MessageID, clock().Format(time.RFC1123Z))
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
	say("Read as an invitation to another round: no more check-ins; the application stays active for the round to come.")
	msgs, err := st.Messages(ctx, store.MessageFilter{AppID: appID})
	if err != nil {
		return err
	}
	say("How each draft of round 1 ended:")
	for _, m := range msgs {
		how := string(m.State)
		switch {
		case m.State == store.Sent:
			how = "sent " + when(m.SentAt) + ", approved by Alice"
		case m.LastError != "":
			how += ": " + m.LastError
		}
		say("  draft %d (%s → %s): %s", m.ID, label(m.Kind), app.Contact(m.ContactID).Name, how)
	}
	notice, err := told("the owner's notice", "replied")
	if err != nil {
		return err
	}
	say("Alice is told at once: %q", notice.Subject)

	// The owner answers the notice with the round's time: the follow-ups start over for it.
	loc, _ := time.LoadLocation(app.Interview.TZ)
	round := d.Now().Add(5*24*time.Hour).In(loc).Format("2006-01-02") + " 10:00"
	answer := fmt.Sprintf("From: Alice Example <%s>\r\nTo: %s\r\nSubject: Re: %s\r\nMessage-ID: <round-%d@owner.test>\r\nIn-Reply-To: <%s>\r\n"+
		"Date: %s\r\n\r\ntrack %s\r\n", owner, owner, notice.Subject, time.Now().UnixNano(), notice.MessageID, clock().Format(time.RFC1123Z), round)
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
	say("Alice answers the notice \"track %s\": application %d, round %d, the same people; %d follow-ups planned afresh, the first a %s on %s.",
		round, r2.ID, r2.Round, len(plan.Actions), label(plan.Actions[0].Kind), when(plan.Actions[0].Due))
	// followup tells her so: the count of messages at the end waits for it, or it would say
	// 15 or 16 by how fast the outbox ran.
	tracked, err := told("the owner to be told the round is tracked", "Tracking:")
	if err != nil {
		return err
	}
	say("Alice is told: %q", tracked.Subject)

	dg, err := d.BuildDigest(ctx)
	if err != nil {
		return err
	}
	say("The digest Alice gets (followup digest):\n")
	fmt.Fprintln(out, indent(dg.Text(cfg.Owner.Location)))
	// Counted once the outbox has nothing due and nothing under way: a confirmation queued
	// a moment ago would make it say 15 or 16 by how fast the deliver loop ran.
	if err := wait("the outbox to settle", func() (bool, error) {
		taking, err := st.OutgoingIn(ctx, store.OutSending)
		if err != nil || len(taking) > 0 {
			return false, err
		}
		due, err := st.DueOutgoing(ctx, clock(), func(string, string) bool { return false }, 1)
		return len(due) == 0, err
	}); err != nil {
		return err
	}
	say("Done: %d messages went through the in-process servers.", world.Delivered())
	return nil
}

// Start is where the demo's clock starts: a Tuesday at 14:00, three hours after the
// interview began, in the machine's zone.
var Start = time.Date(2026, time.November, 17, 14, 0, 0, 0, time.Local)

// label is a kind of follow-up in words.
func label(k policy.Kind) string {
	switch k {
	case policy.ThankYou:
		return "thank-you"
	case policy.ThankCoordinator:
		return "thanks (coordinator)"
	case policy.CheckIn:
		return "check-in"
	}
	return strings.ReplaceAll(string(k), "_", " ")
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

// authservID names the demo's mail server in the Authentication-Results it writes: what
// proves that Jane's reply is Jane's (a real mailbox's provider writes its own).
const authservID = "mx.owner.test"

func demoConfig(w *memmail.World, dir string) (*config.Config, error) {
	ih, ip, _ := net.SplitHostPort(w.IMAPAddr)
	sh, sp, _ := net.SplitHostPort(w.SMTPAddr)
	pw := filepath.Join(dir, "password")
	if err := os.WriteFile(pw, []byte(password), 0o600); err != nil {
		return nil, err
	}
	y := fmt.Sprintf(`owner: {name: Alice Example, email: %s, timezone: Local}
imap: {host: %s, port: %s, security: none, username: %s, password_file: %s, sent_folder: Sent, timeout: 5s,
  trusted_authserv_id: [`+authservID+`]}
smtp: {host: %s, port: %s, security: none, username: %s, password_file: %s, timeout: 5s}
store: {path: %s}
`, owner, ih, ip, owner, pw, sh, sp, owner, pw, filepath.Join(dir, "followup.db"))
	if _, err := strconv.Atoi(ip); err != nil {
		return nil, err
	}
	return config.Parse("demo.yaml", []byte(y))
}

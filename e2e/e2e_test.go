// Package e2e runs the built followup binary as a subprocess against the real mail stack.
package e2e

import (
	"context"

	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/followupd/followup/store"
	"mime"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/followupd/followup/internal/mailstack"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "followup-e2e-")
	if err != nil {
		panic(err)
	}
	root, err := mailstack.Root()
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "followup")
	build := exec.Command("go", "build", "-o", binary, "./cmd/followup")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)
	mailstack.Main(m)
}

type env struct {
	t      *testing.T
	s      *mailstack.Stack
	config string
	db     string
	primed bool
}

// prime sets the store's IMAP cursors to the current end of the owner's folders, as for a
// daemon that has been running: mail that earlier tests left in the shared mailbox is not
// news to this one.
func (e *env) prime() {
	e.t.Helper()
	if e.primed {
		return
	}
	e.primed = true
	st, err := store.Open(context.Background(), e.db)
	if err != nil {
		e.t.Fatal(err)
	}
	defer st.Close()
	e.s.Prime(e.t, st, "alice@owner.test", "INBOX", "Sent")
}

func (e *env) run(args ...string) string {
	e.t.Helper()
	cmd := exec.Command(binary, append([]string{"--config", e.config}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		e.t.Fatalf("followup %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// daemon is a running `followup run`.
type daemon struct {
	cmd    *exec.Cmd
	stderr *syncBuffer
	done   chan error
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func (e *env) start(extraEnv ...string) *daemon {
	e.t.Helper()
	e.prime()
	d := &daemon{cmd: exec.Command(binary, "--config", e.config, "run"), stderr: &syncBuffer{}, done: make(chan error, 1)}
	d.cmd.Env = append(os.Environ(), extraEnv...)
	d.cmd.Stderr = d.stderr
	if err := d.cmd.Start(); err != nil {
		e.t.Fatal(err)
	}
	go func() { d.done <- d.cmd.Wait() }()
	e.t.Cleanup(func() {
		d.cmd.Process.Kill()
		<-d.done
	})
	return d
}

// wait waits for the process to exit and returns how.
func (d *daemon) wait(t *testing.T, timeout time.Duration) error {
	t.Helper()
	select {
	case err := <-d.done:
		d.done <- err
		return err
	case <-time.After(timeout):
		t.Fatalf("followup run did not exit within %s\n%s", timeout, d.stderr.String())
		return nil
	}
}

func decode(s string) string {
	if d, err := (&mime.WordDecoder{}).DecodeHeader(s); err == nil {
		return d
	}
	return s
}

func (e *env) request(company, kind string) mailstack.Raw {
	e.t.Helper()
	return e.s.WaitFor(e.t, "alice@owner.test", "INBOX", 30*time.Second, func(r mailstack.Raw) bool {
		subj := decode(r.Header("Subject"))
		return strings.Contains(subj, company) && strings.Contains(subj, kind)
	})
}

func (e *env) reply(req mailstack.Raw, body string) {
	e.t.Helper()
	raw := "From: alice@owner.test\r\nTo: alice@owner.test\r\nSubject: Re: " + decode(req.Header("Subject")) +
		"\r\nMessage-ID: <r" + fmt.Sprint(time.Now().UnixNano()) + "@owner.test>\r\nIn-Reply-To: " + req.Header("Message-ID") +
		"\r\n\r\n" + body + "\r\n"
	e.s.Send(e.t, "alice@owner.test", []string{"alice@owner.test"}, []byte(raw))
}

// copies counts the mail in user's INBOX with Message-ID id (a letter's text may not name
// the company, and never names followup).
func (e *env) copies(user, id string) int {
	n := 0
	for _, r := range e.s.Messages(e.t, user, "INBOX") {
		if id != "" && r.Header("Message-ID") == "<"+id+">" {
			n++
		}
	}
	return n
}

// sentID is the Message-ID of application 1's only draft, once it has one (from the sending
// on), or "".
func (e *env) sentID() string {
	var shown struct {
		Messages []draft `json:"messages"`
	}
	if err := json.Unmarshal([]byte(e.run("show", "1", "--json")), &shown); err != nil || len(shown.Messages) != 1 {
		e.t.Fatalf("show 1: %d drafts, %v", len(shown.Messages), err)
	}
	return shown.Messages[0].MessageID
}

// delivered awaits the mail with Message-ID id in user's INBOX.
func (e *env) delivered(user, id string) mailstack.Raw {
	e.t.Helper()
	return e.s.WaitFor(e.t, user, "INBOX", 30*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+id+">" })
}

type draft struct {
	ID        int64  `json:"id"`
	State     string `json:"state"`
	Kind      string `json:"kind"`
	MessageID string `json:"message_id"`
}

func (e *env) drafts() []draft {
	var out []draft
	if err := json.Unmarshal([]byte(e.run("drafts", "--json")), &out); err != nil {
		e.t.Fatal(err)
	}
	return out
}

func newEnv(t *testing.T) *env {
	s := mailstack.Get(t)
	e := &env{t: t, s: s, db: filepath.Join(t.TempDir(), "f.db")}
	e.config = s.OwnerConfig(t, e.db, "thank_coordinator: false")
	return e
}

func (e *env) add(company string) {
	e.t.Helper()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	at := time.Now().Add(-5 * time.Hour).In(berlin).Format("2006-01-02 15:04")
	e.run("add", "--company", company, "--role", "Backend Engineer", "--at", at, "--interviewer", "Jane Doe <jane@acme.test>",
		"--points", "the queue redesign")
}

// TestRun_SIGKILLWhileSending kills the daemon with SIGKILL in the middle of sending, at
// the two moments that matter: after the move to sending is committed but before the SMTP
// transaction, and after the server took the message but before it is marked sent. After a
// restart the message is never sent again without the owner's word: it becomes unknown,
// the owner is asked, and the answer is obeyed.
func TestRun_SIGKILLWhileSending(t *testing.T) {
	for _, tc := range []struct {
		failpoint string
		delivered int    // copies at the interviewer after the crash
		answer    string // the owner's answer to "may have gone out"
		final     int    // copies in the end
		state     string
	}{
		{"after-sending-commit", 0, "send", 1, "sent"},
		{"after-smtp", 1, "skip", 1, "skipped"},
	} {
		t.Run(tc.failpoint, func(t *testing.T) {
			e := newEnv(t)
			company := fmt.Sprintf("Crashco %s %d", tc.failpoint, time.Now().UnixNano())
			e.add(company)
			d := e.start("FOLLOWUP_FAILPOINT=" + tc.failpoint)
			e.reply(e.request(company, "Approve: thank-you to Jane Doe"), "send")
			err := d.wait(t, 30*time.Second)
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("followup run ended with %v, want killed by SIGKILL\n%s", err, d.stderr.String())
			}
			id := e.sentID() // given before the SMTP transaction, kept for every attempt
			if id == "" {
				t.Fatal("the killed sending left no Message-ID")
			}
			if tc.delivered > 0 {
				// Postfix took it before the kill; its delivery to the mailbox follows.
				e.delivered("jane@acme.test", id)
			}
			if n := e.copies("jane@acme.test", id); n != tc.delivered {
				t.Fatalf("%d copies delivered before the crash, want %d", n, tc.delivered)
			}

			d2 := e.start()
			req := e.request(company, "May have gone out: thank-you to Jane Doe")
			if ds := e.drafts(); len(ds) != 1 || ds[0].State != "unknown" {
				t.Fatalf("after restart, drafts = %+v, want one unknown", ds)
			}
			e.reply(req, tc.answer)
			var shown struct {
				Messages []draft `json:"messages"`
			}
			deadline := time.Now().Add(30 * time.Second)
			for {
				json.Unmarshal([]byte(e.run("show", "1", "--json")), &shown)
				if len(shown.Messages) == 1 && shown.Messages[0].State == tc.state {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("messages = %+v, want one %s\n%s", shown.Messages, tc.state, d2.stderr.String())
				}
				time.Sleep(50 * time.Millisecond)
			}
			if got := shown.Messages[0].MessageID; got != id {
				t.Errorf("the Message-ID changed from %s to %s after the crash", id, got)
			}
			if tc.answer == "send" {
				e.delivered("jane@acme.test", id)
			}
			if n := e.copies("jane@acme.test", id); n != tc.final {
				t.Errorf("%d copies at the interviewer in the end, want %d", n, tc.final)
			}

			// SIGTERM stops it cleanly within 10 s.
			d2.cmd.Process.Signal(syscall.SIGTERM)
			if err := d2.wait(t, 10*time.Second); err != nil {
				t.Errorf("after SIGTERM: %v\n%s", err, d2.stderr.String())
			}
			if !strings.Contains(d2.stderr.String(), "followup stopped") {
				t.Errorf("no clean stop in the log:\n%s", d2.stderr.String())
			}
		})
	}
}

// TestRun_FullLoop: the built binary against the real Dovecot and Postfix, as a user runs
// it: record an interview, approve the thank-you by email, see it delivered, get a reply
// that stops everything, read the digest, and stop the daemon with SIGTERM.
func TestRun_FullLoop(t *testing.T) {
	e := newEnv(t)
	company := fmt.Sprintf("Loopco %d", time.Now().UnixNano())
	e.add(company)
	d := e.start()
	e.reply(e.request(company, "Approve: thank-you to Jane Doe"), "send")
	var id string
	for deadline := time.Now().Add(30 * time.Second); id == ""; time.Sleep(50 * time.Millisecond) { // another process's store: no event to await
		if time.Now().After(deadline) {
			t.Fatalf("the approved thank-you was never sent\n%s", d.stderr.String())
		}
		id = e.sentID()
	}
	got := e.delivered("jane@acme.test", id)
	e.s.Send(t, "jane@acme.test", []string{"alice@owner.test"}, []byte("From: Jane Doe <jane@acme.test>\r\nTo: alice@owner.test\r\n"+
		"Subject: Re: Thank you\r\nMessage-ID: <loop-reply-"+fmt.Sprint(time.Now().UnixNano())+"@acme.test>\r\nIn-Reply-To: "+got.Header("Message-ID")+
		"\r\n\r\nThanks Alice, we'll be in touch about next steps.\r\n"))
	var shown struct {
		Status string `json:"status"`
	}
	deadline := time.Now().Add(30 * time.Second)
	for shown.Status != "replied" {
		json.Unmarshal([]byte(e.run("show", "1", "--json")), &shown)
		if time.Now().After(deadline) {
			t.Fatalf("the application is %q, want replied\n%s", shown.Status, d.stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	e.s.WaitFor(t, "alice@owner.test", "INBOX", 30*time.Second, func(r mailstack.Raw) bool {
		return strings.Contains(decode(r.Header("Subject")), "replied: Backend Engineer at "+company)
	})
	if out := e.run("digest"); !strings.Contains(out, "jane@acme.test replied about Backend Engineer at "+company) ||
		!strings.Contains(out, "thank-you to Jane Doe") {
		t.Errorf("digest:\n%s", out)
	}
	if ds := e.drafts(); len(ds) != 0 {
		t.Errorf("drafts after the reply: %+v", ds)
	}
	d.cmd.Process.Signal(syscall.SIGTERM)
	if err := d.wait(t, 10*time.Second); err != nil {
		t.Errorf("after SIGTERM: %v\n%s", err, d.stderr.String())
	}
	if log := d.stderr.String(); strings.Contains(log, "test-password") {
		t.Errorf("a password reached the log")
	}
}

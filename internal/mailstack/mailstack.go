// Package mailstack runs the real mail stack of the integration tests: a private Postfix
// and Dovecot on loopback, started by scripts/mailstack.sh, with helpers to send as any
// user, wait for a message in a folder and read it raw. MAILSTACK_IMAP=cyrus serves IMAP,
// LMTP and Sieve from Cyrus IMAP instead (Server says which).
//
// One stack serves a whole test binary: call Get from a test, and Main from TestMain so
// that it is stopped at the end. Under CI=true a stack that cannot start fails the test;
// elsewhere it skips it.
package mailstack

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/smtp"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gomail "github.com/emersion/go-message/mail"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/internal/memmail"
	"github.com/followupd/followup/store"
)

// Stack is a running Dovecot (or Cyrus) + Postfix.
type Stack struct {
	Dir       string
	Server    string // the IMAP server: "dovecot" or "cyrus"
	Host      string
	IMAPPort  int // STARTTLS
	IMAPSPort int // implicit TLS
	SMTPPort  int // STARTTLS + AUTH
	SMTPSPort int // implicit TLS + AUTH
	LMTPPort  int
	SievePort int // Cyrus's ManageSieve
	CAFile    string
	Password  string // every user's
	Users     []string
}

var (
	once     sync.Once
	shared   *Stack
	startErr error
)

// Get returns the shared stack, starting it on first use.
func Get(tb testing.TB) *Stack {
	tb.Helper()
	once.Do(func() { shared, startErr = start() })
	if startErr != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("mail stack: %v", startErr)
		}
		tb.Skipf("mail stack not available (set CI=true to make this fatal): %v", startErr)
	}
	return shared
}

// Main runs the tests and stops the stack after them.
func Main(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Stop()
	}
	os.Exit(code)
}

// Root is the repository's top directory.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}

func start() (*Stack, error) {
	if os.Getenv("FOLLOWUP_NO_MAILSTACK") != "" {
		// Several people (or sessions) share one machine: only one runs the stack at a time.
		return nil, errors.New("FOLLOWUP_NO_MAILSTACK is set")
	}
	if os.Geteuid() != 0 {
		return nil, errors.New("needs root to start Postfix and Dovecot")
	}
	root, err := Root()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "followup-mailstack-")
	if err != nil {
		return nil, err
	}
	introspect, err := startIntrospection()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(filepath.Join(root, "scripts", "mailstack.sh"), "start", dir)
	cmd.Env = append(os.Environ(), "OAUTH2_INTROSPECTION_URL="+introspect)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		stop(dir)
		os.RemoveAll(dir)
		return nil, fmt.Errorf("scripts/mailstack.sh start: %v\n%s", err, out.String())
	}
	env, err := os.ReadFile(filepath.Join(dir, "stack.env"))
	if err != nil {
		return nil, err
	}
	s := &Stack{Dir: dir}
	sc := bufio.NewScanner(bytes.NewReader(env))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "=")
		n, _ := strconv.Atoi(v)
		switch k {
		case "HOST":
			s.Host = v
		case "IMAP_PORT":
			s.IMAPPort = n
		case "IMAPS_PORT":
			s.IMAPSPort = n
		case "SMTP_PORT":
			s.SMTPPort = n
		case "SMTPS_PORT":
			s.SMTPSPort = n
		case "LMTP_PORT":
			s.LMTPPort = n
		case "SIEVE_PORT":
			s.SievePort = n
		case "IMAP_SERVER":
			s.Server = v
		case "CA_FILE":
			s.CAFile = v
		case "PASSWORD":
			s.Password = v
		case "USERS":
			s.Users = strings.Fields(v)
		}
	}
	return s, nil
}

func stop(dir string) {
	if root, err := Root(); err == nil {
		exec.Command(filepath.Join(root, "scripts", "mailstack.sh"), "stop", dir).Run()
	}
}

// Stop stops the servers and removes the directory.
func (s *Stack) Stop() {
	stop(s.Dir)
	os.RemoveAll(s.Dir)
}

// Log returns the servers' logs, for a failing test's message.
func (s *Stack) Log() string {
	var b strings.Builder
	for _, f := range []string{"dovecot.log", "postfix.log", "cyrus-start.log"} {
		data, _ := os.ReadFile(filepath.Join(s.Dir, "log", f))
		if len(data) > 6000 {
			data = data[len(data)-6000:]
		}
		fmt.Fprintf(&b, "== %s\n%s\n", f, data)
	}
	return b.String()
}

// IMAP returns the config.IMAP for user over implicit TLS, trusting the stack's CA, with
// the password in a file.
func (s *Stack) IMAP(tb testing.TB, user string) config.IMAP {
	tb.Helper()
	c := config.Defaults().IMAP
	c.Host, c.Port, c.Security, c.Username = s.Host, s.IMAPSPort, "tls", user
	c.CAFile = s.CAFile
	c.PasswordFile = s.passwordFile(tb)
	c.TimeoutDuration = 10 * time.Second
	c.Poll = 5 * time.Second
	return c
}

// SMTP returns the config.SMTP for user with STARTTLS and AUTH PLAIN.
func (s *Stack) SMTP(tb testing.TB, user string) config.SMTP {
	tb.Helper()
	c := config.Defaults().SMTP
	c.Host, c.Port, c.Security, c.Username = s.Host, s.SMTPPort, "starttls", user
	c.CAFile = s.CAFile
	c.PasswordFile = s.passwordFile(tb)
	c.TimeoutDuration = 10 * time.Second
	return c
}

func (s *Stack) passwordFile(tb testing.TB) string {
	p := filepath.Join(tb.TempDir(), "password")
	if err := os.WriteFile(p, []byte(s.Password+"\n"), 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// TLSConfig trusts the stack's CA.
func (s *Stack) TLSConfig() *tls.Config { return s.tlsConfig() }

func (s *Stack) tlsConfig() *tls.Config {
	pool := x509.NewCertPool()
	pem, _ := os.ReadFile(s.CAFile)
	pool.AppendCertsFromPEM(pem)
	return &tls.Config{RootCAs: pool, ServerName: s.Host}
}

// Send submits raw as user through Postfix (STARTTLS, AUTH PLAIN) to the recipients.
// It uses the standard library's client, not the code under test.
func (s *Stack) Send(tb testing.TB, from string, to []string, raw []byte) {
	tb.Helper()
	if err := s.SendErr(from, to, raw); err != nil {
		tb.Fatalf("send as %s: %v", from, err)
	}
}

// SendErr is Send returning the error.
func (s *Stack) SendErr(from string, to []string, raw []byte) error {
	_, err := s.Submit(from, from, to, raw)
	return err
}

// Client logs in as user over implicit TLS.
func (s *Stack) Client(tb testing.TB, user string) *imapclient.Client {
	tb.Helper()
	c, err := imapclient.DialTLS(net.JoinHostPort(s.Host, strconv.Itoa(s.IMAPSPort)), &imapclient.Options{TLSConfig: s.tlsConfig()})
	if err != nil {
		tb.Fatalf("imap dial: %v", err)
	}
	if err := c.Login(user, s.Password).Wait(); err != nil {
		c.Close()
		tb.Fatalf("imap login %s: %v", user, err)
	}
	tb.Cleanup(func() { c.Close() })
	return c
}

// Raw is one message as stored.
type Raw struct {
	UID   imap.UID
	Flags []imap.Flag
	Data  []byte
}

// Header returns the first value of a header field, unfolded.
func (r Raw) Header(name string) string {
	hdr, _, _ := bytes.Cut(r.Data, []byte("\r\n\r\n"))
	var cur string
	var found bool
	for _, line := range strings.Split(string(hdr), "\r\n") {
		if found && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) {
			cur += " " + strings.TrimSpace(line)
			continue
		}
		if found {
			return cur
		}
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, name) {
			cur, found = strings.TrimSpace(v), true
		}
	}
	return cur
}

// Messages returns every message in user's folder.
func (s *Stack) Messages(tb testing.TB, user, folder string) []Raw {
	tb.Helper()
	c := s.Client(tb, user)
	defer c.Close()
	out, err := fetchAll(c, folder)
	if err != nil {
		tb.Fatalf("fetch %s/%s: %v", user, folder, err)
	}
	return out
}

func fetchAll(c *imapclient.Client, folder string) ([]Raw, error) {
	mb, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return nil, err
	}
	if mb.NumMessages == 0 {
		return nil, nil
	}
	var set imap.SeqSet
	set.AddRange(1, mb.NumMessages)
	msgs, err := c.Fetch(set, &imap.FetchOptions{UID: true, Flags: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}}}).Collect()
	if err != nil {
		return nil, err
	}
	var out []Raw
	for _, m := range msgs {
		r := Raw{UID: m.UID, Flags: m.Flags}
		for _, b := range m.BodySection {
			r.Data = b.Bytes
		}
		out = append(out, r)
	}
	return out, nil
}

// WaitFor waits until user's folder holds a message for which match is true, and returns
// it. It checks again each time the server reports a change (IDLE), not on a timer.
func (s *Stack) WaitFor(tb testing.TB, user, folder string, timeout time.Duration, match func(Raw) bool) Raw {
	tb.Helper()
	r, err := s.WaitForErr(user, folder, timeout, match)
	if err != nil {
		tb.Fatalf("waiting for a message in %s/%s: %v\n%s", user, folder, err, s.Log())
	}
	return r
}

// WaitForErr is WaitFor returning the error.
func (s *Stack) WaitForErr(user, folder string, timeout time.Duration, match func(Raw) bool) (Raw, error) {
	changed := make(chan struct{}, 1)
	opts := &imapclient.Options{
		TLSConfig: s.tlsConfig(),
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(*imapclient.UnilateralDataMailbox) { notify(changed) },
			Fetch: func(msg *imapclient.FetchMessageData) {
				notify(changed)
				for msg.Next() != nil {
				}
			},
		},
	}
	c, err := imapclient.DialTLS(net.JoinHostPort(s.Host, strconv.Itoa(s.IMAPSPort)), opts)
	if err != nil {
		return Raw{}, err
	}
	defer c.Close()
	if err := c.Login(user, s.Password).Wait(); err != nil {
		return Raw{}, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		msgs, err := fetchAll(c, folder)
		if err != nil {
			return Raw{}, err
		}
		for _, m := range msgs {
			if match(m) {
				return m, nil
			}
		}
		idle, err := c.Idle()
		if err != nil {
			return Raw{}, err
		}
		select {
		case <-changed:
		case <-ctx.Done():
			idle.Close()
			return Raw{}, fmt.Errorf("none matched within %s (%d messages there)", timeout, len(msgs))
		}
		if err := idle.Close(); err != nil {
			return Raw{}, err
		}
		if err := idle.Wait(); err != nil {
			return Raw{}, err
		}
	}
}

// SetAccess makes Postfix answer RCPT TO for some addresses with a code of the test's
// choosing: lines like "jane@acme.test 450 4.2.0 try again later". No lines: all accepted.
func (s *Stack) SetAccess(tb testing.TB, lines ...string) {
	tb.Helper()
	data := strings.Join(lines, "\n")
	if data != "" {
		data += "\n"
	}
	if err := os.WriteFile(filepath.Join(s.Dir, "postfix", "access"), []byte(data), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// Text returns the message's first text part, decoded.
func (r Raw) Text() string {
	mr, err := gomail.CreateReader(bytes.NewReader(r.Data))
	if err != nil {
		return string(r.Data)
	}
	for {
		p, err := mr.NextPart()
		if err != nil {
			return ""
		}
		if _, ok := p.Header.(*gomail.InlineHeader); ok {
			b, _ := io.ReadAll(p.Body)
			return string(b)
		}
	}
}

// OwnerConfig writes a followup configuration for the owner alice@owner.test against the
// stack (IMAP over TLS, SMTP with STARTTLS, the test CA, passwords in files), with a send
// window open at every hour so that the real clock is always inside it, and the store at
// dbPath. policy holds further keys of the policy section ("thank_coordinator: false").
// It returns the file's path.
func (s *Stack) OwnerConfig(tb testing.TB, dbPath string, policy ...string) string {
	tb.Helper()
	imap, smtp := s.IMAP(tb, "alice@owner.test"), s.SMTP(tb, "alice@owner.test")
	y := fmt.Sprintf(`owner: {name: Alice Example, email: alice@owner.test, timezone: Europe/Berlin}
imap: {host: %s, port: %d, security: tls, username: alice@owner.test, password_file: %s, ca_file: %s, sent_folder: Sent, timeout: 10s,
  trusted_authserv_id: [`+AuthservID+`]}
smtp: {host: %s, port: %d, security: starttls, username: alice@owner.test, password_file: %s, ca_file: %s, timeout: 10s}
store: {path: %s}
policy:
  send_window: {days: [mon, tue, wed, thu, fri, sat, sun], start: "00:00", end: "24:00"}
  gap_across_applications: false   # the tests give many applications the same few interviewers
`, imap.Host, imap.Port, imap.PasswordFile, s.CAFile, smtp.Host, smtp.Port, smtp.PasswordFile, s.CAFile, dbPath)
	for _, p := range policy {
		y += "  " + p + "\n"
	}
	path := filepath.Join(tb.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

func notify(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// SetVacation switches on a Sieve vacation auto-reply for user with the given reason text
// (days: 1); an empty reason switches it off. On Dovecot the script is a file in the user's
// home; on Cyrus it is put over ManageSieve, as a mail client would.
func (s *Stack) SetVacation(tb testing.TB, user, subject, reason string) {
	tb.Helper()
	script := ""
	if reason != "" {
		script = fmt.Sprintf("require [\"vacation\"];\nvacation :days 1 :subject %q %q;\n", subject, reason)
	}
	if s.Cyrus() {
		if err := s.manageSieve(user, "vacation", script); err != nil {
			tb.Fatalf("vacation for %s: %v", user, err)
		}
		if script != "" {
			tb.Cleanup(func() { s.manageSieve(user, "vacation", "") })
		}
		return
	}
	local, domain, _ := strings.Cut(user, "@")
	home := filepath.Join(s.Dir, "mail", domain, local)
	active := filepath.Join(home, ".dovecot.sieve")
	os.Remove(active)
	if script == "" {
		return
	}
	dir := filepath.Join(home, "sieve")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, "vacation.sieve")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Symlink(path, active); err != nil {
		tb.Fatal(err)
	}
	exec.Command("chown", "-R", "nobody:nogroup", dir, active).Run()
	exec.Command("chown", "-h", "nobody:nogroup", active).Run()
	tb.Cleanup(func() { os.Remove(active) })
}

// RestartIMAP stops the IMAP server (Dovecot, or Cyrus's master and its services), runs
// during (while it is down), and starts it again (scripts/mailstack.sh stop-imap, start-imap).
func (s *Stack) RestartIMAP(tb testing.TB, during func()) {
	tb.Helper()
	if err := s.script("stop-imap"); err != nil {
		tb.Fatal(err)
	}
	addr := net.JoinHostPort(s.Host, strconv.Itoa(s.IMAPSPort))
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			break
		}
		c.Close()
		if i > 200 {
			tb.Fatalf("%s did not stop", s.Server)
		}
		time.Sleep(25 * time.Millisecond)
	}
	started := false
	start := func() {
		if !started {
			started = true
			if err := s.script("start-imap"); err != nil {
				tb.Fatal(err)
			}
		}
	}
	defer start() // also when during fails the test: later tests need the server
	if during != nil {
		during()
	}
	start()
}

// script runs scripts/mailstack.sh COMMAND on this stack.
func (s *Stack) script(command string) error {
	root, err := Root()
	if err != nil {
		return err
	}
	// The servers it starts keep their standard streams: give them none of ours, or
	// waiting for the script never ends.
	log, err := os.CreateTemp(s.Dir, "script-*.log")
	if err != nil {
		return err
	}
	defer os.Remove(log.Name())
	defer log.Close()
	cmd := exec.Command(filepath.Join(root, "scripts", "mailstack.sh"), command, s.Dir)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Run(); err != nil {
		out, _ := os.ReadFile(log.Name())
		return fmt.Errorf("scripts/mailstack.sh %s: %v\n%s", command, err, out)
	}
	return nil
}

// Flush makes Postfix retry its queue now.
func (s *Stack) Flush(tb testing.TB) {
	tb.Helper()
	if out, err := exec.Command("postfix", "-c", filepath.Join(s.Dir, "postfix"), "flush").CombinedOutput(); err != nil {
		tb.Fatalf("postfix flush: %v\n%s", err, out)
	}
}

// Append stores raw in user's folder, as a mail client saving a sent message does.
func (s *Stack) Append(tb testing.TB, user, folder string, raw []byte) {
	tb.Helper()
	c := s.Client(tb, user)
	defer c.Close()
	cmd := c.Append(folder, int64(len(raw)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}})
	if _, err := cmd.Write(raw); err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		tb.Fatal(err)
	}
	if _, err := cmd.Wait(); err != nil {
		tb.Fatal(err)
	}
}

// Inject hands raw to Postfix's own sendmail (pickup, not SMTP), as mail from outside
// that Postfix has accepted: it queues even while Dovecot (and with it SASL and LMTP) is
// down, and is delivered when Dovecot is back.
func (s *Stack) Inject(tb testing.TB, from string, to []string, raw []byte) {
	tb.Helper()
	cmd := exec.Command("/usr/sbin/sendmail", append([]string{"-C", filepath.Join(s.Dir, "postfix"), "-f", from, "--"}, to...)...)
	cmd.Stdin = bytes.NewReader(memmail.Verdict(AuthservID, from, raw))
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("sendmail from %s: %v\n%s", from, err, out)
	}
}

// AuthservID is the authserv-id of the verdicts (memmail.Verdict) the stack puts on mail
// handed to Postfix, as the owner's border MTA would; OwnerConfig trusts it.
const AuthservID = "mx.owner.test"

// StopPostfix stops Postfix until the returned function starts it again (also at cleanup).
func (s *Stack) StopPostfix(tb testing.TB) (restart func()) {
	tb.Helper()
	dir := filepath.Join(s.Dir, "postfix")
	if out, err := exec.Command("postfix", "-c", dir, "stop").CombinedOutput(); err != nil {
		tb.Fatalf("postfix stop: %v\n%s", err, out)
	}
	addr := net.JoinHostPort(s.Host, strconv.Itoa(s.SMTPPort))
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			break
		}
		c.Close()
		if i > 400 {
			tb.Fatal("postfix did not stop")
		}
		time.Sleep(25 * time.Millisecond)
	}
	started := false
	restart = func() {
		if started {
			return
		}
		started = true
		cmd := exec.Command("postfix", "-c", dir, "start")
		if out, err := cmd.CombinedOutput(); err != nil {
			tb.Fatalf("postfix start: %v\n%s", err, out)
		}
		for i := 0; ; i++ {
			c, err := net.DialTimeout("tcp", addr, time.Second)
			if err == nil {
				c.Close()
				return
			}
			if i > 400 {
				tb.Fatal("postfix did not start again")
			}
			time.Sleep(25 * time.Millisecond)
		}
	}
	tb.Cleanup(restart)
	return restart
}

// OAuth2Token is the bearer token the stack's XOAUTH2 accepts for user (Dovecot asks the
// test process's introspection endpoint about it).
func OAuth2Token(user string) string { return "oauth2-token-for-" + user }

// startIntrospection serves an OAuth2 token introspection endpoint (RFC 7662) on loopback
// for Dovecot's oauth2 passdb: a token from OAuth2Token (or one with "#n" after it, a
// refreshed one) is active for its user, any other is not. It lives as long as the test process.
func startIntrospection() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/introspect", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		token := r.Form.Get("token")
		if token == "" {
			token = strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		}
		w.Header().Set("Content-Type", "application/json")
		user, ok := strings.CutPrefix(token, "oauth2-token-for-")
		user, _, _ = strings.Cut(user, "#") // "…#2": another token for the same user
		if !ok {
			fmt.Fprint(w, `{"active": false}`)
			return
		}
		fmt.Fprintf(w, `{"active": true, "username": %q}`, user)
	})
	go http.Serve(ln, mux)
	return "http://" + ln.Addr().String() + "/introspect", nil
}

// MainThen is Main with a function run after the tests, before the stack stops (the
// benchmarks print their figures there).
func MainThen(m *testing.M, after func()) {
	code := m.Run()
	after()
	if shared != nil {
		shared.Stop()
	}
	os.Exit(code)
}

// Submit hands raw to Postfix over SMTP (STARTTLS, AUTH as login) with the envelope sender
// from, which need not be login's address, and returns the moment Postfix accepted it: the
// reply to the end of DATA.
func (s *Stack) Submit(login, from string, to []string, raw []byte) (time.Time, error) {
	c, err := smtp.Dial(net.JoinHostPort(s.Host, strconv.Itoa(s.SMTPPort)))
	if err != nil {
		return time.Time{}, err
	}
	defer c.Close()
	if err := c.StartTLS(s.tlsConfig()); err != nil {
		return time.Time{}, err
	}
	if err := c.Auth(smtp.PlainAuth("", login, s.Password, s.Host)); err != nil {
		return time.Time{}, err
	}
	if err := c.Mail(from); err != nil {
		return time.Time{}, err
	}
	for _, r := range to {
		if err := c.Rcpt(r); err != nil {
			return time.Time{}, err
		}
	}
	w, err := c.Data()
	if err != nil {
		return time.Time{}, err
	}
	if _, err := w.Write(memmail.Verdict(AuthservID, from, raw)); err != nil {
		return time.Time{}, err
	}
	if err := w.Close(); err != nil {
		return time.Time{}, err
	}
	accepted := time.Now()
	return accepted, c.Quit()
}

// WaitQueueEmpty waits until Postfix's queue is empty: everything it accepted has been
// delivered or bounced. Postfix has no event for it; the queue is checked every 50 ms.
func (s *Stack) WaitQueueEmpty(tb testing.TB, timeout time.Duration) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		out, err := exec.Command("postqueue", "-c", filepath.Join(s.Dir, "postfix"), "-j").Output()
		if err != nil {
			tb.Fatalf("postqueue: %v", err)
		}
		if len(bytes.TrimSpace(out)) == 0 {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("Postfix's queue not empty after %s:\n%s", timeout, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// KillIMAP kills (SIGKILL) every imap process of this stack's Dovecot (or Cyrus) serving
// user: the connection drops as when the server crashes. It returns how many it killed.
func (s *Stack) KillIMAP(tb testing.TB, user string) int {
	tb.Helper()
	if s.Cyrus() {
		return s.killCyrusIMAP(user)
	}
	pidb, err := os.ReadFile(filepath.Join(s.Dir, "run", "master.pid"))
	if err != nil {
		tb.Fatalf("dovecot master pid: %v", err)
	}
	master := strings.TrimSpace(string(pidb))
	ents, _ := os.ReadDir("/proc")
	n := 0
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 || !bytes.Contains(stat[:i+1], []byte("(imap)")) {
			continue
		}
		fields := strings.Fields(string(stat[i+1:]))
		if len(fields) < 2 || fields[1] != master {
			continue
		}
		// verbose_proctitle: "dovecot/imap [user 127.0.0.1 IDLE]".
		title, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if !bytes.Contains(title, []byte("["+user+" ")) {
			continue
		}
		if p, err := os.FindProcess(pid); err == nil && p.Kill() == nil {
			n++
		}
	}
	return n
}

// Prime sets st's cursors for user's folders to their current end, as for a daemon that has
// been running: mail that earlier tests left in the shared mailbox is not news to it.
func (s *Stack) Prime(tb testing.TB, st *store.Store, user string, folders ...string) {
	tb.Helper()
	c := s.Client(tb, user)
	defer c.Close()
	for _, folder := range folders {
		mb, err := c.Select(folder, nil).Wait()
		if err != nil {
			tb.Fatal(err)
		}
		if err := st.SetCursor(context.Background(), store.Cursor{Folder: folder, UIDValidity: mb.UIDValidity, LastUID: uint32(mb.UIDNext) - 1}); err != nil {
			tb.Fatal(err)
		}
	}
}

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/internal/mailstack"
	"github.com/followupd/followup/outcome"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// TestMain runs the tests, or, when a completion script calls the test binary back in
// place of followup, followup itself.
func TestMain(m *testing.M) {
	if os.Getenv("FOLLOWUP_TEST_RUN_MAIN") == "1" {
		os.Exit(New(os.Stdin, os.Stdout, os.Stderr).Run(context.Background(), os.Args[1:]))
	}
	mailstack.Main(m)
}

type env struct {
	t      *testing.T
	dir    string
	config string
	db     string
	now    time.Time // the commands' clock; zero for recordedAt
}

func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	e := &env{t: t, dir: dir, config: filepath.Join(dir, "config.yaml"), db: filepath.Join(dir, "followup.db")}
	example, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	password := filepath.Join(dir, "password")
	if err := os.WriteFile(password, []byte("secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := strings.Replace(string(example), "store: {}", "store: {path: "+e.db+"}", 1)
	cfg = strings.ReplaceAll(cfg, "~/.config/followup/password", password)
	if err := os.WriteFile(e.config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) run(args ...string) (stdout, stderr string, code int) {
	e.t.Helper()
	var out, errb bytes.Buffer
	m := New(strings.NewReader(""), &out, &errb)
	now := recordedAt // the interview of addArgs was recorded the same day
	if !e.now.IsZero() {
		now = e.now
	}
	m.Now = func() time.Time { return now }
	code = m.Run(context.Background(), append([]string{"--config", e.config}, args...))
	return out.String(), errb.String(), code
}

// recorded records the interview of addArgs and opens the store: application 1, and the
// store, closed when the test ends.
func (e *env) recorded() (*store.Store, store.Application) {
	e.t.Helper()
	e.mustRun(addArgs...)
	st, err := store.Open(context.Background(), e.db)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { st.Close() })
	app, err := st.Application(context.Background(), 1)
	if err != nil {
		e.t.Fatal(err)
	}
	return st, app
}

func (e *env) mustRun(args ...string) string {
	e.t.Helper()
	out, errs, code := e.run(args...)
	if code != 0 {
		e.t.Fatalf("followup %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

// recordedAt is the commands' clock: the day of the interview of addArgs.
var recordedAt = time.Date(2026, 11, 17, 12, 0, 0, 0, time.UTC)

var addArgs = []string{"add", "--company", "Acme", "--role", "Backend Engineer", "--at", "2026-11-17 10:00",
	"--decision-by", "2026-11-27", "--interviewer", "Jane Doe <jane@acme.test>", "--interviewer", "raj@acme.test",
	"--coordinator", "Sam Lee <hr@acme.test>", "--points", "the queue redesign", "--fit", "five years of Go"}

func TestAdd_ShowSchedule(t *testing.T) {
	e := newEnv(t)
	id := strings.TrimSpace(e.mustRun(addArgs...))
	if id != "1" {
		t.Fatalf("add printed %q, want the id 1", id)
	}
	out := e.mustRun("show", id)
	for _, want := range []string{
		"#1 Backend Engineer at Acme (active)",
		"Tue 2026-11-17 13:00 CET  thank-you            → jane@acme.test", // aligned with the widest, below
		"→ raj@acme.test",
		"thanks (coordinator) → hr@acme.test",
		"why: a thank-you to each interviewer, 2h after the interview ended",
		"Wed 2026-12-02 09:00 CET  check-in 1           → jane@acme.test",
		"why: first check-in: 3 business days after the decision date 2026-11-27",
		"move-on notice       → alice@example.test (you)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show does not say %q:\n%s", want, out)
		}
	}

	var shown jsonShow
	if err := json.Unmarshal([]byte(e.mustRun("show", id, "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if shown.ID != 1 || shown.CompanyDomain != "acme.test" || len(shown.Contacts) != 3 || len(shown.Schedule) != 7 {
		t.Errorf("show --json = %+v", shown)
	}
	if s := shown.Schedule[0]; s.Kind != "thank_you" || s.To != "jane@acme.test" || s.Due != "2026-11-17T13:00:00+01:00" || s.Rule == "" {
		t.Errorf("first scheduled = %+v", s)
	}

	var list []jsonListItem
	if err := json.Unmarshal([]byte(e.mustRun("list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Next == nil || list[0].Next.Kind != "thank_you" || list[0].Status != "active" {
		t.Errorf("list --json = %+v", list)
	}
	if out := e.mustRun("list"); !strings.Contains(out, "thank-you → jane@acme.test") {
		t.Errorf("list:\n%s", out)
	}
}

// TestAdd_PastInterview: an interview recorded three weeks late is accepted, with a word
// that it is too late for a thank-you, and none is planned.
func TestAdd_PastInterview(t *testing.T) {
	e := newEnv(t)
	args := append([]string(nil), addArgs...)
	for i, a := range args {
		if a == "2026-11-17 10:00" {
			args[i] = "2026-10-27 10:00"
		} else if a == "2026-11-27" {
			args[i] = "2026-11-03"
		}
	}
	_, errs, code := e.run(args...)
	if code != 0 || !strings.Contains(errs, "the interview ended 21 days ago: too late for a thank-you") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	out := e.mustRun("show", "1")
	if regexp.MustCompile(`thank-you +→`).MatchString(out) || !strings.Contains(out, "no thank-yous: the interview was recorded 21 days after it ended") {
		t.Errorf("show:\n%s", out)
	}
}

// TestShow_Overdue: what should have happened and has not is marked in show and list.
func TestShow_Overdue(t *testing.T) {
	e := newEnv(t)
	e.mustRun(addArgs...)
	if out := e.mustRun("show", "1"); strings.Contains(out, "overdue") {
		t.Errorf("nothing is overdue yet:\n%s", out)
	}
	e.now = recordedAt.AddDate(0, 0, 2) // two days on, nothing sent (no daemon ran)
	out := e.mustRun("show", "1")
	if !strings.Contains(out, "Tue 2026-11-17 13:00 CET (overdue)  thank-you") || strings.Contains(out, "2026-12-02 09:00 CET (overdue)") {
		t.Errorf("show does not mark what is overdue, and only that:\n%s", out)
	}
	if out := e.mustRun("list"); !strings.Contains(out, "(overdue)") {
		t.Errorf("list:\n%s", out)
	}
}

func TestDrafts_AndStop(t *testing.T) {
	e := newEnv(t)
	e.mustRun(addArgs...)
	st, err := store.Open(context.Background(), e.db)
	if err != nil {
		t.Fatal(err)
	}
	app, _ := st.Application(context.Background(), 1)
	due := time.Date(2026, 11, 17, 12, 0, 0, 0, time.UTC)
	_, _, err = st.AddMessage(context.Background(), store.Message{AppID: 1, ContactID: app.Contacts[0].ID, Kind: policy.ThankYou, Due: due, Subject: "Thank you — Backend Engineer"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	var drafts []jsonDraft
	if err := json.Unmarshal([]byte(e.mustRun("drafts", "--json")), &drafts); err != nil {
		t.Fatal(err)
	}
	if len(drafts) != 1 || drafts[0].To != "jane@acme.test" || drafts[0].State != "drafted" || drafts[0].Company != "Acme" {
		t.Fatalf("drafts --json = %+v", drafts)
	}
	// The schedule no longer lists the thank-you that is drafted.
	var shown jsonShow
	json.Unmarshal([]byte(e.mustRun("show", "1", "--json")), &shown)
	for _, s := range shown.Schedule {
		if s.Kind == "thank_you" && s.To == "jane@acme.test" {
			t.Errorf("a drafted thank-you is scheduled again: %+v", s)
		}
	}

	out := e.mustRun("stop", "1", "--reason", "took another offer")
	if !strings.Contains(out, "1 queued follow-up cancelled") {
		t.Errorf("stop said %q", out)
	}
	json.Unmarshal([]byte(e.mustRun("drafts", "--json")), &drafts)
	if len(drafts) != 0 {
		t.Errorf("drafts after stop = %+v", drafts)
	}
	json.Unmarshal([]byte(e.mustRun("show", "1", "--json")), &shown)
	if shown.Status != "stopped" || len(shown.Schedule) != 0 || !strings.Contains(shown.Halted, "stopped") {
		t.Errorf("after stop: status %s, schedule %+v, halted %q", shown.Status, shown.Schedule, shown.Halted)
	}
	if _, errs, code := e.run("stop", "1"); code != 2 || !strings.Contains(errs, "already stopped") {
		t.Errorf("second stop: exit %d, %q", code, errs)
	}
}

func TestAdd_BadInput(t *testing.T) {
	e := newEnv(t)
	e.mustRun(addArgs...)
	replace := func(flag, value string) []string {
		out := append([]string(nil), addArgs...)
		for i := range out {
			if out[i] == flag {
				out[i+1] = value
				return out
			}
		}
		return append(out, flag, value)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"date that does not parse", replace("--at", "2026-13-45 10:00"), `--at "2026-13-45 10:00" is not a date and time`},
		{"address that is not one", replace("--interviewer", "Jane at acme"), `--interviewer "Jane at acme" is not an email address`},
		{"unknown time zone", replace("--tz", "Mars/Olympus"), `--tz "Mars/Olympus" is not an IANA time zone`},
		{"decision date before the interview", replace("--decision-by", "2026-11-01"), "--decision-by 2026-11-01 is before the interview"},
		{"decision date that does not parse", replace("--decision-by", "next week"), `--decision-by "next week" is not a date`},
		{"duplicate", addArgs, "duplicate: application 1 has the same company, role and interview time"},
		{"no interviewer", []string{"add", "--company", "B", "--role", "R", "--at", "2026-11-17 10:00"}, "at least one --interviewer is required"},
		{"missing company", []string{"add", "--role", "R", "--at", "2026-11-17 10:00", "--interviewer", "a@b.test"}, "--company is required"},
		{"header injection in a name", replace("--interviewer", "Jane\r\nBcc: x@evil.test <jane@acme.test>"), "must be one line"},
		{"own address as interviewer", replace("--interviewer", "alice@example.test"), "is your own address"},
		{"bad length", replace("--length", "forever"), `--length "forever" is not a duration`},
		{"unknown flag", replace("--colour", "red"), "unknown flag: --colour"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := e.run(tc.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stdout %q)", code, out)
			}
			if !strings.Contains(errs, tc.want) {
				t.Errorf("stderr = %q, want it to say %q", errs, tc.want)
			}
			var list []jsonListItem
			json.Unmarshal([]byte(e.mustRun("list", "--json")), &list)
			if len(list) != 1 {
				t.Errorf("%d applications after refused input, want 1", len(list))
			}
		})
	}
}

// ownValues replaces the example's placeholders in e's configuration, as a user would.
func (e *env) ownValues() {
	e.t.Helper()
	data, err := os.ReadFile(e.config)
	if err != nil {
		e.t.Fatal(err)
	}
	r := strings.NewReplacer("imap.example.test", "imap.mail.test", "smtp.example.test", "smtp.mail.test", "alice@example.test", "alice@mail.test")
	if err := os.WriteFile(e.config, []byte(r.Replace(string(data))), 0o600); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) editConfig(old, new string) {
	e.t.Helper()
	data, _ := os.ReadFile(e.config)
	if !strings.Contains(string(data), old) {
		e.t.Fatalf("the configuration has no %q", old)
	}
	os.WriteFile(e.config, []byte(strings.Replace(string(data), old, new, 1)), 0o600)
}

func TestCheckConfig(t *testing.T) {
	e := newEnv(t)
	// The example copied and not edited: refused, in text and in JSON.
	out, errs, code := e.run("check-config")
	if code != 2 || strings.Contains(out, "ok") || !strings.Contains(errs, `imap.host is still the example's "imap.example.test": put your own`) ||
		!strings.Contains(errs, "owner.email is still the example's") || !strings.Contains(errs, "smtp.host") {
		t.Errorf("the example unedited: exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
	var cc struct {
		OK       bool          `json:"ok"`
		Problems []jsonProblem `json:"problems"`
		Notes    []string      `json:"notes"`
	}
	out, _, code = e.run("check-config", "--json")
	if err := json.Unmarshal([]byte(out), &cc); code != 2 || err != nil || cc.OK || len(cc.Problems) != 5 || cc.Problems[0].Path != "owner.email" {
		t.Errorf("the example unedited, --json: exit %d, %+v (%v)\n%s", code, cc, err, out)
	}
	e.ownValues()
	if out, errs, code := e.run("check-config"); code != 0 || !strings.Contains(out, ": ok\n") ||
		!strings.Contains(out, "imap: the password from "+filepath.Join(e.dir, "password")) || !strings.Contains(out, "to be made at the first run") {
		t.Errorf("edited: exit %d, %q %q", code, out, errs)
	}
	if fileExists(e.db) {
		t.Error("check-config made the store")
	}
	// A password file others can read: refused, as msmtp refuses it.
	os.Chmod(filepath.Join(e.dir, "password"), 0o644)
	if _, errs, code := e.run("check-config"); code != 2 || !strings.Contains(errs, "can be read by others (mode 0644): chmod 600") {
		t.Errorf("a password file of mode 0644: exit %d, %q", code, errs)
	}
	os.Chmod(filepath.Join(e.dir, "password"), 0o600)
	// A password command: run, and its failure said.
	e.editConfig("password_file: "+filepath.Join(e.dir, "password")+"   # or password_command", `password_command: "exit 3"   # or password_command`)
	if _, errs, code := e.run("check-config"); code != 2 || !strings.Contains(errs, `smtp.password_command gives no password: password command "exit 3"`) {
		t.Errorf("a failing password command: exit %d, %q", code, errs)
	}
	// A password file that is not there, and a store that cannot be written: both said,
	// not "ok" (a new user met them later, one at a time).
	t.Run("sources", func(t *testing.T) {
		e := newEnv(t)
		e.ownValues()
		os.Remove(filepath.Join(e.dir, "password"))
		notADir := filepath.Join(e.dir, "a-file") // even root cannot make a directory under a file
		os.WriteFile(notADir, nil, 0o600)
		e.editConfig(e.db, filepath.Join(notADir, "sub", "f.db"))
		out, errs, code := e.run("check-config")
		if code != 2 || strings.Contains(out, "ok") || !strings.Contains(errs, "imap.password_file "+filepath.Join(e.dir, "password")+": no such file") ||
			!strings.Contains(errs, "smtp.password_file") || !strings.Contains(errs, "store.path its directory cannot be made: "+notADir+" is not a directory") {
			t.Errorf("exit %d, stdout %q, stderr:\n%s", code, out, errs)
		}
	})
	// The credentials a unit loads: under systemd ($CREDENTIALS_DIRECTORY), and the user unit.
	t.Run("credentials", func(t *testing.T) {
		e := newEnv(t)
		e.ownValues()
		data, _ := os.ReadFile(e.config)
		var kept []string
		for _, l := range strings.Split(string(data), "\n") {
			if !strings.Contains(l, "password_file:") {
				kept = append(kept, l)
			}
		}
		os.WriteFile(e.config, []byte(strings.Join(kept, "\n")), 0o600)
		creds := t.TempDir()
		os.WriteFile(filepath.Join(creds, "imap"), []byte("secret\n"), 0o400)
		t.Setenv("CREDENTIALS_DIRECTORY", creds)
		if _, errs, code := e.run("check-config"); code != 2 || !strings.Contains(errs, `smtp has no password: the credential "smtp"`) || strings.Contains(errs, "imap") {
			t.Errorf("under systemd, the smtp credential missing: exit %d, %q", code, errs)
		}
		os.WriteFile(filepath.Join(creds, "smtp"), []byte("secret\n"), 0o400)
		if out, errs, code := e.run("check-config"); code != 0 || !strings.Contains(out, `smtp: the credential "smtp"`) {
			t.Errorf("under systemd, both credentials: exit %d, %q %q", code, out, errs)
		}
		t.Setenv("CREDENTIALS_DIRECTORY", "")
		if _, errs, code := e.run("check-config"); code != 2 || !strings.Contains(errs, "imap has no password: set password_file or password_command") {
			t.Errorf("no password anywhere: exit %d, %q", code, errs)
		}
		if _, errs, code := e.run("check-config", "--unit", "user"); code != 2 || !strings.Contains(errs, `the user unit (systemctl --user) loads no credential "imap"`) {
			t.Errorf("--unit user without passwords: exit %d, %q", code, errs)
		}
		if _, errs, code := e.run("check-config", "--unit", "sytem"); code != 2 || !strings.Contains(errs, `--unit "sytem": did you mean "system"?`) {
			t.Errorf("--unit sytem: exit %d, %q", code, errs)
		}
	})
	// Logins that fail: a non-zero exit in JSON as in text.
	t.Run("failed logins", func(t *testing.T) {
		e := newEnv(t)
		e.ownValues()
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := ln.Addr().(*net.TCPAddr).Port
		ln.Close() // nothing listens there now: the connection is refused
		for _, s := range []string{"imap", "smtp"} {
			e.editConfig(s+".mail.test", "127.0.0.1")
		}
		e.editConfig("port: 993\n  security: tls", fmt.Sprintf("port: %d\n  security: none", port))
		e.editConfig("port: 587\n  security: starttls", fmt.Sprintf("port: %d\n  security: none", port))
		out, _, code := e.run("check-config", "--connect", "--json")
		var got struct {
			OK   bool           `json:"ok"`
			IMAP map[string]any `json:"imap"`
			SMTP map[string]any `json:"smtp"`
		}
		if err := json.Unmarshal([]byte(out), &got); code != 1 || err != nil || got.OK || got.IMAP["ok"] != false || got.SMTP["ok"] != false || got.IMAP["error"] == nil {
			t.Errorf("--connect --json with no server: exit %d, %+v (%v)\n%s", code, got, err, out)
		}
		if out, _, code := e.run("check-config", "--connect"); code != 1 || !strings.Contains(out, "FAILED") {
			t.Errorf("--connect with no server: exit %d\n%s", code, out)
		}
	})
	bad := filepath.Join(e.dir, "bad.yaml")
	os.WriteFile(bad, []byte("owner: {name: A, email: nope, timezone: Nowhere/X}\npolicy: {max_check_ins: lots}\nimap: {hostname: x}\n"), 0o600)
	_, errs, code = New(nil, &bytes.Buffer{}, &bytes.Buffer{}).runCapture(t, "--config", bad, "check-config")
	if code != 2 {
		t.Errorf("broken config: exit %d, want 2", code)
	}
	for _, want := range []string{"bad.yaml:1: owner.email", "bad.yaml:1: owner.timezone", "bad.yaml:2: policy.max_check_ins", "bad.yaml:3: imap.hostname is not a known key; did you mean \"host\"?"} {
		if !strings.Contains(errs, want) {
			t.Errorf("check-config does not list %q:\n%s", want, errs)
		}
	}
	// Every command refuses a broken config the same way, and writes nothing.
	_, _, code = New(nil, &bytes.Buffer{}, &bytes.Buffer{}).runCapture(t, append([]string{"--config", bad}, addArgs...)...)
	if code != 2 {
		t.Errorf("add with a broken config: exit %d", code)
	}
}

func (m *Main) runCapture(t *testing.T, args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	m.Stdout, m.Stderr = &out, &errb
	code := m.Run(context.Background(), args)
	return out.String(), errb.String(), code
}

func TestUsage(t *testing.T) {
	e := newEnv(t)
	if _, errs, code := e.run("frobnicate"); code != 2 || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Errorf("exit %d %q", code, errs)
	}
	if _, errs, code := e.run("show", "abc"); code != 2 || !strings.Contains(errs, `"abc" is not an application id`) {
		t.Errorf("exit %d %q", code, errs)
	}
	if _, errs, code := e.run("show", "42"); code != 2 || !strings.Contains(errs, "application 42: not found") {
		t.Errorf("exit %d %q", code, errs)
	}
}

// TestCheckConfig_Connect logs in to the real Dovecot and Postfix and reports IDLE and the
// AUTH mechanisms; a wrong password is reported as such.
func TestCheckConfig_Connect(t *testing.T) {
	s := mailstack.Get(t)
	e := newEnv(t)
	imapCfg, smtpCfg := s.IMAP(t, "alice@owner.test"), s.SMTP(t, "alice@owner.test")
	write := func(imapPwFile string) {
		cfg := fmt.Sprintf(`owner: {name: Alice Example, email: alice@owner.test, timezone: Europe/Berlin}
imap: {host: %s, port: %d, security: tls, username: alice@owner.test, password_file: %s, ca_file: %s}
smtp: {host: %s, port: %d, security: starttls, username: alice@owner.test, password_file: %s, ca_file: %s}
store: {path: %s}
`, imapCfg.Host, imapCfg.Port, imapPwFile, s.CAFile, smtpCfg.Host, smtpCfg.Port, smtpCfg.PasswordFile, s.CAFile, e.db)
		os.WriteFile(e.config, []byte(cfg), 0o600)
	}
	write(imapCfg.PasswordFile)
	// Mail the owner's server verified: check-config says who vouches for senders.
	s.Inject(t, "jane@acme.test", []string{"alice@owner.test"}, []byte("From: jane@acme.test\r\nTo: alice@owner.test\r\nSubject: hi\r\n\r\nhi\r\n"))
	s.WaitQueueEmpty(t, 20*time.Second)
	out, errs, code := e.run("check-config", "--connect")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"logged in as alice@owner.test", "IDLE: yes", "AUTH: PLAIN LOGIN", "TLS 1.3",
		"Sent folder: Sent (found by its SPECIAL-USE mark)", "watches: INBOX, Sent", "senders proven by: " + mailstack.AuthservID, "not trusted"} {
		if !strings.Contains(out, want) {
			t.Errorf("check-config --connect does not say %q:\n%s", want, out)
		}
	}
	// A Sent folder named wrong is found now, not as a reconnect loop later.
	data0, _ := os.ReadFile(e.config)
	os.WriteFile(e.config, []byte(strings.Replace(string(data0), "imap: {", "imap: {sent_folder: Sent Items, ", 1)), 0o600)
	if out, _, code := e.run("check-config", "--connect"); code != 1 || !strings.Contains(out, `imap select "Sent Items"`) {
		t.Errorf("a wrong sent_folder: exit %d\n%s", code, out)
	}
	os.WriteFile(e.config, data0, 0o600)
	// AUTH LOGIN instead of PLAIN.
	data, _ := os.ReadFile(e.config)
	os.WriteFile(e.config, []byte(strings.Replace(string(data), "smtp: {", "smtp: {auth: login, ", 1)), 0o600)
	if out, errs, code := e.run("check-config", "--connect"); code != 0 || !strings.Contains(out, "smtp 127.0.0.1:") {
		t.Errorf("AUTH LOGIN: exit %d\n%s\n%s", code, out, errs)
	}
	// XOAUTH2 with a token from oauth2_token_command: Postfix hands it to Dovecot, which asks
	// the token introspection endpoint the stack serves.
	for _, tc := range []struct {
		token string
		ok    bool
	}{{mailstack.OAuth2Token("alice@owner.test"), true}, {"expired-token", false}} {
		data, _ := os.ReadFile(e.config)
		cfg := strings.Replace(string(data), "smtp: {auth: login, ", "smtp: {auth: xoauth2, oauth2_token_command: \"printf "+tc.token+"\", ", 1)
		p := filepath.Join(e.dir, "oauth.yaml")
		os.WriteFile(p, []byte(cfg), 0o600)
		out, errs, code := New(nil, &bytes.Buffer{}, &bytes.Buffer{}).runCapture(t, "--config", p, "check-config", "--connect")
		if tc.ok && (code != 0 || !strings.Contains(out, "XOAUTH2")) {
			t.Errorf("XOAUTH2 with a good token: exit %d\n%s\n%s", code, out, errs)
		}
		if !tc.ok && (code != 1 || !strings.Contains(out, "smtp 127.0.0.1:") || !strings.Contains(out, "FAILED")) {
			t.Errorf("XOAUTH2 with a bad token: exit %d\n%s", code, out)
		}
	}
	// IMAP with OAuth2 (Microsoft 365 and Outlook.com take nothing else): XOAUTH2 and
	// OAUTHBEARER against Dovecot's oauth2 passdb, with a good token, a bad one, and a token
	// that changes between sessions (the command runs at every login).
	tokenFile := filepath.Join(e.dir, "token")
	mechs := []string{"xoauth2", "oauthbearer"}
	if s.Cyrus() {
		// Cyrus's SASL has no OAuth mechanism; the SMTP side above went through Dovecot.
		t.Log("IMAP OAuth2: not on Cyrus (tested on the Dovecot stack)")
		mechs = nil
	}
	for _, mech := range mechs {
		data, _ := os.ReadFile(e.config)
		cfg := strings.Replace(string(data), "imap: {", "imap: {auth: "+mech+", oauth2_token_command: \"cat "+tokenFile+"\", ", 1)
		p := filepath.Join(e.dir, mech+".yaml")
		os.WriteFile(p, []byte(cfg), 0o600)
		for _, tc := range []struct {
			token string
			ok    bool
		}{{mailstack.OAuth2Token("alice@owner.test"), true}, {"expired-token", false}, {mailstack.OAuth2Token("alice@owner.test") + "#2", true}} {
			os.WriteFile(tokenFile, []byte(tc.token+"\n"), 0o600)
			out, errs, code := New(nil, &bytes.Buffer{}, &bytes.Buffer{}).runCapture(t, "--config", p, "check-config", "--connect")
			imapOK := strings.Contains(out, "imap 127.0.0.1:") && strings.Contains(out, "logged in as alice@owner.test") && !strings.Contains(out, "imap 127.0.0.1:993: FAILED")
			if tc.ok && (code != 0 || !imapOK) {
				t.Errorf("IMAP %s with token %q: exit %d\n%s\n%s", mech, tc.token, code, out, errs)
			}
			if !tc.ok && (code != 1 || !strings.Contains(out, "FAILED") || strings.Contains(out, tc.token)) {
				t.Errorf("IMAP %s with a bad token: exit %d\n%s", mech, code, out)
			}
		}
	}
	wrong := filepath.Join(e.dir, "wrong")
	os.WriteFile(wrong, []byte("not-the-password\n"), 0o600)
	write(wrong)
	out, _, code = e.run("check-config", "--connect")
	if code != 1 || !strings.Contains(out, "imap 127.0.0.1:") || !strings.Contains(out, "FAILED") {
		t.Errorf("wrong IMAP password: exit %d\n%s", code, out)
	}
	if strings.Contains(out, "not-the-password") {
		t.Errorf("the password is printed:\n%s", out)
	}
}

func TestApproveSkipEdit(t *testing.T) {
	e := newEnv(t)
	st, app := e.recorded()
	ctx := context.Background()
	var ids []int64
	for i, c := range app.Contacts {
		kind := policy.ThankYou
		if c.Role == policy.Coordinator {
			kind = policy.ThankCoordinator
		}
		id, _, err := st.AddMessage(ctx, store.Message{AppID: 1, ContactID: c.ID, Kind: kind, Due: recordedAt.Add(time.Duration(i) * time.Hour), Body: "draft text\n"})
		if err != nil {
			t.Fatal(err)
		}
		st.Transition(ctx, id, nil, store.AwaitingApproval, nil)
		ids = append(ids, id)
	}
	if out := e.mustRun("approve", fmt.Sprint(ids[0])); !strings.Contains(out, "approved; it goes out") {
		t.Errorf("approve said %q", out)
	}
	// Approving twice: said, exit 0, nothing changes.
	if out, errs, code := e.run("approve", fmt.Sprint(ids[0])); code != 0 || !strings.Contains(out, fmt.Sprintf("draft %d is already approved; it goes out ", ids[0])) {
		t.Errorf("second approve: exit %d %q %q", code, out, errs)
	}
	if out := e.mustRun("skip", fmt.Sprint(ids[1])); !strings.Contains(out, "skipped") {
		t.Errorf("skip said %q", out)
	}
	editor := filepath.Join(e.dir, "editor.sh")
	os.WriteFile(editor, []byte("#!/bin/sh\nprintf 'Dear Sam,\\n\\nThanks for organising everything!\\n' > \"$1\"\n"), 0o755)
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", editor)
	if out := e.mustRun("edit", fmt.Sprint(ids[2])); !strings.Contains(out, "approved with your text") {
		t.Errorf("edit said %q", out)
	}
	for i, want := range []store.State{store.Approved, store.Skipped, store.Approved} {
		m, _ := st.Message(ctx, ids[i])
		if m.State != want {
			t.Errorf("draft %d is %s, want %s", ids[i], m.State, want)
		}
	}
	m, _ := st.Message(ctx, ids[2])
	if m.Body != "Dear Sam,\n\nThanks for organising everything!\n" {
		t.Errorf("edited body = %q", m.Body)
	}
	// Twice: refused, nothing changes.
	if _, errs, code := e.run("skip", fmt.Sprint(ids[1])); code != 2 || !strings.Contains(errs, "is skipped, cannot become skipped") {
		t.Errorf("second skip: exit %d %q", code, errs)
	}
	// A stopped application refuses approval, and says why.
	e.mustRun("stop", "1", "--reason", "offer elsewhere")
	if _, errs, code := e.run("approve", fmt.Sprint(ids[0])); code != 2 || !strings.Contains(errs, "application 1 is stopped (offer elsewhere)") {
		t.Errorf("approve after stop: exit %d %q", code, errs)
	}
	t.Setenv("EDITOR", "false")
	if _, errs, code := e.run("edit", "999"); code != 2 || !strings.Contains(errs, "draft 999: not found") {
		t.Errorf("edit of a missing draft: exit %d %q", code, errs)
	}
}

// TestEdit_SensibleEditor: without $VISUAL and $EDITOR, edit runs Debian's sensible-editor
// when there is one.
func TestEdit_SensibleEditor(t *testing.T) {
	e := newEnv(t)
	st, app := e.recorded()
	ctx := context.Background()
	id, _, err := st.AddMessage(ctx, store.Message{AppID: 1, ContactID: app.Contacts[0].ID, Kind: policy.ThankYou, Due: recordedAt.Add(time.Hour), Body: "draft text\n"})
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	os.WriteFile(filepath.Join(bin, "sensible-editor"), []byte("#!/bin/sh\nprintf 'Dear Jane,\\n\\nwritten in sensible-editor\\n' > \"$1\"\n"), 0o755)
	t.Setenv("PATH", bin)
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "")
	if out, errs, code := e.run("edit", fmt.Sprint(id)); code != 0 || !strings.Contains(out, "approved with your text") {
		t.Fatalf("edit: exit %d %q %q", code, out, errs)
	}
	if m, _ := st.Message(ctx, id); m.Body != "Dear Jane,\n\nwritten in sensible-editor\n" {
		t.Errorf("body %q", m.Body)
	}
}

func TestClassify(t *testing.T) {
	e := newEnv(t)
	e.mustRun(addArgs...)
	dir := t.TempDir()
	write := func(name, raw string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(raw), 0o644)
		return p
	}
	reply := write("reply.eml", "From: Jane Doe <jane@acme.test>\r\nTo: alice@example.test\r\nSubject: Re: Thank you\r\nMessage-ID: <r1@acme.test>\r\n\r\nLet's talk.\r\n")
	nextRound := write("next.eml", "From: Jane Doe <jane@acme.test>\r\nTo: alice@example.test\r\nSubject: Re: Thank you\r\nMessage-ID: <r2@acme.test>\r\n\r\nWe'd like to invite you to a final interview with our CTO.\r\n")
	ooo := write("ooo.eml", "From: Jane Doe <jane@acme.test>\r\nTo: alice@example.test\r\nSubject: Out of office\r\nDate: Mon, 23 Nov 2026 09:00:00 +0100\r\nAuto-Submitted: auto-replied\r\n\r\nI am out of the office until 3 December 2026.\r\n")
	tests := []struct {
		name string
		args []string
		want jsonClassify
	}{
		{"a reply linked to its application", []string{"classify", reply, "--json"}, jsonClassify{Kind: "reply", Application: ptr(1)}},
		{"an out-of-office with its return date", []string{"classify", ooo, "--json"}, jsonClassify{Kind: "auto_reply", ReturnDate: "2026-12-03", Application: ptr(1)}},
		{"without the store, a reply is just other mail", []string{"classify", "--no-store", reply, "--json"}, jsonClassify{Kind: "other"}},
		{"an invitation to a next round", []string{"classify", nextRound, "--json"}, jsonClassify{Kind: "reply", Application: ptr(1), Outcome: &outcome.Result{Kind: outcome.NextRound}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got jsonClassify
			if err := json.Unmarshal([]byte(e.mustRun(tc.args...)), &got); err != nil {
				t.Fatal(err)
			}
			if got.Kind != tc.want.Kind || got.ReturnDate != tc.want.ReturnDate || (got.Application == nil) != (tc.want.Application == nil) ||
				got.Application != nil && *got.Application != *tc.want.Application || got.Reason == "" ||
				tc.want.Outcome != nil && (got.Outcome == nil || got.Outcome.Kind != tc.want.Outcome.Kind || len(got.Outcome.Reasons) == 0) {
				t.Errorf("= %+v, want %+v", got, tc.want)
			}
		})
	}
	{
		var got jsonClassify
		json.Unmarshal([]byte(e.mustRun("classify", "../testdata/corpus/bounces/lhost-postfix-01.eml", "--json")), &got)
		if got.Kind != "bounce" || len(got.Recipients) == 0 || !got.Permanent {
			t.Errorf("a Postfix bounce = %+v", got)
		}
	}
	if _, errs, code := e.run("classify", filepath.Join(dir, "missing.eml")); code != 2 || !strings.Contains(errs, "no such file") {
		t.Errorf("missing file: exit %d %q", code, errs)
	}
	// An answer to an approval request: the command it carries, with or without the store.
	layout, err := os.ReadFile("../inbox/testdata/answers/outlook-en.html")
	if err != nil {
		t.Fatal(err)
	}
	answer := func(name, own, extra string) string {
		return write(name, "From: Alice <alice@example.test>\r\nTo: alice@example.test\r\nSubject: RE: [followup k7d2m4q3p3x5w6y2z7a3b4c5d6] Approve: thank-you\r\n"+
			extra+"Message-ID: <a-"+name+"@example.test>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"+strings.Replace(string(layout), "{{ANSWER}}", own, 1))
	}
	for _, c := range []struct {
		name, own, extra string
		verb, text       string
		refused          bool
	}{
		{"plain.eml", "Send it, thanks!", "", "send", "", false},
		{"new.eml", "send<br><br>Dear Jane,<br>thanks again!", "", "send", "Dear Jane,\nthanks again!", false},
		{"forged.eml", "send", "Authentication-Results: mx.example.test; dkim=fail header.d=example.test; spf=pass\r\n", "send", "", true},
	} {
		for _, args := range [][]string{{"classify", answer(c.name, c.own, c.extra), "--json"}, {"classify", "--no-store", filepath.Join(dir, c.name), "--json"}} {
			var got jsonClassify
			if err := json.Unmarshal([]byte(e.mustRun(args...)), &got); err != nil {
				t.Fatal(err)
			}
			if got.Kind != "command" || got.Answer == nil || got.Answer.Command == nil || string(got.Answer.Command.Verb) != c.verb ||
				got.Answer.Command.Text != c.text || (got.Answer.Refused != "") != c.refused {
				t.Errorf("%v: %+v, answer %+v", args, got, got.Answer)
			}
		}
	}
}

func ptr(i int64) *int64 { return &i }

// TestCommandLine: what a user expects of a command line — --version, help on stdout (so
// that `| less` shows it), a bad flag on stderr with exit 2, and "did you mean".
func TestCommandLine(t *testing.T) {
	e := newEnv(t)
	if out, _, code := e.run("--version"); code != 0 || !strings.HasPrefix(out, "followup ") || !strings.Contains(out, "store schema") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
	var v map[string]any
	if out, _, code := e.run("version", "--json"); code != 0 || json.Unmarshal([]byte(out), &v) != nil || v["schema"] == nil {
		t.Errorf("version --json: exit %d, %q", code, out)
	}
	for _, args := range [][]string{{"add", "--help"}, {"help", "add"}} {
		if out, errs, code := e.run(args...); code != 0 || !strings.Contains(out, "usage: followup add") || !strings.Contains(out, "--interviewer ADDRESS") ||
			!strings.Contains(out, "--config FILE") || errs != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	if out, errs, code := e.run("help"); code != 0 || !strings.Contains(out, "check-config") || !strings.Contains(out, "followup help COMMAND") || errs != "" {
		t.Errorf("help: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if _, errs, code := e.run("help", "lsit"); code != 2 || !strings.Contains(errs, `did you mean "list"?`) {
		t.Errorf("help lsit: exit %d, %q", code, errs)
	}
	// A usage error is one line on stderr, and nothing on stdout.
	if out, errs, code := e.run("list", "--bogus"); code != 2 || out != "" || errs != "followup list: unknown flag: --bogus (see followup help list)\n" {
		t.Errorf("a bad flag: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if _, errs, code := e.run("lsit"); code != 2 || !strings.Contains(errs, `did you mean "list"?`) {
		t.Errorf("lsit: exit %d, %q", code, errs)
	}
	if _, errs, code := e.run("frobnicate"); code != 2 || strings.Contains(errs, "did you mean") {
		t.Errorf("frobnicate: exit %d, %q", code, errs)
	}
	// --json where a script reads, refused where it means nothing.
	if _, errs, code := e.run("approve", "1", "--json"); code != 2 || !strings.Contains(errs, "--json means nothing for approve") {
		t.Errorf("approve --json: exit %d, %q", code, errs)
	}
	var cc map[string]any
	if out, _, code := e.run("check-config", "--json"); code != 2 || json.Unmarshal([]byte(out), &cc) != nil || cc["ok"] != false {
		t.Errorf("check-config --json of the example: exit %d, %q", code, out)
	}
	e.mustRun(addArgs...)
	var dg map[string]any
	if out, _, code := e.run("digest", "--json"); code != 0 || json.Unmarshal([]byte(out), &dg) != nil || dg["due"] == nil || dg["advice"] == nil {
		t.Errorf("digest --json: exit %d, %q", code, out)
	}
	// drafts show: a draft's whole text.
	st, err := store.Open(context.Background(), e.db)
	if err != nil {
		t.Fatal(err)
	}
	app, _ := st.Application(context.Background(), 1)
	id, _, err := st.AddMessage(context.Background(), store.Message{AppID: 1, ContactID: app.Contacts[0].ID, Kind: policy.ThankYou,
		Due: recordedAt, Subject: "Thank you – Backend Engineer interview", Body: "Dear Jane,\n\nThank you.\n\nBest regards,\nAlice\n", Rule: "a thank-you"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := e.mustRun("drafts", "show", fmt.Sprint(id))
	for _, want := range []string{"draft 1: thank-you (drafted)", "to:      jane@acme.test", "subject: Thank you – Backend Engineer interview", "Dear Jane,\n\nThank you.\n\nBest regards,\nAlice\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("drafts show does not say %q:\n%s", want, out)
		}
	}
	if _, errs, code := e.run("drafts", "show"); code != 2 || !strings.Contains(errs, "show DRAFT") {
		t.Errorf("drafts show without an id: exit %d, %q", code, errs)
	}
}

// TestCompletionAndMan: the completions and the manual page come from the command
// definitions: every command and its flags are there; bash reads its script without a
// syntax error, groff the page without a warning.
func TestCompletionAndMan(t *testing.T) {
	e := newEnv(t)
	for _, sh := range []string{"bash", "zsh", "fish"} {
		if out := e.mustRun("completion", sh); !strings.Contains(out, "__complete") {
			t.Errorf("%s completion does not ask followup:\n%s", sh, out)
		}
	}
	for _, tc := range []struct{ args, want string }{
		{"completion tcsh", `completion for "tcsh": one of bash, zsh or fish`},
		{"completion bsh", `completion for "bsh": did you mean "bash"?`},
		{"completion", "completion needs a shell"},
	} {
		if _, errs, code := e.run(strings.Fields(tc.args)...); code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: exit %d, %q", tc.args, code, errs)
		}
	}
	page := e.mustRun("man")
	for _, want := range []string{".TH FOLLOWUP 1", ".SH COMMANDS", ".B add ", `\fB\-\-interviewer\fR \fIADDRESS\fR`, ".SH APPROVING BY EMAIL",
		".SH CONFIGURATION", ".SH ENVIRONMENT", ".SH FILES", ".SH EXAMPLES", ".SH EXIT STATUS"} {
		if !strings.Contains(page, want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
	// Every section of the configuration is in the page's CONFIGURATION.
	keys := page[strings.Index(page, ".SH CONFIGURATION"):strings.Index(page, ".SH ENVIRONMENT")]
	ct := reflect.TypeOf(config.Config{})
	for i := range ct.NumField() {
		if tag, _, _ := strings.Cut(ct.Field(i).Tag.Get("yaml"), ","); tag != "" && !strings.Contains(keys, ".B "+tag) && !strings.Contains(keys, `\fB`+tag+".") {
			t.Errorf("the man page's CONFIGURATION lacks %q", tag)
		}
	}
	if _, err := exec.LookPath("groff"); err == nil {
		f := filepath.Join(t.TempDir(), "followup.1")
		os.WriteFile(f, []byte(page), 0o600)
		if b, err := exec.Command("groff", "-man", "-Tutf8", "-ww", "-z", f).CombinedOutput(); err != nil || len(b) > 0 {
			t.Errorf("groff: %v\n%s", err, b)
		}
	}
}

// TestAdd_PerContact: a greeting, a zone and holidays per contact are checked and stored.
func TestAdd_PerContact(t *testing.T) {
	e := newEnv(t)
	for _, bad := range [][]string{
		{"--greeting", "nobody@acme.test=Hi,"}, {"--greeting", "jane@acme.test"},
		{"--contact-tz", "jane@acme.test=Mars/Olympus"}, {"--contact-holidays", "jane@acme.test=xx"},
	} {
		if _, errs, code := e.run(append(append([]string(nil), addArgs...), bad...)...); code != 2 || !strings.Contains(errs, "--"+strings.TrimPrefix(bad[0], "--")) {
			t.Errorf("%v: exit %d, %q", bad, code, errs)
		}
	}
	e.mustRun(append(append([]string(nil), addArgs...), "--greeting", "jane@acme.test=Dear Professor Doe,",
		"--contact-tz", "Jane@Acme.test=America/New_York", "--contact-holidays", "jane@acme.test=US")...)
	st, err := store.Open(context.Background(), e.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	app, _ := st.Application(context.Background(), 1)
	if c := app.Contacts[0]; c.Greeting != "Dear Professor Doe," || c.TZ != "America/New_York" || c.Holidays != "us" {
		t.Errorf("jane: %+v", c)
	}
}

// TestAdd_NextRound: after an invitation to another round, `add --next-round` records the
// round with the same company, role, zone and people (a new interviewer replacing the old
// ones when given), and the follow-ups start over for it; the round before keeps its
// thank-yous waiting for the owner and loses its check-ins.
func TestAdd_NextRound(t *testing.T) {
	e := newEnv(t)
	first := strings.TrimSpace(e.mustRun(append(addArgs, "--contact-tz", "jane@acme.test=America/New_York")...))
	ctx := context.Background()
	st, err := store.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The drafts a running daemon would have made: the thank-yous and a check-in.
	app, _ := st.Application(ctx, 1)
	for _, m := range []store.Message{{Kind: policy.ThankYou, ContactID: app.Contacts[0].ID}, {Kind: policy.CheckIn, ContactID: app.Contacts[0].ID, Seq: 1}} {
		m.AppID, m.Due, m.Subject, m.Body = 1, recordedAt, "s", "b"
		if _, _, err := st.AddMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.Answered(ctx, 1, store.Answer{Outcome: "next_round", Status: policy.Active, Invited: true,
		Keep: []policy.Kind{policy.ThankYou, policy.ThankCoordinator}}); err != nil {
		t.Fatal(err)
	}
	// While the invitation waits, no check-ins are planned.
	if out := e.mustRun("show", first); strings.Contains(out, "check-in 1") || !strings.Contains(out, "invited to another round") {
		t.Errorf("show while invited:\n%s", out)
	}
	if _, errs, code := e.run("add", "--next-round", "7", "--at", "2026-12-03 14:00"); code != 2 || !strings.Contains(errs, "--next-round 7: no such application") {
		t.Errorf("a next round of no application: exit %d %q", code, errs)
	}
	second := strings.TrimSpace(e.mustRun("add", "--next-round", first, "--at", "2026-12-03 14:00", "--interviewer", "Kim Park <kim@acme.test>"))
	var shown jsonShow
	if err := json.Unmarshal([]byte(e.mustRun("show", second, "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	var people []string
	for _, c := range shown.Contacts {
		people = append(people, c.Role+" "+c.Email)
	}
	if shown.Company != "Acme" || shown.Role != "Backend Engineer" || shown.Round != 2 || shown.PreviousID != 1 ||
		shown.Interview.Start != "2026-12-03T14:00:00+01:00" || strings.Join(people, ", ") != "interviewer kim@acme.test, coordinator hr@acme.test" {
		t.Errorf("the next round: %+v, people %v", shown, people)
	}
	if len(shown.Schedule) == 0 || shown.Schedule[0].Kind != "thank_you" || shown.Schedule[0].To != "kim@acme.test" {
		t.Errorf("the next round's plan does not start over with a thank-you to Kim: %+v", shown.Schedule)
	}
	if out := e.mustRun("show", second); !strings.Contains(out, "(active, round 2 after #1)") {
		t.Errorf("show:\n%s", out)
	}
	old, _ := st.Application(ctx, 1)
	msgs, _ := st.Messages(ctx, store.MessageFilter{AppID: 1})
	states := map[policy.Kind]store.State{}
	for _, m := range msgs {
		states[m.Kind] = m.State
	}
	if old.Status != policy.Replied || !old.InvitedAt.IsZero() || states[policy.ThankYou] != store.Drafted || states[policy.CheckIn] != store.Cancelled {
		t.Errorf("the round before: %s invited %v, drafts %v", old.Status, old.InvitedAt, states)
	}
	// Without new people, the old ones (with their settings) come along.
	third := strings.TrimSpace(e.mustRun("add", "--next-round", second, "--at", "2026-12-10 09:00", "--role", "Senior Backend Engineer"))
	app3, _ := st.Application(ctx, mustID(t, third))
	if app3.Round != 3 || app3.Role != "Senior Backend Engineer" || len(app3.Contacts) != 2 || app3.Contacts[0].Email != "kim@acme.test" {
		t.Errorf("round 3: %+v", app3)
	}
	// Nothing follows a rejection.
	st.Answered(ctx, mustID(t, third), store.Answer{Outcome: "rejection", Status: policy.Rejected})
	if _, errs, code := e.run("add", "--next-round", third, "--at", "2026-12-20 09:00"); code != 2 || !strings.Contains(errs, "is rejected") {
		t.Errorf("a next round after a rejection: exit %d %q", code, errs)
	}
}

// TestAdd_NextRoundPointsForOneConversation: what one interviewer talked about belongs to
// that conversation. A next round that keeps the people does not carry their points into
// the new round's letters; --points-for gives a kept interviewer the new round's own.
func TestAdd_NextRoundPointsForOneConversation(t *testing.T) {
	e := newEnv(t)
	first := strings.TrimSpace(e.mustRun(append(addArgs, "--points-for", "jane@acme.test=the migration to Kafka")...))
	second := strings.TrimSpace(e.mustRun("add", "--next-round", first, "--at", "2026-12-03 14:00"))
	third := strings.TrimSpace(e.mustRun("add", "--next-round", second, "--at", "2026-12-10 09:00",
		"--points-for", "jane@acme.test=the on-call rotation"))
	ctx := context.Background()
	st, err := store.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, c := range []struct{ id, want string }{{first, "the migration to Kafka"}, {second, ""}, {third, "the on-call rotation"}} {
		app, err := st.Application(ctx, mustID(t, c.id))
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, p := range app.Contacts {
			if p.Email == "jane@acme.test" {
				got = p.Points
			}
		}
		if got != c.want {
			t.Errorf("application %s: Jane's points %q, want %q", c.id, got, c.want)
		}
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestAdd_ICS: `add --ics` records an interview from an invitation file as Outlook sends it
// (a Windows zone name, a name with a comma), flags winning over what it read; the event is
// remembered, so that an update reaching the mailbox moves this application.
func TestAdd_ICS(t *testing.T) {
	e := newEnv(t)
	out, errs, code := e.run("add", "--ics", "../invite/testdata/outlook.ics", "--role", "Data Engineer")
	if code != 0 {
		t.Fatalf("add --ics: exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, "read from ../invite/testdata/outlook.ics: Contoso, Data Engineer, 2026-12-07 09:30 (Europe/Berlin)") {
		t.Errorf("add --ics does not say what it read:\n%s", errs)
	}
	var shown jsonShow
	if err := json.Unmarshal([]byte(e.mustRun("show", strings.TrimSpace(out), "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	var people []string
	for _, c := range shown.Contacts {
		people = append(people, c.Role+" "+c.Name+" <"+c.Email+">")
	}
	if shown.Company != "Contoso" || shown.Role != "Data Engineer" || shown.Interview.Start != "2026-12-07T09:30:00+01:00" ||
		shown.Interview.End != "2026-12-07T10:30:00+01:00" || shown.Interview.TZ != "Europe/Berlin" ||
		strings.Join(people, "; ") != "interviewer Priya Raman <priya.raman@contoso.test>; interviewer Tom Becker <tom.becker@contoso.test>; coordinator Müller, Hans <hans.mueller@contoso.test>" {
		t.Errorf("add --ics recorded %+v, people %v", shown, people)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if row, err := st.InvitationOf(ctx, shown.ID); err != nil || row.State != store.InvitationTracked {
		t.Errorf("the event is not remembered for the application: %+v %v", row, err)
	}
	for _, tc := range []struct{ file, want string }{
		{"../invite/testdata/google-cancel.ics", "is the cancellation of an event"},
		{"../invite/testdata/nothing.ics", "no such file"},
	} {
		if _, errs, code := e.run("add", "--ics", tc.file); code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("add --ics %s: exit %d %q", tc.file, code, errs)
		}
	}
}

// TestAdd_Domains: --domain given again adds domains that speak for the company; a shared
// one (an ATS's own, a free-mail provider's) is refused.
func TestAdd_Domains(t *testing.T) {
	e := newEnv(t)
	id := strings.TrimSpace(e.mustRun(append(addArgs, "--domain", "acme.test", "--domain", "acme-corp.test", "--domain", "acme.recruitee.com")...))
	var shown jsonShow
	if err := json.Unmarshal([]byte(e.mustRun("show", id, "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if shown.CompanyDomain != "acme.test" || strings.Join(shown.Domains, " ") != "acme-corp.test acme.recruitee.com" {
		t.Errorf("domains %q + %v", shown.CompanyDomain, shown.Domains)
	}
	for _, d := range []string{"greenhouse.io", "gmail.com", "yahoo.co.uk", "not a domain"} {
		if _, errs, code := e.run(append(addArgs, "--at", "2026-11-18 10:00", "--domain", "acme.test", "--domain", d)...); code != 2 || !strings.Contains(errs, "--domain") {
			t.Errorf("--domain %s: exit %d %q", d, code, errs)
		}
		// The first --domain too: greenhouse.io as the company's would make every Greenhouse mail Acme's.
		if _, errs, code := e.run(append(addArgs, "--at", "2026-11-19 10:00", "--domain", d)...); code != 2 || !strings.Contains(errs, "--domain") {
			t.Errorf("--domain %s first: exit %d %q", d, code, errs)
		}
	}
	// An interviewer at a free-mail provider the old hand-kept list lacked: the company has no domain from it.
	yid := strings.TrimSpace(e.mustRun("add", "--company", "Yco", "--role", "R", "--at", "2026-11-20 10:00", "--interviewer", "Ann <ann@yahoo.co.uk>"))
	var y jsonShow
	json.Unmarshal([]byte(e.mustRun("show", yid, "--json")), &y)
	if y.CompanyDomain != "" {
		t.Errorf("an interviewer at yahoo.co.uk made the company's domain %q", y.CompanyDomain)
	}
	ctx := context.Background()
	st, _ := store.Open(ctx, e.db)
	defer st.Close()
	if ids, _ := st.ActiveAppsAtDomain(ctx, "ACME-corp.test"); len(ids) != 1 {
		t.Errorf("mail from the second domain finds %v", ids)
	}
}

// TestClassify_Invitation: classify shows what followup would record from a calendar
// invitation, with the store and without.
func TestClassify_Invitation(t *testing.T) {
	e := newEnv(t)
	ics, err := os.ReadFile("../invite/testdata/outlook.ics")
	if err != nil {
		t.Fatal(err)
	}
	raw := "From: \"Müller, Hans\" <hans.mueller@contoso.test>\r\nTo: alice@example.test\r\nSubject: Vorstellungsgespräch\r\nMessage-ID: <o1@contoso.test>\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nEinladung\r\n" +
		"--b\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n" + string(ics) + "--b--\r\n"
	path := filepath.Join(e.dir, "invitation.eml")
	os.WriteFile(path, []byte(raw), 0o600)
	for _, args := range [][]string{{"classify", path, "--json"}, {"classify", "--no-store", path, "--json"}} {
		var got jsonClassify
		if err := json.Unmarshal([]byte(e.mustRun(args...)), &got); err != nil {
			t.Fatal(err)
		}
		if got.Kind != "invitation" || got.Invitation == nil || got.Invitation.Proposal.Company != "Contoso" ||
			got.Invitation.Proposal.Zone != "Europe/Berlin" || !got.Invitation.Proposal.Interview || len(got.Invitation.Proposal.Interviewers) != 2 {
			t.Errorf("%v: %+v %+v", args, got, got.Invitation)
		}
	}
	if out := e.mustRun("classify", path); !strings.Contains(out, "would record: Contoso, Senior Data Engineer, Mon 2026-12-07 09:30 CET (Europe/Berlin)") {
		t.Errorf("classify:\n%s", out)
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestParseContact_NameWithComma: a name typed with a comma and no quotes ("Park, Linda
// <…>", "Dr. Kevin O'Brien, DPT <…>": the fifth letter hunt, 2026-12-07) is taken as typed,
// the address deciding; what is no address stays refused.
func TestParseContact_NameWithComma(t *testing.T) {
	for _, c := range []struct{ in, name, addr string }{
		{"Park, Linda <linda@acme.test>", "Park, Linda", "linda@acme.test"},
		{"Dr. Kevin O'Brien, DPT <kevin@acme.test>", "Dr. Kevin O'Brien, DPT", "kevin@acme.test"},
		{`"Doe, Jane" <jane@acme.test>`, "Doe, Jane", "jane@acme.test"},
	} {
		a, err := parseContact("interviewer", c.in)
		if err != nil || a.Name != c.name || a.Address != c.addr {
			t.Errorf("%q: %+v, %v; want %q <%s>", c.in, a, err, c.name, c.addr)
		}
	}
	for _, in := range []string{"Park, Linda <linda at acme>", "Park, Linda linda@acme.test>", "<jane@acme.test> <x@y.test>", "Eve <eve@acme.test>\r\nBcc: x@y.test"} {
		if a, err := parseContact("interviewer", in); err == nil {
			t.Errorf("%q taken as %+v", in, a)
		}
	}
}

package config

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
)

const minimal = `owner: {name: Alice Example, email: alice@example.test, timezone: Europe/Berlin}
imap: {host: imap.example.test, username: alice@example.test, password_file: /run/pw}
smtp: {host: smtp.example.test, username: alice@example.test, password_command: "echo pw"}
store: {path: /tmp/f.db}
`

func TestParse_Example(t *testing.T) {
	data, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("config.example.yaml", data)
	if err != nil {
		t.Fatalf("the example config does not parse:\n%v", err)
	}
	if c.Owner.Location.String() != "Europe/Berlin" || c.IMAP.Port != 993 || c.SMTP.Port != 587 {
		t.Errorf("owner tz %s, imap port %d, smtp port %d", c.Owner.Location, c.IMAP.Port, c.SMTP.Port)
	}
	if c.Rules.CheckInAfterDecision != policy.BusinessDays(3) || c.Rules.CheckInWithoutDecision != policy.Days(7) ||
		c.Rules.ThankYouDelay != 2*time.Hour || c.Rules.MaxCheckIns != 3 || !c.Rules.ThankCoordinator {
		t.Errorf("rules = %+v", c.Rules)
	}
	w := c.Rules.Window
	if !w.Days[time.Monday] || w.Days[time.Saturday] || w.Start != 9*time.Hour || w.End != 17*time.Hour {
		t.Errorf("window = %v", w)
	}
	if len(c.Warnings) != 0 {
		t.Errorf("warnings on the example: %q", c.Warnings)
	}
}

func TestParse_Defaults(t *testing.T) {
	c, err := Parse("min.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if c.IMAP.Port != 993 || c.IMAP.Security != "tls" || c.SMTP.Port != 587 || c.SMTP.Security != "starttls" {
		t.Errorf("imap %s:%d %s, smtp %s:%d %s", c.IMAP.Host, c.IMAP.Port, c.IMAP.Security, c.SMTP.Host, c.SMTP.Port, c.SMTP.Security)
	}
	if len(c.IMAP.Folders) != 1 || c.IMAP.Folders[0] != "INBOX" || !c.Approval.Required || c.Schedule.Tick != "@every 1m" {
		t.Errorf("defaults not applied: %+v %+v %+v", c.IMAP.Folders, c.Approval, c.Schedule)
	}
}

func TestParse_Errors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // each a fragment of one problem, with its line
	}{
		{"empty file", "", []string{"config file is empty"}},
		{"not YAML", "owner: [", []string{"is not valid YAML"}},
		{"unknown key with a suggestion", minimal + "polcy: {}\n", []string{":5: polcy is not a known key; did you mean \"policy\"?"}},
		{"unknown nested key", minimal + "policy: {thank_you_dealy: 2h}\n", []string{":5: policy.thank_you_dealy is not a known key; did you mean \"thank_you_delay\""}},
		{"wrong type", minimal + "policy: {max_check_ins: three}\n", []string{":5: policy.max_check_ins should be a whole number, not \"three\""}},
		{"bool as text", minimal + "approval: {required: maybe}\n", []string{"approval.required should be true or false"}},
		{"bad duration", minimal + "policy:\n  check_in_interval: soon\n", []string{":6: policy.check_in_interval not a duration"}},
		{"thank-you later than 24h", minimal + "policy: {thank_you_delay: 30h}\n", []string{"within 24h"}},
		{"bad time zone", strings.Replace(minimal, "Europe/Berlin", "Mars/Olympus", 1), []string{":1: owner.timezone \"Mars/Olympus\" is not an IANA time zone"}},
		{"bad owner address", strings.Replace(minimal, "email: alice@example.test", "email: alice", 1), []string{"owner.email \"alice\" is not an email address"}},
		{"security none off loopback", minimal + "", nil},
		{"bad security", strings.Replace(minimal, "imap: {", "imap: {security: ssl, ", 1), []string{"imap.security \"ssl\" is not one of"}},
		{"security none to a remote host", strings.Replace(minimal, "imap: {", "imap: {security: none, ", 1), []string{"none is allowed only to a loopback address"}},
		{"two password sources", strings.Replace(minimal, "password_file: /run/pw", "password_file: /run/pw, password: x", 1), []string{"give only one of"}},
		{"relative password file", strings.Replace(minimal, "/run/pw", "pw.txt", 1), []string{"must be an absolute path"}},
		{"port out of range", strings.Replace(minimal, "imap: {", "imap: {port: 99999, ", 1), []string{"imap.port 99999 is not a TCP port"}},
		{"cron that panics the parser", minimal + "schedule: {tick: \"CRON_TZ=UTC\"}\n", []string{"schedule.tick \"CRON_TZ=UTC\" is not a cron schedule"}},
		{"bad cron", minimal + "schedule: {digest: \"99 * * * *\"}\n", []string{"schedule.digest"}},
		{"window that crosses midnight", minimal + "policy: {send_window: {start: \"18:00\", end: \"08:00\"}}\n", []string{"must be after start"}},
		{"bad weekday", minimal + "policy: {send_window: {days: [mon, funday]}}\n", []string{"policy.send_window.days[1] \"funday\" is not a day"}},
		{"a signature too long", strings.Replace(minimal, "timezone: Europe/Berlin}", "timezone: Europe/Berlin, signature: \"a\\nb\\nc\\nd\\ne\"}", 1), []string{"owner.signature has 5 lines; at most 4"}},
		{"a signature line too long", strings.Replace(minimal, "timezone: Europe/Berlin}", "timezone: Europe/Berlin, signature: \""+strings.Repeat("x", 121)+"\"}", 1), []string{"owner.signature line 1 is 121 characters long; at most 120"}},
		{"a signature with a control character", strings.Replace(minimal, "timezone: Europe/Berlin}", "timezone: Europe/Berlin, signature: \"+1 555\\t0100\\u0007\"}", 1), []string{"owner.signature line 1 holds a control character"}},
		{"a signature that is a signature separator", strings.Replace(minimal, "timezone: Europe/Berlin}", "timezone: Europe/Berlin, signature: \"-- \\n+1 555 0100\"}", 1), []string{"owner.signature line 1 is \"-- \""}},
		{"missing required keys", "owner: {name: A}\n", []string{"owner.email is required", "imap.host is required", "smtp.host is required"}},
		{"duplicate key", minimal + "store: {path: /x}\n", []string{"store is given twice"}},
		{"holidays of an unknown country", minimal + "policy: {holidays: {country: xx}}\n", []string{"policy.holidays no holidays known for country \"xx\""}},
		{"holidays of an unknown region", minimal + "policy: {holidays: {country: de, region: zz}}\n", []string{"policy.holidays no region \"zz\" in \"de\""}},
		{"a holiday that is no date", minimal + "policy: {holidays: {extra: [24.12.2026]}}\n", []string{"is not a date like 2026-12-24"}},
		{"a salutation", minimal + "policy: {salutation: sir}\n", []string{"policy.salutation \"sir\" is not one of first_name"}},
		{"a thank-you expiry shorter than its deadline", minimal + "policy: {thank_you_expiry: 12h}\n", []string{"policy.thank_you_expiry is 12h"}},
		{"an out-of-office cap", minimal + "policy: {out_of_office_cap: 2y}\n", []string{"policy.out_of_office_cap"}},
		{"every problem at once", minimal + "policy: {max_check_ins: 99, check_in_interval: 1h}\nlog: {level: loud}\n", []string{
			"policy.max_check_ins must be from 0 to 10", "check-ins closer than 48h", "log.level \"loud\"",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tc.yaml))
			if tc.want == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			var ce *Error
			if !errors.As(err, &ce) || len(ce.Problems) < len(tc.want) {
				t.Fatalf("want at least %d problems, got %v", len(tc.want), err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not mention %q:\n%v", w, err)
				}
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "f.yaml") {
					t.Errorf("problem line does not name the file: %q", line)
				}
			}
		})
	}
}

// TestParse_Signature: the lines an owner signs under their name (a phone number, a profile)
// are kept as written, their ends trimmed, the blank lines around them dropped.
func TestParse_Signature(t *testing.T) {
	y := strings.Replace(minimal, "timezone: Europe/Berlin}", "timezone: Europe/Berlin}\n", 1)
	y = strings.Replace(y, "owner: {name: Alice Example, email: alice@example.test, timezone: Europe/Berlin}\n",
		"owner:\n  name: Alice Example\n  email: alice@example.test\n  timezone: Europe/Berlin\n  signature: |\n\n    +49 30 1234 5678   \n    linkedin.com/in/alice-example\n\n", 1)
	c, err := Parse("s.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	if want := "+49 30 1234 5678\nlinkedin.com/in/alice-example"; c.Owner.Signature != want {
		t.Errorf("signature %q, want %q", c.Owner.Signature, want)
	}
}

func TestParse_Warnings(t *testing.T) {
	y := strings.Replace(minimal, "imap: {host: imap.example.test,", "imap: {host: 127.0.0.1, security: none,", 1)
	y = strings.Replace(y, "password_command: \"echo pw\"", "password: hunter2", 1)
	c, err := Parse("w.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(c.Warnings, "\n")
	if !strings.Contains(all, "imap.security is none") || !strings.Contains(all, "smtp.password is written in the file") {
		t.Errorf("warnings = %q", c.Warnings)
	}
	if strings.Contains(all, "hunter2") {
		t.Errorf("a warning shows the password: %q", all)
	}
}

func TestLoad_MissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("err = %v", err)
	}
}

func TestServer_PasswordFor(t *testing.T) {
	dir := t.TempDir()
	pwFile := filepath.Join(dir, "pw")
	if err := os.WriteFile(pwFile, []byte("from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "smtp"), []byte("from-credential"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CREDENTIALS_DIRECTORY", dir)
	ctx := context.Background()
	tests := []struct {
		name    string
		s       Server
		section string
		want    string
		err     string
	}{
		{"file, trailing newline dropped", Server{PasswordFile: pwFile}, "imap", "from-file", ""},
		{"command, first line", Server{PasswordCommand: "printf 'from-command\\nextra'"}, "imap", "from-command", ""},
		{"named credential", Server{PasswordCredential: "smtp"}, "imap", "from-credential", ""},
		{"credential named after the section", Server{}, "smtp", "from-credential", ""},
		{"inline", Server{Password: "inline"}, "imap", "inline", ""},
		{"nothing", Server{}, "imap", "", "no password configured"},
		{"failing command", Server{PasswordCommand: "exit 3"}, "imap", "", "exit status 3"},
		{"missing file", Server{PasswordFile: filepath.Join(dir, "missing")}, "imap", "", "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.s.PasswordFor(ctx, tc.section)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("= %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	if b, err := os.ReadFile("../config.example.yaml"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("schedule: {tick: \"CRON_TZ=UTC\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.yaml", data)
		if err == nil && c.Owner.Location == nil {
			t.Fatal("accepted without a location")
		}
	})
}

// TestParse_Provider: provider: fills in servers, ports, security, login and save_sent;
// every key set in the file wins; an unknown provider is an error that lists the known.
func TestParse_Provider(t *testing.T) {
	base := "owner: {name: A, email: a@gmail.com, timezone: Europe/Berlin}\nstore: {path: /tmp/x.db}\n"
	c, err := Parse("t.yaml", []byte("provider: gmail\n"+base+"imap: {username: a@gmail.com, password_file: /p}\nsmtp: {username: a@gmail.com, password_file: /p, port: 465, security: tls}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.IMAP.Host != "imap.gmail.com" || c.IMAP.Port != 993 || c.IMAP.Security != "tls" || c.SMTP.Host != "smtp.gmail.com" ||
		c.SMTP.SaveSent != "server" || c.IMAP.SentFolder != "" {
		t.Errorf("gmail: %+v %+v", c.IMAP, c.SMTP)
	}
	if c.SMTP.Port != 465 || c.SMTP.Security != "tls" {
		t.Errorf("the file's smtp port and security did not win: %d %s", c.SMTP.Port, c.SMTP.Security)
	}
	c, err = Parse("t.yaml", []byte("provider: outlook\n"+base+"imap: {username: a@x.com}\nsmtp: {username: a@x.com, oauth2_token_command: \"oama access a@x.com\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.IMAP.Auth != "xoauth2" || c.SMTP.Auth != "xoauth2" || c.IMAP.OAuth2TokenCommand != "oama access a@x.com" {
		t.Errorf("outlook: imap auth %q (token %q), smtp auth %q", c.IMAP.Auth, c.IMAP.OAuth2TokenCommand, c.SMTP.Auth)
	}
	if _, err := Parse("t.yaml", []byte("provider: hotmale\n"+base+"imap: {username: a}\nsmtp: {username: a}\n")); err == nil ||
		!strings.Contains(err.Error(), `provider "hotmale" is not one followup knows (one of fastmail, gmail, icloud, outlook, proton-bridge or yahoo)`) {
		t.Errorf("an unknown provider: %v", err)
	}
	// A slip of the finger: the provider meant, and not the host it would have filled in.
	if _, err := Parse("t.yaml", []byte("provider: gmial\n"+base+"imap: {username: a}\nsmtp: {username: a}\n")); err == nil ||
		!strings.Contains(err.Error(), `provider "gmial" is not one followup knows; did you mean "gmail"?`) || strings.Contains(err.Error(), "host is required") {
		t.Errorf("a misspelt provider: %v", err)
	}
}

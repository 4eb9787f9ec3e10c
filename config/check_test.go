package config

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExampleValues: the placeholders check-config refuses are those of config.example.yaml.
func TestExampleValues(t *testing.T) {
	data, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("config.example.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range exampleValues {
		if got := c.value(ex.path); got != ex.value {
			t.Errorf("the example's %s is %q, not %q", ex.path, got, ex.value)
		}
	}
}

// TestSystemUnit: the credentials check-config --unit system checks are those the unit loads.
func TestSystemUnit(t *testing.T) {
	data, err := os.ReadFile("../systemd/followup.service")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), "LoadCredential="); ok {
			name, file, _ := strings.Cut(v, ":")
			got[name] = file
		}
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), "StateDirectory="); ok && "/var/lib/"+v != SystemUnit.StateDir {
			t.Errorf("StateDirectory=%s, SystemUnit.StateDir %s", v, SystemUnit.StateDir)
		}
	}
	if len(got) != len(SystemUnit.Credentials) {
		t.Errorf("the unit loads %v, SystemUnit says %v", got, SystemUnit.Credentials)
	}
	for k, v := range SystemUnit.Credentials {
		if got[k] != v {
			t.Errorf("credential %s: the unit reads %q, SystemUnit says %q", k, got[k], v)
		}
	}
}

// TestConfig_CheckUnit: as the system unit finds things: its credential files there and
// private, no password_file, the store in its StateDirectory; nothing created.
func TestConfig_CheckUnit(t *testing.T) {
	dir := t.TempDir()
	unit := &Unit{Name: "the test unit", Credentials: map[string]string{"imap": filepath.Join(dir, "imap.password"), "smtp": filepath.Join(dir, "smtp.password")},
		StateDir: filepath.Join(dir, "state"), NoPasswordFiles: true}
	getenv := func(string) string { return "" }
	c, err := Parse("t.yaml", []byte(`owner: {name: Alice, email: alice@mail.test, timezone: Europe/Berlin}
imap: {host: imap.mail.test, username: alice@mail.test}
smtp: {host: smtp.mail.test, username: alice@mail.test, password_file: /home/alice/pw}
`))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(unit.Credentials["imap"], []byte("pw\n"), 0o640)
	problems, _ := c.Check(context.Background(), unit, getenv)
	var got []string
	for _, p := range problems {
		got = append(got, p.Path+" "+p.Msg)
	}
	want := []string{
		"imap has no password: the credential \"imap\" " + unit.Credentials["imap"] + " can be read by others (mode 0640): chmod 600 " + unit.Credentials["imap"],
		"smtp.password_file cannot be read by the test unit (DynamicUser=, ProtectHome=): remove it; the service reads the credential \"smtp\" (" + unit.Credentials["smtp"] + ")",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	os.Chmod(unit.Credentials["imap"], 0o600)
	c.SMTP.PasswordFile = ""
	problems, notes := c.Check(context.Background(), unit, getenv)
	if len(problems) != 1 || problems[0].Path != "smtp" || !strings.Contains(problems[0].Msg, "smtp.password: no such file") {
		t.Errorf("the smtp credential missing: %+v", problems)
	}
	if n := strings.Join(notes, "\n"); !strings.Contains(n, "store "+filepath.Join(dir, "state", "followup.db")+" (the test unit's StateDirectory): made by systemd") {
		t.Errorf("notes:\n%s", n)
	}
	if _, err := os.Stat(unit.StateDir); err == nil {
		t.Error("the check made the state directory")
	}
}

// TestUnit_Server: --connect under a unit logs in with the credential file the unit loads.
func TestUnit_Server(t *testing.T) {
	u := Unit{Credentials: map[string]string{"imap": "/etc/followup/imap.password", "mail": "/etc/followup/mail.password"}}
	for _, tc := range []struct {
		s    Server
		want string
	}{
		{Server{}, "/etc/followup/imap.password"},
		{Server{PasswordCredential: "mail"}, "/etc/followup/mail.password"},
		{Server{PasswordFile: "/home/a/pw"}, "/home/a/pw"},
		{Server{PasswordCommand: "pass x"}, ""},
	} {
		if got := u.Server(tc.s, "imap"); got.PasswordFile != tc.want {
			t.Errorf("%+v: password_file %q, want %q", tc.s, got.PasswordFile, tc.want)
		}
	}
}

package config

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// Unit is what a systemd unit of followup gives the service: the credentials it loads
// (LoadCredential=NAME:FILE) and the state directory its store lives in. check-config
// --unit checks against it, as the service will find things, not as the shell does.
type Unit struct {
	Name        string
	Credentials map[string]string // credential name → the file systemd reads it from
	StateDir    string            // StateDirectory=, where the store is unless store.path says otherwise
	// NoPasswordFiles: the service cannot read a password_file (DynamicUser=, ProtectHome=):
	// its passwords come as credentials.
	NoPasswordFiles bool
}

// SystemUnit is systemd/followup.service (a test holds the two together).
var SystemUnit = Unit{
	Name:            "the system unit (followup.service)",
	Credentials:     map[string]string{"imap": "/etc/followup/imap.password", "smtp": "/etc/followup/smtp.password"},
	StateDir:        "/var/lib/followup",
	NoPasswordFiles: true,
}

// UserUnit is systemd/followup-user.service for the user whose home is home: no
// credentials, the store in $XDG_STATE_HOME/followup (systemd's StateDirectory= for a user
// manager).
func UserUnit(getenv func(string) string, home string) Unit {
	state := getenv("XDG_STATE_HOME")
	if state == "" {
		state = filepath.Join(home, ".local", "state")
	}
	return Unit{Name: "the user unit (systemctl --user)", StateDir: filepath.Join(state, "followup")}
}

// exampleValues are the placeholders of config.example.yaml (a test holds them together):
// a configuration still holding one was copied and not edited.
var exampleValues = []struct{ path, value string }{
	{"owner.email", "alice@example.test"},
	{"imap.host", "imap.example.test"},
	{"imap.username", "alice@example.test"},
	{"smtp.host", "smtp.example.test"},
	{"smtp.username", "alice@example.test"},
}

func (c *Config) value(path string) string {
	switch path {
	case "owner.email":
		return c.Owner.Email
	case "imap.host":
		return c.IMAP.Host
	case "imap.username":
		return c.IMAP.Username
	case "smtp.host":
		return c.SMTP.Host
	case "smtp.username":
		return c.SMTP.Username
	}
	return ""
}

// Check is what check-config adds to a valid configuration: what it names outside itself
// and the service will need, found as the service will find it (under unit when not nil,
// else in this environment). It runs the password and token commands, reads the password
// files and credentials, and looks at the store's directory, and creates nothing. Problems
// are what would fail; notes say what was checked.
func (c *Config) Check(ctx context.Context, unit *Unit, getenv func(string) string) (problems []Problem, notes []string) {
	bad := func(path, format string, args ...any) {
		problems = append(problems, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	for _, ex := range exampleValues {
		if strings.EqualFold(c.value(ex.path), ex.value) {
			bad(ex.path, "is still the example's %q: put your own", ex.value)
		}
	}
	secret := func(s Server, section string) {
		switch {
		case s.PasswordFile != "" && unit != nil && unit.NoPasswordFiles:
			bad(section+".password_file", "cannot be read by %s (DynamicUser=, ProtectHome=): remove it; the service reads the credential %q (%s)",
				unit.Name, section, unit.Credentials[section])
		case s.PasswordFile != "":
			if err := secretFile(s.PasswordFile); err != nil {
				bad(section+".password_file", "%v", err)
			} else {
				notes = append(notes, fmt.Sprintf("%s: the password from %s", section, s.PasswordFile))
			}
		case s.PasswordCommand != "":
			if _, err := runSecretCommand(ctx, s.PasswordCommand); err != nil {
				bad(section+".password_command", "gives no password: %v", err)
			} else {
				notes = append(notes, fmt.Sprintf("%s: password_command ran and printed a password", section))
			}
		case s.Password != "":
			notes = append(notes, section+": the password written in the file")
		default:
			name := s.PasswordCredential
			if name == "" {
				name = section
			}
			c.checkCredential(section, name, unit, getenv, bad, &notes)
		}
	}
	token := func(section, command string) {
		if _, err := runSecretCommand(ctx, command); err != nil {
			bad(section+".oauth2_token_command", "gives no token: %v", err)
		} else {
			notes = append(notes, section+": oauth2_token_command ran and printed a token")
		}
	}
	if c.IMAP.OAuth() {
		token("imap", c.IMAP.OAuth2TokenCommand)
	} else {
		secret(c.IMAP.Server, "imap")
	}
	switch c.SMTP.Auth {
	case "none":
	case "xoauth2":
		token("smtp", c.SMTP.OAuth2TokenCommand)
	default:
		secret(c.SMTP.Server, "smtp")
	}
	path, why := c.storePath(unit)
	if msg, note := checkStore(path, unit); msg != "" {
		bad("store.path", "%s", msg)
	} else {
		notes = append(notes, fmt.Sprintf("store %s%s: %s", path, why, note))
	}
	return problems, notes
}

// storePath is the store the service will open, and why there when a unit decides it.
func (c *Config) storePath(unit *Unit) (string, string) {
	if unit == nil || c.Store.Path != expandHome(DefaultStorePath()) {
		return c.Store.Path, ""
	}
	return filepath.Join(unit.StateDir, "followup.db"), " (" + unit.Name + "'s StateDirectory)"
}

// checkCredential checks the systemd credential the service reads a password from.
func (c *Config) checkCredential(section, name string, unit *Unit, getenv func(string) string, bad func(string, string, ...any), notes *[]string) {
	key := section + ".password_credential"
	if c.serverOf(section).PasswordCredential == "" {
		key = section
	}
	switch {
	case unit != nil:
		file, ok := unit.Credentials[name]
		if !ok {
			bad(key, "has no password: %s loads no credential %q; set password_file or password_command", unit.Name, name)
			return
		}
		if err := secretFile(file); err != nil {
			bad(key, "has no password: the credential %q %v", name, err)
			return
		}
		*notes = append(*notes, fmt.Sprintf("%s: the credential %q from %s", section, name, file))
	case getenv("CREDENTIALS_DIRECTORY") != "":
		file := filepath.Join(getenv("CREDENTIALS_DIRECTORY"), name)
		if _, err := readSecretFile(file); err != nil {
			bad(key, "has no password: the credential %q: %v", name, err)
			return
		}
		*notes = append(*notes, fmt.Sprintf("%s: the credential %q", section, name))
	default:
		bad(key, "has no password: set password_file or password_command (the system service reads the credential %q: check it with --unit system)", name)
	}
}

func (c *Config) serverOf(section string) Server {
	if section == "imap" {
		return c.IMAP.Server
	}
	return c.SMTP.Server
}

// secretFile checks a file holding a password: there, a regular file, readable by its
// owner alone (msmtp and mbsync refuse others too), and not empty.
func secretFile(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, errors.Unwrap(err))
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a file", path)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("%s can be read by others (mode %04o): chmod 600 %s", path, perm, path)
	}
	_, err = readSecretFile(path)
	return err
}

// checkStore says whether the store at path can be opened or made, without making
// anything: the file writable, else its directory, else the nearest directory above that
// exists (or systemd's StateDirectory=, which systemd makes).
func checkStore(path string, unit *Unit) (problem, note string) {
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return fmt.Sprintf("%s is a directory, not a database file", path), ""
		}
		if err := unix.Access(path, unix.W_OK); err != nil {
			return fmt.Sprintf("%s cannot be written: %v", path, err), ""
		}
		return "", "exists, writable"
	}
	dir := filepath.Dir(path)
	if unit != nil && dir == unit.StateDir {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return "", "made by systemd at the service's start (StateDirectory=)"
		}
	}
	for d := dir; ; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if (errors.Is(err, fs.ErrNotExist) || errors.Is(err, unix.ENOTDIR)) && d != filepath.Dir(d) {
			continue
		}
		hint := fmt.Sprintf(" (hint: leave store.path out for the default, %s)", DefaultStorePath())
		switch {
		case err != nil:
			return fmt.Sprintf("its directory cannot be made: %v%s", err, hint), ""
		case !st.IsDir():
			return fmt.Sprintf("its directory cannot be made: %s is not a directory%s", d, hint), ""
		case unix.Access(d, unix.W_OK|unix.X_OK) != nil:
			return fmt.Sprintf("its directory cannot be made: %s cannot be written%s", d, hint), ""
		}
		if d == dir {
			return "", "to be made at the first run, in a writable directory"
		}
		return "", fmt.Sprintf("to be made at the first run, with %s (%s can be written)", dir, d)
	}
}

// Server is s as the unit's service logs in with it: a password the service reads from a
// credential is read from the file the unit loads it from (for check-config --connect).
func (u Unit) Server(s Server, section string) Server {
	if s.PasswordFile != "" || s.PasswordCommand != "" || s.Password != "" {
		return s
	}
	name := s.PasswordCredential
	if name == "" {
		name = section
	}
	if file, ok := u.Credentials[name]; ok {
		s.PasswordCredential, s.PasswordFile = "", file
	}
	return s
}

// Package config reads and checks followup's YAML configuration.
//
// Load applies the defaults, decodes the file strictly (unknown keys and wrong types are
// errors) and validates every value, collecting every problem with its file and line, so
// that `followup check-config` can list them all at once.
package config

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v4"

	"github.com/followupd/followup/holidays"
	"github.com/followupd/followup/policy"
)

// Config is the whole configuration. The raw fields mirror the YAML; the fields without a
// yaml tag are derived by validation.
type Config struct {
	// Provider fills in the servers, ports, security and login of a known mail service
	// (gmail, outlook, fastmail, icloud, yahoo, proton-bridge); any key set in the file wins.
	Provider  string    `yaml:"provider"`
	Owner     Owner     `yaml:"owner"`
	IMAP      IMAP      `yaml:"imap"`
	SMTP      SMTP      `yaml:"smtp"`
	Store     Store     `yaml:"store"`
	Schedule  Schedule  `yaml:"schedule"`
	Policy    Policy    `yaml:"policy"`
	Approval  Approval  `yaml:"approval"`
	Templates Templates `yaml:"templates"`
	Log       Log       `yaml:"log"`

	File     string   // the file it was read from
	Warnings []string // accepted, but worth saying (a password in the file, security: none)
	Rules    policy.Rules
}

type Owner struct {
	Name     string `yaml:"name"`
	Email    string `yaml:"email"`
	Timezone string `yaml:"timezone"`
	// Signature is what the owner signs under their name in every letter to a contact, as
	// people do: a phone number, a profile's address (at most 4 lines of 120 characters).
	Signature string `yaml:"signature"`

	Location *time.Location
}

// signature checks the owner's signature lines and returns them tidied: each line's ends
// trimmed, the blank lines before and after dropped. A line is at most 120 characters with no
// control character, at most 4 lines, and none is the "-- " that tells a mail client the
// signature below may be cut from a reply.
func signature(d *decoder, s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		for _, r := range l {
			if unicode.IsControl(r) {
				d.bad("owner.signature", "line %d holds a control character (%U): write plain text", i+1, r)
				return ""
			}
		}
		if l == "-- " || l == "--" {
			d.bad("owner.signature", "line %d is %q, the mark a mail client cuts a signature at; write only the lines under your name", i+1, l)
			return ""
		}
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > 4 {
		d.bad("owner.signature", "has %d lines; at most 4 (a phone number, a profile's address)", len(lines))
		return ""
	}
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n > 120 {
			d.bad("owner.signature", "line %d is %d characters long; at most 120", i+1, n)
			return ""
		}
	}
	return strings.Join(lines, "\n")
}

// Server holds what IMAP and SMTP share.
type Server struct {
	Host               string `yaml:"host"`
	Port               int    `yaml:"port"`
	Security           string `yaml:"security"` // tls, starttls, none
	Username           string `yaml:"username"`
	Password           string `yaml:"password"`
	PasswordFile       string `yaml:"password_file"`
	PasswordCommand    string `yaml:"password_command"`
	PasswordCredential string `yaml:"password_credential"`
	CAFile             string `yaml:"ca_file"`
	Timeout            string `yaml:"timeout"`

	TimeoutDuration time.Duration
}

type IMAP struct {
	Server `yaml:",inline"`
	// Auth is how followup logs in: login (a password), or xoauth2 / oauthbearer with a
	// token from oauth2_token_command (imap's, else smtp's), fetched afresh at each login.
	Auth               string   `yaml:"auth"`
	OAuth2TokenCommand string   `yaml:"oauth2_token_command"`
	Folders            []string `yaml:"folders"`
	SentFolder         string   `yaml:"sent_folder"`
	PollInterval       string   `yaml:"poll_interval"`
	// IDLE: false polls every poll_interval even when the server offers IDLE (for servers
	// whose IDLE is broken). Default true.
	IDLE *bool `yaml:"idle"`
	// TrustedAuthservID names the owner's receiving servers by the authserv-id they write in
	// Authentication-Results ("mx.example.net", or ".example.net" for any host there): only
	// their records prove who sent a message. The provider setting fills it in; else followup
	// learns it from the owner's own answers, which carry their approval token.
	TrustedAuthservID []string `yaml:"trusted_authserv_id"`

	Poll time.Duration
}

type SMTP struct {
	Server             `yaml:",inline"`
	Auth               string `yaml:"auth"` // plain, login, xoauth2, none
	OAuth2TokenCommand string `yaml:"oauth2_token_command"`
	SaveSent           string `yaml:"save_sent"` // append, server, off
	MaxPerHour         int    `yaml:"max_per_hour"`
	MaxPerDay          int    `yaml:"max_per_day"`
}

type Store struct {
	Path string `yaml:"path"`
}

type Schedule struct {
	Tick   string `yaml:"tick"`
	Digest string `yaml:"digest"`
	// DigestWhenEmpty sends the digest even when there is nothing to say.
	DigestWhenEmpty bool `yaml:"digest_when_empty"`
}

type Policy struct {
	ThankYouDelay          string     `yaml:"thank_you_delay"`
	ThankCoordinator       bool       `yaml:"thank_coordinator"`
	CheckInAfterDecision   string     `yaml:"check_in_after_decision"`
	CheckInWithoutDecision string     `yaml:"check_in_without_decision"`
	CheckInInterval        string     `yaml:"check_in_interval"`
	MaxCheckIns            int        `yaml:"max_check_ins"`
	SendWindow             SendWindow `yaml:"send_window"`
	// ThankYouExpiry is how long after the interview a thank-you may still go when it is
	// approved late; past it the draft is dropped and the owner told.
	ThankYouExpiry string `yaml:"thank_you_expiry"`
	// Salutation is how contacts are greeted: first_name, full_name or title_last_name.
	Salutation string `yaml:"salutation"`
	// OutOfOfficeCap bounds how long an out-of-office reply holds the check-ins back.
	OutOfOfficeCap string `yaml:"out_of_office_cap"`
	// Holidays are the days nothing is sent, and no business day counted.
	Holidays Holidays `yaml:"holidays"`
	// GapAcrossApplications keeps 48 hours between two emails to one person whatever the
	// application (a thank-you always goes: the other application's check-in waits 48 hours
	// after it).
	GapAcrossApplications bool `yaml:"gap_across_applications"`
	// SendWindowClock is whose clock the send window's hours are on: recipient (each
	// contact's zone, else the interview's) or owner.
	SendWindowClock string `yaml:"send_window_clock"`
}

// Holidays names a country's public holidays (and a region's), and extra dates.
//
// Holidays are on without configuration: the owner's country is the one of the owner's time
// zone, and each contact keeps the holidays of their own zone's country (or of the calendar
// the owner gave them). Country "none" turns them off.
type Holidays struct {
	Country string   `yaml:"country"` // an ISO 3166 code: de, us, gb, fr, …; empty for the owner's zone's; none for none
	Region  string   `yaml:"region"`  // de: by, nw, …; ch: zh, ge, …; au: nsw, vic, …
	Extra   []string `yaml:"extra"`   // more dates, like 2026-12-24
	// OwnerOnly gives every contact the owner's calendar instead of their own zone's.
	OwnerOnly bool `yaml:"owner_only"`
}

type SendWindow struct {
	Days  []string `yaml:"days"`
	Start string   `yaml:"start"`
	End   string   `yaml:"end"`
}

type Approval struct {
	Required bool `yaml:"required"`
	Confirm  bool `yaml:"confirm"` // a one-line confirmation after each command
}

type Templates struct {
	Dir string `yaml:"dir"`
}

type Log struct {
	Format string `yaml:"format"` // text, json
	Level  string `yaml:"level"`  // debug, info, warn, error
}

// Problem is one thing wrong with the file.
type Problem struct {
	Line int
	Path string
	Msg  string
}

// Error is every problem found in a configuration file.
type Error struct {
	File     string
	Problems []Problem
}

// ErrInvalid is matched by errors.Is for every *Error.
var ErrInvalid = errors.New("invalid configuration")

func (e *Error) Is(target error) bool { return target == ErrInvalid }

func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.format(e.File))
	}
	return b.String()
}

func (p Problem) format(file string) string {
	loc := file
	if p.Line > 0 {
		loc += ":" + strconv.Itoa(p.Line)
	}
	if p.Path != "" {
		return fmt.Sprintf("%s: %s %s", loc, p.Path, p.Msg)
	}
	return fmt.Sprintf("%s: %s", loc, p.Msg)
}

// Defaults returns the configuration an empty file would give (bar the required keys).
func Defaults() Config {
	return Config{
		Owner: Owner{Timezone: "Local"},
		IMAP: IMAP{
			Server:       Server{Security: "tls", Timeout: "30s"},
			Folders:      []string{"INBOX"},
			PollInterval: "1m",
		},
		SMTP: SMTP{
			Server:     Server{Security: "starttls", Timeout: "30s"},
			Auth:       "plain",
			SaveSent:   "append",
			MaxPerHour: 20,
			MaxPerDay:  60,
		},
		Store:    Store{Path: DefaultStorePath()},
		Schedule: Schedule{Tick: "@every 1m", Digest: "0 8 * * *"},
		Policy: Policy{
			ThankYouDelay:          "2h",
			ThankCoordinator:       true,
			CheckInAfterDecision:   "3 business days",
			CheckInWithoutDecision: "7d",
			CheckInInterval:        "7d",
			MaxCheckIns:            3,
			SendWindow:             SendWindow{Days: []string{"mon", "tue", "wed", "thu", "fri"}, Start: "09:00", End: "17:00"},
			ThankYouExpiry:         "3d",
			Salutation:             "first_name",
			OutOfOfficeCap:         "30d",
			GapAcrossApplications:  true,
			SendWindowClock:        "recipient",
		},
		Approval: Approval{Required: true, Confirm: true},
		Log:      Log{Format: "text", Level: "info"},
	}
}

// DefaultPath is where the configuration is looked for without --config: systemd's
// configuration directory when run as a service, else the XDG config directory.
func DefaultPath() string {
	if d := os.Getenv("CONFIGURATION_DIRECTORY"); d != "" {
		return filepath.Join(strings.Split(d, ":")[0], "config.yaml")
	}
	if os.Getenv("INVOCATION_ID") != "" && os.Getuid() == 0 {
		return "/etc/followup/config.yaml"
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "followup", "config.yaml")
	}
	return "/etc/followup/config.yaml"
}

// DefaultStorePath is systemd's state directory when run as a service, else the XDG state directory.
func DefaultStorePath() string {
	if d := os.Getenv("STATE_DIRECTORY"); d != "" {
		return filepath.Join(strings.Split(d, ":")[0], "followup.db")
	}
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "followup", "followup.db")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "state", "followup", "followup.db")
	}
	return "/var/lib/followup/followup.db"
}

// Load reads, decodes and validates the file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Problems: []Problem{{Msg: readProblem(err)}}}
	}
	return Parse(path, data)
}

func readProblem(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "no such file (copy the example there, /usr/share/doc/followup/config.example.yaml when installed, else config.example.yaml in the source; or name another file with --config)"
	case errors.Is(err, os.ErrPermission):
		return "cannot be read: permission denied"
	}
	return "cannot be read: " + err.Error()
}

// Parse decodes and validates data read from file.
func Parse(file string, data []byte) (*Config, error) {
	c := Defaults()
	c.File = file
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &Error{File: file, Problems: []Problem{{Line: yamlErrLine(err), Msg: "is not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}}}
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, &Error{File: file, Problems: []Problem{{Msg: "config file is empty (see config.example.yaml)"}}}
	}
	d := &decoder{lines: map[string]int{}}
	doc := root.Content[0]
	if root.Kind != yaml.DocumentNode {
		doc = &root
	}
	name, unknown := applyProvider(&c, doc)
	d.decode(doc, reflect.ValueOf(&c).Elem(), "")
	if unknown {
		if near := Nearest(name, Providers()); near != "" {
			d.bad("provider", "%q is not one followup knows; did you mean %q? (%s)", name, near, OneOf(Providers()))
		} else {
			d.bad("provider", "%q is not one followup knows (%s); leave it out and set imap and smtp yourself", name, OneOf(Providers()))
		}
	}
	c.validate(d)
	if unknown {
		// The servers an unknown provider would have filled in are not the file's fault.
		kept := d.problems[:0]
		for _, p := range d.problems {
			if !((p.Path == "imap.host" || p.Path == "smtp.host") && p.Msg == "is required") {
				kept = append(kept, p)
			}
		}
		d.problems = kept
	}
	if len(d.problems) > 0 {
		sort.SliceStable(d.problems, func(i, j int) bool { return d.problems[i].Line < d.problems[j].Line })
		return nil, &Error{File: file, Problems: d.problems}
	}
	return &c, nil
}

func yamlErrLine(err error) int {
	s := err.Error()
	if i := strings.Index(s, "line "); i >= 0 {
		n := 0
		for _, r := range s[i+5:] {
			if r < '0' || r > '9' {
				break
			}
			n = n*10 + int(r-'0')
		}
		return n
	}
	return 0
}

// decodeStruct maps a mapping onto a struct, with embedded ",inline" structs' fields taken
// as the outer struct's own.
func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return
		}
		d.addf(n.Line, path, "should be a mapping of keys to values, not %s", kindName(n))
		return
	}
	fields := map[string]reflect.Value{}
	var names []string
	var collect func(v reflect.Value)
	collect = func(v reflect.Value) {
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			parts := strings.Split(t.Field(i).Tag.Get("yaml"), ",")
			if len(parts) > 1 && parts[1] == "inline" {
				collect(v.Field(i))
				continue
			}
			if parts[0] == "" || parts[0] == "-" {
				continue
			}
			fields[parts[0]] = v.Field(i)
			names = append(names, parts[0])
		}
	}
	collect(v)
	sort.Strings(names)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.addf(k.Line, path, "a key must be a plain word")
			continue
		}
		key := k.Value
		if seen[key] {
			d.addf(k.Line, join(path, key), "is given twice")
			continue
		}
		seen[key] = true
		f, ok := fields[key]
		if !ok {
			d.addf(k.Line, join(path, key), "is not a known key%s (known here: %s)", suggest(key, names), strings.Join(names, ", "))
			continue
		}
		d.decode(val, f, join(path, key))
	}
}

func (d *decoder) line(path string) int {
	for path != "" {
		if l, ok := d.lines[path]; ok {
			return l
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}

func (d *decoder) bad(path, format string, args ...any) {
	d.addf(d.line(path), path, format, args...)
}

func (c *Config) warn(d *decoder, path, format string, args ...any) {
	p := Problem{Line: d.line(path), Path: path, Msg: fmt.Sprintf(format, args...)}
	c.Warnings = append(c.Warnings, p.format(c.File))
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

func (c *Config) validate(d *decoder) {
	// Paths may start with ~/ (the user's home): the example config uses it.
	for _, p := range []*string{&c.IMAP.PasswordFile, &c.IMAP.CAFile, &c.SMTP.PasswordFile, &c.SMTP.CAFile, &c.Store.Path, &c.Templates.Dir} {
		*p = expandHome(*p)
	}
	// owner
	if strings.TrimSpace(c.Owner.Name) == "" {
		d.bad("owner.name", "is required: the name your follow-ups are signed with")
	} else if strings.ContainsAny(c.Owner.Name, "\r\n") {
		d.bad("owner.name", "must be one line")
	}
	if c.Owner.Email == "" {
		d.bad("owner.email", "is required: the address follow-ups are sent from and approvals go to")
	} else if a, err := mail.ParseAddress(c.Owner.Email); err != nil || a.Address != c.Owner.Email {
		d.bad("owner.email", "%q is not an email address (write just the address, like alice@example.com)", c.Owner.Email)
	}
	c.Owner.Signature = signature(d, c.Owner.Signature)
	loc, err := time.LoadLocation(c.Owner.Timezone)
	if err != nil || c.Owner.Timezone == "" {
		d.bad("owner.timezone", "%q is not an IANA time zone name (like Europe/Berlin or America/New_York)", c.Owner.Timezone)
		loc = time.UTC
	}
	c.Owner.Location = loc

	c.IMAP.Server.validate(c, d, "imap", map[string]int{"tls": 993, "starttls": 143, "none": 143})
	c.SMTP.Server.validate(c, d, "smtp", map[string]int{"tls": 465, "starttls": 587, "none": 25})
	if len(c.IMAP.Folders) == 0 {
		d.bad("imap.folders", "must name at least one folder to watch (usually INBOX)")
	}
	for i, f := range c.IMAP.Folders {
		if strings.TrimSpace(f) == "" || strings.ContainsAny(f, "\r\n*%") {
			d.bad(fmt.Sprintf("imap.folders[%d]", i), "%q is not a folder name", f)
		}
	}
	if p, err := policy.ParseDuration(c.IMAP.PollInterval); err != nil || p < 5*time.Second {
		d.bad("imap.poll_interval", "%q should be a duration of at least 5s, like 1m", c.IMAP.PollInterval)
	} else {
		c.IMAP.Poll = p
	}
	switch c.IMAP.Auth {
	case "", "login":
	case "xoauth2", "oauthbearer":
		if c.IMAP.OAuth2TokenCommand == "" {
			c.IMAP.OAuth2TokenCommand = c.SMTP.OAuth2TokenCommand
		}
		if c.IMAP.OAuth2TokenCommand == "" {
			d.bad("imap.oauth2_token_command", "is required with auth: %s (a command that prints an access token; smtp's is used when it has one)", c.IMAP.Auth)
		}
	default:
		d.bad("imap.auth", "%q is not one of login (a password), xoauth2, oauthbearer", c.IMAP.Auth)
	}
	switch c.SMTP.Auth {
	case "plain", "login", "none":
	case "xoauth2":
		if c.SMTP.OAuth2TokenCommand == "" {
			d.bad("smtp.oauth2_token_command", "is required with auth: xoauth2 (a command that prints an access token)")
		}
	default:
		d.bad("smtp.auth", "%q is not one of plain, login, xoauth2, none", c.SMTP.Auth)
	}
	switch c.SMTP.SaveSent {
	case "append", "server", "off":
	default:
		d.bad("smtp.save_sent", "%q is not one of append (copy to the Sent folder over IMAP), server (the server files it), off", c.SMTP.SaveSent)
	}
	if c.SMTP.MaxPerHour < 1 {
		d.bad("smtp.max_per_hour", "must be at least 1")
	}
	if c.SMTP.MaxPerDay < c.SMTP.MaxPerHour {
		d.bad("smtp.max_per_day", "must be at least smtp.max_per_hour (%d)", c.SMTP.MaxPerHour)
	}

	if strings.TrimSpace(c.Store.Path) == "" {
		d.bad("store.path", "is required: where the SQLite database lives")
	}
	for _, k := range []struct{ path, expr string }{{"schedule.tick", c.Schedule.Tick}, {"schedule.digest", c.Schedule.Digest}} {
		if err := checkCron(k.expr); err != nil {
			d.bad(k.path, "%q is not a cron schedule: %v (examples: \"@every 1m\", \"0 8 * * *\")", k.expr, err)
		}
	}

	c.validatePolicy(d, loc)

	if c.Templates.Dir != "" {
		if st, err := os.Stat(c.Templates.Dir); err != nil || !st.IsDir() {
			d.bad("templates.dir", "%q is not a directory", c.Templates.Dir)
		}
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		d.bad("log.format", "%q is not text or json", c.Log.Format)
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		d.bad("log.level", "%q is not one of debug, info, warn, error", c.Log.Level)
	}
}

func (c *Config) validatePolicy(d *decoder, loc *time.Location) {
	r := policy.DefaultRules(loc)
	p := c.Policy
	if v, err := policy.ParseDuration(p.ThankYouDelay); err != nil {
		d.bad("policy.thank_you_delay", "%v", err)
	} else if v > policy.ThankYouDeadline {
		d.bad("policy.thank_you_delay", "is %s; a thank-you must go within 24h of the interview", p.ThankYouDelay)
	} else {
		r.ThankYouDelay = v
	}
	r.ThankCoordinator = p.ThankCoordinator
	r.GapAcrossApplications = p.GapAcrossApplications
	switch p.SendWindowClock {
	case "recipient":
	case "owner":
		r.OwnerClock = true
	default:
		d.bad("policy.send_window_clock", "%q is not recipient (each contact's zone) or owner (yours)", p.SendWindowClock)
	}
	spans := []struct {
		path string
		text string
		dst  *policy.Span
	}{
		{"policy.check_in_after_decision", p.CheckInAfterDecision, &r.CheckInAfterDecision},
		{"policy.check_in_without_decision", p.CheckInWithoutDecision, &r.CheckInWithoutDecision},
		{"policy.check_in_interval", p.CheckInInterval, &r.CheckInInterval},
	}
	for _, s := range spans {
		v, err := policy.ParseSpan(s.text)
		if err != nil {
			d.bad(s.path, "%v", err)
			continue
		}
		*s.dst = v
	}
	if r.CheckInInterval.Duration > 0 && r.CheckInInterval.Duration < 48*time.Hour {
		d.bad("policy.check_in_interval", "is %s; check-ins closer than 48h apart flood the interviewer", p.CheckInInterval)
	}
	if p.MaxCheckIns < 0 || p.MaxCheckIns > 10 {
		d.bad("policy.max_check_ins", "must be from 0 to 10, not %d", p.MaxCheckIns)
	}
	r.MaxCheckIns = p.MaxCheckIns
	if v, err := policy.ParseDuration(p.ThankYouExpiry); err != nil {
		d.bad("policy.thank_you_expiry", "%v", err)
	} else if v < policy.ThankYouDeadline || v > 14*24*time.Hour {
		d.bad("policy.thank_you_expiry", "is %s; it must be from 24h (the thank-you's deadline) to 14d", p.ThankYouExpiry)
	} else {
		r.ThankYouExpiry = v
	}
	if v, err := policy.ParseDuration(p.OutOfOfficeCap); err != nil {
		d.bad("policy.out_of_office_cap", "%v", err)
	} else if v < 24*time.Hour || v > 365*24*time.Hour {
		d.bad("policy.out_of_office_cap", "is %s; it must be from 1d to 365d", p.OutOfOfficeCap)
	} else {
		r.HoldCap = v
	}
	switch p.Salutation {
	case "first_name", "full_name", "title_last_name":
	default:
		d.bad("policy.salutation", "%q is not one of first_name (Dear Jane,), full_name (Dear Jane Doe,), title_last_name (Dear Dr. Doe,)", p.Salutation)
	}

	w := policy.Window{Loc: loc}
	if len(p.SendWindow.Days) == 0 {
		d.bad("policy.send_window.days", "must name at least one day (mon, tue, wed, thu, fri, sat, sun)")
	}
	for i, name := range p.SendWindow.Days {
		wd, ok := weekdays[strings.ToLower(strings.TrimSpace(name))]
		if !ok {
			d.bad(fmt.Sprintf("policy.send_window.days[%d]", i), "%q is not a day (mon, tue, wed, thu, fri, sat, sun)", name)
			continue
		}
		w.Days[wd] = true
	}
	start, err1 := clock(p.SendWindow.Start)
	if err1 != nil {
		d.bad("policy.send_window.start", "%q %v", p.SendWindow.Start, err1)
	}
	end, err2 := clock(p.SendWindow.End)
	if err2 != nil {
		d.bad("policy.send_window.end", "%q %v", p.SendWindow.End, err2)
	}
	if err1 == nil && err2 == nil && end <= start {
		d.bad("policy.send_window.end", "%q must be after start %q (the window cannot cross midnight)", p.SendWindow.End, p.SendWindow.Start)
	}
	w.Start, w.End = start, end
	h := p.Holidays
	if strings.EqualFold(h.Country, "none") {
		h.Country, h.Region, h.OwnerOnly = "", "", true
	} else if h.Country == "" {
		// The owner's country, from the owner's zone ("Local" is named by TZ when set).
		zone := loc
		if loc != nil && loc.String() == "Local" {
			if named, err := time.LoadLocation(os.Getenv("TZ")); err == nil && os.Getenv("TZ") != "" {
				zone = named
			}
		}
		h.Country, h.Region, _ = strings.Cut(holidays.ZoneCode(zone), "/")
	}
	var owner *holidays.Calendar
	if h.Country != "" || len(h.Extra) > 0 {
		if cal, err := holidays.New(h.Country, h.Region, h.Extra); err != nil {
			d.bad("policy.holidays", "%v", err)
		} else {
			w.Holidays, owner = cal, cal
		}
	}
	if !h.OwnerOnly {
		if byZone, err := holidays.NewByZone(h.Extra, owner); err == nil {
			r.ZoneHolidays = byZone
		}
	}
	r.Window = w
	c.Rules = r
}

func clock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		if s == "24:00" {
			return 24 * time.Hour, nil
		}
		return 0, errors.New("is not a time of day like 09:00")
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// cronParser reads the same expressions the daemon schedules: five fields or a descriptor.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseCron parses a schedule; robfig/cron panics on some inputs ("CRON_TZ=UTC"), which
// becomes an error here.
func ParseCron(expr string) (s cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("the cron parser rejected it (%v)", r)
		}
	}()
	if strings.TrimSpace(expr) == "" {
		return nil, errors.New("empty")
	}
	return cronParser.Parse(expr)
}

func checkCron(expr string) error {
	_, err := ParseCron(expr)
	return err
}

// IsLoopback reports whether host names this machine.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) validate(c *Config, d *decoder, section string, ports map[string]int) {
	p := func(k string) string { return section + "." + k }
	if strings.TrimSpace(s.Host) == "" {
		d.bad(p("host"), "is required")
	} else if strings.ContainsAny(s.Host, " /\r\n") {
		d.bad(p("host"), "%q is not a host name", s.Host)
	}
	def, ok := ports[s.Security]
	switch {
	case !ok:
		d.bad(p("security"), "%q is not one of tls (implicit TLS), starttls, none", s.Security)
	case s.Security == "none" && !IsLoopback(s.Host):
		d.bad(p("security"), "none is allowed only to a loopback address (127.0.0.1, ::1, localhost), not %q: use tls or starttls", s.Host)
	case s.Security == "none":
		c.warn(d, p("security"), "is none: mail and password cross the loopback unencrypted")
	}
	if s.Port == 0 {
		s.Port = def
	} else if s.Port < 1 || s.Port > 65535 {
		d.bad(p("port"), "%d is not a TCP port (1-65535)", s.Port)
	}
	if s.Username == "" && !(section == "smtp" && c.SMTP.Auth == "none") {
		d.bad(p("username"), "is required")
	}
	sources := 0
	for _, v := range []string{s.Password, s.PasswordFile, s.PasswordCommand, s.PasswordCredential} {
		if v != "" {
			sources++
		}
	}
	if sources > 1 {
		d.bad(p("password"), "give only one of password_file, password_command, password_credential, password")
	}
	if s.Password != "" {
		c.warn(d, p("password"), "is written in the file: prefer password_file, password_command or a systemd credential")
	}
	if s.PasswordFile != "" && !filepath.IsAbs(s.PasswordFile) {
		d.bad(p("password_file"), "%q must be an absolute path", s.PasswordFile)
	}
	if s.PasswordCredential != "" && strings.ContainsAny(s.PasswordCredential, "/\x00") {
		d.bad(p("password_credential"), "%q must be a credential name, not a path", s.PasswordCredential)
	}
	if s.CAFile != "" {
		if _, err := os.Stat(s.CAFile); err != nil {
			d.bad(p("ca_file"), "%q cannot be read: %v", s.CAFile, errors.Unwrap(err))
		}
	}
	if t, err := policy.ParseDuration(s.Timeout); err != nil || t < time.Second || t > 10*time.Minute {
		d.bad(p("timeout"), "%q should be a duration from 1s to 10m, like 30s", s.Timeout)
	} else {
		s.TimeoutDuration = t
	}
}

// Addr is host:port.
func (s Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// expandHome replaces a leading ~/ with the user's home directory.
func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, rest)
		}
	}
	return p
}

// OAuth reports whether IMAP logs in with an OAuth2 token.
func (c IMAP) OAuth() bool { return c.Auth == "xoauth2" || c.Auth == "oauthbearer" }

// Secret is what IMAP logs in with: the password, or with OAuth a token printed by
// oauth2_token_command, run at every login, so that a token that expired during a long
// IDLE session is replaced at the reconnect.
func (c IMAP) Secret(ctx context.Context) (string, error) {
	if c.OAuth() {
		t, err := runSecretCommand(ctx, c.OAuth2TokenCommand)
		if err != nil {
			return "", fmt.Errorf("imap oauth2_token_command: %w", err)
		}
		return t, nil
	}
	return c.PasswordFor(ctx, "imap")
}

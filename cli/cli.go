// Package cli is followup's command line: it parses arguments, loads the configuration and
// calls the packages that do the work. Main's Run is what cmd/followup calls and what the
// end-to-end tests run.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/internal/buildinfo"
	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/store"
)

// Exit codes. A bad config or bad input is 2, the code systemd's RestartPreventExitStatus=2
// keys on, so a broken configuration does not loop through restarts.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// Main is one invocation of followup.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Now is the clock of the commands (when an interview is recorded, an approval
	// given); tests set it.
	Now func() time.Time
}

// New returns a Main on the given streams.
func New(stdin io.Reader, stdout, stderr io.Writer) *Main {
	return &Main{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv, Now: time.Now}
}

// usageError is bad input: its message is printed as is, with exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

type command struct {
	name    string
	args    string
	summary string
	run     func(m *Main, ctx context.Context, env *cmdEnv) error
	json    bool // --json prints what a script reads; refused where it means nothing
}

// commandList is every command, in the order usage lists them. A function, not a
// package-level table: the commands' own help reads the list.
func commandList() []command {
	return []command{
		{"add", "--company C --role R --at TIME --interviewer ADDR [...]", "record an interview", (*Main).add, true},
		{"list", "[--json]", "applications, their status, next action and when", (*Main).list, true},
		{"show", "APP [--json]", "one application: contacts, timeline and the schedule with its rules", (*Main).show, true},
		{"drafts", "[show DRAFT] [--json]", "outgoing messages not yet sent, and their state; show: one draft's whole text", (*Main).drafts, true},
		{"approve", "DRAFT", "approve a draft: it goes out at the next moment inside the send window", (*Main).approve, false},
		{"skip", "DRAFT", "drop a draft", (*Main).skip, false},
		{"edit", "DRAFT", "edit a draft in $EDITOR, then approve it", (*Main).edit, false},
		{"stop", "APP [--reason TEXT]", "no more follow-ups for an application", (*Main).stop, false},
		{"digest", "[--send] [--json]", "print the digest; --send queues it for the running daemon to email", (*Main).digest, true},
		{"run", "", "run the daemon: watch the mailbox, draft, ask, send", (*Main).runDaemon, false},
		{"demo", "[-v]", "the whole loop on in-process mail servers, narrated; nothing to set up", (*Main).demo, false},
		{"check-config", "[--connect] [--json]", "validate the configuration; --connect logs in to IMAP and SMTP", (*Main).checkConfig, true},
		{"classify", "FILE|- [--json]", "say what followup takes a raw message for, and why", (*Main).classify, true},
		{"version", "[--json]", "print the version", (*Main).version, true},
		{"completion", "bash|zsh|fish", "print the shell completion script", (*Main).completion, false},
		{"man", "", "print the manual page (man -l <(followup man))", (*Main).man, false},
	}
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintf(w, "usage: followup [--config FILE] COMMAND [flags]\n\ncommands:\n")
	for _, c := range commandList() {
		fmt.Fprintf(w, "  %-13s %s\n  %-13s   %s\n", c.name, c.args, "", c.summary)
	}
	fmt.Fprintf(w, "\n`followup COMMAND --help` shows a command's flags. The configuration is read from --config,\nelse %s.\n", config.DefaultPath())
}

// cmdEnv is what a command gets: its flag set (with --config and --json already defined),
// and lazily the configuration and the store.
type cmdEnv struct {
	flags      *flag.FlagSet
	args       []string
	configPath *string
	jsonOut    *bool
	cfg        *config.Config
	st         *store.Store
	main       *Main
	help       func(w io.Writer) // the command's usage and flags
	cmd        *command
}

func (e *cmdEnv) config() (*config.Config, error) {
	if e.cfg != nil {
		return e.cfg, nil
	}
	path := *e.configPath
	if path == "" {
		path = config.DefaultPath()
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintf(e.main.Stderr, "warning: %s\n", w)
	}
	e.cfg = cfg
	return cfg, nil
}

// open loads the configuration and opens the store.
func (e *cmdEnv) open(ctx context.Context) (*config.Config, *store.Store, error) {
	st, err := e.store(ctx)
	if err != nil {
		return nil, nil, err
	}
	return e.cfg, st, nil
}

func (e *cmdEnv) store(ctx context.Context) (*store.Store, error) {
	if e.st != nil {
		return e.st, nil
	}
	cfg, err := e.config()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, cfg.Store.Path)
	if err != nil {
		return nil, err
	}
	if e.main.Now != nil {
		st.Now = e.main.Now
	}
	e.st = st
	return st, nil
}

// Run runs followup with args (without the program name) and returns the exit status.
func (m *Main) Run(ctx context.Context, args []string) int {
	global := flag.NewFlagSet("followup", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	configPath := global.String("config", "", "configuration file")
	showVersion := global.Bool("version", false, "print the version")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			m.usage(m.Stdout)
			return ExitOK
		}
		fmt.Fprintf(m.Stderr, "followup: %v\n", err)
		m.usage(m.Stderr)
		return ExitUsage
	}
	rest := global.Args()
	if *showVersion {
		fmt.Fprintln(m.Stdout, versionLine())
		return ExitOK
	}
	if len(rest) == 0 {
		m.usage(m.Stderr)
		return ExitUsage
	}
	name := rest[0]
	if name == "help" {
		m.usage(m.Stdout)
		return ExitOK
	}
	var cmd *command
	for _, c := range commandList() {
		if c.name == name {
			cmd = &c
		}
	}
	if cmd == nil {
		if near := nearest(name); near != "" {
			fmt.Fprintf(m.Stderr, "followup: unknown command %q; did you mean %q? (see followup help)\n", name, near)
		} else {
			fmt.Fprintf(m.Stderr, "followup: unknown command %q (see followup help)\n", name)
		}
		return ExitUsage
	}
	fs := flag.NewFlagSet("followup "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parse prints: help on stdout, a bad flag on stderr
	env := &cmdEnv{flags: fs, args: rest[1:], main: m, cmd: cmd}
	env.configPath = fs.String("config", *configPath, "configuration file")
	env.jsonOut = fs.Bool("json", false, "print JSON")
	env.help = func(w io.Writer) {
		fmt.Fprintf(w, "usage: followup %s %s\n  %s\n\nflags:\n", name, cmd.args, cmd.summary)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	err := cmd.run(m, ctx, env)
	if env.st != nil {
		env.st.Close()
	}
	return m.report(name, err)
}

func (m *Main) report(name string, err error) int {
	if err == nil {
		return ExitOK
	}
	var ue *usageError
	var ce *config.Error
	switch {
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ce):
		fmt.Fprintf(m.Stderr, "followup %s: the configuration has %s:\n%v\n", name, plural(len(ce.Problems), "problem"), err)
		return ExitUsage
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "followup %s: %v\n", name, err)
		return ExitUsage
	case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrDuplicate), errors.Is(err, store.ErrTransition):
		fmt.Fprintf(m.Stderr, "followup %s: %v\n", name, err)
		return ExitUsage
	}
	fmt.Fprintf(m.Stderr, "followup %s: %v\n", name, err)
	return ExitError
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// parse parses the command's flags and returns the positional arguments, refusing more
// than max of them.
func (e *cmdEnv) parse(max int) ([]string, error) {
	// Flags may follow positional arguments: `followup show 3 --json`.
	args := e.args
	var pos []string
	for {
		if err := e.flags.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				e.help(e.main.Stdout) // asked for: on stdout, so that | less shows it
				return nil, err
			}
			e.help(e.main.Stderr)
			return nil, &usageError{err.Error()}
		}
		args = e.flags.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) > max {
		return nil, usagef("unexpected argument %q", pos[max])
	}
	if *e.jsonOut && e.cmd != nil && !e.cmd.json {
		return nil, usagef("--json means nothing for %s: it prints no data a script would read", e.cmd.name)
	}
	return pos, nil
}

func (m *Main) printJSON(v any) error {
	enc := json.NewEncoder(m.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func (m *Main) version(ctx context.Context, env *cmdEnv) error {
	if _, err := env.parse(0); err != nil {
		return err
	}
	if *env.jsonOut {
		bi := buildinfo.Read()
		return m.printJSON(map[string]any{"version": bi.Version, "revision": bi.Revision, "schema": store.SchemaVersion(), "go": runtime.Version()})
	}
	fmt.Fprintln(m.Stdout, versionLine())
	return nil
}

func versionLine() string {
	bi := buildinfo.Read()
	v := bi.Version
	if bi.Revision != "" && !strings.Contains(v, bi.Revision) {
		v += " (" + bi.Revision + ")"
	}
	return fmt.Sprintf("followup %s, store schema %d, %s", v, store.SchemaVersion(), runtime.Version())
}

// nearest is the command whose name is closest to name (one or two edits away), or "".
func nearest(name string) string {
	best, bestD := "", 3
	for _, c := range commandList() {
		if d := config.EditDistance(name, c.name); d < bestD {
			best, bestD = c.name, d
		}
	}
	return best
}

func (m *Main) checkConfig(ctx context.Context, env *cmdEnv) error {
	connect := env.flags.Bool("connect", false, "log in to IMAP and SMTP and print what they offer")
	if _, err := env.parse(0); err != nil {
		return err
	}
	cfg, err := env.config()
	if err != nil {
		return err
	}
	problems, notes := cfg.CheckSources(ctx)
	if len(problems) > 0 {
		return &config.Error{File: cfg.File, Problems: problems}
	}
	if *env.jsonOut {
		out := map[string]any{"file": cfg.File, "ok": true, "notes": append([]string{}, notes...), "store": cfg.Store.Path}
		if *connect {
			out["imap"], out["smtp"] = m.probeJSON(ctx, cfg)
		}
		return m.printJSON(out)
	}
	for _, n := range notes {
		fmt.Fprintf(m.Stdout, "note: %s\n", n)
	}
	fmt.Fprintf(m.Stdout, "%s: ok (passwords readable, store %s writable)\n", cfg.File, cfg.Store.Path)
	if !*connect {
		return nil
	}
	return m.probe(ctx, cfg)
}

func (m *Main) probe(ctx context.Context, cfg *config.Config) error {
	var failed []string
	if res, err := probeIMAP(ctx, cfg); err != nil {
		fmt.Fprintf(m.Stdout, "imap %s: FAILED: %v\n", cfg.IMAP.Addr(), err)
		failed = append(failed, "imap")
	} else {
		caps := res.Caps
		sort.Strings(caps)
		idle := "no (followup will poll every " + cfg.IMAP.PollInterval + ")"
		for _, c := range caps {
			if strings.EqualFold(c, "IDLE") {
				idle = "yes"
			}
		}
		how := "as configured"
		if res.SentFound {
			how = "found by its SPECIAL-USE mark"
		}
		fmt.Fprintf(m.Stdout, "imap %s (%s): logged in as %s\n  IDLE: %s\n  Sent folder: %s (%s)\n  watches: %s\n  capabilities: %s\n",
			cfg.IMAP.Addr(), cfg.IMAP.Security, cfg.IMAP.Username, idle, res.Sent, how, strings.Join(res.Selected, ", "), strings.Join(caps, " "))
	}
	if ext, err := probeSMTP(ctx, cfg); err != nil {
		fmt.Fprintf(m.Stdout, "smtp %s: FAILED: %v\n", cfg.SMTP.Addr(), err)
		failed = append(failed, "smtp")
	} else {
		fmt.Fprintf(m.Stdout, "smtp %s (%s, %s): logged in as %s\n  AUTH: %s\n", cfg.SMTP.Addr(), cfg.SMTP.Security, ext["TLS"], cfg.SMTP.Username, ext["AUTH"])
		var keys []string
		for k := range ext {
			if k != "AUTH" && k != "TLS" {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		fmt.Fprintf(m.Stdout, "  extensions: %s\n", strings.Join(keys, " "))
	}
	if len(failed) > 0 {
		return fmt.Errorf("could not log in to %s", strings.Join(failed, " and "))
	}
	return nil
}

// probeJSON is --connect for check-config --json.
func (m *Main) probeJSON(ctx context.Context, cfg *config.Config) (imap, smtp map[string]any) {
	imap = map[string]any{"addr": cfg.IMAP.Addr(), "ok": false}
	if res, err := probeIMAP(ctx, cfg); err != nil {
		imap["error"] = err.Error()
	} else {
		imap["ok"], imap["sent_folder"], imap["sent_found"], imap["watches"], imap["capabilities"] = true, res.Sent, res.SentFound, res.Selected, res.Caps
	}
	smtp = map[string]any{"addr": cfg.SMTP.Addr(), "ok": false}
	if ext, err := probeSMTP(ctx, cfg); err != nil {
		smtp["error"] = err.Error()
	} else {
		smtp["ok"], smtp["auth"], smtp["tls"] = true, ext["AUTH"], ext["TLS"]
	}
	return imap, smtp
}

func probeIMAP(ctx context.Context, cfg *config.Config) (inbox.ProbeResult, error) {
	pw, err := cfg.IMAP.Secret(ctx)
	if err != nil {
		return inbox.ProbeResult{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.IMAP.TimeoutDuration)
	defer cancel()
	return inbox.Probe(ctx, cfg.IMAP, pw)
}

func probeSMTP(ctx context.Context, cfg *config.Config) (map[string]string, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.SMTP.TimeoutDuration)
	defer cancel()
	return mailer.Probe(ctx, cfg.SMTP)
}

// Package cli is followup's command line: it parses arguments, loads the configuration and
// calls the packages that do the work. Main's Run is what cmd/followup calls and what the
// end-to-end tests run.
//
// The commands are spf13/cobra commands, one per file (add.go, list.go, …): the same
// definitions give the help, the shell completions and the manual page.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/followupd/followup/internal/textsafe"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/followupd/followup/config"
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

// cmdEnv is what every command shares: the global --config, its own --json, and lazily the
// configuration and the store.
type cmdEnv struct {
	main       *Main
	configPath string
	jsonOut    bool
	cfg        *config.Config
	st         *store.Store
}

func (e *cmdEnv) config() (*config.Config, error) {
	if e.cfg != nil {
		return e.cfg, nil
	}
	path := e.configPath
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

func (e *cmdEnv) close() {
	if e.st != nil {
		e.st.Close()
		e.st = nil
	}
}

// Run runs followup with args (without the program name) and returns the exit status.
func (m *Main) Run(ctx context.Context, args []string) int {
	// Every command prints what strangers wrote (a sender, a subject, a company an ATS
	// named): nothing printed can reach the terminal as an escape sequence or a bidi override.
	stdout, stderr := m.Stdout, m.Stderr
	m.Stdout, m.Stderr = textsafe.Writer(stdout), textsafe.Writer(stderr)
	defer func() { m.Stdout, m.Stderr = stdout, stderr }()
	env := &cmdEnv{main: m}
	root := m.newRoot(env)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	env.close()
	name := ""
	if cmd != nil && cmd != root {
		name = cmd.Name()
	}
	return m.report(name, err)
}

func (m *Main) report(name string, err error) int {
	if err == nil {
		return ExitOK
	}
	prefix := "followup"
	if name != "" {
		prefix += " " + name
	}
	var ue *usageError
	var ce *config.Error
	var se silentError
	switch {
	case errors.As(err, &se):
		return se.code
	case errors.As(err, &ce):
		fmt.Fprintf(m.Stderr, "%s: the configuration has %s:\n%v\n", prefix, plural(len(ce.Problems), "problem"), err)
		return ExitUsage
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "%s: %v\n", prefix, err)
		return ExitUsage
	case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrDuplicate), errors.Is(err, store.ErrTransition):
		fmt.Fprintf(m.Stderr, "%s: %v\n", prefix, err)
		return ExitUsage
	}
	fmt.Fprintf(m.Stderr, "%s: %v\n", prefix, err)
	return ExitError
}

// silentError is a failure the command has already reported in full (check-config's list,
// printed as text or JSON): only its exit status is left to give.
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func (m *Main) printJSON(v any) error {
	enc := json.NewEncoder(m.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// maxArgs refuses more than n positional arguments, in followup's words.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usagef("unexpected argument %q", args[n])
		}
		return nil
	}
}

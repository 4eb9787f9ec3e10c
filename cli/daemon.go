package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"

	"github.com/followupd/followup/assistant"
	"github.com/followupd/followup/demo"
	"github.com/followupd/followup/internal/buildinfo"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/daemon"
	"github.com/followupd/followup/store"
)

// NewLogger returns the daemon's logger: plain text with levels on stderr (journald adds
// the time), or JSON.
func NewLogger(w io.Writer, cfg config.Log) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.Level))
	opts := &slog.HandlerOptions{Level: level}
	switch {
	case cfg.Format == "json":
		return slog.New(slog.NewJSONHandler(w, opts))
	case toJournal(w, os.Getenv):
		return slog.New(newJournalHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func (m *Main) runDaemon(ctx context.Context, env *cmdEnv) error {
	if _, err := env.parse(0); err != nil {
		return err
	}
	cfg, err := env.config()
	if err != nil {
		return err
	}
	logger := NewLogger(m.Stderr, cfg.Log)
	st, err := env.store(ctx)
	if err != nil {
		return err
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	logger.Info("followup starting", "version", buildinfo.Version(), "config", cfg.File, "store", cfg.Store.Path)
	return daemon.Serve(ctx, cfg, st, func(c config.Log) *slog.Logger { return NewLogger(m.Stderr, c) }, hup)
}

func draftID(args []string) (int64, error) {
	if len(args) == 0 {
		return 0, usagef("which draft? give its id (see followup drafts)")
	}
	var id int64
	if _, err := fmt.Sscan(strings.TrimPrefix(args[0], "#"), &id); err != nil || id <= 0 {
		return 0, usagef("%q is not a draft id (see followup drafts)", args[0])
	}
	return id, nil
}

func (m *Main) approve(ctx context.Context, env *cmdEnv) error {
	return m.approveWith(ctx, env, nil)
}

func (m *Main) approveWith(ctx context.Context, env *cmdEnv, text func(store.Message) (string, error)) error {
	args, err := env.parse(1)
	if err != nil {
		return err
	}
	cfg, st, draft, err := env.draft(ctx, args)
	if err != nil {
		return err
	}
	id := draft.ID
	if err := activeApp(ctx, st, draft); err != nil {
		return err
	}
	body := ""
	if text != nil {
		if body, err = text(draft); err != nil {
			return err
		}
	}
	msg, _, err := assistant.Approve(ctx, st, cfg.Rules, m.Now(), id, body)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "draft %d %s\n", id, msg)
	return nil
}

// activeApp refuses, with the reason, a command for a draft whose application ended.
func activeApp(ctx context.Context, st *store.Store, draft store.Message) error {
	app, err := st.Application(ctx, draft.AppID)
	if err != nil {
		return err
	}
	if !store.MayGo(app.Status, draft.Kind) {
		return fmt.Errorf("draft %d: application %d is %s%s: %w", draft.ID, app.ID, app.Status,
			map[bool]string{true: " (" + app.StatusReason + ")", false: ""}[app.StatusReason != ""], store.ErrTransition)
	}
	return nil
}

func (m *Main) skip(ctx context.Context, env *cmdEnv) error {
	args, err := env.parse(1)
	if err != nil {
		return err
	}
	id, err := draftID(args)
	if err != nil {
		return err
	}
	st, err := env.store(ctx)
	if err != nil {
		return err
	}
	if _, err := st.Transition(ctx, id, []store.State{store.Drafted, store.AwaitingApproval, store.Approved, store.Unknown}, store.Skipped, nil); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "draft %d skipped; it will not be sent\n", id)
	return nil
}

func (m *Main) edit(ctx context.Context, env *cmdEnv) error {
	return m.approveWith(ctx, env, func(draft store.Message) (string, error) {
		editor := m.Getenv("VISUAL")
		if editor == "" {
			editor = m.Getenv("EDITOR")
		}
		if editor == "" {
			editor = "vi"
		}
		f, err := os.CreateTemp("", "followup-draft-*.txt")
		if err != nil {
			return "", err
		}
		defer os.Remove(f.Name())
		if _, err := f.WriteString(draft.Body); err != nil {
			f.Close()
			return "", err
		}
		f.Close()
		cmd := exec.CommandContext(ctx, "/bin/sh", "-c", editor+` "$1"`, "editor", f.Name())
		cmd.Stdin, cmd.Stdout, cmd.Stderr = m.Stdin, m.Stdout, m.Stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("editor %q: %w (nothing changed)", editor, err)
		}
		b, err := os.ReadFile(f.Name())
		if err != nil {
			return "", err
		}
		text := strings.TrimSpace(string(b))
		if text == "" {
			return "", usagef("the draft is empty: nothing changed (use followup skip %d to drop it)", draft.ID)
		}
		if err := assistant.Guard(text); err != nil {
			return "", usagef("not taken: %v; nothing changed (a quotation of followup's own mail must never reach a contact)", err)
		}
		return text, nil
	})
}

func (m *Main) digest(ctx context.Context, env *cmdEnv) error {
	send := env.flags.Bool("send", false, "queue the digest for the running daemon to email now")
	if _, err := env.parse(0); err != nil {
		return err
	}
	cfg, st, err := env.open(ctx)
	if err != nil {
		return err
	}
	d, err := assistant.New(cfg, st, NewLogger(m.Stderr, cfg.Log))
	if err != nil {
		return err
	}
	if *send {
		if _, err := d.QueueDigest(ctx, true); err != nil {
			return err
		}
		if *env.jsonOut {
			return m.printJSON(map[string]any{"queued": true, "to": cfg.Owner.Email})
		}
		fmt.Fprintf(m.Stdout, "digest queued for %s: the running daemon sends it within a minute\n", cfg.Owner.Email)
		return nil
	}
	dg, err := d.BuildDigest(ctx)
	if err != nil {
		return err
	}
	if *env.jsonOut {
		return m.printJSON(dg)
	}
	fmt.Fprint(m.Stdout, dg.Text(cfg.Owner.Location))
	return nil
}

func (m *Main) demo(ctx context.Context, env *cmdEnv) error {
	verbose := env.flags.Bool("v", false, "show the daemon's log")
	if _, err := env.parse(0); err != nil {
		return err
	}
	return demo.Run(ctx, m.Stdout, *verbose)
}

// draft opens the store and reads the draft the command's argument names.
func (e *cmdEnv) draft(ctx context.Context, args []string) (*config.Config, *store.Store, store.Message, error) {
	id, err := draftID(args)
	if err != nil {
		return nil, nil, store.Message{}, err
	}
	cfg, st, err := e.open(ctx)
	if err != nil {
		return nil, nil, store.Message{}, err
	}
	m, err := st.Message(ctx, id)
	return cfg, st, m, err
}

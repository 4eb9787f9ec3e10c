package cli

import (
	"context"
	"github.com/followupd/followup/internal/buildinfo"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/daemon"
	"github.com/spf13/cobra"
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

func (m *Main) runCommand(env *cmdEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "run",
		Short: "run the daemon: watch the mailbox, draft, ask, send",
		Long: `Runs until stopped (SIGTERM, SIGINT); SIGHUP reloads the configuration. Under systemd:
systemctl --user start followup (or systemctl start followup for the system service), and
journalctl --user -u followup for its log.`,
		Args: maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error { return m.runDaemon(cmd.Context(), env) },
	}
}

func (m *Main) runDaemon(ctx context.Context, env *cmdEnv) error {
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

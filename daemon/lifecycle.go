package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"

	sddaemon "github.com/coreos/go-systemd/v22/daemon"
	"golang.org/x/sys/unix"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/store"
)

// Serve runs the daemon until ctx is done, reloading the configuration on each value from
// hup (SIGHUP). It speaks systemd's notify protocol for the lifecycle as a whole: READY=1
// once the watchers are up, RELOADING=1 with MONOTONIC_USEC and then READY=1 around a
// reload (the protocol of Type=notify-reload; Type=notify with ExecReload takes the same
// messages on systemd 252), and STOPPING=1 only when it stops for good. systemd takes a
// STOPPING=1 from a running service as the start of its stop: a reload must never send it.
// A configuration that does not load, or moves the store, is refused and the running one
// kept.
func Serve(ctx context.Context, cfg *config.Config, st *store.Store, newLogger func(config.Log) *slog.Logger, hup <-chan os.Signal) error {
	logger := newLogger(cfg.Log)
	for {
		d, err := New(cfg, st, logger)
		if err != nil {
			return err
		}
		runCtx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- d.Run(runCtx) }()
		var next *config.Config
		for next == nil {
			select {
			case err := <-done:
				cancel()
				if ctx.Err() != nil || errors.Is(err, context.Canceled) {
					err = nil
				}
				logger.Info("followup stopped")
				return err
			case <-ctx.Done():
				sdnotify(logger, "STOPPING=1")
				err := <-done
				cancel()
				logger.Info("followup stopped")
				if errors.Is(err, context.Canceled) {
					err = nil
				}
				return err
			case <-hup:
				sdnotify(logger, fmt.Sprintf("RELOADING=1\nMONOTONIC_USEC=%d", monotonicUsec()))
				c, err := config.Load(cfg.File)
				switch {
				case err != nil:
					logger.Error("reload refused; keeping the running configuration", "err", err)
					sdnotify(logger, "READY=1\nSTATUS=reload refused: the configuration has errors; running on the previous one")
				case c.Store.Path != cfg.Store.Path:
					logger.Error("reload refused: store.path changes need a restart", "running", cfg.Store.Path, "new", c.Store.Path)
					sdnotify(logger, "READY=1\nSTATUS=reload refused: store.path changes need a restart")
				default:
					for _, w := range c.Warnings {
						logger.Warn(w)
					}
					next = c
				}
			}
		}
		logger.Info("reloading the configuration", "config", next.File)
		cancel()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		cfg = next
		logger = newLogger(cfg.Log)
		// The new daemon's Run says READY=1 once its watchers are up: the reload is over.
	}
}

// monotonicUsec is CLOCK_MONOTONIC in microseconds, as systemd wants it with RELOADING=1.
func monotonicUsec() int64 {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		return 0
	}
	return ts.Nano() / 1000
}

func sdnotify(log *slog.Logger, state string) {
	if _, err := sddaemon.SdNotify(false, state); err != nil {
		log.Warn("sd_notify", "err", err)
	}
}

package cli

import (
	"context"
	"fmt"

	"github.com/followupd/followup/assistant"
	"github.com/spf13/cobra"
)

func (m *Main) digestCommand(env *cmdEnv) *cobra.Command {
	var send bool
	c := &cobra.Command{
		Use:         "digest",
		Short:       "print the digest; --send queues it for the daemon to email",
		Args:        maxArgs(0),
		Annotations: map[string]string{jsonAnnotation: "yes"},
		RunE:        func(cmd *cobra.Command, args []string) error { return m.digest(cmd.Context(), env, send) },
	}
	c.Flags().BoolVar(&send, "send", false, "queue the digest for the daemon to email")
	return c
}

func (m *Main) digest(ctx context.Context, env *cmdEnv, send bool) error {
	cfg, st, err := env.open(ctx)
	if err != nil {
		return err
	}
	d, err := assistant.New(cfg, st, NewLogger(m.Stderr, cfg.Log))
	if err != nil {
		return err
	}
	d.Now = m.Now
	if send {
		if _, err := d.QueueDigest(ctx, true); err != nil {
			return err
		}
		daemon, err := m.daemonStatus(ctx, cfg, st)
		if err != nil {
			return err
		}
		if env.jsonOut {
			return m.printJSON(map[string]any{"queued": true, "to": cfg.Owner.Email, "daemon_running": daemon.running, "daemon_last_seen": m.ts(cfg, daemon.hb.At)})
		}
		if daemon.running {
			fmt.Fprintf(m.Stdout, "digest queued for %s: the running daemon (%s) sends it at its next tick (%s)\n", cfg.Owner.Email, daemon.text, cfg.Schedule.Tick)
		} else {
			fmt.Fprintf(m.Stdout, "digest queued for %s, but %s: it goes out when followup run starts (systemctl --user start followup, or systemctl start followup)\n",
				cfg.Owner.Email, daemon.text)
		}
		return nil
	}
	dg, err := d.BuildDigest(ctx)
	if err != nil {
		return err
	}
	if env.jsonOut {
		return m.printJSON(dg)
	}
	fmt.Fprint(m.Stdout, dg.Text(cfg.Owner.Location))
	return nil
}

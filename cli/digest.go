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
	if send {
		if _, err := d.QueueDigest(ctx, true); err != nil {
			return err
		}
		if env.jsonOut {
			return m.printJSON(map[string]any{"queued": true, "to": cfg.Owner.Email})
		}
		fmt.Fprintf(m.Stdout, "digest queued for %s: the running daemon sends it within a minute\n", cfg.Owner.Email)
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

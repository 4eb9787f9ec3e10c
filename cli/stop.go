package cli

import (
	"context"
	"fmt"

	"github.com/followupd/followup/policy"
	"github.com/spf13/cobra"
)

func (m *Main) stopCommand(env *cmdEnv) *cobra.Command {
	var reason string
	c := &cobra.Command{
		Use:               "stop APP",
		Short:             "no more follow-ups for an application",
		Args:              maxArgs(1),
		ValidArgsFunction: env.completeApps,
		RunE:              func(cmd *cobra.Command, args []string) error { return m.stop(cmd.Context(), env, args, reason) },
	}
	c.Flags().StringVar(&reason, "reason", "", "why, a `TEXT` kept in the timeline")
	return c
}

func (m *Main) stop(ctx context.Context, env *cmdEnv, args []string, reason string) error {
	id, err := appID(args)
	if err != nil {
		return err
	}
	if err := oneLine("reason", reason); err != nil {
		return err
	}
	st, err := env.store(ctx)
	if err != nil {
		return err
	}
	n, err := st.SetStatus(ctx, id, policy.Stopped, reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "application %d stopped; %s cancelled\n", id, plural(n, "queued follow-up"))
	return nil
}

package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
	"github.com/spf13/cobra"
)

func (m *Main) resumeCommand(env *cmdEnv) *cobra.Command {
	var reason string
	c := &cobra.Command{
		Use:   "resume APP",
		Short: "undo a pause or an ending: follow an application again",
		Long: "resume returns an application to active and plans its follow-ups again: a pause that mail from an unverified\n" +
			"sender caused, a stop, or an outcome recorded by mistake (rejected, offer, replied, moved on).",
		Args:              maxArgs(1),
		ValidArgsFunction: env.completeApps,
		RunE:              func(cmd *cobra.Command, args []string) error { return m.resume(cmd.Context(), env, args, reason) },
	}
	c.Flags().StringVar(&reason, "reason", "", "why, a `TEXT` kept in the timeline")
	return c
}

func (m *Main) resume(ctx context.Context, env *cmdEnv, args []string, reason string) error {
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
	was, lifted, err := st.Resume(ctx, id, reason)
	if errors.Is(err, store.ErrTransition) {
		fmt.Fprintf(m.Stdout, "application %d is active, and nothing holds it: nothing to resume\n", id)
		return nil
	} else if err != nil {
		return err
	}
	what := "resumed"
	if was != policy.Active {
		what += " (it was " + string(was) + ")"
	}
	if lifted > 0 {
		what += "; " + plural(lifted, "hold") + " lifted"
	}
	fmt.Fprintf(m.Stdout, "application %d %s: its follow-ups are planned again\n", id, what)
	return nil
}

package cli

import (
	"context"
	"fmt"

	"github.com/followupd/followup/store"
	"github.com/spf13/cobra"
)

func (m *Main) skipCommand(env *cmdEnv) *cobra.Command {
	return &cobra.Command{
		Use:               "skip DRAFT",
		Short:             "drop a draft",
		Args:              maxArgs(1),
		ValidArgsFunction: env.completeDrafts,
		RunE:              func(cmd *cobra.Command, args []string) error { return m.skip(cmd.Context(), env, args) },
	}
}

func (m *Main) skip(ctx context.Context, env *cmdEnv, args []string) error {
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

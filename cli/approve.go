package cli

import (
	"context"
	"fmt"

	"github.com/followupd/followup/assistant"
	"github.com/followupd/followup/store"
	"github.com/spf13/cobra"
)

func (m *Main) approveCommand(env *cmdEnv) *cobra.Command {
	return &cobra.Command{
		Use:               "approve DRAFT",
		Short:             "approve a draft: it goes out at the next moment inside the send window",
		Args:              maxArgs(1),
		ValidArgsFunction: env.completeDrafts,
		RunE:              func(cmd *cobra.Command, args []string) error { return m.approveWith(cmd.Context(), env, args, nil) },
	}
}

func (m *Main) approveWith(ctx context.Context, env *cmdEnv, args []string, text func(store.Message) (string, error)) error {
	cfg, st, draft, err := env.draft(ctx, args)
	if err != nil {
		return err
	}
	id := draft.ID
	if err := activeApp(ctx, st, draft); err != nil {
		return err
	}
	// Approving twice is asking for what is already so: said, and not an error (as
	// `systemctl start` of a running unit).
	if text == nil {
		switch draft.State {
		case store.Approved, store.Sending:
			fmt.Fprintf(m.Stdout, "draft %d is already approved; it goes out %s\n", id, human(cfg, draft.Due))
			return nil
		case store.Sent:
			fmt.Fprintf(m.Stdout, "draft %d is already approved, and was sent %s\n", id, human(cfg, draft.SentAt))
			return nil
		}
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

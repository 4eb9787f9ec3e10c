package cli

import (
	"context"
	"fmt"

	"github.com/followupd/followup/assistant"
	"github.com/spf13/cobra"
)

func (m *Main) previewCommand(env *cmdEnv) *cobra.Command {
	return &cobra.Command{
		Use:               "preview APP",
		Short:             "every letter the plan holds, in full, as it would be drafted on its day",
		Args:              maxArgs(1),
		Annotations:       map[string]string{jsonAnnotation: "yes"},
		ValidArgsFunction: env.completeApps,
		RunE:              func(cmd *cobra.Command, args []string) error { return m.preview(cmd.Context(), env, args) },
	}
}

// preview prints every letter an application's plan holds, in full, as it would be drafted
// on its day (assistant.Preview): the owner reads check-in 3 before week 3.
func (m *Main) preview(ctx context.Context, env *cmdEnv, args []string) error {
	id, err := appID(args)
	if err != nil {
		return err
	}
	cfg, st, err := env.open(ctx)
	if err != nil {
		return err
	}
	a, err := assistant.New(cfg, st, NewLogger(m.Stderr, cfg.Log))
	if err != nil {
		return err
	}
	letters, err := a.Preview(ctx, id)
	if err != nil {
		return err
	}
	if env.jsonOut {
		if letters == nil {
			letters = []assistant.Letter{}
		}
		return m.printJSON(letters)
	}
	if len(letters) == 0 {
		fmt.Fprintf(m.Stdout, "application %d has no letters planned\n", id)
	}
	for i, l := range letters {
		if i > 0 {
			fmt.Fprintln(m.Stdout)
		}
		state := "planned"
		if l.State != "" {
			state = "drafted: " + l.State
		}
		fmt.Fprintf(m.Stdout, "== %s to %s, %s (%s)\nSubject: %s\n\n%s", l.What, l.To, human(cfg, l.Due), state, l.Subject, l.Body)
		for _, why := range l.LeftOut {
			fmt.Fprintf(m.Stdout, "   (left out: %s)\n", why)
		}
	}
	return nil
}

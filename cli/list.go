package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func (m *Main) listCommand(env *cmdEnv) *cobra.Command {
	return &cobra.Command{
		Use:         "list",
		Short:       "applications, their status, and the next thing that goes out and when",
		Args:        maxArgs(0),
		Annotations: map[string]string{jsonAnnotation: "yes"},
		RunE:        func(cmd *cobra.Command, args []string) error { return m.list(cmd.Context(), env) },
	}
}

func (m *Main) list(ctx context.Context, env *cmdEnv) error {
	cfg, _, apps, err := m.loadPlanned(ctx, env)
	if err != nil {
		return err
	}
	if env.jsonOut {
		items := make([]jsonListItem, 0, len(apps))
		for _, p := range apps {
			it := jsonListItem{ID: p.app.ID, Company: p.app.Company, Role: p.app.Role, Status: string(p.app.Status), InterviewAt: m.ts(cfg, p.app.Interview.Start)}
			if len(p.plan.Actions) > 0 {
				a := m.action(cfg, p.app, p.plan.Actions[0])
				it.Next = &a
			}
			items = append(items, it)
		}
		return m.printJSON(items)
	}
	if len(apps) == 0 {
		fmt.Fprintln(m.Stdout, "No applications yet. Record an interview with: followup add --help")
		return nil
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tCOMPANY\tROLE\tINTERVIEW\tSTATUS\tNEXT\tWHEN")
	for _, p := range apps {
		next, when := "-", "-"
		if len(p.plan.Actions) > 0 {
			a := p.plan.Actions[0]
			next = kindLabel(a.Kind) + " → " + recipient(p.app, cfg, a.Kind, a.ContactID)
			when = human(cfg, a.Due) + m.overdue(a.Due)
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", p.app.ID, p.app.Company, p.app.Role,
			human(cfg, p.app.Interview.Start), p.app.Status, next, when)
	}
	return w.Flush()
}

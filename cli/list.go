package cli

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/store"
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
	cfg, st, apps, err := m.loadPlanned(ctx, env)
	if err != nil {
		return err
	}
	nexts := make([]*nextOut, len(apps))
	for i, p := range apps {
		if nexts[i], err = m.nextOut(ctx, cfg, st, p); err != nil {
			return err
		}
	}
	if env.jsonOut {
		items := make([]jsonListItem, 0, len(apps))
		for i, p := range apps {
			it := jsonListItem{ID: p.app.ID, Company: p.app.Company, Role: p.app.Role, Status: string(p.app.Status), InterviewAt: m.ts(cfg, p.app.Interview.Start)}
			if n := nexts[i]; n != nil {
				it.Next = &n.json
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
	for i, p := range apps {
		next, when := "-", "-"
		if n := nexts[i]; n != nil {
			next, when = n.label, human(cfg, n.due)+m.overdue(n.due)
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", p.app.ID, p.app.Company, p.app.Role,
			human(cfg, p.app.Interview.Start), p.app.Status, next, when)
	}
	return w.Flush()
}

// nextOut is the earliest mail an application has to go out: a draft approved or waiting
// for the owner's word, or the first follow-up planned.
type nextOut struct {
	label string
	due   time.Time
	json  jsonAction
}

func (m *Main) nextOut(ctx context.Context, cfg *config.Config, st *store.Store, p planned) (*nextOut, error) {
	var best *nextOut
	if len(p.plan.Actions) > 0 {
		a := p.plan.Actions[0]
		best = &nextOut{label: kindLabel(a.Kind) + " → " + recipient(p.app, cfg, a.Kind, a.ContactID), due: a.Due, json: m.action(cfg, p.app, a)}
	}
	msgs, err := st.Messages(ctx, store.MessageFilter{AppID: p.app.ID, States: []store.State{store.Drafted, store.AwaitingApproval, store.Approved, store.Sending}})
	if err != nil {
		return nil, err
	}
	for _, msg := range msgs {
		due := msg.Due
		if msg.NextAttempt.After(due) {
			due = msg.NextAttempt // a retry after a failed attempt
		}
		if best != nil && !due.Before(best.due) {
			continue
		}
		to := recipient(p.app, cfg, msg.Kind, msg.ContactID)
		state := "approved"
		switch msg.State {
		case store.Drafted, store.AwaitingApproval:
			state = "waits for your approval"
		case store.Sending:
			state = "being sent"
		}
		best = &nextOut{label: fmt.Sprintf("%s → %s (draft %d, %s)", kindLabel(msg.Kind), to, msg.ID, state), due: due,
			json: jsonAction{Kind: string(msg.Kind), To: to, Seq: msg.Seq, Due: m.ts(cfg, due), Rule: msg.Rule, Draft: msg.ID, State: string(msg.State)}}
	}
	return best, nil
}

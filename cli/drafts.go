package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/followupd/followup/store"
	"github.com/spf13/cobra"
)

func (m *Main) draftsCommand(env *cmdEnv) *cobra.Command {
	return &cobra.Command{
		Use:         "drafts [show DRAFT]",
		Short:       "outgoing messages not yet sent, and their state; show: one draft's whole text",
		Args:        maxArgs(2),
		Annotations: map[string]string{jsonAnnotation: "yes"},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			switch len(args) {
			case 0:
				return []string{"show\tone draft's whole text"}, cobra.ShellCompDirectiveNoFileComp
			case 1:
				return env.completeDrafts(cmd, args[1:], toComplete)
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error { return m.drafts(cmd.Context(), env, args) },
	}
}

func (m *Main) drafts(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) > 0 {
		if args[0] != "show" || len(args) != 2 {
			return usagef("drafts takes no argument, or show DRAFT")
		}
		return m.showDraft(ctx, env, args[1:])
	}
	cfg, st, err := env.open(ctx)
	if err != nil {
		return err
	}
	msgs, err := st.Messages(ctx, store.MessageFilter{States: []store.State{store.Drafted, store.AwaitingApproval, store.Approved, store.Sending, store.Unknown}})
	if err != nil {
		return err
	}
	daemon, err := m.daemonStatus(ctx, cfg, st)
	if err != nil {
		return err
	}
	apps := map[int64]store.Application{}
	out := []jsonDraft{}
	for _, msg := range msgs {
		app, ok := apps[msg.AppID]
		if !ok {
			if app, err = st.Application(ctx, msg.AppID); err != nil {
				return err
			}
			apps[msg.AppID] = app
		}
		d := m.draftJSON(cfg, app, msg)
		if d.Approval, err = m.approvalRequest(ctx, cfg, st, msg, daemon); err != nil {
			return err
		}
		out = append(out, d)
	}
	if env.jsonOut {
		return m.printJSON(out)
	}
	if len(out) == 0 {
		fmt.Fprintln(m.Stdout, "No drafts waiting.")
		return nil
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DRAFT\tAPP\tCOMPANY\tKIND\tTO\tSTATE\tDUE\tSUBJECT")
	var notes []string
	for i, d := range out {
		msg := msgs[i]
		fmt.Fprintf(w, "%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", d.ID, d.AppID, d.Company, kindLabel(msg.Kind), d.To, draftState(msg, d.Approval),
			human(cfg, msg.Due), indentLine(d.Subject))
		if d.Approval != nil && !d.Approval.Asked {
			notes = append(notes, fmt.Sprintf("draft %d: the approval request has not left: %s", d.ID, d.Approval.Why))
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if len(notes) > 0 {
		fmt.Fprintf(m.Stdout, "\n%s\n", strings.Join(notes, "\n"))
	}
	return nil
}

// showDraft prints one draft whole: to whom, when, why, its state and its text.
func (m *Main) showDraft(ctx context.Context, env *cmdEnv, args []string) error {
	cfg, st, msg, err := env.draft(ctx, args)
	if err != nil {
		return err
	}
	app, err := st.Application(ctx, msg.AppID)
	if err != nil {
		return err
	}
	daemon, err := m.daemonStatus(ctx, cfg, st)
	if err != nil {
		return err
	}
	approval, err := m.approvalRequest(ctx, cfg, st, msg, daemon)
	if err != nil {
		return err
	}
	if env.jsonOut {
		d := m.draftJSON(cfg, app, msg)
		d.Approval = approval
		return m.printJSON(struct {
			jsonDraft
			Body string `json:"body"`
			Rule string `json:"rule"`
		}{d, msg.Body, msg.Rule})
	}
	fmt.Fprintf(m.Stdout, "draft %d: %s (%s)\n  to:      %s\n  subject: %s\n  due:     %s\n  why:     %s\n",
		msg.ID, kindLabel(msg.Kind), draftState(msg, approval), recipient(app, cfg, msg.Kind, msg.ContactID), msg.Subject, human(cfg, msg.Due), msg.Rule)
	if msg.LastError != "" {
		fmt.Fprintf(m.Stdout, "  last error: %s\n", msg.LastError)
	}
	if approval != nil && approval.Asked {
		fmt.Fprintf(m.Stdout, "  asked:   %s\n", approval.sentAt(cfg))
	} else if approval != nil {
		fmt.Fprintf(m.Stdout, "  the approval request has not left: %s\n", approval.Why)
	}
	fmt.Fprintf(m.Stdout, "\n%s", msg.Body)
	return nil
}

package cli

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/followupd/followup/store"
)

// shells are the shells `followup completion` writes a script for.
var shells = []string{"bash", "zsh", "fish"}

func (m *Main) completionCommand(env *cmdEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish",
		Short: "print the shell completion script",
		Long: `Prints the script that completes followup's commands, flags, shells, and the ids of the
applications and drafts in the store. Load it with:
  bash: source <(followup completion bash)   (packaged: /usr/share/bash-completion/completions/followup)
  zsh:  followup completion zsh > "${fpath[1]}/_followup"
  fish: followup completion fish > ~/.config/fish/completions/followup.fish`,
		Args:      maxArgs(1),
		ValidArgs: shells,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("completion needs a shell: bash, zsh or fish")
			}
			if err := oneOf("completion for", args[0], shells); err != nil {
				return err
			}
			root := cmd.Root()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(m.Stdout, true)
			case "zsh":
				return root.GenZshCompletion(m.Stdout)
			}
			return root.GenFishCompletion(m.Stdout, true)
		},
	}
}

// completionStore opens the store for a completion, or nil when there is no configuration
// or no store yet: completing never creates one, and never says anything on the terminal.
func (e *cmdEnv) completionStore(ctx context.Context) *store.Store {
	quiet := *e.main
	quiet.Stderr = nopWriter{}
	qe := &cmdEnv{main: &quiet, configPath: e.configPath}
	cfg, err := qe.config()
	if err != nil {
		return nil
	}
	if _, err := os.Stat(cfg.Store.Path); err != nil {
		return nil
	}
	st, err := qe.store(ctx)
	if err != nil {
		return nil
	}
	e.cfg, e.st = cfg, st
	return st
}

type nopWriter struct{}

func (nopWriter) Write(b []byte) (int, error) { return len(b), nil }

// completeApps completes an application id, with its company, role and status.
func (e *cmdEnv) completeApps(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	st := e.completionStore(cmd.Context())
	if st == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	apps, err := st.Applications(cmd.Context())
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, a := range apps {
		if id := strconv.FormatInt(a.ID, 10); strings.HasPrefix(id, toComplete) {
			out = append(out, fmt.Sprintf("%s\t%s, %s (%s)", id, a.Company, a.Role, a.Status))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeDrafts completes the id of a draft not yet sent, with what it is and to whom.
func (e *cmdEnv) completeDrafts(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	st := e.completionStore(cmd.Context())
	if st == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	msgs, err := st.Messages(cmd.Context(), store.MessageFilter{States: []store.State{store.Drafted, store.AwaitingApproval, store.Approved, store.Unknown}})
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, msg := range msgs {
		id := strconv.FormatInt(msg.ID, 10)
		if !strings.HasPrefix(id, toComplete) {
			continue
		}
		to := ""
		if app, err := st.Application(cmd.Context(), msg.AppID); err == nil {
			to = " → " + recipient(app, e.cfg, msg.Kind, msg.ContactID) + " (" + app.Company + ")"
		}
		out = append(out, fmt.Sprintf("%s\t%s%s, %s", id, kindLabel(msg.Kind), to, strings.ReplaceAll(string(msg.State), "_", " ")))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeZones completes an IANA zone name from the ones most interviews are in; any
// other is accepted as typed.
func completeZones(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, z := range []string{"UTC", "Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Amsterdam", "Europe/Zurich",
		"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Toronto",
		"Asia/Tokyo", "Asia/Singapore", "Asia/Kolkata", "Australia/Sydney"} {
		if _, err := time.LoadLocation(z); err == nil && strings.HasPrefix(z, toComplete) {
			out = append(out, z)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

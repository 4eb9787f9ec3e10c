package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/followupd/followup/assistant"
	"github.com/followupd/followup/store"
	"github.com/spf13/cobra"
)

func (m *Main) editCommand(env *cmdEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "edit DRAFT",
		Short: "edit a draft in your editor, then approve it",
		Long: `Opens the draft's text in $VISUAL, else $EDITOR, else sensible-editor (Debian's choice of
editor), else vi. Saving approves the draft with the new text; an empty text changes nothing.`,
		Args:              maxArgs(1),
		ValidArgsFunction: env.completeDrafts,
		RunE:              func(cmd *cobra.Command, args []string) error { return m.edit(cmd.Context(), env, args) },
	}
}

func (m *Main) edit(ctx context.Context, env *cmdEnv, args []string) error {
	return m.approveWith(ctx, env, args, func(draft store.Message) (string, error) {
		editor := m.Getenv("VISUAL")
		if editor == "" {
			editor = m.Getenv("EDITOR")
		}
		if editor == "" {
			// Debian's choice of editor (update-alternatives, select-editor), as git and
			// crontab use it; vi where it is not installed.
			editor = "vi"
			if _, err := exec.LookPath("sensible-editor"); err == nil {
				editor = "sensible-editor"
			}
		}
		f, err := os.CreateTemp("", "followup-draft-*.txt")
		if err != nil {
			return "", err
		}
		defer os.Remove(f.Name())
		if _, err := f.WriteString(draft.Body); err != nil {
			f.Close()
			return "", err
		}
		f.Close()
		cmd := exec.CommandContext(ctx, "/bin/sh", "-c", editor+` "$1"`, "editor", f.Name())
		cmd.Stdin, cmd.Stdout, cmd.Stderr = m.Stdin, m.Stdout, m.Stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("editor %q: %w (nothing changed)", editor, err)
		}
		b, err := os.ReadFile(f.Name())
		if err != nil {
			return "", err
		}
		text := strings.TrimSpace(string(b))
		if text == "" {
			return "", usagef("the draft is empty: nothing changed (use followup skip %d to drop it)", draft.ID)
		}
		if err := assistant.Guard(text); err != nil {
			return "", usagef("not taken: %v; nothing changed (a quotation of followup's own mail must never reach a contact)", err)
		}
		return text, nil
	})
}

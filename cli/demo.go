package cli

import (
	"github.com/followupd/followup/demo"
	"github.com/spf13/cobra"
)

func (m *Main) demoCommand(env *cmdEnv) *cobra.Command {
	var verbose bool
	c := &cobra.Command{
		Use:   "demo",
		Short: "the whole loop on in-process mail servers, narrated; nothing to set up",
		Args:  maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return demo.Run(cmd.Context(), m.Stdout, verbose)
		},
	}
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "show the daemon's log")
	return c
}

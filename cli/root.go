package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/followupd/followup/config"
)

// jsonAnnotation marks a command whose --json prints what a script reads.
const jsonAnnotation = "followup/json"

// commands are every command, in the order the help lists them. preview, import and the
// like are one more line here and one more file.
func (m *Main) commands(env *cmdEnv) []*cobra.Command {
	return []*cobra.Command{
		m.addCommand(env),
		m.listCommand(env),
		m.showCommand(env),
		m.previewCommand(env),
		m.draftsCommand(env),
		m.approveCommand(env),
		m.skipCommand(env),
		m.editCommand(env),
		m.stopCommand(env),
		m.resumeCommand(env),
		m.digestCommand(env),
		m.runCommand(env),
		m.demoCommand(env),
		m.checkConfigCommand(env),
		m.classifyCommand(env),
		m.versionCommand(env),
		m.completionCommand(env),
		m.manCommand(env),
	}
}

const rootUsage = `usage: followup [--config FILE] COMMAND [flags]

commands:{{range .Commands}}{{if .IsAvailableCommand}}
  {{rpad .Name .NamePadding}} {{.Short}}{{end}}{{end}}

global flags:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}

` + "`followup help COMMAND`" + ` shows a command's flags; ` + "`man followup`" + ` the whole manual.
The configuration is read from --config, else {{defaultConfig}}.
`

const commandUsage = `usage: {{.UseLine}}
  {{.Short}}
{{if .Long}}
{{.Long | trimTrailingWhitespaces}}
{{end}}{{if .HasAvailableLocalFlags}}
flags:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}
{{end}}{{if .HasAvailableInheritedFlags}}
global flags:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}
{{end}}`

func init() {
	cobra.AddTemplateFunc("defaultConfig", config.DefaultPath)
	// The help lists the commands in the order of commands(), the order of a first hour.
	cobra.EnableCommandSorting = false
}

// newRoot builds the command tree for one invocation.
func (m *Main) newRoot(env *cmdEnv) *cobra.Command {
	root := &cobra.Command{
		Use:   "followup",
		Short: "follow up after job interviews, by email, with your approval",
		// followup's own words for an unknown command, and usage when there is none.
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				cmd.SetOut(m.Stderr)
				_ = cmd.Usage()
				return silentError{ExitUsage}
			}
			return unknownCommand(cmd, args[0])
		},
		Version:           versionLine(),
		SilenceErrors:     true,
		SilenceUsage:      true,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
		// cobra's own default; SuggestionsFor (used for followup's wording) reads it unset as 0.
		SuggestionsMinimumDistance: 2,
	}
	root.SetIn(m.Stdin)
	root.SetOut(m.Stdout)
	root.SetErr(m.Stderr)
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetUsageTemplate(rootUsage)
	root.SetHelpTemplate(`{{.UsageString}}`)
	root.PersistentFlags().StringVar(&env.configPath, "config", "", "the configuration `FILE` (default: ~/.config/followup/config.yaml; the system service's, /etc/followup/config.yaml)")
	_ = root.MarkPersistentFlagFilename("config", "yaml", "yml")
	root.Flags().BoolP("version", "", false, "print the version")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usagef("%v (see followup help%s)", err, map[bool]string{true: "", false: " " + cmd.Name()}[cmd == cmd.Root()])
	})
	help := &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "show the help of followup or of a command",
		Args:  maxArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return commandNames(cmd.Root(), toComplete), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			target := cmd.Root()
			if len(args) == 1 {
				c, _, err := cmd.Root().Find(args)
				if err != nil || c == cmd.Root() {
					return unknownCommand(cmd.Root(), args[0])
				}
				target = c
			}
			target.SetOut(m.Stdout)
			return target.Help()
		},
	}
	help.SetUsageTemplate(commandUsage)
	root.SetHelpCommand(help)
	for _, c := range m.commands(env) {
		if c.Annotations[jsonAnnotation] != "" {
			c.Flags().BoolVar(&env.jsonOut, "json", false, "print JSON (the shapes are in the README)")
		} else {
			// Accepted so that the refusal says why, not "unknown flag"; never offered.
			c.Flags().BoolVar(&env.jsonOut, "json", false, "")
			_ = c.Flags().MarkHidden("json")
		}
		c.SetUsageTemplate(commandUsage)
		root.AddCommand(c)
	}
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if env.jsonOut && cmd.Annotations[jsonAnnotation] == "" {
			return usagef("--json means nothing for %s: it prints no data a script would read", cmd.Name())
		}
		return nil
	}
	return root
}

// unknownCommand says so, with the nearest command name when one is near.
func unknownCommand(root *cobra.Command, name string) error {
	if s := root.SuggestionsFor(name); len(s) > 0 {
		return usagef("unknown command %q; did you mean %q? (see followup help)", name, s[0])
	}
	return usagef("unknown command %q (see followup help)", name)
}

func commandNames(root *cobra.Command, prefix string) []string {
	var out []string
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() && strings.HasPrefix(c.Name(), prefix) {
			out = append(out, c.Name()+"\t"+c.Short)
		}
	}
	return out
}

// oneOf checks an enumerated value, with "did you mean" for a near miss.
func oneOf(what, v string, values []string) error {
	for _, x := range values {
		if v == x {
			return nil
		}
	}
	if near := config.Nearest(v, values); near != "" {
		return usagef("%s %q: did you mean %q? (%s)", what, v, near, config.OneOf(values))
	}
	return usagef("%s %q: %s", what, v, config.OneOf(values))
}

// flagValues completes a flag with fixed values.
func flagValues(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

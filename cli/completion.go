package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/followupd/followup/internal/buildinfo"
)

// flagInfo is one flag of a command, for completion and the man page.
type flagInfo struct {
	name, usage string
	boolean     bool
}

// commandFlags are a command's flags, read from the command itself: it is run with -h on a
// Main that writes nowhere, defines its flags, and stops at the help. One definition feeds
// the help, the completions and the man page.
func commandFlags(c command) []flagInfo {
	quiet := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }, Now: time.Now}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg := ""
	env := &cmdEnv{flags: fs, args: []string{"-h"}, main: quiet, cmd: &c, configPath: &cfg, help: func(io.Writer) {}}
	env.configPath = fs.String("config", "", "configuration file")
	env.jsonOut = fs.Bool("json", false, "print JSON")
	_ = c.run(quiet, context.Background(), env)
	var out []flagInfo
	fs.VisitAll(func(f *flag.Flag) {
		if f.Name == "json" && !c.json {
			return
		}
		b, ok := f.Value.(interface{ IsBoolFlag() bool })
		out = append(out, flagInfo{name: f.Name, usage: f.Usage, boolean: ok && b.IsBoolFlag()})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func (m *Main) completion(ctx context.Context, env *cmdEnv) error {
	args, err := env.parse(1)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usagef("completion needs a shell: bash, zsh or fish")
	}
	var names []string
	for _, c := range commandList() {
		names = append(names, c.name)
	}
	w := m.Stdout
	switch args[0] {
	case "bash":
		fmt.Fprintf(w, "# followup completion for bash: source <(followup completion bash)\n_followup() {\n")
		fmt.Fprintf(w, "  local cur=${COMP_WORDS[COMP_CWORD]}\n  if [ \"$COMP_CWORD\" -eq 1 ]; then\n")
		fmt.Fprintf(w, "    COMPREPLY=($(compgen -W %q -- \"$cur\")); return\n  fi\n  case ${COMP_WORDS[1]} in\n", strings.Join(names, " "))
		for _, c := range commandList() {
			var fl []string
			for _, f := range commandFlags(c) {
				fl = append(fl, "--"+f.name)
			}
			fmt.Fprintf(w, "    %s) COMPREPLY=($(compgen -W %q -- \"$cur\"));;\n", c.name, strings.Join(fl, " "))
		}
		fmt.Fprintf(w, "  esac\n}\ncomplete -o default -F _followup followup\n")
	case "zsh":
		fmt.Fprintf(w, "#compdef followup\n# followup completion for zsh: followup completion zsh > \"${fpath[1]}/_followup\"\n_followup() {\n")
		fmt.Fprintf(w, "  local -a cmds\n  cmds=(\n")
		for _, c := range commandList() {
			fmt.Fprintf(w, "    %s\n", shellQuote(c.name+":"+c.summary))
		}
		fmt.Fprintf(w, "  )\n  if (( CURRENT == 2 )); then _describe command cmds; return; fi\n  case $words[2] in\n")
		for _, c := range commandList() {
			var specs []string
			for _, f := range commandFlags(c) {
				specs = append(specs, shellQuote("--"+f.name+"["+strings.ReplaceAll(f.usage, "]", ")")+"]"))
			}
			fmt.Fprintf(w, "    %s) _arguments %s '*:file:_files';;\n", c.name, strings.Join(specs, " "))
		}
		fmt.Fprintf(w, "  esac\n}\ncompdef _followup followup\n")
	case "fish":
		fmt.Fprintf(w, "# followup completion for fish: followup completion fish > ~/.config/fish/completions/followup.fish\n")
		for _, c := range commandList() {
			fmt.Fprintf(w, "complete -c followup -f -n __fish_use_subcommand -a %s -d %s\n", c.name, shellQuote(c.summary))
			for _, f := range commandFlags(c) {
				fmt.Fprintf(w, "complete -c followup -n '__fish_seen_subcommand_from %s' -l %s -d %s\n", c.name, f.name, shellQuote(f.usage))
			}
		}
	default:
		return usagef("completion for %q: bash, zsh or fish", args[0])
	}
	return nil
}

// shellQuote quotes s for a POSIX shell, zsh and fish alike.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// man prints the manual page (roff), from the same command definitions as the help.
func (m *Main) man(ctx context.Context, env *cmdEnv) error {
	if _, err := env.parse(0); err != nil {
		return err
	}
	w := m.Stdout
	esc := func(s string) string {
		s = strings.ReplaceAll(s, `\`, `\e`)
		s = strings.ReplaceAll(s, "-", `\-`)
		if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
			s = `\&` + s
		}
		return s
	}
	fmt.Fprintf(w, ".TH FOLLOWUP 1 \"\" \"followup %s\" \"User Commands\"\n", esc(buildinfo.Version()))
	fmt.Fprintf(w, ".SH NAME\nfollowup \\- follow up after job interviews, by email, with your approval\n")
	fmt.Fprintf(w, ".SH SYNOPSIS\n.B followup\n[\\-\\-config \\fIFILE\\fR] \\fICOMMAND\\fR [\\fIflags\\fR]\n")
	fmt.Fprintf(w, ".SH DESCRIPTION\nfollowup drafts a thank\\-you to each interviewer and check\\-ins when nothing is heard, asks you to approve each by email, sends them over SMTP inside polite hours, and stops the moment the company replies.\n")
	fmt.Fprintf(w, ".SH COMMANDS\n")
	for _, c := range commandList() {
		fmt.Fprintf(w, ".TP\n.B %s %s\n%s\n", esc(c.name), esc(c.args), esc(c.summary))
		for _, f := range commandFlags(c) {
			arg := ""
			if !f.boolean {
				arg = " \\fIvalue\\fR"
			}
			fmt.Fprintf(w, ".RS\n.TP\n.B \\-\\-%s%s\n%s\n.RE\n", esc(f.name), arg, esc(f.usage))
		}
	}
	fmt.Fprintf(w, ".SH FILES\n.TP\n.I ~/.config/followup/config.yaml\nthe configuration (\\-\\-config names another); see config.example.yaml\n")
	fmt.Fprintf(w, ".TP\n.I ~/.local/state/followup/followup.db\nthe store ($STATE_DIRECTORY under systemd)\n")
	fmt.Fprintf(w, ".SH EXIT STATUS\n0 on success, 2 for bad input or a broken configuration, 1 for any other failure.\n")
	fmt.Fprintf(w, ".SH SEE ALSO\nThe README, and\n.BR systemctl (1)\nfor the followup.service units.\n")
	return nil
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/mailer"
	"github.com/spf13/cobra"
)

func (m *Main) checkConfigCommand(env *cmdEnv) *cobra.Command {
	var connect bool
	var unit string
	c := &cobra.Command{
		Use:   "check-config",
		Short: "check the configuration and what it names; --connect logs in to IMAP and SMTP",
		Long: `Checks every key, then what the service will need, as it will find it: the password files
(readable by you alone, as msmtp requires), the password and token commands (run), the systemd
credentials, and the store's directory. It creates nothing. --unit system (the default for a
configuration in /etc/followup) and --unit user check the credentials and the store of that
unit; under systemd, $CREDENTIALS_DIRECTORY and $STATE_DIRECTORY are what is checked. Any
problem is a non-zero exit status, in text and in JSON alike.`,
		Args:        maxArgs(0),
		Annotations: map[string]string{jsonAnnotation: "yes"},
		RunE:        func(cmd *cobra.Command, args []string) error { return m.checkConfig(cmd.Context(), env, connect, unit) },
	}
	c.Flags().BoolVar(&connect, "connect", false, "log in to IMAP and SMTP and print what they offer")
	c.Flags().StringVar(&unit, "unit", "", "check as the systemd `UNIT` will run it: system or user")
	_ = c.RegisterFlagCompletionFunc("unit", flagValues("system\tfollowup.service", "user\tsystemctl --user's followup.service"))
	return c
}

// jsonProblem is one problem in check-config --json.
type jsonProblem struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

func (m *Main) checkConfig(ctx context.Context, env *cmdEnv, connect bool, unitName string) error {
	if unitName != "" {
		if err := oneOf("--unit", unitName, []string{"system", "user"}); err != nil {
			return err
		}
	}
	cfg, err := env.config()
	var ce *config.Error
	if errors.As(err, &ce) && env.jsonOut {
		return m.checkJSON(ce.File, ce.Problems, nil, nil)
	} else if err != nil {
		return err
	}
	var unit *config.Unit
	switch {
	case unitName == "system" || unitName == "" && strings.HasPrefix(cfg.File, "/etc/followup/"):
		u := config.SystemUnit
		unit = &u
	case unitName == "user":
		home, _ := os.UserHomeDir()
		u := config.UserUnit(m.Getenv, home)
		unit = &u
	}
	problems, notes := cfg.Check(ctx, unit, m.Getenv)
	probeCfg := cfg
	if unit != nil {
		// --connect logs in as the service will, with the credentials the unit loads.
		c := *cfg
		c.IMAP.Server, c.SMTP.Server = unit.Server(c.IMAP.Server, "imap"), unit.Server(c.SMTP.Server, "smtp")
		probeCfg = &c
	}
	if unit != nil {
		notes = append([]string{"checked as " + unit.Name + " will find things"}, notes...)
	}
	if env.jsonOut {
		var probes map[string]any
		if connect && len(problems) == 0 {
			probes = map[string]any{}
			probes["imap"], probes["smtp"] = m.probeJSON(ctx, probeCfg)
		}
		return m.checkJSON(cfg.File, problems, notes, probes)
	}
	if len(problems) > 0 {
		return &config.Error{File: cfg.File, Problems: problems}
	}
	fmt.Fprintf(m.Stdout, "%s: ok\n", cfg.File)
	for _, n := range notes {
		fmt.Fprintf(m.Stdout, "  %s\n", n)
	}
	if !connect {
		return nil
	}
	return m.probe(ctx, probeCfg)
}

// checkJSON prints check-config --json, and exits non-zero on any problem, as the text does:
// 2 for the configuration, 1 for a login that failed.
func (m *Main) checkJSON(file string, problems []config.Problem, notes []string, probes map[string]any) error {
	out := map[string]any{"file": file, "problems": []jsonProblem{}, "notes": append([]string{}, notes...)}
	list := []jsonProblem{}
	for _, p := range problems {
		list = append(list, jsonProblem{Path: p.Path, Line: p.Line, Message: p.Msg})
	}
	out["problems"] = list
	code := ExitOK
	if len(problems) > 0 {
		code = ExitUsage
	}
	for k, v := range probes {
		out[k] = v
		if ok, _ := v.(map[string]any)["ok"].(bool); !ok && code == ExitOK {
			code = ExitError
		}
	}
	out["ok"] = code == ExitOK
	if err := m.printJSON(out); err != nil {
		return err
	}
	if code != ExitOK {
		return silentError{code}
	}
	return nil
}

func (m *Main) probe(ctx context.Context, cfg *config.Config) error {
	var failed []string
	if res, err := probeIMAP(ctx, cfg); err != nil {
		fmt.Fprintf(m.Stdout, "imap %s: FAILED: %v\n", cfg.IMAP.Addr(), err)
		failed = append(failed, "imap")
	} else {
		caps := res.Caps
		sort.Strings(caps)
		idle := "no (followup will poll every " + cfg.IMAP.PollInterval + ")"
		for _, c := range caps {
			if strings.EqualFold(c, "IDLE") {
				idle = "yes"
			}
		}
		how := "as configured"
		if res.SentFound {
			how = "found by its SPECIAL-USE mark"
		}
		fmt.Fprintf(m.Stdout, "imap %s (%s): logged in as %s\n  IDLE: %s\n  Sent folder: %s (%s)\n  watches: %s\n  capabilities: %s\n  senders proven by: %s\n",
			cfg.IMAP.Addr(), cfg.IMAP.Security, cfg.IMAP.Username, idle, res.Sent, how, strings.Join(res.Selected, ", "), strings.Join(caps, " "),
			proofWords(cfg, res))
	}
	if ext, err := probeSMTP(ctx, cfg); err != nil {
		fmt.Fprintf(m.Stdout, "smtp %s: FAILED: %v\n", cfg.SMTP.Addr(), err)
		failed = append(failed, "smtp")
	} else {
		fmt.Fprintf(m.Stdout, "smtp %s (%s, %s): logged in as %s\n  AUTH: %s\n", cfg.SMTP.Addr(), cfg.SMTP.Security, ext["TLS"], cfg.SMTP.Username, ext["AUTH"])
		var keys []string
		for k := range ext {
			if k != "AUTH" && k != "TLS" {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		fmt.Fprintf(m.Stdout, "  extensions: %s\n", strings.Join(keys, " "))
	}
	if len(failed) > 0 {
		return fmt.Errorf("could not log in to %s", strings.Join(failed, " and "))
	}
	return nil
}

// probeJSON is --connect for check-config --json.
func (m *Main) probeJSON(ctx context.Context, cfg *config.Config) (imap, smtp map[string]any) {
	imap = map[string]any{"addr": cfg.IMAP.Addr(), "ok": false}
	if res, err := probeIMAP(ctx, cfg); err != nil {
		imap["error"] = err.Error()
	} else {
		imap["ok"], imap["sent_folder"], imap["sent_found"], imap["watches"], imap["capabilities"] = true, res.Sent, res.SentFound, res.Selected, res.Caps
		imap["authserv_ids"], imap["trusted_authserv_id"], imap["proof"] = res.Authserv, cfg.IMAP.TrustedAuthservID, proofWords(cfg, res)
	}
	smtp = map[string]any{"addr": cfg.SMTP.Addr(), "ok": false}
	if ext, err := probeSMTP(ctx, cfg); err != nil {
		smtp["error"] = err.Error()
	} else {
		smtp["ok"], smtp["auth"], smtp["tls"] = true, ext["AUTH"], ext["TLS"]
	}
	return imap, smtp
}

// proofWords says what proves a sender in the owner's mailbox: which receiving servers wrote
// Authentication-Results on the newest messages, and whether followup trusts them.
func proofWords(cfg *config.Config, res inbox.ProbeResult) string {
	trusted := map[string]bool{}
	for _, id := range cfg.IMAP.TrustedAuthservID {
		trusted[strings.ToLower(id)] = true
	}
	var seen []string
	for id, n := range res.Authserv {
		mark := "not trusted"
		for t := range trusted {
			if id == t || strings.HasPrefix(t, ".") && strings.HasSuffix(id, t) {
				mark = "trusted"
			}
		}
		seen = append(seen, fmt.Sprintf("%s (%d of the newest %d messages, %s)", id, n, res.Sampled, mark))
	}
	sort.Strings(seen)
	switch {
	case len(seen) == 0 && len(trusted) == 0:
		return "nothing: no message in the newest " + fmt.Sprint(res.Sampled) + " carries Authentication-Results, and imap.trusted_authserv_id " +
			"is not set; followup learns your server from your first answer, and until then a reply only holds follow-ups and asks you"
	case len(seen) == 0:
		return "Authentication-Results of " + strings.Join(cfg.IMAP.TrustedAuthservID, ", ") + " (none among the newest " + fmt.Sprint(res.Sampled) + " messages yet)"
	case len(trusted) == 0:
		return strings.Join(seen, "; ") + "; set imap.trusted_authserv_id to your provider's (the first, usually), or followup learns it from your first answer"
	}
	return strings.Join(seen, "; ")
}

func probeIMAP(ctx context.Context, cfg *config.Config) (inbox.ProbeResult, error) {
	pw, err := cfg.IMAP.Secret(ctx)
	if err != nil {
		return inbox.ProbeResult{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.IMAP.TimeoutDuration)
	defer cancel()
	return inbox.Probe(ctx, cfg.IMAP, pw)
}

func probeSMTP(ctx context.Context, cfg *config.Config) (map[string]string, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.SMTP.TimeoutDuration)
	defer cancel()
	return mailer.Probe(ctx, cfg.SMTP)
}

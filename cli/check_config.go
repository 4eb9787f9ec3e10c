package cli

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/mailer"
	"github.com/spf13/cobra"
)

func (m *Main) checkConfigCommand(env *cmdEnv) *cobra.Command {
	var connect bool
	c := &cobra.Command{
		Use:         "check-config",
		Short:       "validate the configuration; --connect logs in to IMAP and SMTP",
		Args:        maxArgs(0),
		Annotations: map[string]string{jsonAnnotation: "yes"},
		RunE:        func(cmd *cobra.Command, args []string) error { return m.checkConfig(cmd.Context(), env, connect) },
	}
	c.Flags().BoolVar(&connect, "connect", false, "log in to IMAP and SMTP and print what they offer")
	return c
}

func (m *Main) checkConfig(ctx context.Context, env *cmdEnv, connect bool) error {
	cfg, err := env.config()
	if err != nil {
		return err
	}
	problems, notes := cfg.CheckSources(ctx)
	if len(problems) > 0 {
		return &config.Error{File: cfg.File, Problems: problems}
	}
	if env.jsonOut {
		out := map[string]any{"file": cfg.File, "ok": true, "notes": append([]string{}, notes...), "store": cfg.Store.Path}
		if connect {
			out["imap"], out["smtp"] = m.probeJSON(ctx, cfg)
		}
		return m.printJSON(out)
	}
	for _, n := range notes {
		fmt.Fprintf(m.Stdout, "note: %s\n", n)
	}
	fmt.Fprintf(m.Stdout, "%s: ok (passwords readable, store %s writable)\n", cfg.File, cfg.Store.Path)
	if !connect {
		return nil
	}
	return m.probe(ctx, cfg)
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
		fmt.Fprintf(m.Stdout, "imap %s (%s): logged in as %s\n  IDLE: %s\n  Sent folder: %s (%s)\n  watches: %s\n  capabilities: %s\n",
			cfg.IMAP.Addr(), cfg.IMAP.Security, cfg.IMAP.Username, idle, res.Sent, how, strings.Join(res.Selected, ", "), strings.Join(caps, " "))
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
	}
	smtp = map[string]any{"addr": cfg.SMTP.Addr(), "ok": false}
	if ext, err := probeSMTP(ctx, cfg); err != nil {
		smtp["error"] = err.Error()
	} else {
		smtp["ok"], smtp["auth"], smtp["tls"] = true, ext["AUTH"], ext["TLS"]
	}
	return imap, smtp
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

package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/followupd/followup/assistant"
	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/invite"
	"github.com/followupd/followup/outcome"
	"github.com/spf13/cobra"
)

// jsonClassify is `classify --json`; stable, documented in README.md.
type jsonClassify struct {
	Kind        string   `json:"kind"`
	Reason      string   `json:"reason"`
	Recipients  []string `json:"recipients"`
	Permanent   bool     `json:"permanent"`
	ReturnDate  string   `json:"return_date"`
	Application *int64   `json:"application"`
	From        string   `json:"from"`
	Subject     string   `json:"subject"`
	MessageID   string   `json:"message_id"`
	// Answer, for an answer to an approval request: the command it carries ({verb, text},
	// text empty for a plain verb; null when not understood) and why it would be refused.
	Answer *assistant.Answer `json:"answer"`
	// Outcome, for a reply written by a person: what it says ({outcome, reasons}).
	Outcome *outcome.Result `json:"outcome"`
	// Invitation, for a calendar invitation: its method, UID and sequence, and what followup
	// would record from it (company, role, time, zone, people, whether it is an interview).
	Invitation *jsonInvitation `json:"invitation,omitempty"`
}

type jsonInvitation struct {
	Method   string          `json:"method"`
	UID      string          `json:"uid"`
	Sequence int             `json:"sequence"`
	Proposal invite.Proposal `json:"proposal"`
}

func (m *Main) classifyCommand(env *cmdEnv) *cobra.Command {
	var noStore bool
	c := &cobra.Command{
		Use:         "classify FILE|-",
		Short:       "say what followup takes a raw message for, and why",
		Args:        maxArgs(1),
		Annotations: map[string]string{jsonAnnotation: "yes"},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveDefault
		},
		RunE: func(cmd *cobra.Command, args []string) error { return m.classify(cmd.Context(), env, args, noStore) },
	}
	c.Flags().BoolVar(&noStore, "no-store", false, "judge the message alone, without the applications in the store")
	return c
}

func (m *Main) classify(ctx context.Context, env *cmdEnv, args []string, noStore bool) error {
	var err error
	if len(args) == 0 {
		return usagef("give a file with a raw message, or - for standard input")
	}
	var raw []byte
	if args[0] == "-" {
		raw, err = io.ReadAll(io.LimitReader(m.Stdin, 64<<20))
	} else {
		raw, err = os.ReadFile(args[0])
	}
	if err != nil {
		return usagef("%v", err)
	}
	msg, err := inbox.Parse(raw)
	if err != nil {
		return usagef("not a readable message: %v", err)
	}
	out := jsonClassify{From: msg.From, Subject: msg.Subject, MessageID: msg.MessageID, Recipients: []string{}}
	var dec assistant.Decision
	cfg, cfgErr := env.config()
	inv, calErr := assistant.ReadInvitation(msg)
	if calErr != nil {
		return usagef("%v", calErr)
	}
	if noStore {
		dec.Verdict = inbox.Machine(msg)
		if inv != nil {
			dec.Kind, dec.Reason = inbox.KindInvitation, "a calendar invitation ("+strings.ToLower(inv.Method)+")"
		}
		if cfgErr == nil {
			if ans, ok := assistant.ReadAnswer(msg, cfg.Owner.Email); ok {
				dec.Kind, dec.Reason = inbox.KindCommand, "an answer to approval request "+ans.Token
			}
		}
	} else {
		if cfgErr != nil {
			return cfgErr
		}
		st, err := env.store(ctx)
		if err != nil {
			return err
		}
		d, err := assistant.New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			return err
		}
		if dec, err = d.Decide(ctx, msg); err != nil {
			return err
		}
	}
	out.Kind, out.Reason, out.Permanent = string(dec.Kind), dec.Reason, dec.Permanent
	if dec.Own {
		out.Kind = string(inbox.KindOther)
	}
	if dec.Recipients != nil {
		out.Recipients = dec.Recipients
	}
	if cfgErr == nil {
		if ans, ok := assistant.ReadAnswer(msg, cfg.Owner.Email); ok {
			out.Answer = &ans
		}
	}
	if dec.Kind == inbox.KindReply || (noStore && dec.Kind == inbox.KindOther && !dec.Automated) {
		r := outcome.Classify(msg.Subject, inbox.OwnText(msg.Text(32<<10)))
		out.Outcome = &r
	}
	if !dec.ReturnDate.IsZero() {
		out.ReturnDate = dec.ReturnDate.Format("2006-01-02")
	}
	if inv != nil {
		var owner invite.Person
		if cfgErr == nil {
			owner = invite.Person{Name: cfg.Owner.Name, Email: cfg.Owner.Email}
		}
		out.Invitation = &jsonInvitation{Method: inv.Method, UID: inv.UID, Sequence: inv.Sequence, Proposal: assistant.Propose(msg, inv, owner)}
	}
	if len(dec.Apps) > 0 {
		out.Application = &dec.Apps[0]
	}
	if env.jsonOut {
		return m.printJSON(out)
	}
	fmt.Fprintf(m.Stdout, "%s: %s\n", out.Kind, out.Reason)
	if len(out.Recipients) > 0 {
		perm := "permanent failure"
		if !out.Permanent {
			perm = "delayed, not yet failed"
		}
		fmt.Fprintf(m.Stdout, "  failed recipients: %s (%s)\n", strings.Join(out.Recipients, ", "), perm)
	}
	if out.ReturnDate != "" {
		fmt.Fprintf(m.Stdout, "  back on: %s\n", out.ReturnDate)
	}
	if out.Application != nil {
		fmt.Fprintf(m.Stdout, "  application: %d (followup show %d)\n", *out.Application, *out.Application)
	}
	if o := out.Outcome; o != nil {
		fmt.Fprintf(m.Stdout, "  outcome: %s (%s)\n", o.Kind, indentLine(strings.Join(o.Reasons, "; ")))
	}
	if i := out.Invitation; i != nil {
		p := i.Proposal
		var people []string
		for _, x := range p.Interviewers {
			people = append(people, x.String())
		}
		loc := time.UTC
		if cfgErr == nil {
			loc = cfg.Owner.Location
		}
		fmt.Fprintf(m.Stdout, "  invitation: %s, sequence %d; an interview: %v (%s)\n", strings.ToLower(i.Method), i.Sequence, p.Interview, indentLine(p.Why))
		fmt.Fprintf(m.Stdout, "  would record: %s, %s, %s (%s), interviewers %s\n", indentLine(orUnknown(p.Company)), indentLine(orUnknown(p.Role)),
			p.Start.In(loc).Format("Mon 2006-01-02 15:04 MST"), orUnknown(p.Zone), indentLine(strings.Join(people, ", ")))
	}
	if a := out.Answer; a != nil {
		switch {
		case a.Command == nil:
			fmt.Fprintf(m.Stdout, "  answer: not understood; nothing would be done\n")
		case a.Command.Text != "":
			fmt.Fprintf(m.Stdout, "  answer: send a new text, shown back to you to confirm first:\n%s\n", indent(a.Command.Text))
		default:
			fmt.Fprintf(m.Stdout, "  answer: %s (the draft unchanged)\n", a.Command.Verb)
		}
		if a.Refused != "" {
			fmt.Fprintf(m.Stdout, "  but it would be ignored: %s\n", a.Refused)
		}
	}
	return nil
}

// indent marks each line of text as quoted output, without the control characters a
// message may carry (a terminal would act on them).
func indent(text string) string {
	text = strings.Map(func(r rune) rune {
		if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)) {
			return -1
		}
		return r
	}, text)
	return "    | " + strings.ReplaceAll(text, "\n", "\n    | ")
}

// indentLine is untrusted text made one line without control characters.
func indentLine(s string) string {
	return strings.TrimPrefix(strings.ReplaceAll(indent(s), "\n    | ", " "), "    | ")
}

package cli

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
	"github.com/spf13/cobra"
)

func (m *Main) showCommand(env *cmdEnv) *cobra.Command {
	return &cobra.Command{
		Use:               "show APP",
		Short:             "one application: contacts, timeline and the schedule with its rules",
		Args:              maxArgs(1),
		Annotations:       map[string]string{jsonAnnotation: "yes"},
		ValidArgsFunction: env.completeApps,
		RunE:              func(cmd *cobra.Command, args []string) error { return m.show(cmd.Context(), env, args) },
	}
}

func (m *Main) show(ctx context.Context, env *cmdEnv, args []string) error {
	id, err := appID(args)
	if err != nil {
		return err
	}
	cfg, st, err := env.open(ctx)
	if err != nil {
		return err
	}
	app, err := st.Application(ctx, id)
	if err != nil {
		return err
	}
	plan, err := computePlan(ctx, st, cfg, app)
	if err != nil {
		return err
	}
	events, err := st.Events(ctx, id)
	if err != nil {
		return err
	}
	msgs, err := st.Messages(ctx, store.MessageFilter{AppID: id})
	if err != nil {
		return err
	}
	if env.jsonOut {
		out := jsonShow{
			ID: app.ID, Company: app.Company, Role: app.Role, CompanyDomain: app.CompanyDomain,
			Status: string(app.Status), StatusReason: app.StatusReason, Halted: plan.Halted,
			Outcome: app.Outcome, Round: app.Round, PreviousID: app.PreviousID, Domains: append([]string{}, app.Domains...),
			Interview: jsonInterview{
				Start: m.ts(cfg, app.Interview.Start), End: m.ts(cfg, app.Interview.Start.Add(app.Interview.Length)),
				TZ: app.Interview.TZ, DecisionBy: app.Interview.DecisionBy, KeyPoints: app.Interview.KeyPoints,
				Fit: app.Interview.Fit, Accomplishment: app.Interview.Accomplishment, Medium: app.Interview.Medium,
			},
			Contacts: []jsonContact{}, Timeline: []jsonEvent{}, Messages: []jsonDraft{}, Schedule: []jsonAction{}, Notes: plan.Notes,
		}
		if out.Notes == nil {
			out.Notes = []string{}
		}
		for _, c := range app.Contacts {
			out.Contacts = append(out.Contacts, jsonContact{ID: c.ID, Name: c.Name, Email: c.Email, Role: string(c.Role), Undeliverable: c.Undeliverable, Points: c.Points})
		}
		for _, e := range events {
			out.Timeline = append(out.Timeline, jsonEvent{At: m.ts(cfg, e.At), Kind: e.Kind, Detail: storeTimes(e.Detail, func(t time.Time) string { return m.ts(cfg, t) })})
		}
		for _, msg := range msgs {
			out.Messages = append(out.Messages, m.draftJSON(cfg, app, msg))
		}
		for _, a := range plan.Actions {
			out.Schedule = append(out.Schedule, m.action(cfg, app, a))
		}
		return m.printJSON(out)
	}
	w := m.Stdout
	round := ""
	if app.Round > 1 {
		round = fmt.Sprintf(", round %d after #%d", app.Round, app.PreviousID)
	}
	fmt.Fprintf(w, "#%d %s at %s (%s%s)\n", app.ID, app.Role, app.Company, app.Status, round)
	if app.StatusReason != "" {
		fmt.Fprintf(w, "  reason: %s\n", app.StatusReason)
	}
	iv := app.Interview
	fmt.Fprintf(w, "\nInterview: %s, %s", human(cfg, iv.Start), policyDuration(iv.Length))
	if iv.DecisionBy != "" {
		fmt.Fprintf(w, "; decision by %s", iv.DecisionBy)
	}
	fmt.Fprintln(w)
	for _, f := range []struct{ k, v string }{{"key points", iv.KeyPoints}, {"why I fit", iv.Fit}, {"accomplishment", iv.Accomplishment}} {
		if f.v != "" {
			fmt.Fprintf(w, "  %s: %s\n", f.k, f.v)
		}
	}
	fmt.Fprintln(w, "\nContacts:")
	for _, c := range app.Contacts {
		extra := ""
		if c.Undeliverable {
			extra = " (undeliverable)"
		}
		who := c.Email
		if c.Name != "" {
			who = c.Name + " <" + c.Email + ">"
		}
		fmt.Fprintf(w, "  %-*s  %s%s\n", width(app.Contacts, func(c store.Contact) string { return string(c.Role) }), c.Role, who, extra)
		if c.Points != "" {
			fmt.Fprintf(w, "    key points with them: %s\n", c.Points)
		}
	}
	fmt.Fprintln(w, "\nTimeline:")
	for _, e := range events {
		fmt.Fprintf(w, "  %s  %s\n", human(cfg, e.At), indentLine(kindWords.Replace(storeTimes(e.Detail, func(t time.Time) string { return human(cfg, t) }))))
	}
	if len(msgs) > 0 {
		fmt.Fprintln(w, "\nMessages:")
		kw := width(msgs, func(msg store.Message) string { return kindLabel(msg.Kind) })
		tw := width(msgs, func(msg store.Message) string { return recipient(app, cfg, msg.Kind, msg.ContactID) })
		sw := width(msgs, func(msg store.Message) string { return string(msg.State) })
		iw := width(msgs, func(msg store.Message) string { return strconv.FormatInt(msg.ID, 10) })
		for _, msg := range msgs {
			fmt.Fprintf(w, "  draft %-*d  %-*s → %-*s  %-*s  %s\n", iw, msg.ID, kw, kindLabel(msg.Kind), tw, recipient(app, cfg, msg.Kind, msg.ContactID),
				sw, msg.State, human(cfg, msg.Due))
		}
	}
	fmt.Fprintln(w, "\nSchedule:")
	if plan.Halted != "" {
		fmt.Fprintf(w, "  nothing more: %s\n", plan.Halted)
	}
	if len(plan.Actions) == 0 && plan.Halted == "" {
		fmt.Fprintln(w, "  nothing more is planned")
	}
	label := func(a policy.Action) string {
		if a.Seq > 0 {
			return fmt.Sprintf("%s %d", kindLabel(a.Kind), a.Seq)
		}
		return kindLabel(a.Kind)
	}
	when := func(a policy.Action) string { return human(cfg, a.Due) + m.overdue(a.Due) }
	ww, lw := width(plan.Actions, when), width(plan.Actions, label)
	for _, a := range plan.Actions {
		fmt.Fprintf(w, "  %-*s  %-*s → %s\n      why: %s\n", ww, when(a), lw, label(a), recipient(app, cfg, a.Kind, a.ContactID), a.Rule)
	}
	for _, n := range plan.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	return nil
}

// width is the widest of the texts f gives for items, in characters: a column as wide as
// its longest cell ("thanks (coordinator)"), so that the next one stays aligned.
func width[T any](items []T, f func(T) string) int {
	n := 0
	for _, it := range items {
		n = max(n, utf8.RuneCountInString(f(it)))
	}
	return n
}

// storeTime is a time as the store writes it in an event's text (due 2026-12-07T08:00:00.000000000Z).
var storeTime = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b`)

// storeTimes rewrites the times in an event's text with format: the owner's zone, readable,
// like every other time in the view (or RFC 3339 in the owner's zone, in JSON).
func storeTimes(text string, format func(time.Time) string) string {
	return storeTime.ReplaceAllStringFunc(text, func(s string) string {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return s
		}
		return format(t)
	})
}

// kindWords writes the store's kind names in an event's text as the views do.
var kindWords = strings.NewReplacer(
	string(policy.ThankCoordinator), kindLabel(policy.ThankCoordinator), string(policy.ThankYou), kindLabel(policy.ThankYou),
	string(policy.CheckIn), kindLabel(policy.CheckIn), string(policy.MoveOn), kindLabel(policy.MoveOn),
	string(policy.RejectionReply), kindLabel(policy.RejectionReply))

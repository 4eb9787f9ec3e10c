package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/followupd/followup/assistant"
	"github.com/followupd/followup/config"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

func appID(args []string) (int64, error) {
	if len(args) == 0 {
		return 0, usagef("which application? give its id (see followup list)")
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(args[0], "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("%q is not an application id (see followup list)", args[0])
	}
	return id, nil
}

// planned is an application with what the policy computes for it.
type planned struct {
	app  store.Application
	plan policy.Plan
}

func computePlan(ctx context.Context, st *store.Store, cfg *config.Config, app store.Application) (policy.Plan, error) {
	hist, err := st.History(ctx, app.ID)
	if err != nil {
		return policy.Plan{}, err
	}
	return policy.Compute(cfg.Rules, app.PolicyFacts(), hist), nil
}

// recipient names who an action goes to.
func recipient(app store.Application, cfg *config.Config, kind policy.Kind, contactID int64) string {
	if kind == policy.MoveOn {
		return cfg.Owner.Email + " (you)"
	}
	return app.Contact(contactID).Email
}

// ---- JSON shapes: stable; documented in README.md ("JSON output").

type jsonAction struct {
	Kind string `json:"kind"`
	To   string `json:"to"`
	Seq  int    `json:"seq"`
	Due  string `json:"due"`
	Rule string `json:"rule"`
	// Draft and State, for a follow-up already drafted: its id and state (approved,
	// awaiting_approval, …); absent for one only planned.
	Draft int64  `json:"draft,omitempty"`
	State string `json:"state,omitempty"`
}

type jsonListItem struct {
	ID          int64       `json:"id"`
	Company     string      `json:"company"`
	Role        string      `json:"role"`
	Status      string      `json:"status"`
	InterviewAt string      `json:"interview_at"`
	Next        *jsonAction `json:"next"`
}

type jsonContact struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	Email         string `json:"email"`
	Role          string `json:"role"`
	Undeliverable bool   `json:"undeliverable"`
	// Points are the key points of the conversation with this person (add --points-for).
	Points string `json:"points,omitempty"`
}

type jsonInterview struct {
	Start          string `json:"start"`
	End            string `json:"end"`
	TZ             string `json:"tz"`
	DecisionBy     string `json:"decision_by"`
	KeyPoints      string `json:"key_points"`
	Fit            string `json:"fit"`
	Accomplishment string `json:"accomplishment"`
	Medium         string `json:"medium"` // call, video, on site; "" when not given
}

type jsonEvent struct {
	At     string `json:"at"`
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
}

type jsonDraft struct {
	ID        int64  `json:"id"`
	AppID     int64  `json:"application_id"`
	Company   string `json:"company"`
	Kind      string `json:"kind"`
	To        string `json:"to"`
	Seq       int    `json:"seq"`
	State     string `json:"state"`
	Due       string `json:"due"`
	Subject   string `json:"subject"`
	MessageID string `json:"message_id"`
	LastError string `json:"last_error"`
	// Approval is where the approval request stands, for a draft waiting for the owner.
	Approval *jsonApproval `json:"approval_request,omitempty"`
}

type jsonShow struct {
	ID            int64         `json:"id"`
	Company       string        `json:"company"`
	Role          string        `json:"role"`
	CompanyDomain string        `json:"company_domain"`
	Status        string        `json:"status"`
	StatusReason  string        `json:"status_reason"`
	Domains       []string      `json:"domains"` // more that speak for the company
	Outcome       string        `json:"outcome"` // what the last reply was read as, "" before any
	Round         int           `json:"round"`
	PreviousID    int64         `json:"previous_id,omitempty"` // the application of the round before`
	Interview     jsonInterview `json:"interview"`
	Contacts      []jsonContact `json:"contacts"`
	Timeline      []jsonEvent   `json:"timeline"`
	Messages      []jsonDraft   `json:"messages"`
	Schedule      []jsonAction  `json:"schedule"`
	Halted        string        `json:"halted"`
	Notes         []string      `json:"notes"`
}

func (m *Main) ts(cfg *config.Config, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(cfg.Owner.Location).Format(time.RFC3339)
}

// human is how every view writes a time (list, show, drafts, the digest): the owner's zone,
// the weekday, the date and the time.
func human(cfg *config.Config, t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return assistant.When(t, cfg.Owner.Location)
}

// overdue marks a time that has passed: something that should have happened has not.
func (m *Main) overdue(t time.Time) string {
	if !t.IsZero() && t.Before(m.Now()) {
		return " (overdue)"
	}
	return ""
}

func (m *Main) action(cfg *config.Config, app store.Application, a policy.Action) jsonAction {
	return jsonAction{Kind: string(a.Kind), To: recipient(app, cfg, a.Kind, a.ContactID), Seq: a.Seq, Due: m.ts(cfg, a.Due), Rule: a.Rule}
}

func (m *Main) loadPlanned(ctx context.Context, env *cmdEnv) (*config.Config, *store.Store, []planned, error) {
	cfg, err := env.config()
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := env.store(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	apps, err := st.Applications(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	out := make([]planned, 0, len(apps))
	for _, a := range apps {
		p, err := computePlan(ctx, st, cfg, a)
		if err != nil {
			return nil, nil, nil, err
		}
		out = append(out, planned{app: a, plan: p})
	}
	return cfg, st, out, nil
}

func kindLabel(k policy.Kind) string {
	switch k {
	case policy.ThankYou:
		return "thank-you"
	case policy.ThankCoordinator:
		return "thanks (coordinator)"
	case policy.CheckIn:
		return "check-in"
	case policy.MoveOn:
		return "move-on notice"
	case policy.RejectionReply:
		return "reply to a rejection"
	}
	return string(k)
}

func policyDuration(d time.Duration) string { return policy.Span{Duration: d}.String() }

func (m *Main) draftJSON(cfg *config.Config, app store.Application, msg store.Message) jsonDraft {
	return jsonDraft{
		ID: msg.ID, AppID: msg.AppID, Company: app.Company, Kind: string(msg.Kind), To: recipient(app, cfg, msg.Kind, msg.ContactID),
		Seq: msg.Seq, State: string(msg.State), Due: m.ts(cfg, msg.Due), Subject: msg.Subject, MessageID: msg.MessageID, LastError: msg.LastError,
	}
}

func draftID(args []string) (int64, error) {
	if len(args) == 0 {
		return 0, usagef("which draft? give its id (see followup drafts)")
	}
	var id int64
	if _, err := fmt.Sscan(strings.TrimPrefix(args[0], "#"), &id); err != nil || id <= 0 {
		return 0, usagef("%q is not a draft id (see followup drafts)", args[0])
	}
	return id, nil
}

// draft opens the store and reads the draft the command's argument names.
func (e *cmdEnv) draft(ctx context.Context, args []string) (*config.Config, *store.Store, store.Message, error) {
	id, err := draftID(args)
	if err != nil {
		return nil, nil, store.Message{}, err
	}
	cfg, st, err := e.open(ctx)
	if err != nil {
		return nil, nil, store.Message{}, err
	}
	m, err := st.Message(ctx, id)
	return cfg, st, m, err
}

// activeApp refuses, with the reason, a command for a draft whose application ended.
func activeApp(ctx context.Context, st *store.Store, draft store.Message) error {
	app, err := st.Application(ctx, draft.AppID)
	if err != nil {
		return err
	}
	if !store.MayGo(app.Status, draft.Kind) {
		return fmt.Errorf("draft %d: application %d is %s%s: %w", draft.ID, app.ID, app.Status,
			map[bool]string{true: " (" + app.StatusReason + ")", false: ""}[app.StatusReason != ""], store.ErrTransition)
	}
	return nil
}

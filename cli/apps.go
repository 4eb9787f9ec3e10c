package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/mail"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/followupd/followup/assistant"
	"github.com/followupd/followup/config"
	"github.com/followupd/followup/holidays"
	"github.com/followupd/followup/invite"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

type multiFlag []string

func (f *multiFlag) String() string     { return strings.Join(*f, ", ") }
func (f *multiFlag) Set(v string) error { *f = append(*f, v); return nil }

var _ flag.Value = (*multiFlag)(nil)

func (m *Main) add(ctx context.Context, env *cmdEnv) error {
	fs := env.flags
	company := fs.String("company", "", "the company (required)")
	role := fs.String("role", "", "the role applied for (required)")
	at := fs.String("at", "", `when the interview started: "2026-11-20 14:00" (required)`)
	length := fs.String("length", "1h", "how long it lasted")
	tz := fs.String("tz", "", "the time zone of --at (default: the owner's)")
	decision := fs.String("decision-by", "", "the date the employer said they would decide by: 2026-11-27")
	var domains multiFlag
	fs.Var(&domains, "domain", "the company's mail domain (default: the interviewers'); again for more that speak for it, like its ATS's")
	var interviewers, coordinators multiFlag
	fs.Var(&interviewers, "interviewer", `an interviewer: "Jane Doe <jane@acme.test>" (repeat for each)`)
	fs.Var(&coordinators, "coordinator", `who arranged the interview: "Sam Lee <hr@acme.test>"`)
	var greetings, zones multiFlag
	fs.Var(&greetings, "greeting", `how to greet a contact, used as given: "jane@acme.test=Dear Professor Doe," (repeat for each)`)
	fs.Var(&zones, "contact-tz", `a contact's time zone, when not the interview's: "jane@acme.test=America/New_York"`)
	var calendars multiFlag
	fs.Var(&calendars, "contact-holidays", `a contact's public holidays, when not yours: "jane@acme.test=us" or "hans@acme.de=de/by"`)
	points := fs.String("points", "", "key points of the conversation, for the thank-you")
	fit := fs.String("fit", "", "why you fit the role")
	accomplishment := fs.String("accomplishment", "", "a recent accomplishment to mention in a check-in")
	nextRound := fs.Int64("next-round", 0, "the application whose next round this is: its company, role, zone and people are kept unless given")
	icsFile := fs.String("ics", "", "a calendar invitation (.ics) to read the company, role, time, zone and people from; flags given win")
	if _, err := env.parse(0); err != nil {
		return err
	}
	cfg, err := env.config()
	if err != nil {
		return err
	}
	in := addInput{
		company: *company, role: *role, at: *at, length: *length, tz: *tz, decision: *decision, domain: first(domains), extraDomains: rest(domains),
		interviewers: interviewers, coordinators: coordinators, points: *points, fit: *fit, accomplishment: *accomplishment,
		greetings: greetings, zones: zones, calendars: calendars,
	}
	var inv *invite.Invitation
	if *icsFile != "" {
		lengthGiven := false
		fs.Visit(func(f *flag.Flag) { lengthGiven = lengthGiven || f.Name == "length" })
		if inv, in, err = fromInvitation(cfg, *icsFile, in, lengthGiven); err != nil {
			return err
		}
		zone := in.tz
		if zone == "" {
			zone = "your time zone, " + cfg.Owner.Location.String()
		}
		fmt.Fprintf(m.Stderr, "read from %s: %s, %s, %s (%s), interviewers %s\n", *icsFile, orUnknown(in.company), orUnknown(in.role), in.at, zone,
			strings.Join(in.interviewers, ", "))
	}
	var st *store.Store
	if *nextRound != 0 {
		if st, err = env.store(ctx); err != nil {
			return err
		}
		prev, err := st.Application(ctx, *nextRound)
		if errors.Is(err, store.ErrNotFound) {
			return usagef("--next-round %d: no such application", *nextRound)
		} else if err != nil {
			return err
		}
		if prev.Status != policy.Active && prev.Status != policy.Replied {
			return usagef("--next-round %d: the application is %s; a next round follows one that is active or that the company answered", prev.ID, prev.Status)
		}
		in = in.after(prev)
	}
	app, err := newApplication(cfg, in)
	if err != nil {
		return err
	}
	if st == nil {
		if st, err = env.store(ctx); err != nil {
			return err
		}
	}
	var id int64
	if *nextRound != 0 {
		app.PreviousID = *nextRound
		id, err = st.AddNextRound(ctx, app)
	} else {
		id, err = st.AddApplication(ctx, app)
	}
	if err != nil {
		return err
	}
	if inv != nil {
		// Updates and a cancellation of the event, when they reach the mailbox, apply to it.
		if err := trackInvitation(ctx, st, inv, id); err != nil {
			return err
		}
	}
	if late := m.Now().Sub(app.Interview.Start.Add(app.Interview.Length)); late > cfg.Rules.ThankYouExpiry {
		fmt.Fprintf(m.Stderr, "note: the interview ended %s ago: too late for a thank-you (past policy.thank_you_expiry, it reads as an afterthought);\n"+
			"check-ins are counted from today; followup show %d shows the plan\n", policy.Ago(late), id)
	} else if late > policy.ThankYouDeadline {
		fmt.Fprintf(m.Stderr, "note: the interview ended %s ago: the thank-yous go as soon as you approve them, and say they are late;\n"+
			"check-ins are counted from today; followup show %d shows the plan\n", policy.Ago(late), id)
	}
	if *env.jsonOut {
		return m.printJSON(map[string]int64{"id": id})
	}
	fmt.Fprintln(m.Stdout, id)
	return nil
}

type addInput struct {
	company, role, at, length, tz, decision, domain string
	extraDomains                                    []string
	interviewers, coordinators                      []string
	points, fit, accomplishment                     string
	greetings                                       []string // ADDR=TEXT
	zones                                           []string // ADDR=ZONE
	calendars                                       []string // ADDR=COUNTRY[/REGION]
}

// fromInvitation reads a calendar invitation file and fills what the owner did not give.
func fromInvitation(cfg *config.Config, path string, in addInput, lengthGiven bool) (*invite.Invitation, addInput, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, in, usagef("--ics: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, invite.MaxSize+1))
	if err != nil {
		return nil, in, usagef("--ics: %v", err)
	}
	inv, err := invite.Parse(data)
	if err != nil {
		return nil, in, usagef("--ics %s: %v", path, err)
	}
	if inv.Method == "CANCEL" {
		return nil, in, usagef("--ics %s is the cancellation of an event, not an invitation", path)
	}
	p := inv.Propose(invite.Person{Name: cfg.Owner.Name, Email: cfg.Owner.Email}, inv.Organizer, invite.Person{}, policy.IsFreeMail)
	set := func(v *string, x string) {
		if *v == "" {
			*v = x
		}
	}
	set(&in.company, p.Company)
	set(&in.role, p.Role)
	set(&in.domain, p.Domain)
	set(&in.tz, p.Zone)
	loc := cfg.Owner.Location
	if in.tz != "" {
		if l, err := time.LoadLocation(in.tz); err == nil {
			loc = l
		}
	}
	set(&in.at, p.Start.In(loc).Format("2006-01-02 15:04"))
	if !lengthGiven {
		in.length = p.End.Sub(p.Start).String()
	}
	if len(in.interviewers) == 0 {
		for _, x := range p.Interviewers {
			in.interviewers = append(in.interviewers, x.String())
		}
	}
	if len(in.coordinators) == 0 && p.Coordinator != nil {
		in.coordinators = append(in.coordinators, p.Coordinator.String())
	}
	return inv, in, nil
}

// trackInvitation records that an application follows a calendar event, so that updates and
// a cancellation reaching the mailbox apply to it.
func trackInvitation(ctx context.Context, st *store.Store, inv *invite.Invitation, appID int64) error {
	row, err := st.InvitationByUID(ctx, inv.UID)
	if errors.Is(err, store.ErrNotFound) {
		_, err = st.AddInvitation(ctx, store.Invitation{UID: inv.UID, Sequence: inv.Sequence, Proposal: "{}", AppID: appID, State: store.InvitationTracked})
		return err
	} else if err != nil {
		return err
	}
	row.Sequence, row.AppID, row.State = max(row.Sequence, inv.Sequence), appID, store.InvitationTracked
	return st.UpdateInvitation(ctx, row)
}

func isDomain(d string) bool {
	return d != "" && len(d) <= 253 && !strings.ContainsAny(d, " @/\\\r\n\x00") && strings.Contains(d, ".")
}

func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

func rest(list []string) []string {
	if len(list) < 2 {
		return nil
	}
	return list[1:]
}

func orUnknown(s string) string {
	if s == "" {
		return "(not known)"
	}
	return s
}

// after fills what the owner did not give for the next round of prev from prev: company,
// role, domain, the interview's zone, and the people with their settings (interviewers and
// coordinators each kept unless new ones are given).
func (in addInput) after(prev store.Application) addInput {
	if in.company == "" {
		in.company = prev.Company
	}
	if in.role == "" {
		in.role = prev.Role
	}
	if in.domain == "" {
		in.domain = prev.CompanyDomain
		if len(in.extraDomains) == 0 {
			in.extraDomains = prev.Domains
		}
	}
	if in.tz == "" {
		in.tz = prev.Interview.TZ
	}
	keep := map[policy.Role]bool{policy.Interviewer: len(in.interviewers) == 0, policy.Coordinator: len(in.coordinators) == 0}
	given := func(list []string, email string) bool {
		for _, v := range list {
			if addr, _, _ := strings.Cut(v, "="); strings.EqualFold(strings.TrimSpace(addr), email) {
				return true
			}
		}
		return false
	}
	for _, c := range prev.Contacts {
		if !keep[c.Role] || c.Undeliverable {
			continue
		}
		person := (&mail.Address{Name: c.Name, Address: c.Email}).String()
		if c.Role == policy.Interviewer {
			in.interviewers = append(in.interviewers, person)
		} else {
			in.coordinators = append(in.coordinators, person)
		}
		for _, set := range []struct {
			list *[]string
			v    string
		}{{&in.greetings, c.Greeting}, {&in.zones, c.TZ}, {&in.calendars, c.Holidays}} {
			if set.v != "" && !given(*set.list, c.Email) {
				*set.list = append(*set.list, c.Email+"="+set.v)
			}
		}
	}
	return in
}

func oneLine(name, v string) error {
	if strings.ContainsAny(v, "\r\n\x00") {
		return usagef("--%s must be one line", name)
	}
	return nil
}

// newApplication checks the owner's input and builds the application; the first problem
// found is the error, and nothing is written.
func newApplication(cfg *config.Config, in addInput) (store.Application, error) {
	var a store.Application
	in.company, in.role = strings.TrimSpace(in.company), strings.TrimSpace(in.role)
	if in.company == "" {
		return a, usagef("--company is required")
	}
	if in.role == "" {
		return a, usagef("--role is required")
	}
	for name, v := range map[string]string{"company": in.company, "role": in.role, "domain": in.domain} {
		if err := oneLine(name, v); err != nil {
			return a, err
		}
	}
	loc := cfg.Owner.Location
	if in.tz != "" {
		l, err := time.LoadLocation(in.tz)
		if err != nil || in.tz == "Local" {
			return a, usagef("--tz %q is not an IANA time zone name (like Europe/Berlin)", in.tz)
		}
		loc = l
	}
	if in.at == "" {
		return a, usagef(`--at is required: when the interview started, like "2026-11-20 14:00"`)
	}
	start, err := parseWhen(in.at, loc)
	if err != nil {
		return a, err
	}
	length, err := policy.ParseDuration(in.length)
	if err != nil || length <= 0 || length > 24*time.Hour {
		return a, usagef("--length %q is not a duration from 1m to 24h, like 45m or 1h30m", in.length)
	}
	if in.decision != "" {
		d, err := time.ParseInLocation("2006-01-02", in.decision, loc)
		if err != nil {
			return a, usagef("--decision-by %q is not a date like 2026-11-27", in.decision)
		}
		sy, sm, sd := start.In(loc).Date()
		if d.Before(time.Date(sy, sm, sd, 0, 0, 0, 0, loc)) {
			return a, usagef("--decision-by %s is before the interview (%s)", in.decision, start.In(loc).Format("2006-01-02"))
		}
	}
	if len(in.interviewers) == 0 {
		return a, usagef(`at least one --interviewer is required: "Jane Doe <jane@acme.test>"`)
	}
	var contacts []store.Contact
	seen := map[string]bool{}
	for _, group := range []struct {
		flag string
		role policy.Role
		list []string
	}{{"interviewer", policy.Interviewer, in.interviewers}, {"coordinator", policy.Coordinator, in.coordinators}} {
		for _, v := range group.list {
			addr, err := parseContact(group.flag, v)
			if err != nil {
				return a, err
			}
			key := string(group.role) + " " + strings.ToLower(addr.Address)
			if seen[key] {
				return a, usagef("--%s %s is given twice", group.flag, addr.Address)
			}
			seen[key] = true
			if strings.EqualFold(addr.Address, cfg.Owner.Email) {
				return a, usagef("--%s %s is your own address", group.flag, addr.Address)
			}
			contacts = append(contacts, store.Contact{Name: addr.Name, Email: strings.ToLower(addr.Address), Role: group.role})
		}
	}
	// Per-contact settings, ADDRESS=VALUE: each checked, and set on the contact it names.
	perContact := []struct {
		flag, example string
		values        []string
		check         func(v string) (string, error)
		set           func(c *store.Contact, v string)
	}{
		{"greeting", "jane@acme.test=Dear Professor Doe,", in.greetings, func(v string) (string, error) {
			if v == "" || strings.ContainsAny(v, "\r\n\x00") || len(v) > 100 {
				return "", errors.New("is not one line of at most 100 characters")
			}
			return v, nil
		}, func(c *store.Contact, v string) { c.Greeting = v }},
		{"contact-tz", "jane@acme.test=America/New_York", in.zones, func(v string) (string, error) {
			if _, err := time.LoadLocation(v); err != nil || v == "" || v == "Local" {
				return "", errors.New("is not an IANA time zone name")
			}
			return v, nil
		}, func(c *store.Contact, v string) { c.TZ = v }},
		{"contact-holidays", "jane@acme.test=us", in.calendars, func(v string) (string, error) {
			v = strings.ToLower(v)
			_, err := holidays.Parse(v)
			return v, err
		}, func(c *store.Contact, v string) { c.Holidays = v }},
	}
	for _, pc := range perContact {
		for _, arg := range pc.values {
			addr, v, ok := strings.Cut(arg, "=")
			addr, v = strings.ToLower(strings.TrimSpace(addr)), strings.TrimSpace(v)
			if !ok {
				return a, usagef("--%s %q is not ADDRESS=VALUE, like %q", pc.flag, arg, pc.example)
			}
			v, err := pc.check(v)
			if err != nil {
				return a, usagef("--%s %q: the value %v (like %q)", pc.flag, arg, err, pc.example)
			}
			found := false
			for i := range contacts {
				if contacts[i].Email == addr {
					pc.set(&contacts[i], v)
					found = true
				}
			}
			if !found {
				return a, usagef("--%s for %s, who is not an --interviewer or --coordinator", pc.flag, addr)
			}
		}
	}
	dom := strings.ToLower(strings.TrimSpace(in.domain))
	if dom == "" {
		for _, c := range contacts {
			if d := policy.Domain(c.Email); !policy.IsFreeMail(d) {
				dom = d
				break
			}
		}
	} else if !isDomain(dom) {
		return a, usagef("--domain %q is not a mail domain like acme.com", in.domain)
	}
	var extra []string
	for _, d := range in.extraDomains {
		if d = strings.ToLower(strings.TrimSpace(d)); !isDomain(d) {
			return a, usagef("--domain %q is not a mail domain like acme.com", d)
		}
		if policy.IsFreeMail(d) || invite.IsSharedATS(d) {
			return a, usagef("--domain %s is shared by many (a free-mail provider's or an ATS's own): mail from anyone there would count as the company's", d)
		}
		extra = append(extra, d)
	}
	return store.Application{
		Company: in.company, Role: in.role, CompanyDomain: dom, Domains: extra,
		Interview: store.Interview{
			Start: start.UTC(), Length: length, TZ: loc.String(), DecisionBy: in.decision,
			KeyPoints: strings.TrimSpace(in.points), Fit: strings.TrimSpace(in.fit), Accomplishment: strings.TrimSpace(in.accomplishment),
		},
		Contacts: contacts,
	}, nil
}

func parseWhen(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, usagef(`--at %q is not a date and time like "2026-11-20 14:00"`, s)
}

func parseContact(flagName, v string) (*mail.Address, error) {
	if strings.ContainsAny(v, "\r\n\x00") {
		return nil, usagef("--%s must be one line", flagName)
	}
	addr, err := mail.ParseAddress(strings.TrimSpace(v))
	if err != nil {
		return nil, usagef(`--%s %q is not an email address: write "Name <name@company.com>" or name@company.com`, flagName, v)
	}
	if !strings.Contains(policy.Domain(addr.Address), ".") {
		return nil, usagef("--%s %q: the domain %q is not a mail domain", flagName, v, policy.Domain(addr.Address))
	}
	return addr, nil
}

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
}

type jsonInterview struct {
	Start          string `json:"start"`
	End            string `json:"end"`
	TZ             string `json:"tz"`
	DecisionBy     string `json:"decision_by"`
	KeyPoints      string `json:"key_points"`
	Fit            string `json:"fit"`
	Accomplishment string `json:"accomplishment"`
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

func (m *Main) list(ctx context.Context, env *cmdEnv) error {
	if _, err := env.parse(0); err != nil {
		return err
	}
	cfg, _, apps, err := m.loadPlanned(ctx, env)
	if err != nil {
		return err
	}
	if *env.jsonOut {
		items := make([]jsonListItem, 0, len(apps))
		for _, p := range apps {
			it := jsonListItem{ID: p.app.ID, Company: p.app.Company, Role: p.app.Role, Status: string(p.app.Status), InterviewAt: m.ts(cfg, p.app.Interview.Start)}
			if len(p.plan.Actions) > 0 {
				a := m.action(cfg, p.app, p.plan.Actions[0])
				it.Next = &a
			}
			items = append(items, it)
		}
		return m.printJSON(items)
	}
	if len(apps) == 0 {
		fmt.Fprintln(m.Stdout, "No applications yet. Record an interview with: followup add --help")
		return nil
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tCOMPANY\tROLE\tINTERVIEW\tSTATUS\tNEXT\tWHEN")
	for _, p := range apps {
		next, when := "-", "-"
		if len(p.plan.Actions) > 0 {
			a := p.plan.Actions[0]
			next = kindLabel(a.Kind) + " → " + recipient(p.app, cfg, a.Kind, a.ContactID)
			when = human(cfg, a.Due) + m.overdue(a.Due)
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", p.app.ID, p.app.Company, p.app.Role,
			human(cfg, p.app.Interview.Start), p.app.Status, next, when)
	}
	return w.Flush()
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
	}
	return string(k)
}

func (m *Main) show(ctx context.Context, env *cmdEnv) error {
	args, err := env.parse(1)
	if err != nil {
		return err
	}
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
	if *env.jsonOut {
		out := jsonShow{
			ID: app.ID, Company: app.Company, Role: app.Role, CompanyDomain: app.CompanyDomain,
			Status: string(app.Status), StatusReason: app.StatusReason, Halted: plan.Halted,
			Outcome: app.Outcome, Round: app.Round, PreviousID: app.PreviousID, Domains: append([]string{}, app.Domains...),
			Interview: jsonInterview{
				Start: m.ts(cfg, app.Interview.Start), End: m.ts(cfg, app.Interview.Start.Add(app.Interview.Length)),
				TZ: app.Interview.TZ, DecisionBy: app.Interview.DecisionBy, KeyPoints: app.Interview.KeyPoints,
				Fit: app.Interview.Fit, Accomplishment: app.Interview.Accomplishment,
			},
			Contacts: []jsonContact{}, Timeline: []jsonEvent{}, Messages: []jsonDraft{}, Schedule: []jsonAction{}, Notes: plan.Notes,
		}
		if out.Notes == nil {
			out.Notes = []string{}
		}
		for _, c := range app.Contacts {
			out.Contacts = append(out.Contacts, jsonContact{ID: c.ID, Name: c.Name, Email: c.Email, Role: string(c.Role), Undeliverable: c.Undeliverable})
		}
		for _, e := range events {
			out.Timeline = append(out.Timeline, jsonEvent{At: m.ts(cfg, e.At), Kind: e.Kind, Detail: e.Detail})
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
		fmt.Fprintf(w, "  %-11s %s%s\n", c.Role, who, extra)
	}
	fmt.Fprintln(w, "\nTimeline:")
	for _, e := range events {
		fmt.Fprintf(w, "  %s  %s\n", human(cfg, e.At), e.Detail)
	}
	if len(msgs) > 0 {
		fmt.Fprintln(w, "\nMessages:")
		for _, msg := range msgs {
			fmt.Fprintf(w, "  draft %d  %-18s → %-24s %s  %s\n", msg.ID, kindLabel(msg.Kind), recipient(app, cfg, msg.Kind, msg.ContactID), msg.State, human(cfg, msg.Due))
		}
	}
	fmt.Fprintln(w, "\nSchedule:")
	if plan.Halted != "" {
		fmt.Fprintf(w, "  nothing more: %s\n", plan.Halted)
	}
	if len(plan.Actions) == 0 && plan.Halted == "" {
		fmt.Fprintln(w, "  nothing more is planned")
	}
	for _, a := range plan.Actions {
		label := kindLabel(a.Kind)
		if a.Seq > 0 {
			label += fmt.Sprintf(" %d", a.Seq)
		}
		fmt.Fprintf(w, "  %s%s  %-16s → %s\n      why: %s\n", human(cfg, a.Due), m.overdue(a.Due), label, recipient(app, cfg, a.Kind, a.ContactID), a.Rule)
	}
	for _, n := range plan.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	return nil
}

func policyDuration(d time.Duration) string { return policy.Span{Duration: d}.String() }

func (m *Main) draftJSON(cfg *config.Config, app store.Application, msg store.Message) jsonDraft {
	return jsonDraft{
		ID: msg.ID, AppID: msg.AppID, Company: app.Company, Kind: string(msg.Kind), To: recipient(app, cfg, msg.Kind, msg.ContactID),
		Seq: msg.Seq, State: string(msg.State), Due: m.ts(cfg, msg.Due), Subject: msg.Subject, MessageID: msg.MessageID, LastError: msg.LastError,
	}
}

func (m *Main) drafts(ctx context.Context, env *cmdEnv) error {
	args, err := env.parse(2)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		if args[0] != "show" || len(args) != 2 {
			return usagef("drafts takes no argument, or show DRAFT")
		}
		return m.showDraft(ctx, env, args[1:])
	}
	cfg, st, err := env.open(ctx)
	if err != nil {
		return err
	}
	msgs, err := st.Messages(ctx, store.MessageFilter{States: []store.State{store.Drafted, store.AwaitingApproval, store.Approved, store.Sending, store.Unknown}})
	if err != nil {
		return err
	}
	apps := map[int64]store.Application{}
	out := []jsonDraft{}
	for _, msg := range msgs {
		app, ok := apps[msg.AppID]
		if !ok {
			if app, err = st.Application(ctx, msg.AppID); err != nil {
				return err
			}
			apps[msg.AppID] = app
		}
		out = append(out, m.draftJSON(cfg, app, msg))
	}
	if *env.jsonOut {
		return m.printJSON(out)
	}
	if len(out) == 0 {
		fmt.Fprintln(m.Stdout, "No drafts waiting.")
		return nil
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DRAFT\tAPP\tCOMPANY\tKIND\tTO\tSTATE\tDUE\tSUBJECT")
	for _, d := range out {
		fmt.Fprintf(w, "%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", d.ID, d.AppID, d.Company, d.Kind, d.To, d.State, d.Due, d.Subject)
	}
	return w.Flush()
}

func (m *Main) stop(ctx context.Context, env *cmdEnv) error {
	reason := env.flags.String("reason", "", "why (kept in the timeline)")
	args, err := env.parse(1)
	if err != nil {
		return err
	}
	id, err := appID(args)
	if err != nil {
		return err
	}
	if err := oneLine("reason", *reason); err != nil {
		return err
	}
	st, err := env.store(ctx)
	if err != nil {
		return err
	}
	n, err := st.SetStatus(ctx, id, policy.Stopped, *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "application %d stopped; %s cancelled\n", id, plural(n, "queued follow-up"))
	return nil
}

// showDraft prints one draft whole: to whom, when, why, its state and its text.
func (m *Main) showDraft(ctx context.Context, env *cmdEnv, args []string) error {
	cfg, st, msg, err := env.draft(ctx, args)
	if err != nil {
		return err
	}
	app, err := st.Application(ctx, msg.AppID)
	if err != nil {
		return err
	}
	if *env.jsonOut {
		return m.printJSON(struct {
			jsonDraft
			Body string `json:"body"`
			Rule string `json:"rule"`
		}{m.draftJSON(cfg, app, msg), msg.Body, msg.Rule})
	}
	fmt.Fprintf(m.Stdout, "draft %d: %s (%s)\n  to:      %s\n  subject: %s\n  due:     %s\n  why:     %s\n",
		msg.ID, kindLabel(msg.Kind), msg.State, recipient(app, cfg, msg.Kind, msg.ContactID), msg.Subject, human(cfg, msg.Due), msg.Rule)
	if msg.LastError != "" {
		fmt.Fprintf(m.Stdout, "  last error: %s\n", msg.LastError)
	}
	fmt.Fprintf(m.Stdout, "\n%s", msg.Body)
	return nil
}

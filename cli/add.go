package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/followupd/followup/assistant"
	"github.com/followupd/followup/config"
	"github.com/followupd/followup/holidays"
	"github.com/followupd/followup/internal/textsafe"
	"github.com/followupd/followup/invite"
	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
	"github.com/spf13/cobra"
)

// addFlags are add's flags.
type addFlags struct {
	company, role, at, length, tz, decision string
	domains, interviewers, coordinators     []string
	greetings, zones, calendars, pointsFor  []string
	points, fit, accomplishment, icsFile    string
	medium                                  string
	nextRound                               int64
}

func (m *Main) addCommand(env *cmdEnv) *cobra.Command {
	var f addFlags
	c := &cobra.Command{
		Use:   "add --company NAME --role TITLE --at TIME --interviewer ADDR [flags]",
		Short: "record an interview",
		Long: `Records an interview: the thank-yous and check-ins are planned from it (followup show ID
shows the plan) and drafted by the running daemon when due. It prints the application's id.`,
		Example: `  followup add --company Acme --role "Backend Engineer" --at "2026-11-20 14:00" \
      --interviewer "Jane Doe <jane@acme.com>" --coordinator "Sam Lee <hr@acme.com>"
  followup add --ics invitation.ics --points "the queue redesign"`,
		Args:        maxArgs(0),
		Annotations: map[string]string{jsonAnnotation: "yes"},
		RunE: func(cmd *cobra.Command, args []string) error {
			return m.add(cmd.Context(), env, f, cmd.Flags().Changed("length"))
		},
	}
	fs := c.Flags()
	fs.StringVar(&f.company, "company", "", "the company `NAME` (required)")
	fs.StringVar(&f.role, "role", "", "the role applied for, its `TITLE` (required)")
	fs.StringVar(&f.at, "at", "", "`TIME` the interview started: \"2026-11-20 14:00\" (required)")
	fs.StringVar(&f.length, "length", "1h", "how long it lasted, a `DURATION`")
	fs.StringVar(&f.tz, "tz", "", "the time `ZONE` of --at (default: the owner's)")
	fs.StringVar(&f.decision, "decision-by", "", "the `DATE` the employer said they would decide by: 2026-11-27")
	fs.StringArrayVar(&f.domains, "domain", nil, "the company's mail `DOMAIN` (default: the interviewers'); again for more that speak for it, like its ATS's")
	fs.StringArrayVar(&f.interviewers, "interviewer", nil, "an interviewer, an `ADDRESS`: \"Jane Doe <jane@acme.test>\" (repeat for each)")
	fs.StringArrayVar(&f.coordinators, "coordinator", nil, "who arranged the interview, an `ADDRESS`: \"Sam Lee <hr@acme.test>\"")
	fs.StringArrayVar(&f.greetings, "greeting", nil, "how to greet a contact, used as given, `ADDR=TEXT`: \"jane@acme.test=Dear Professor Doe,\" (repeat for each)")
	fs.StringArrayVar(&f.zones, "contact-tz", nil, "a contact's time zone, when not the interview's, `ADDR=ZONE`: \"jane@acme.test=America/New_York\"")
	fs.StringArrayVar(&f.calendars, "contact-holidays", nil, "a contact's public holidays, when not yours, `ADDR=COUNTRY[/REGION]`: \"jane@acme.test=us\" or \"hans@acme.de=de/by\"")
	fs.StringVar(&f.points, "points", "", "key points of the conversation, for the thank-you (`TEXT`)")
	fs.StringArrayVar(&f.pointsFor, "points-for", nil, "key points of the conversation with one interviewer, named first in their letters, `ADDR=TEXT`: \"jane@acme.test=the migration to Kafka; her team's on-call\" (repeat for each)")
	fs.StringVar(&f.fit, "fit", "", "why you fit the role (`TEXT`)")
	fs.StringVar(&f.accomplishment, "accomplishment", "", "a recent accomplishment to mention in a check-in (`TEXT`)")
	fs.StringVar(&f.medium, "medium", "", "how the interview was held, a `MEDIUM` for the letters' words: call, video or onsite")
	fs.Int64Var(&f.nextRound, "next-round", 0, "the application `ID` whose next round this is: its company, role, zone and people are kept unless given")
	fs.StringVar(&f.icsFile, "ics", "", "a calendar invitation `FILE` (.ics) to read the company, role, time, zone and people from; flags given win")
	_ = c.MarkFlagFilename("ics", "ics")
	_ = c.RegisterFlagCompletionFunc("next-round", env.completeApps)
	_ = c.RegisterFlagCompletionFunc("tz", completeZones)
	_ = c.RegisterFlagCompletionFunc("medium", flagValues("call", "video", "onsite"))
	return c
}

func (m *Main) add(ctx context.Context, env *cmdEnv, f addFlags, lengthGiven bool) error {
	cfg, err := env.config()
	if err != nil {
		return err
	}
	in := addInput{
		company: f.company, role: f.role, at: f.at, length: f.length, tz: f.tz, decision: f.decision, domain: first(f.domains), extraDomains: rest(f.domains),
		interviewers: f.interviewers, coordinators: f.coordinators, points: f.points, fit: f.fit, accomplishment: f.accomplishment,
		medium: f.medium, greetings: f.greetings, zones: f.zones, calendars: f.calendars, pointsFor: f.pointsFor,
	}
	var inv *invite.Invitation
	if f.icsFile != "" {
		if inv, in, err = fromInvitation(cfg, f.icsFile, in, lengthGiven); err != nil {
			return err
		}
		zone := in.tz
		if zone == "" {
			zone = "your time zone, " + cfg.Owner.Location.String()
		}
		fmt.Fprintf(m.Stderr, "read from %s: %s, %s, %s (%s), interviewers %s\n", f.icsFile, orUnknown(in.company), orUnknown(in.role), in.at, zone,
			strings.Join(in.interviewers, ", "))
	}
	var st *store.Store
	if f.nextRound != 0 {
		if st, err = env.store(ctx); err != nil {
			return err
		}
		prev, err := st.Application(ctx, f.nextRound)
		if errors.Is(err, store.ErrNotFound) {
			return usagef("--next-round %d: no such application", f.nextRound)
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
	// How the notes read in a sentence of the letters, and what is left out and why: before
	// anything is drafted. Each letter words them its own way; preview shows them in full.
	iv := app.Interview
	notes := mailer.ReadNotes(iv.KeyPoints, iv.Fit, iv.Accomplishment, app.Company).Besides(app.Role)
	if sole, ok := assistant.SoleInterviewer(app); ok {
		notes = assistant.ReadNotes(app, sole) // "she said …" is the one who interviewed
	}
	said := map[string]bool{}
	for _, line := range notes.Sentences() {
		said[line] = true
		if strings.HasPrefix(line, "left out:") {
			fmt.Fprintf(m.Stderr, "note: %s\n", line)
		} else {
			fmt.Fprintf(m.Stderr, "your notes, as a letter may say them: %s\n", line)
		}
	}
	for _, c := range app.Contacts {
		if c.Points == "" {
			continue
		}
		// Their own points and the shared ones, as their letters name them.
		own := mailer.ReadNotesFor(c.Points, iv.KeyPoints, "", "", app.Company).Besides(app.Role)
		for _, line := range own.Sentences() {
			if said[line] {
				continue
			}
			if strings.HasPrefix(line, "left out:") {
				fmt.Fprintf(m.Stderr, "note: to %s, %s\n", c.Email, line)
			} else {
				fmt.Fprintf(m.Stderr, "your notes for %s, as a letter may say them: %s\n", c.Email, line)
			}
		}
	}
	if st == nil {
		if st, err = env.store(ctx); err != nil {
			return err
		}
	}
	var id int64
	if f.nextRound != 0 {
		app.PreviousID = f.nextRound
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
	if env.jsonOut {
		return m.printJSON(map[string]int64{"id": id})
	}
	fmt.Fprintf(m.Stderr, "every letter in full, as it will be drafted: followup preview %d\n", id)
	fmt.Fprintln(m.Stdout, id)
	return nil
}

type addInput struct {
	company, role, at, length, tz, decision, domain string
	extraDomains                                    []string
	interviewers, coordinators                      []string
	points, fit, accomplishment, medium             string
	greetings                                       []string // ADDR=TEXT
	zones                                           []string // ADDR=ZONE
	calendars                                       []string // ADDR=COUNTRY[/REGION]
	pointsFor                                       []string // ADDR=TEXT
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
	if err := p.Refusal(); err != nil {
		return nil, in, usagef("--ics %s: %v", path, err)
	}
	if p.Role == "" && in.role == "" {
		return nil, in, usagef("--ics %s does not say the role (its summary: %q): give it with --role", path, textsafe.Line(inv.Summary))
	}
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

// media are the --medium values, and the words the letters know them by.
var media = map[string]string{"": "", "call": mailer.MediumCall, "phone": mailer.MediumCall, "video": mailer.MediumVideo,
	"onsite": mailer.MediumOnSite, "on-site": mailer.MediumOnSite, "on site": mailer.MediumOnSite}

// shared reports whether a domain is shared by many who are not the company: a free-mail
// provider's (policy.IsFreeMail, a maintained list) or an ATS's own.
func shared(d string) bool { return policy.IsFreeMail(d) || invite.IsSharedATS(d) }

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
		{"points-for", "jane@acme.test=the migration to Kafka; her team's on-call", in.pointsFor, func(v string) (string, error) {
			if v == "" || strings.ContainsAny(v, "\r\n\x00") || len(v) > 500 {
				return "", errors.New("is not one line of at most 500 characters")
			}
			return v, nil
		}, func(c *store.Contact, v string) { c.Points = v }},
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
			if d := policy.Domain(c.Email); !shared(d) {
				dom = d
				break
			}
		}
	}
	var extra []string
	for i, d := range append([]string{in.domain}, in.extraDomains...) {
		if d = strings.ToLower(strings.TrimSpace(d)); d == "" && i == 0 {
			continue
		} else if !isDomain(d) {
			return a, usagef("--domain %q is not a mail domain like acme.com", d)
		}
		if shared(d) {
			return a, usagef("--domain %s is shared by many (a free-mail provider's or an ATS's own): mail from anyone there would count as the company's", d)
		}
		if i > 0 {
			extra = append(extra, d)
		}
	}
	medium, ok := media[strings.ToLower(strings.TrimSpace(in.medium))]
	if !ok {
		return a, oneOf("--medium", in.medium, []string{"call", "video", "onsite"})
	}
	return store.Application{
		Company: in.company, Role: in.role, CompanyDomain: dom, Domains: extra,
		Interview: store.Interview{
			Start: start.UTC(), Length: length, TZ: loc.String(), DecisionBy: in.decision,
			KeyPoints: strings.TrimSpace(in.points), Fit: strings.TrimSpace(in.fit), Accomplishment: strings.TrimSpace(in.accomplishment),
			Medium: medium,
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

// bareNameRe is a display name not quoted, then the address in angle brackets.
var bareNameRe = regexp.MustCompile(`^([^<>"@]+?)\s*<([^<>\s]+)>$`)

func parseContact(flagName, v string) (*mail.Address, error) {
	if strings.ContainsAny(v, "\r\n\x00") {
		return nil, usagef("--%s must be one line", flagName)
	}
	addr, err := mail.ParseAddress(strings.TrimSpace(v))
	if m := bareNameRe.FindStringSubmatch(strings.TrimSpace(v)); err != nil && m != nil {
		// "Park, Linda <linda@acme.test>", "Dr. Kevin O'Brien, DPT <…>": a name as people
		// type it, with the comma RFC 5322 wants quoted; the address decides.
		if a, aerr := mail.ParseAddress(m[2]); aerr == nil {
			addr, err = &mail.Address{Name: strings.TrimSpace(m[1]), Address: a.Address}, nil
		}
	}
	if err != nil {
		return nil, usagef(`--%s %q is not an email address: write "Name <name@company.com>" or name@company.com`, flagName, v)
	}
	if !strings.Contains(policy.Domain(addr.Address), ".") {
		return nil, usagef("--%s %q: the domain %q is not a mail domain", flagName, v, policy.Domain(addr.Address))
	}
	return addr, nil
}

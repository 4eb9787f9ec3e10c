package assistant

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/invite"
	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// maxAskedPerHour bounds the questions about invitations: anyone can send one.
const maxAskedPerHour = 20

// ReadInvitation reads the calendar invitation a message carries, if any: an iTIP request
// or cancellation (a published calendar, or a reply to one, is no invitation).
//
// A calendar over invite's bounds, or malformed, is refused with its error (errors.Is
// invite.ErrBound or invite.ErrMalformed, saying which line): the caller records the
// message and skips it.
func ReadInvitation(m *inbox.Message) (*invite.Invitation, error) {
	data, ok := m.Calendar()
	if !ok {
		return nil, nil
	}
	inv, err := invite.Parse(data)
	if errors.Is(err, invite.ErrBound) || errors.Is(err, invite.ErrMalformed) {
		return nil, err
	}
	if err != nil || (inv.Method != "REQUEST" && inv.Method != "CANCEL") || inv.UID == "" {
		return nil, nil // no event, or not an invitation (a PUBLISH, a REPLY): ordinary mail
	}
	return inv, nil
}

// ownerPerson is the owner as an invitation names them.
func (a *Assistant) ownerPerson() invite.Person {
	return invite.Person{Name: a.Config.Owner.Name, Email: a.Config.Owner.Email}
}

// Propose reads the invitation a message carries for what followup would record for owner:
// the message's sender and Reply-To stand for the company when an ATS sends it.
// `followup classify` prints it.
func Propose(m *inbox.Message, inv *invite.Invitation, owner invite.Person) invite.Proposal {
	sender := invite.Person{Name: m.FromName, Email: m.From}
	var replyTo invite.Person
	if list, err := m.Header.AddressList("Reply-To"); err == nil && len(list) > 0 {
		replyTo = invite.Person{Name: list[0].Name, Email: strings.ToLower(list[0].Address)}
	}
	return inv.Propose(owner, sender, replyTo, policy.IsFreeMail)
}

// invited acts on a calendar invitation: a new one that looks like an interview and names
// the owner (or that the owner forwarded to themself) makes followup ask the owner whether
// to track it; an update of one it follows moves the interview, a cancellation ends it.
func (a *Assistant) invited(ctx context.Context, m *inbox.Message, dec Decision) (reason string, appID int64, err error) {
	inv := dec.Invitation
	p := Propose(m, inv, a.ownerPerson())
	loc := a.Config.Owner.Location
	known, err := a.Store.InvitationByUID(ctx, inv.UID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return a.newInvitation(ctx, m, inv, p, dec.Proof)
	case err != nil:
		return "", 0, err
	}
	if inv.Sequence < known.Sequence || (inv.Sequence == known.Sequence && inv.Method == "REQUEST") || known.State == store.InvitationCancelled {
		return "an invitation seen before", known.AppID, nil
	}
	var app store.Application
	if known.AppID != 0 {
		if app, err = a.Store.Application(ctx, known.AppID); err != nil {
			return "", 0, err
		}
	}
	var shown invite.Proposal
	if err := json.Unmarshal([]byte(known.Proposal), &shown); err != nil {
		return "", 0, fmt.Errorf("invitation %s: its proposal: %w", known.UID, err)
	}
	// Every attendee's copy carries the UID: an update or a cancellation counts only from
	// the organizer or the company, proven (Decision.Proof).
	if !fromOrganizer(m, dec.Proof, shown, app) {
		a.Logger.Warn("invitation change not from its organizer: ignored", "uid", inv.UID, "from", m.From, "proof", dec.Proof.How)
		a.tellStranger(ctx, fmt.Sprintf("%s sent %s of the invitation %s (%s), but is not proven to be its organizer or the company (%s): nothing changed.",
			quote(m.From), strings.ToLower(inv.Method), quote(inv.Summary), span(shown, loc), clean(dec.Proof.How, 200)))
		return "a change of an invitation not from its organizer: not acted on", known.AppID, nil
	}
	proposal, _ := json.Marshal(p)
	known.Sequence, known.Proposal = inv.Sequence, string(proposal)
	change := struct {
		Summary, When, Company, Role, What, Token string
		AppID                                     int64
	}{Summary: quote(inv.Summary), When: span(p, loc), Company: app.Company, Role: app.Role, AppID: known.AppID, Token: known.Token}
	if inv.Method == "CANCEL" {
		known.State = store.InvitationCancelled
		if err := a.Store.UpdateInvitation(ctx, known); err != nil {
			return "", 0, err
		}
		change.What = "cancelled"
		if known.AppID != 0 {
			n, err := a.Store.SetStatus(ctx, known.AppID, policy.Stopped, "the interview was cancelled (calendar)")
			if err != nil && !errors.Is(err, store.ErrTransition) {
				return "", 0, err
			}
			a.Logger.Info("invitation cancelled: application stopped", "app", known.AppID, "cancelled", n)
		}
		a.tell(ctx, "", "invitation_changed", change)
		return "the invitation was cancelled", known.AppID, nil
	}
	if err := a.Store.UpdateInvitation(ctx, known); err != nil {
		return "", 0, err
	}
	if known.AppID == 0 {
		// Not tracked yet: the owner is asked again, the new version shown whole under a new
		// token. An answer to the old question no longer matches anything, so "track" records
		// exactly the version its question showed, never a later one.
		return a.askAgain(ctx, m, known, p, dec.Proof)
	}
	if app.Status != policy.Active || !app.Interview.Start.After(a.Now()) {
		change.What = "not moved"
		a.tell(ctx, "", "invitation_changed", change)
		return "an update of an interview that is over or no longer followed", known.AppID, nil
	}
	tz := p.Zone
	if tz == "" {
		tz = app.Interview.TZ
	}
	why := fmt.Sprintf("the invitation moved it to %s (sequence %d)", span(p, loc), inv.Sequence)
	if err := a.Store.MoveInterview(ctx, known.AppID, p.Start, p.End.Sub(p.Start), tz, why); err != nil {
		return "", 0, err
	}
	change.What = "moved"
	a.tell(ctx, "", "invitation_changed", change)
	a.wake()
	return "the invitation moved the interview", known.AppID, nil
}

// askAgain asks about an updated invitation not tracked yet, afresh: in the listed notice
// when it was listed there, else by a question of its own.
func (a *Assistant) askAgain(ctx context.Context, m *inbox.Message, known store.Invitation, p invite.Proposal, proof inbox.Proof) (string, int64, error) {
	var previous store.Application
	if known.PreviousID != 0 {
		app, err := a.Store.Application(ctx, known.PreviousID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return "", 0, err
		}
		previous = app
	}
	if known.Listed() {
		if err := a.listInvitation(ctx, m, known, p, previous, proof); err != nil {
			return "", 0, err
		}
		return "an update of an invitation not tracked yet: listed again for the owner", 0, nil
	}
	known.Token, known.RequestID = mailer.NewToken(), mailer.NewMessageID(a.ownerDomain(), a.Now())
	if err := a.Store.UpdateInvitation(ctx, known); err != nil {
		return "", 0, err
	}
	subject, body, err := text("track", a.trackData(p, previous, m, known.Token))
	if err != nil {
		return "", 0, err
	}
	if err := a.ask(ctx, known, "Updated: "+subject, body); err != nil {
		return "", 0, err
	}
	return "an update of an invitation not tracked yet: the owner is asked again", 0, nil
}

// fromOrganizer reports whether m, a change of an invitation, comes from whoever may change
// it: its proven sender is the organizer the owner was shown, one of the application's
// people, or at its company's domain.
func fromOrganizer(m *inbox.Message, proof inbox.Proof, shown invite.Proposal, app store.Application) bool {
	if !proof.Proven() {
		return false
	}
	from := strings.ToLower(m.From)
	if shown.Coordinator != nil && strings.EqualFold(shown.Coordinator.Email, from) {
		return true
	}
	if dom := policy.Domain(from); dom != "" && !policy.IsFreeMail(dom) && !invite.IsSharedATS(dom) &&
		(strings.EqualFold(dom, shown.Domain) || strings.EqualFold(dom, app.CompanyDomain)) {
		return true
	}
	for _, c := range app.Contacts {
		if strings.EqualFold(c.Email, from) {
			return true
		}
	}
	return false
}

// newInvitation asks the owner whether to track a new invitation: by a question of its own
// when it comes from someone the owner deals with already (knownSender), else in the one
// listed notice an hour of mail strangers can cause (anyone can send an invitation, and a
// domain of their own passes every check).
func (a *Assistant) newInvitation(ctx context.Context, m *inbox.Message, inv *invite.Invitation, p invite.Proposal, proof inbox.Proof) (string, int64, error) {
	if inv.Method != "REQUEST" {
		return "the cancellation of an event followup never read", 0, nil
	}
	if !p.Interview {
		return "a calendar invitation: " + p.Why, 0, nil
	}
	forOwner := strings.EqualFold(m.From, a.Config.Owner.Email)
	for _, x := range inv.Attendees {
		forOwner = forOwner || strings.EqualFold(x.Email, a.Config.Owner.Email)
	}
	if !forOwner {
		return "a calendar invitation that does not invite you", 0, nil
	}
	var previous store.Application
	if p.Domain != "" {
		app, ok, err := a.Store.LatestAppAtDomain(ctx, p.Domain)
		if err != nil {
			return "", 0, err
		}
		if ok {
			previous = app
		}
	}
	proposal, _ := json.Marshal(p)
	row := store.Invitation{UID: inv.UID, Sequence: inv.Sequence, Proposal: string(proposal), PreviousID: previous.ID,
		MessageID: m.MessageID, State: store.InvitationAsked}
	known, err := a.knownSender(ctx, m, proof)
	if err != nil {
		return "", 0, err
	}
	if !known {
		if err := a.listInvitation(ctx, m, row, p, previous, proof); errors.Is(err, store.ErrDuplicate) {
			return "an invitation seen before", 0, nil
		} else if err != nil {
			return "", 0, err
		}
		a.Logger.Info("invitation from a sender the owner has no application with: listed", "uid", inv.UID, "from", m.From, "proof", proof.How)
		return "a calendar invitation to an interview: listed in the notice of mail followup did not act on, for the owner's \"track\"", previous.ID, nil
	}
	// Past maxAskedPerHour in the hour, a question is kept and asked an hour later for each
	// maxAskedPerHour before it, never dropped.
	var later time.Time
	if n, err := a.Store.AskedInvitationsSince(ctx, a.Now().Add(-time.Hour)); err != nil {
		return "", 0, err
	} else if n >= maxAskedPerHour {
		later = a.Now().Add(time.Duration(n/maxAskedPerHour) * time.Hour)
		a.Logger.Warn("invitation: too many questions this hour; asked later", "uid", inv.UID, "from", m.From, "at", later.Format(time.RFC3339))
	}
	row.Token, row.RequestID = mailer.NewToken(), mailer.NewOwnMessageID(a.ownerDomain(), a.Now())
	subject, body, err := text("track", a.trackData(p, previous, m, row.Token))
	if err != nil {
		return "", 0, err
	}
	if _, err := a.Store.AddInvitation(ctx, row); errors.Is(err, store.ErrDuplicate) {
		return "an invitation seen before", 0, nil
	} else if err != nil {
		return "", 0, err
	}
	if err := a.askAt(ctx, row, subject, body, later); err != nil {
		return "", 0, err
	}
	if !later.IsZero() {
		return "a calendar invitation to an interview: the owner is asked later (too many questions this hour)", previous.ID, nil
	}
	a.Logger.Info("invitation: owner asked whether to track it", "uid", inv.UID, "company", p.Company, "start", p.Start.Format(time.RFC3339))
	a.wake()
	return "a calendar invitation to an interview: the owner is asked whether to track it", previous.ID, nil
}

// knownSender reports whether m comes, proven, from someone the owner deals with already:
// the owner, a contact of an active application, or the domain of a company the owner has
// an application with (not a free-mail or shared recruiting-tool domain).
func (a *Assistant) knownSender(ctx context.Context, m *inbox.Message, proof inbox.Proof) (bool, error) {
	if !proof.Proven() {
		return false, nil
	}
	from := strings.ToLower(m.From)
	if strings.EqualFold(from, a.Config.Owner.Email) {
		return true, nil
	}
	if cs, err := a.Store.ActiveContacts(ctx, from); err != nil || len(cs) > 0 {
		return len(cs) > 0, err
	}
	dom := policy.Domain(from)
	if dom == "" || policy.IsFreeMail(dom) || invite.IsSharedATS(dom) {
		return false, nil
	}
	_, ok, err := a.Store.LatestAppAtDomain(ctx, dom)
	return ok, err
}

// listInvitation records row (new, or its new version) and lists it in the notice of mail
// strangers can cause, where the owner's answer "track N" records it. The item names the
// version it shows (the calendar's SEQUENCE, which only grows): an answer to a notice that
// showed an older one records nothing, so "track" records exactly what the owner read.
func (a *Assistant) listInvitation(ctx context.Context, m *inbox.Message, row store.Invitation, p invite.Proposal, previous store.Application, proof inbox.Proof) error {
	td := a.trackData(p, previous, m, "")
	how := "not verified: " + clean(proof.How, 160)
	if proof.Proven() {
		how = "verified for " + clean(proof.Domain, 80) + " (a domain you have no application with)"
	}
	data := struct {
		trackFields
		Proof       string
		Updated     bool
		ID, Version int64
	}{td, how, row.ID != 0, row.ID, int64(row.Sequence)}
	subject, _, err := text("track_item", data) // renders, or fails here, before anything is recorded
	if err != nil {
		return err
	}
	n, stamp, err := a.strangersNotice()
	if err != nil {
		return err
	}
	n.Subject = "[followup] " + subject // a notice that lists an invitation says so
	_, err = a.Store.ListInvitation(ctx, row, n, func(id int64) string {
		data.ID = id
		_, item, _ := text("track_item", data)
		return wrapLines(stamp+": "+item, 90)
	})
	if err == nil {
		a.wake()
	}
	return err
}

// ask queues a question to the owner that an answer "track" settles: its subject carries the
// invitation's token, and its Message-ID is the one the answer must name.
func (a *Assistant) ask(ctx context.Context, row store.Invitation, subject, body string) error {
	return a.askAt(ctx, row, subject, body, time.Time{})
}

// askAt is ask, the question due at (now, when zero).
func (a *Assistant) askAt(ctx context.Context, row store.Invitation, subject, body string, at time.Time) error {
	_, err := a.Store.Enqueue(ctx, store.Outgoing{Kind: store.KindNotice, ToOwner: true, Subject: "[followup " + row.Token + "] " + subject,
		Body: strings.TrimRight(body, "\n") + "\n\n-- \nfollowup\n", MessageID: row.RequestID, CreatedAt: a.Now(), Due: at})
	if err == nil {
		a.wake()
	}
	return err
}

// nextRound records an invitation to another round of app, without a time yet, that the
// owner's answer "track 2026-12-03 14:00" to the reply's notice records as the next round.
func (a *Assistant) nextRound(ctx context.Context, app store.Application, m *inbox.Message) (store.Invitation, error) {
	p := invite.Proposal{Company: app.Company, Role: app.Role, Domain: app.CompanyDomain, Zone: app.Interview.TZ, Interview: true,
		Why: "an invitation to another round"}
	for _, c := range app.Contacts {
		x := invite.Person{Name: c.Name, Email: c.Email}
		switch {
		case c.Undeliverable:
		case c.Role == policy.Interviewer:
			p.Interviewers = append(p.Interviewers, x)
		case p.Coordinator == nil:
			p.Coordinator = &x
		}
	}
	proposal, _ := json.Marshal(p)
	row := store.Invitation{UID: fmt.Sprintf("followup-next-round/%d/%d", app.ID, a.Now().UnixNano()), Proposal: string(proposal),
		PreviousID: app.ID, Token: mailer.NewToken(), RequestID: mailer.NewOwnMessageID(a.ownerDomain(), a.Now()), MessageID: m.MessageID,
		State: store.InvitationAsked}
	_, err := a.Store.AddInvitation(ctx, row)
	return row, err
}

// trackFields is what a question about an invitation shows.
type trackFields struct {
	Company, Domain, Role, When, Zone, Coordinator, From, Why, Previous, Token string
	Interviewers                                                               []string
}

func (a *Assistant) trackData(p invite.Proposal, previous store.Application, m *inbox.Message, token string) trackFields {
	var interviewers []string
	for _, x := range p.Interviewers {
		interviewers = append(interviewers, clean(x.String(), 120))
	}
	coordinator := ""
	if p.Coordinator != nil {
		coordinator = clean(p.Coordinator.String(), 120)
	}
	prev := ""
	if previous.ID != 0 {
		prev = fmt.Sprintf("%d (%s at %s, round %d)", previous.ID, clean(previous.Role, 100), clean(previous.Company, 100), previous.Round)
	}
	from := m.From
	if m.FromName != "" {
		from = m.FromName + " <" + m.From + ">"
	}
	zone := p.Zone
	if zone == "" {
		zone = "UTC, or a zone the invitation did not name"
	}
	return trackFields{clean(p.Company, 100), p.Domain, clean(p.Role, 100), span(p, a.Config.Owner.Location), zone, coordinator, clean(from, 200),
		clean(p.Why, 200), prev, token, interviewers}
}

// span says when an interview is, on the owner's clock: "Wed 2 Dec 2026 14:00–15:00 CET".
func span(p invite.Proposal, loc *time.Location) string {
	s, e := p.Start.In(loc), p.End.In(loc)
	return s.Format("Mon 2 Jan 2006 15:04") + "–" + e.Format("15:04 MST")
}

// track carries out the owner's answer to a question about an invitation: "track", with
// corrections under it, records the application (or the next round of the one it follows).
func (a *Assistant) track(ctx context.Context, m *inbox.Message, row store.Invitation) (acted, error) {
	refused := func(why string) (acted, error) { return acted{a.refuse(ctx, m, why), "ignored: " + why, 0}, nil }
	ans, _ := ReadAnswer(m, a.Config.Owner.Email)
	switch {
	case ans.Refused != "":
		return refused(ans.Refused)
	case !refersTo(m, row.RequestID):
		return refused("it does not answer that invitation's question")
	}
	if row.State != store.InvitationAsked {
		return acted{true, "already " + string(row.State), row.AppID}, nil
	}
	fix, ok, problem := ParseTrack(inbox.OwnAnswer(m.Text(32 << 10)))
	if !ok {
		a.tell(ctx, "", "track_problem", trackProblem{`the answer does not start with "track"`, row.Token})
		return acted{true, "not a track answer", 0}, nil
	}
	id, problem, err := a.record(ctx, row, fix, problem)
	switch {
	case err != nil:
		return acted{}, err
	case problem != "":
		a.tell(ctx, "", "track_problem", trackProblem{problem, row.Token})
		return acted{true, "track: " + problem, 0}, nil
	}
	return acted{true, fmt.Sprintf("track: application %d", id), id}, nil
}

// trackProblem is what the owner is told when an answer "track" records nothing: the problem,
// and the question's token, to answer it again.
type trackProblem struct{ Problem, Token string }

// record records the application an invitation the owner answered "track" to proposes, with
// the owner's corrections, and tells the owner; or says what is wrong, recording nothing.
func (a *Assistant) record(ctx context.Context, row store.Invitation, fix TrackAnswer, problem string) (appID int64, _ string, _ error) {
	var p invite.Proposal
	if err := json.Unmarshal([]byte(row.Proposal), &p); err != nil {
		return 0, "", fmt.Errorf("invitation %s: its proposal: %w", row.UID, err)
	}
	app, problem := a.applicationFrom(p, fix, problem)
	if problem != "" {
		return 0, problem, nil
	}
	var id int64
	var err error
	if row.PreviousID != 0 && !fix.New {
		app.PreviousID = row.PreviousID
		id, err = a.Store.AddNextRound(ctx, app)
		if errors.Is(err, store.ErrTransition) || errors.Is(err, store.ErrNotFound) {
			app.PreviousID = 0 // the round before ended meanwhile: a new application
			id, err = a.Store.AddApplication(ctx, app)
		}
	} else {
		id, err = a.Store.AddApplication(ctx, app)
	}
	if errors.Is(err, store.ErrDuplicate) {
		return 0, "it is recorded already: " + err.Error(), nil
	} else if err != nil {
		return 0, "", err
	}
	row.State, row.AppID = store.InvitationTracked, id
	if err := a.Store.UpdateInvitation(ctx, row); err != nil {
		return 0, "", err
	}
	got, err := a.Store.Application(ctx, id)
	if err != nil {
		return 0, "", err
	}
	var people []string
	for _, c := range got.Contacts {
		people = append(people, string(c.Role)+" "+address(c))
	}
	a.Logger.Info("invitation tracked", "app", id, "round", got.Round)
	a.tell(ctx, "", "tracked", struct {
		Company, Role, When string
		People              []string
		Round               int
		AppID, PreviousID   int64
	}{got.Company, got.Role, span(invite.Proposal{Start: got.Interview.Start, End: got.Interview.Start.Add(got.Interview.Length)}, a.Config.Owner.Location),
		people, got.Round, id, got.PreviousID})
	a.wake()
	return id, "", nil
}

// applicationFrom builds the application an invitation proposes, with the owner's
// corrections, or says what is missing or wrong.
func (a *Assistant) applicationFrom(p invite.Proposal, fix TrackAnswer, problem string) (store.Application, string) {
	if problem != "" {
		return store.Application{}, problem
	}
	company, role := p.Company, p.Role
	if fix.Company != "" {
		company = fix.Company
	}
	if fix.Role != "" {
		role = fix.Role
	}
	if company == "" {
		return store.Application{}, `the company is not known: answer "track" with a line "company: …"`
	}
	if role == "" {
		return store.Application{}, `the role is not known: answer "track" with a line "role: …"`
	}
	tz := p.Zone
	if fix.Zone != "" {
		tz = fix.Zone
	}
	if tz == "" {
		tz = a.Config.Owner.Location.String()
	}
	start, length := p.Start, p.End.Sub(p.Start)
	if length <= 0 {
		length = time.Hour
	}
	if fix.At != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			loc = a.Config.Owner.Location
		}
		start, _ = time.ParseInLocation("2006-01-02 15:04", fix.At, loc)
	}
	if start.IsZero() {
		return store.Application{}, `the time is not known: answer "track 2026-12-03 14:00" (the time in ` + tz + `; another zone after it, like "track 2026-12-03 09:00 America/New_York")`
	}
	app := store.Application{Company: company, Role: role, CompanyDomain: p.Domain,
		Interview: store.Interview{Start: start, Length: length, TZ: tz}}
	interviewers := p.Interviewers
	if len(fix.Interviewers) > 0 {
		interviewers = fix.Interviewers
	}
	seen := map[string]bool{}
	for _, x := range interviewers {
		if strings.EqualFold(x.Email, a.Config.Owner.Email) || seen[x.Email] {
			continue
		}
		seen[x.Email] = true
		app.Contacts = append(app.Contacts, store.Contact{Name: x.Name, Email: x.Email, Role: policy.Interviewer})
	}
	if len(app.Contacts) == 0 {
		return store.Application{}, `no interviewer is known: answer "track" with a line "interviewer: Name <address>"`
	}
	coordinator := p.Coordinator
	if fix.Coordinator != nil {
		coordinator = fix.Coordinator
	}
	if coordinator != nil && !strings.EqualFold(coordinator.Email, a.Config.Owner.Email) {
		app.Contacts = append(app.Contacts, store.Contact{Name: coordinator.Name, Email: coordinator.Email, Role: policy.Coordinator})
	}
	return app, ""
}

// TrackAnswer is the owner's corrections to an invitation, under "track".
type TrackAnswer struct {
	Company, Role string
	Interviewers  []invite.Person
	Coordinator   *invite.Person
	// At and Zone are a time the owner gave ("track 2026-12-03 14:00 Europe/Berlin", or a
	// line "at: …"): the time of a next round, or a correction.
	At, Zone string
	// New is "round: new": an application of its own, not the next round of the one at
	// that company (another role there).
	New bool
}

// ParseTrack reads an answer to a question about an invitation: "track" on the first line,
// then optional corrections, one per line ("role: Staff Engineer", "company: Acme",
// "interviewer: Jane Doe <jane@acme.test>" — each; they replace the list —, "coordinator:
// …"). ok is false when the first line is not "track"; problem says what is wrong in a
// correction.
func ParseTrack(own string) (ans TrackAnswer, ok bool, problem string) {
	lines := strings.Split(strings.ReplaceAll(own, "\r\n", "\n"), "\n")
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i == len(lines) {
		return ans, false, ""
	}
	first := strings.Trim(strings.TrimSpace(lines[i]), ".!,;: ")
	word, rest, _ := strings.Cut(first, " ")
	if !strings.EqualFold(word, "track") {
		return ans, false, ""
	}
	if rest = strings.TrimSpace(rest); rest != "" {
		if ans.At, ans.Zone, problem = splitWhen(rest); problem != "" {
			return ans, true, problem
		}
	}
	for n, l := range lines[i+1:] {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if n >= 40 {
			return ans, true, "too many lines under \"track\""
		}
		key, value, found := strings.Cut(l, ":")
		key, value = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(value)
		if !found || value == "" {
			// A sign-off ("Thanks, Alice") ends the corrections.
			break
		}
		if len(value) > 200 || strings.ContainsAny(value, "\x00\r") {
			return ans, true, fmt.Sprintf("the %s is longer than a line", key)
		}
		switch key {
		case "role":
			ans.Role = value
		case "company":
			ans.Company = value
		case "round":
			if !strings.EqualFold(value, "new") {
				return ans, true, `"round:" takes "new": an application of its own, not a next round`
			}
			ans.New = true
		case "at", "when", "time":
			if ans.At, ans.Zone, problem = splitWhen(value); problem != "" {
				return ans, true, problem
			}
		case "interviewer", "coordinator":
			addr, err := mail.ParseAddress(value)
			if err != nil {
				return ans, true, fmt.Sprintf("%s %q is not an address like Jane Doe <jane@acme.test>", key, clean(value, 100))
			}
			x := invite.Person{Name: addr.Name, Email: strings.ToLower(addr.Address)}
			if key == "interviewer" {
				ans.Interviewers = append(ans.Interviewers, x)
			} else {
				ans.Coordinator = &x
			}
		default:
			return ans, true, fmt.Sprintf("%q is not something to correct (at, role, company, interviewer, coordinator, round)", clean(key, 40))
		}
	}
	return ans, true, ""
}

// splitWhen reads "2026-12-03 14:00" with an optional IANA zone after it.
func splitWhen(s string) (at, zone, problem string) {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 3 {
		return "", "", fmt.Sprintf("%q is not a time like 2026-12-03 14:00 (and a zone, like Europe/Berlin)", clean(s, 60))
	}
	at = f[0] + " " + f[1]
	if _, err := time.Parse("2006-01-02 15:04", at); err != nil {
		return "", "", fmt.Sprintf("%q is not a time like 2026-12-03 14:00", clean(at, 60))
	}
	if len(f) == 3 {
		zone = f[2]
		if _, err := time.LoadLocation(zone); err != nil || zone == "Local" || strings.Contains(zone, "..") {
			return "", "", fmt.Sprintf("%q is not a time zone like Europe/Berlin", clean(zone, 60))
		}
	}
	return at, zone, ""
}

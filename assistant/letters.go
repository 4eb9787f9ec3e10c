package assistant

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// letterData is what a follow-up of kind to c says when it goes at due: the owner's notes in
// the forms they read in, the interview's day seen from the recipient's clock on that day,
// whether a thank-you to them went out (only then a check-in thanks them "again"), and the
// person's place among the contacts (each of a panel gets their own letter).
func (a *Assistant) letterData(app store.Application, c store.Contact, kind policy.Kind, seq int, due time.Time, thanked bool) mailer.Data {
	loc := app.Zone(c, a.Config.Owner.Location)
	if loc == nil {
		loc = time.UTC
	}
	greeting, _ := mailer.Greeting(c.Name, c.Greeting, mailer.Salutation(a.Config.Policy.Salutation))
	index := 0
	for i, other := range app.Contacts {
		if other.ID == c.ID {
			index = i
		}
	}
	start := app.Interview.Start.In(loc)
	d := mailer.Data{
		Greeting: greeting,
		Owner:    a.owner(), Signature: a.Config.Owner.Signature, Contact: mailer.NewPerson(c.Name, c.Email), Company: app.Company, Role: app.Role,
		InterviewWhen: mailer.When(start), KeyPoints: mailer.KeyPoints(c.Points + "\n" + app.Interview.KeyPoints),
		Fit: app.Interview.Fit, Accomplishment: app.Interview.Accomplishment, Seq: seq, Medium: app.Interview.Medium,
		Notes: readNotes(app, c),
		Last:  kind == policy.CheckIn && a.Config.Rules.MaxCheckIns > 1 && seq >= a.Config.Rules.MaxCheckIns,
		Start: start, End: start.Add(app.Interview.Length), Thanked: thanked, Index: index,
	}
	if !due.IsZero() {
		d.SendAt = due.In(loc)
	}
	// The day they said, as a date where the reader is: "by Friday" is their Friday.
	if by, err := time.ParseInLocation("2006-01-02", app.Interview.DecisionBy, loc); err == nil {
		d.DecisionBy = by
	}
	return d
}

// thanked reports whether a thank-you to contact c of application appID went out.
func (a *Assistant) thanked(ctx context.Context, appID, contactID int64) (body string, ok bool, err error) {
	msgs, err := a.Store.Messages(ctx, store.MessageFilter{AppID: appID, States: []store.State{store.Sent}})
	if err != nil {
		return "", false, err
	}
	for _, m := range msgs {
		if m.Kind == policy.ThankYou && m.ContactID == contactID {
			return m.Body, true, nil
		}
	}
	return "", false, nil
}

// readNotes are the owner's notes for letters to c: the points of the conversation with c
// first, then the interview's. With one interviewer the interview's points are the
// conversation with them: "she said it takes someone with initiative" is the reader, "You
// mentioned that it takes …".
func readNotes(app store.Application, c store.Contact) mailer.Notes {
	iv := app.Interview
	own, shared := c.Points, iv.KeyPoints
	if _, ok := SoleInterviewer(app); ok && c.Role == policy.Interviewer {
		own, shared = strings.TrimSpace(own+"\n"+shared), ""
	}
	return mailer.ReadNotesFor(readerAsYou(own, c.Name), shared, iv.Fit, iv.Accomplishment, app.Company).Besides(app.Role)
}

// readerAsYou is notes about the person named name as their letter reads them: "Jamaal's
// path at CarRuns" is "their path" ("your path" to Jamaal), "w/ Dr Page" and "with Steven"
// are "with you".
func readerAsYou(notes, name string) string {
	f := strings.Fields(name)
	if len(f) == 0 || notes == "" {
		return notes
	}
	given, last := f[0], f[len(f)-1]
	titled := strings.HasSuffix(given, ".")
	possessor := given
	if titled && len(f) > 1 {
		possessor = last // "Dr. Katz": "Katz's"
	}
	if titled && len(f) > 2 {
		given = f[1]
	}
	// Word edges for any letters ("Élodie", "Zoë"): \b knows only ASCII.
	const before, after = `(^|[^\p{L}\p{N}])`, `([^\p{L}\p{N}]|$)`
	notes = regexp.MustCompile(before+regexp.QuoteMeta(possessor)+`['’]s`+after).ReplaceAllString(notes, "${1}their$2")
	if len(f) > 1 {
		notes = regexp.MustCompile(before+`(?i:dr|mr|mrs|ms|prof)\.?\s+`+regexp.QuoteMeta(last)+after).ReplaceAllString(notes, "${1}you$2")
	}
	// Only after "with": "by May" to May Chen is a month.
	return regexp.MustCompile(before+`(with|w/)\s+`+regexp.QuoteMeta(given)+`(?:\s+`+regexp.QuoteMeta(last)+`)?`+after).ReplaceAllString(notes, "$1$2 you$3")
}

// ReadNotes are the owner's notes as the letters of app to c read them.
func ReadNotes(app store.Application, c store.Contact) mailer.Notes { return readNotes(app, c) }

// SoleInterviewer is the one person who interviewed the owner, when there was one.
func SoleInterviewer(app store.Application) (store.Contact, bool) {
	var sole store.Contact
	n := 0
	for _, c := range app.Contacts {
		if c.Role == policy.Interviewer {
			sole, n = c, n+1
		}
	}
	return sole, n == 1
}

// notesLeftOut says which of the owner's notes the letters of app to c leave out, and why,
// or that there are none to personalise them: the approval request shows it beside the
// draft.
func notesLeftOut(app store.Application, c store.Contact, kind policy.Kind) (left []string, none bool) {
	if kind != policy.ThankYou && kind != policy.CheckIn {
		return nil, false
	}
	n := readNotes(app, c)
	for _, l := range n.LeftOut {
		left = append(left, clean(l.String(), 300))
	}
	return left, len(n.Points) == 0 && n.Fit == "" && n.Accomplishment == "" && n.AccomplishmentNoun == ""
}

// Letter is one follow-up as it will read: what it is, to whom, when it goes, and its text.
type Letter struct {
	// What names it for the owner: "thank-you", "check-in 2".
	What    string      `json:"what"`
	Kind    policy.Kind `json:"kind"`
	Seq     int         `json:"seq,omitempty"`
	To      string      `json:"to"`
	Due     time.Time   `json:"due"`
	Subject string      `json:"subject"`
	Body    string      `json:"body"`
	// State is the draft's state when it is drafted already ("" for one still to come).
	State string `json:"state,omitempty"`
	// LeftOut are the owner's notes the letter does not use, and why.
	LeftOut []string `json:"left_out,omitempty"`
}

// Preview is every letter application appID's plan holds, in full: the drafts as they
// stand, and those still to come as they would be drafted on their day (a check-in thanks
// "again" when a thank-you is sent or planned before it). Nothing is stored or sent, so the
// owner can read check-in 3 before week 3.
func (a *Assistant) Preview(ctx context.Context, appID int64) ([]Letter, error) {
	app, err := a.Store.Application(ctx, appID)
	if err != nil {
		return nil, err
	}
	msgs, err := a.Store.Messages(ctx, store.MessageFilter{AppID: appID})
	if err != nil {
		return nil, err
	}
	hist, err := a.Store.History(ctx, appID)
	if err != nil {
		return nil, err
	}
	var out []Letter
	thankedBy := map[int64]bool{} // sent or to be sent, by contact
	thanks := map[int64]string{}  // what the thank-you told them, by contact: not news again
	for _, m := range msgs {
		if m.Kind == policy.ThankYou && (m.State == store.Sent || isPending(m.State)) {
			thankedBy[m.ContactID] = true
			thanks[m.ContactID] = m.Body
		}
		if !m.Kind.IsEmail() || !isPending(m.State) {
			continue
		}
		left, _ := notesLeftOut(app, app.Contact(m.ContactID), m.Kind)
		out = append(out, Letter{What: letterName(m.Kind, m.Seq), Kind: m.Kind, Seq: m.Seq, To: address(app.Contact(m.ContactID)), Due: m.Due,
			Subject: m.Subject, Body: m.Body, State: string(m.State), LeftOut: left})
	}
	// The letters still to come are written apart from the owner's latest ones and from each
	// other, as the daemon drafts them in turn (their words may differ on the day, when
	// other letters were drafted since).
	heard, err := a.Store.LatestLetters(ctx, mailer.HeardLetters)
	if err != nil {
		return nil, err
	}
	plan := policy.New(a.Config.Rules).Compute(app.PolicyFacts(), hist)
	for _, act := range plan.Actions {
		if act.Kind == policy.ThankYou {
			thankedBy[act.ContactID] = true
		}
	}
	for _, act := range plan.Actions {
		if !act.Kind.IsEmail() {
			continue
		}
		c := app.Contact(act.ContactID)
		due := a.draftDue(app, act)
		d := a.letterData(app, c, act.Kind, act.Seq, due, thankedBy[c.ID])
		d.Heard = heard
		if act.Kind == policy.CheckIn {
			d.ThankYou = thanks[c.ID]
		}
		subject, body, err := a.Renderer.Render(act.Kind, d)
		if err != nil {
			return nil, fmt.Errorf("preview %s to %s: %w", act.Kind, c.Email, err)
		}
		if act.Kind == policy.ThankYou {
			thanks[c.ID] = body
		}
		heard = append([]string{body}, heard[:min(len(heard), mailer.HeardLetters-1)]...)
		left, _ := notesLeftOut(app, c, act.Kind)
		out = append(out, Letter{What: letterName(act.Kind, act.Seq), Kind: act.Kind, Seq: act.Seq, To: address(c), Due: due, Subject: subject, Body: body, LeftOut: left})
	}
	return out, nil
}

// isPending reports whether a draft in state s may still go out.
func isPending(s store.State) bool {
	return s == store.Drafted || s == store.AwaitingApproval || s == store.Approved || s == store.Sending
}

// letterName names a letter for the owner.
func letterName(k policy.Kind, seq int) string {
	switch k {
	case policy.ThankYou:
		return "thank-you"
	case policy.ThankCoordinator:
		return "thanks for arranging the interview"
	case policy.CheckIn:
		return fmt.Sprintf("check-in %d", seq)
	case policy.RejectionReply:
		return "reply to a rejection"
	}
	return string(k)
}

// makeRoomFor moves the check-ins of other applications to address that are not yet sending
// and fall within MinGap of a thank-you due at: a thank-you always goes, within its day,
// and the other application's check-in waits until MinGap after it (in its window, off the
// minute) so that the person still gets no two emails within 48 hours.
func (a *Assistant) makeRoomFor(ctx context.Context, appID int64, address string, at time.Time) error {
	gap := a.Config.Rules.MinGap
	if !a.Config.Rules.GapAcrossApplications || gap <= 0 {
		return nil
	}
	msgs, err := a.Store.Messages(ctx, store.MessageFilter{States: []store.State{store.Drafted, store.AwaitingApproval, store.Approved}})
	if err != nil {
		return err
	}
	apps := map[int64]store.Application{}
	for _, m := range msgs {
		if m.Kind != policy.CheckIn || m.AppID == appID {
			continue
		}
		if d := m.Due.Sub(at); d <= -gap || d >= gap+time.Hour {
			continue
		}
		app, ok := apps[m.AppID]
		if !ok {
			if app, err = a.Store.Application(ctx, m.AppID); err != nil {
				return err
			}
			apps[m.AppID] = app
		}
		c := app.Contact(m.ContactID)
		if !strings.EqualFold(c.Email, address) {
			continue
		}
		// An hour more than the gap: the thank-you may leave a little after its time.
		after := at.Add(gap + time.Hour)
		w := windowFor(a.Config.Rules, app, c)
		due := policy.Spread(w, w.Next(after), fmt.Sprintf("%d/check_in/%d/%d/moved", app.ID, c.ID, m.Seq), after, time.Time{})
		moved, err := a.Store.Postpone(ctx, m.ID, due, fmt.Sprintf("kept %s after the thank-you for application %d to %s", policy.Ago(gap), appID, address))
		if err != nil {
			return err
		}
		if moved {
			a.Logger.Info("check-in moved for a thank-you to the same person", "draft", m.ID, "app", m.AppID, "to", due.Format(time.RFC3339))
		}
	}
	return nil
}

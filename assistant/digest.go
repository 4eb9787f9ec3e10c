package assistant

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	htmltemplate "html/template"
	"slices"
	"strings"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/outcome"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// Digest is what the owner is told in the periodic summary. Everything in it that came
// from incoming mail (senders, subjects) is untrusted: the HTML escapes it, the text
// version strips control characters and bounds it.
type Digest struct {
	Owner         string       `json:"owner"`
	Since         time.Time    `json:"since"`
	Now           time.Time    `json:"now"`
	Awaiting      []DigestItem `json:"awaiting"`      // drafts waiting for the owner's word
	Sent          []DigestItem `json:"sent"`          // sent since the last digest
	Replies       []DigestItem `json:"replies"`       // replies received since the last digest
	Due           []DigestItem `json:"due"`           // what is due in the next 7 days
	MoveOn        []DigestItem `json:"move_on"`       // applications to move on from
	Undeliverable []DigestItem `json:"undeliverable"` // contacts whose mail comes back
	Advice        []string     `json:"advice"`        // what email cannot do for the owner
}

// DigestItem is one line of the digest.
type DigestItem struct {
	When string `json:"when"`
	What string `json:"what"`
	How  string `json:"how,omitempty"` // how to act on it, when there is something to do

	at time.Time // for the order of the list
}

// digestMax is the most items a digest lists in one section, and the most advice about
// particular applications: an email of thousands of lines helps nobody. The rest is counted,
// and the command line shows it all.
const digestMax = 50

// capItems keeps the first digestMax items and says how many more there are.
func capItems(items []DigestItem) []DigestItem {
	if len(items) <= digestMax {
		return items
	}
	more := len(items) - digestMax
	return append(items[:digestMax:digestMax], DigestItem{
		What: fmt.Sprintf("… and %d more (followup list and followup drafts show everything)", more)})
}

// Empty reports whether the digest has nothing to tell.
func (dg Digest) Empty() bool {
	return len(dg.Awaiting)+len(dg.Sent)+len(dg.Replies)+len(dg.Due)+len(dg.MoveOn)+len(dg.Undeliverable) == 0
}

const lastDigestKey = "last_digest"

// BuildDigest gathers what happened since the last digest and what comes next.
func (a *Assistant) BuildDigest(ctx context.Context) (Digest, error) {
	now := a.Now()
	loc := a.Config.Owner.Location
	v, err := a.Store.Meta(ctx, lastDigestKey)
	if err != nil {
		return Digest{}, err
	}
	since := store.ParseTime(v)
	if since.IsZero() {
		since = now.AddDate(0, 0, -7)
	}
	dg := Digest{Owner: a.Config.Owner.Name, Since: since, Now: now}
	when := func(t time.Time) string { return When(t, loc) }

	horizon := now.AddDate(0, 0, 7)
	// Only what the digest mentions is read: an application with nothing due before the
	// horizon (its planner bookmark says so), nothing waiting and nothing new costs nothing.
	view, err := a.Store.Digest(ctx, since, now.AddDate(0, 0, -8), horizon.Add(a.DraftLead))
	if err != nil {
		return dg, err
	}
	apps, histories := view.Apps, view.Histories
	byID := map[int64]store.Application{}
	for _, app := range apps {
		byID[app.ID] = app
	}
	for _, m := range view.Messages {
		app := byID[m.AppID]
		what := Describe(app, m.Kind, app.Contact(m.ContactID))
		switch {
		case m.State == store.AwaitingApproval || m.State == store.Drafted:
			dg.Awaiting = append(dg.Awaiting, DigestItem{When: when(m.Due), What: what,
				How: fmt.Sprintf("reply \"send\" to its approval request, or: followup approve %d", m.ID)})
		case m.State == store.Unknown:
			dg.Awaiting = append(dg.Awaiting, DigestItem{When: when(m.Due), What: what + " (may already have gone out)",
				How: fmt.Sprintf("check your Sent folder; then followup approve %d or followup skip %d", m.ID, m.ID)})
		case m.State == store.Sent && m.SentAt.After(since) && m.Kind != policy.MoveOn:
			dg.Sent = append(dg.Sent, DigestItem{When: when(m.SentAt), What: what})
		case m.State == store.Approved:
			dg.Due = append(dg.Due, DigestItem{When: when(m.Due), What: what + " (approved)", at: m.Due})
		case m.State == store.Failed && m.UpdatedAt.After(since):
			dg.Undeliverable = append(dg.Undeliverable, DigestItem{When: when(m.UpdatedAt), What: what + ": " + clean(m.LastError, 160)})
		}
	}
	replies, err := a.Store.RepliesSince(ctx, since)
	if err != nil {
		return dg, err
	}
	for _, r := range replies {
		app := byID[r.AppID]
		how := "answer it yourself, soon: enthusiasm is expected"
		switch outcome.Kind(app.Outcome) {
		case outcome.Offer:
			how = "an offer: answer today, and take your time to decide"
		case outcome.Rejection:
			how = "a rejection: a gracious answer asking for feedback still helps"
		case outcome.NextRound:
			how = fmt.Sprintf("another round: answer the same day; record it with followup add --next-round %d", app.ID)
			// Advice already followed is not given again.
			if next, err := a.Store.NextRoundOf(ctx, app.ID); err != nil {
				return dg, err
			} else if next != 0 {
				how = fmt.Sprintf("another round: recorded as application %d (followup show %d)", next, next)
			}
		}
		dg.Replies = append(dg.Replies, DigestItem{When: when(r.ReceivedAt),
			What: fmt.Sprintf("%s replied about %s at %s: %q", clean(r.From, 120), app.Role, app.Company, clean(r.Subject, 120)),
			How:  how})
	}
	pol := policy.New(a.Config.Rules)
	linkedIn := map[string]bool{} // each person once, whatever the application
	for _, app := range apps {
		switch app.Status {
		case policy.Active:
			plan := pol.Compute(app.PolicyFacts(), histories[app.ID])
			for _, act := range plan.Actions {
				if act.Due.After(horizon) {
					continue
				}
				if act.Kind == policy.MoveOn {
					// Only once every check-in went out: skipped or unapproved ones are no
					// silence from the company.
					if policy.ReadyToMoveOn(a.Config.Rules, histories[app.ID]) {
						dg.MoveOn = append(dg.MoveOn, DigestItem{When: when(act.Due), What: fmt.Sprintf("%s at %s: no answer after the last check-in", app.Role, app.Company),
							How: "put your energy into other applications"})
					}
					continue
				}
				dg.Due = append(dg.Due, DigestItem{When: when(act.Due), What: Describe(app, act.Kind, app.Contact(act.ContactID)), How: act.Rule, at: act.Due})
			}
			for _, c := range app.Contacts {
				if c.Undeliverable {
					dg.Undeliverable = append(dg.Undeliverable, DigestItem{What: fmt.Sprintf("%s (%s at %s)", c.Email, app.Role, app.Company),
						How: "check the address, or ask the company for the right one"})
				}
			}
			dg.Advice = append(dg.Advice, a.interviewAdvice(app, now, linkedIn)...)
		case policy.MovedOn:
			if app.UpdatedAt.After(since) {
				dg.MoveOn = append(dg.MoveOn, DigestItem{When: when(app.UpdatedAt), What: fmt.Sprintf("%s at %s: %s went unanswered", app.Role, app.Company, checkIns(a.Config.Rules.MaxCheckIns)),
					How: "move on: followup sends nothing more"})
			}
		}
	}
	// The soonest first; then each section is bounded.
	slices.SortStableFunc(dg.Due, func(a, b DigestItem) int { return a.at.Compare(b.at) })
	for _, list := range []*[]DigestItem{&dg.Awaiting, &dg.Replies, &dg.Sent, &dg.Due, &dg.MoveOn, &dg.Undeliverable} {
		*list = capItems(*list)
	}
	if n := len(dg.Advice); n > digestMax {
		dg.Advice = append(dg.Advice[:digestMax:digestMax], fmt.Sprintf("… and %d more like these.", n-digestMax))
	}
	dg.Advice = append(dg.Advice, "Keep applying elsewhere while you wait: an offer in hand is the best negotiating position.",
		"Call only when you have strong rapport, never as a first follow-up, and not at the start or end of the day or at lunch.")
	return dg, nil
}

// interviewAdvice is what the owner can do for one interview that email cannot, as the
// career advice followup follows has it: before it, ask when they will decide and get each
// interviewer's address; after it, connect with each person (once, by name, people only),
// write the questions down, and record the decision date and notes if they are missing.
func (a *Assistant) interviewAdvice(app store.Application, now time.Time, linkedIn map[string]bool) []string {
	var out []string
	start := app.Interview.Start
	end := start.Add(app.Interview.Length)
	at := fmt.Sprintf("the %s interview at %s", app.Role, app.Company)
	interviewers := 0
	for _, c := range app.Contacts {
		if c.Role == policy.Interviewer {
			interviewers++
		}
	}
	switch {
	case now.Before(start) && start.Sub(now) <= 7*24*time.Hour:
		day := start.In(a.Config.Owner.Location).Format("Monday 2 January")
		if app.Interview.DecisionBy == "" {
			out = append(out, fmt.Sprintf("At %s on %s, ask when they expect to decide and how they will let you know: the first check-in is timed from it.", at, day))
		}
		if interviewers == 0 {
			out = append(out, fmt.Sprintf("Before %s on %s, ask who you will meet: followup knows no interviewer to thank yet.", at, day))
		} else {
			out = append(out, fmt.Sprintf("At %s on %s, note the name and email address of everyone you meet (ask the coordinator afterwards if you missed one): each gets their own thank-you.", at, day))
		}
	case now.After(end) && now.Sub(end) < 7*24*time.Hour:
		for _, c := range app.Contacts {
			n := mailer.ParseName(c.Name)
			key := strings.ToLower(c.Email)
			if c.Role != policy.Interviewer || !n.Person || linkedIn[key] {
				continue
			}
			linkedIn[key] = true
			out = append(out, fmt.Sprintf("Connect with %s on LinkedIn, with a short personal note about your conversation.", n.Full))
		}
		if now.Sub(end) < 2*24*time.Hour {
			out = append(out, fmt.Sprintf("Write down the questions and your answers from %s while they are fresh: what went well, what to improve.", at))
			iv := app.Interview
			if iv.KeyPoints == "" && iv.Fit == "" && iv.Accomplishment == "" {
				out = append(out, fmt.Sprintf("You recorded no notes for %s: the thank-yous say nothing of what you talked about. Add a line of your own when you approve them.", at))
			}
		}
		if app.Interview.DecisionBy == "" {
			out = append(out, fmt.Sprintf("No decision date for %s: if they said when they will decide, followup can time the first check-in from it; if not, it checks in %s after the interview.", at, spanWords(a.Config.Rules.CheckInWithoutDecision)))
		}
	}
	return out
}

// When is how followup writes a time to its owner, in every view (the command line, the
// digest): "Mon 2026-11-30 18:55 CET".
func When(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2006-01-02 15:04 MST")
}

// digestView is what the digest templates show.
type digestView struct {
	Date, Since string
	Sections    []digestSection
	Advice      []string
}

type digestSection struct {
	Title, None string
	Items       []DigestItem
}

func (dg Digest) view(loc *time.Location) digestView {
	return digestView{
		Date:  dg.Now.In(loc).Format("Monday 2 January 2006"),
		Since: When(dg.Since, loc),
		Sections: []digestSection{
			{"Waiting for your approval", "nothing", dg.Awaiting}, {"Replies received", "none yet", dg.Replies},
			{"Sent", "nothing since the last digest", dg.Sent}, {"Due in the next 7 days", "nothing", dg.Due},
			{"Time to move on", "nobody", dg.MoveOn}, {"Undeliverable", "none", dg.Undeliverable},
		},
		Advice: dg.Advice,
	}
}

// Text renders the plain-text digest (texts/digest.tmpl).
func (dg Digest) Text(loc *time.Location) string {
	var b strings.Builder
	if err := texts.ExecuteTemplate(&b, "digest.body", dg.view(loc)); err != nil {
		// The template is fixed and rendered by the tests: this is a bug, said plainly.
		return "followup could not write the digest: " + err.Error() + "\n"
	}
	return b.String()
}

//go:embed texts/digest.html
var digestHTMLSource string

var digestHTML = htmltemplate.Must(htmltemplate.New("digest").Parse(digestHTMLSource))

// HTML renders the digest as HTML (texts/digest.html); html/template escapes every value.
func (dg Digest) HTML(loc *time.Location) (string, error) {
	var b bytes.Buffer
	err := digestHTML.Execute(&b, dg.view(loc))
	return b.String(), err
}

// QueueDigest queues the digest for the owner (unless it is empty and the configuration
// says to skip empty ones, and force is false), and records when. The deliver loop sends it.
func (a *Assistant) QueueDigest(ctx context.Context, force bool) (queued bool, err error) {
	dg, err := a.BuildDigest(ctx)
	if err != nil {
		return false, err
	}
	if dg.Empty() && !a.Config.Schedule.DigestWhenEmpty && !force {
		a.Logger.Info("digest: nothing to say")
		return false, a.Store.SetMeta(ctx, lastDigestKey, store.FormatTime(dg.Now))
	}
	loc := a.Config.Owner.Location
	html, err := dg.HTML(loc)
	if err != nil {
		return false, err
	}
	n := store.Outgoing{Kind: store.KindDigest, ToOwner: true, Subject: "[followup] Digest for " + dg.Now.In(loc).Format("Mon 2 Jan"),
		Body: dg.Text(loc), HTML: html, MessageID: mailer.NewOwnMessageID(a.ownerDomain(), dg.Now), CreatedAt: dg.Now}
	if _, err := a.Store.Enqueue(ctx, n); err != nil {
		return false, fmt.Errorf("digest: %w", err)
	}
	a.wake()
	return true, a.Store.SetMeta(ctx, lastDigestKey, store.FormatTime(dg.Now))
}

// DigestMissed reports whether a scheduled digest was missed while the daemon was down
// (or the machine asleep): it is then sent once at start, not once per missed time.
func (a *Assistant) DigestMissed(ctx context.Context) (bool, error) {
	v, err := a.Store.Meta(ctx, lastDigestKey)
	if err != nil || v == "" {
		return false, err
	}
	sched, err := config.ParseCron(a.Config.Schedule.Digest)
	if err != nil {
		return false, err
	}
	last := store.ParseTime(v).In(a.Config.Owner.Location)
	return !sched.Next(last).After(a.Now()), nil
}

// checkIns counts check-ins in words that agree: "1 check-in", "3 check-ins".
func checkIns(n int) string {
	if n == 1 {
		return "1 check-in"
	}
	return fmt.Sprintf("%d check-ins", n)
}

// spanWords writes a span as the owner reads it: "7 days", "3 business days".
func spanWords(s policy.Span) string {
	if s.BusinessDays == 0 && s.Duration > 0 && s.Duration%(24*time.Hour) == 0 {
		if n := s.Duration / (24 * time.Hour); n != 1 {
			return fmt.Sprintf("%d days", n)
		}
		return "1 day"
	}
	return s.String()
}

package daemon

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// Digest is what the owner is told in the periodic summary. Everything in it that came
// from incoming mail (senders, subjects) is untrusted: the HTML escapes it, the text
// version strips control characters and bounds it.
type Digest struct {
	Owner         string
	Since, Now    time.Time
	Awaiting      []DigestItem // drafts waiting for the owner's word
	Sent          []DigestItem // sent since the last digest
	Replies       []DigestItem // replies received since the last digest
	Due           []DigestItem // what is due in the next 7 days
	MoveOn        []DigestItem // applications to move on from
	Undeliverable []DigestItem // contacts whose mail comes back
	Advice        []string     // what email cannot do for the owner
}

// DigestItem is one line of the digest.
type DigestItem struct {
	When string
	What string
	How  string // how to act on it, when there is something to do

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
func (d *Daemon) BuildDigest(ctx context.Context) (Digest, error) {
	now := d.Now()
	loc := d.Config.Owner.Location
	v, err := d.Store.Meta(ctx, lastDigestKey)
	if err != nil {
		return Digest{}, err
	}
	since := store.ParseTime(v)
	if since.IsZero() {
		since = now.AddDate(0, 0, -7)
	}
	dg := Digest{Owner: d.Config.Owner.Name, Since: since, Now: now}
	when := func(t time.Time) string { return t.In(loc).Format("Mon 2 Jan 15:04") }

	horizon := now.AddDate(0, 0, 7)
	// Only what the digest mentions is read: an application with nothing due before the
	// horizon (its planner bookmark says so), nothing waiting and nothing new costs nothing.
	view, err := d.Store.Digest(ctx, since, now.AddDate(0, 0, -8), horizon.Add(d.DraftLead))
	if err != nil {
		return dg, err
	}
	apps, histories := view.Apps, view.Histories
	byID := map[int64]store.Application{}
	for _, a := range apps {
		byID[a.ID] = a
	}
	for _, m := range view.Messages {
		app := byID[m.AppID]
		what := describe(app, m.Kind, app.Contact(m.ContactID))
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
	replies, err := d.Store.RepliesSince(ctx, since)
	if err != nil {
		return dg, err
	}
	for _, r := range replies {
		app := byID[r.AppID]
		dg.Replies = append(dg.Replies, DigestItem{When: when(r.ReceivedAt),
			What: fmt.Sprintf("%s replied about %s at %s: %q", clean(r.From, 120), app.Role, app.Company, clean(r.Subject, 120)),
			How:  "answer it yourself, soon: enthusiasm is expected"})
	}
	pol := policy.New(d.Config.Rules)
	for _, a := range apps {
		switch a.Status {
		case policy.Active:
			plan := pol.Compute(a.PolicyFacts(), histories[a.ID])
			for _, act := range plan.Actions {
				if act.Due.After(horizon) {
					continue
				}
				if act.Kind == policy.MoveOn {
					dg.MoveOn = append(dg.MoveOn, DigestItem{When: when(act.Due), What: fmt.Sprintf("%s at %s: no answer after the last check-in", a.Role, a.Company),
						How: "put your energy into other applications"})
					continue
				}
				dg.Due = append(dg.Due, DigestItem{When: when(act.Due), What: describe(a, act.Kind, a.Contact(act.ContactID)), How: act.Rule, at: act.Due})
			}
			for _, c := range a.Contacts {
				if c.Undeliverable {
					dg.Undeliverable = append(dg.Undeliverable, DigestItem{What: fmt.Sprintf("%s (%s at %s)", c.Email, a.Role, a.Company),
						How: "check the address, or ask the company for the right one"})
				}
			}
			end := a.Interview.Start.Add(a.Interview.Length)
			if now.Sub(end) < 7*24*time.Hour && now.After(end) {
				for _, c := range a.Contacts {
					if c.Role == policy.Interviewer && c.Name != "" {
						dg.Advice = append(dg.Advice, fmt.Sprintf("Connect with %s on LinkedIn, with a short personal note about your conversation.", c.Name))
					}
				}
			}
			if now.Sub(end) < 2*24*time.Hour && now.After(end) {
				dg.Advice = append(dg.Advice, fmt.Sprintf("Write down the questions and your answers from the %s interview while they are fresh: what went well, what to improve.", a.Company))
			}
		case policy.MovedOn:
			if a.UpdatedAt.After(since) {
				dg.MoveOn = append(dg.MoveOn, DigestItem{When: when(a.UpdatedAt), What: fmt.Sprintf("%s at %s: three check-ins went unanswered", a.Role, a.Company),
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

// clean makes untrusted text one printable, bounded line.
func clean(s string, n int) string { return clip(mailer.HeaderSafe(s), n) }

func section(b *strings.Builder, title string, items []DigestItem, none string) {
	fmt.Fprintf(b, "%s\n%s\n", title, strings.Repeat("-", len([]rune(title))))
	if len(items) == 0 {
		fmt.Fprintf(b, "  %s\n\n", none)
		return
	}
	for _, it := range items {
		if it.When != "" {
			fmt.Fprintf(b, "  %-16s %s\n", it.When, it.What)
		} else {
			fmt.Fprintf(b, "  %s\n", it.What)
		}
		if it.How != "" {
			fmt.Fprintf(b, "  %-16s → %s\n", "", it.How)
		}
	}
	b.WriteString("\n")
}

// Text renders the plain-text digest.
func (dg Digest) Text(loc *time.Location) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Your follow-ups, %s (since %s)\n\n", dg.Now.In(loc).Format("Monday 2 January 2006"), dg.Since.In(loc).Format("Mon 2 Jan 15:04"))
	section(&b, "Waiting for your approval", dg.Awaiting, "nothing")
	section(&b, "Replies received", dg.Replies, "none yet")
	section(&b, "Sent", dg.Sent, "nothing since the last digest")
	section(&b, "Due in the next 7 days", dg.Due, "nothing")
	section(&b, "Time to move on", dg.MoveOn, "nobody")
	section(&b, "Undeliverable", dg.Undeliverable, "none")
	b.WriteString("What email cannot do for you\n----------------------------\n")
	for _, a := range dg.Advice {
		fmt.Fprintf(&b, "  * %s\n", a)
	}
	return b.String()
}

var digestHTML = template.Must(template.New("digest").Parse(`<!doctype html>
<html><body style="font-family: sans-serif; max-width: 42em">
<h2>Your follow-ups, {{.Date}}</h2>
{{range .Sections}}<h3>{{.Title}}</h3>
{{if .Items}}<ul>{{range .Items}}<li>{{if .When}}<b>{{.When}}</b> {{end}}{{.What}}{{if .How}}<br><small>{{.How}}</small>{{end}}</li>{{end}}</ul>
{{else}}<p>{{.None}}</p>{{end}}{{end}}
<h3>What email cannot do for you</h3>
<ul>{{range .Advice}}<li>{{.}}</li>{{end}}</ul>
</body></html>
`))

// HTML renders the digest as HTML; html/template escapes every value.
func (dg Digest) HTML(loc *time.Location) (string, error) {
	type sec struct {
		Title, None string
		Items       []DigestItem
	}
	data := struct {
		Date     string
		Sections []sec
		Advice   []string
	}{
		Date: dg.Now.In(loc).Format("Monday 2 January 2006"),
		Sections: []sec{
			{"Waiting for your approval", "nothing", dg.Awaiting}, {"Replies received", "none yet", dg.Replies},
			{"Sent", "nothing since the last digest", dg.Sent}, {"Due in the next 7 days", "nothing", dg.Due},
			{"Time to move on", "nobody", dg.MoveOn}, {"Undeliverable", "none", dg.Undeliverable},
		},
		Advice: dg.Advice,
	}
	var b bytes.Buffer
	err := digestHTML.Execute(&b, data)
	return b.String(), err
}

// QueueDigest queues the digest for the owner (unless it is empty and the configuration
// says to skip empty ones, and force is false), and records when. The deliver loop sends it.
func (d *Daemon) QueueDigest(ctx context.Context, force bool) (queued bool, err error) {
	dg, err := d.BuildDigest(ctx)
	if err != nil {
		return false, err
	}
	if dg.Empty() && !d.Config.Schedule.DigestWhenEmpty && !force {
		d.Logger.Info("digest: nothing to say")
		return false, d.Store.SetMeta(ctx, lastDigestKey, store.FormatTime(dg.Now))
	}
	loc := d.Config.Owner.Location
	html, err := dg.HTML(loc)
	if err != nil {
		return false, err
	}
	n := store.Notice{Kind: store.KindDigest, Subject: "[followup] Digest for " + dg.Now.In(loc).Format("Mon 2 Jan"),
		Body: dg.Text(loc), HTML: html, MessageID: mailer.NewMessageID(d.ownerDomain(), dg.Now), CreatedAt: dg.Now}
	if _, err := d.Store.AddNotice(ctx, n); err != nil {
		return false, fmt.Errorf("digest: %w", err)
	}
	d.Kick()
	return true, d.Store.SetMeta(ctx, lastDigestKey, store.FormatTime(dg.Now))
}

// digestMissed reports whether a scheduled digest was missed while the daemon was down
// (or the machine asleep): it is then sent once at start, not once per missed time.
func (d *Daemon) digestMissed(ctx context.Context) (bool, error) {
	v, err := d.Store.Meta(ctx, lastDigestKey)
	if err != nil || v == "" {
		return false, err
	}
	sched, err := config.ParseCron(d.Config.Schedule.Digest)
	if err != nil {
		return false, err
	}
	last := store.ParseTime(v).In(d.Config.Owner.Location)
	return !sched.Next(last).After(d.Now()), nil
}

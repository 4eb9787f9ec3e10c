package assistant

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// noticeVerb is one line of an answer to the strangers' notice: "resume 3", "stop 3", or
// "track 7" (an invitation it lists), corrections on the lines under it.
var noticeVerb = regexp.MustCompile(`(?i)^\s*(resume|stop|track)\s+#?(\d{1,9})\s*[.!]?\s*$`)

// correction is a line under "track N": "role: Staff Engineer".
var correction = regexp.MustCompile(`^\s*[A-Za-z]+\s*:\s*\S`)

// answerNotice carries out the owner's answer to the strangers' notice whose Message-ID is
// notice: each line "resume N" or "stop N" acts on an application the notice lists, "track
// N" (with corrections under it) records the invitation it lists as N, in the version it
// showed. The
// notice's Message-ID, which only the owner saw, is the answer's credential, with the
// checks of an answer to an approval request (from and to the owner, no authentication
// failure, not automatic). Anything else is not acted on, and the owner told why.
func (a *Assistant) answerNotice(ctx context.Context, m *inbox.Message, notice string) (acted, error) {
	n, found, err := a.Store.ListedNotice(ctx, notice)
	if err != nil || !found {
		return acted{}, err
	}
	owner := a.Config.Owner.Email
	switch {
	case !slices.Contains(m.To, strings.ToLower(owner)):
		return acted{a.refuse(ctx, m, "it is not addressed to you"), "ignored: not addressed to the owner", 0}, nil
	case inbox.AuthFailure(m, policy.Domain(owner)) != "":
		return acted{a.refuse(ctx, m, "your mail server recorded that it failed authentication"), "ignored: authentication failed", 0}, nil
	case inbox.AutoHeader(m) != "":
		return acted{a.refuse(ctx, m, "it was sent automatically"), "ignored: automatic", 0}, nil
	}
	var done, problems, other []string
	var last int64
	tracked := 0 // the owner is told of each in full ("Tracking: …")
	lines := strings.Split(inbox.OwnAnswer(m.Text(32<<10)), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if strings.TrimSpace(line) == "" {
			continue
		}
		v := noticeVerb.FindStringSubmatch(line)
		if v == nil {
			other = append(other, line)
			continue
		}
		verb := strings.ToLower(v[1])
		id, _ := strconv.ParseInt(v[2], 10, 64)
		if verb == "track" {
			fixes := []string{"track"}
			for i+1 < len(lines) && correction.MatchString(lines[i+1]) {
				i++
				fixes = append(fixes, lines[i])
			}
			what, app, err := a.trackListed(ctx, n, id, strings.Join(fixes, "\n"))
			if err != nil {
				return acted{}, err
			}
			if app == 0 {
				problems = append(problems, what)
				continue
			}
			done, last, tracked = append(done, what), app, tracked+1
			continue
		}
		if !strings.Contains(n.Body, fmt.Sprintf("application %d)", id)) {
			problems = append(problems, fmt.Sprintf("application %d is not one this notice lists", id))
			continue
		}
		what, err := a.noticeAction(ctx, verb, id)
		if err != nil {
			return acted{}, err
		}
		done, last = append(done, what), id
	}
	switch {
	case len(done) > 0 || len(problems) > 0:
		// Other lines are a greeting or a sign-off ("Thanks, Alice").
	case len(other) > 0:
		problems = append(problems, fmt.Sprintf("no line is \"resume N\", \"stop N\" or \"track N\" (the first: %q)", clip(strings.TrimSpace(other[0]), 60)))
	default:
		problems = append(problems, "the answer is empty")
	}
	result := strings.Join(append(done, problems...), "; ")
	if tracked == len(done) && len(problems) == 0 {
		a.wake()
		return acted{true, "notice answered: " + result, last}, nil
	}
	a.tell(ctx, "", "confirm", struct{ Verb, What, Result string }{"Your answer", "to the notice of mail followup did not act on", result})
	a.wake()
	return acted{true, "notice answered: " + result, last}, nil
}

// noticeAction resumes or stops application id, and says what it did.
func (a *Assistant) noticeAction(ctx context.Context, verb string, id int64) (string, error) {
	if verb == "stop" {
		n, err := a.Store.SetStatus(ctx, id, policy.Stopped, "stopped by the owner, answering the notice of mail followup did not act on")
		if errors.Is(err, store.ErrTransition) {
			return fmt.Sprintf("application %d had ended already", id), nil
		} else if err != nil {
			return "", err
		}
		return fmt.Sprintf("application %d stopped (%d drafts cancelled)", id, n), nil
	}
	was, lifted, err := a.Store.Resume(ctx, id, "resumed by the owner, answering the notice of mail followup did not act on")
	if errors.Is(err, store.ErrTransition) {
		return fmt.Sprintf("application %d is active and nothing holds it", id), nil
	} else if err != nil {
		return "", err
	}
	return fmt.Sprintf("application %d resumed (was %s; %d holds lifted)", id, was, lifted), nil
}

// trackListed records invitation id, which notice n lists, with the corrections in answer
// ("track" and the lines under it): only in the version n showed, and only while it waits
// for the owner's word. It says what it did, and the application recorded (0 for none).
func (a *Assistant) trackListed(ctx context.Context, n store.Outgoing, id int64, answer string) (string, int64, error) {
	row, err := a.Store.Invitation(ctx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !row.Listed()) {
		return fmt.Sprintf("invitation %d is not one this notice lists", id), 0, nil
	} else if err != nil {
		return "", 0, err
	}
	switch {
	case !strings.Contains(n.Body, fmt.Sprintf("(invitation %d, version ", id)):
		return fmt.Sprintf("invitation %d is not one this notice lists", id), 0, nil
	case row.State == store.InvitationTracked:
		return fmt.Sprintf("invitation %d is tracked already (application %d)", id, row.AppID), 0, nil
	case row.State != store.InvitationAsked:
		return fmt.Sprintf("invitation %d was %s", id, row.State), 0, nil
	case !strings.Contains(n.Body, fmt.Sprintf("(invitation %d, version %d)", id, row.Sequence)):
		return fmt.Sprintf("invitation %d changed after this notice showed it: a later notice shows it as it is now, answer that one", id), 0, nil
	}
	fix, _, problem := ParseTrack(answer)
	app, problem, err := a.record(ctx, row, fix, problem)
	if err != nil || problem != "" {
		return fmt.Sprintf("invitation %d not tracked: %s (answer the notice again: \"track %d\", the corrections under it)", id, problem, id), 0, err
	}
	return fmt.Sprintf("invitation %d tracked: application %d", id, app), app, nil
}

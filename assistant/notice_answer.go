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

// noticeVerb is one line of an answer to the strangers' notice: "resume 3" or "stop 3".
var noticeVerb = regexp.MustCompile(`(?i)^\s*(resume|stop)\s+#?(\d{1,9})\s*[.!]?\s*$`)

// answerNotice carries out the owner's answer to the strangers' notice whose Message-ID is
// notice: each line "resume N" or "stop N" acts on an application the notice lists. The
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
	var done, problems []string
	var last int64
	for _, line := range strings.Split(inbox.OwnAnswer(m.Text(32<<10)), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		v := noticeVerb.FindStringSubmatch(line)
		if v == nil {
			problems = append(problems, fmt.Sprintf("%q is not \"resume N\" or \"stop N\"", clip(strings.TrimSpace(line), 60)))
			continue
		}
		id, _ := strconv.ParseInt(v[2], 10, 64)
		if !strings.Contains(n.Body, fmt.Sprintf("application %d)", id)) {
			problems = append(problems, fmt.Sprintf("application %d is not one this notice lists", id))
			continue
		}
		what, err := a.noticeAction(ctx, strings.ToLower(v[1]), id)
		if err != nil {
			return acted{}, err
		}
		done, last = append(done, what), id
	}
	if len(done) == 0 && len(problems) == 0 {
		problems = append(problems, "the answer is empty")
	}
	result := strings.Join(append(done, problems...), "; ")
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

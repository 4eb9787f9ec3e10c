package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/store"
)

// jsonApproval is where a draft's approval request stands, in drafts --json.
type jsonApproval struct {
	State     string `json:"state"`   // the queue's: queued, sending, sent, failed, unknown, cancelled; "" when none was written
	Asked     bool   `json:"asked"`   // it left: the owner has it
	SentAt    string `json:"sent_at"` // RFC 3339, "" before
	Attempts  int    `json:"attempts"`
	LastError string `json:"last_error"`
	NextTry   string `json:"next_try"` // RFC 3339: a queued request, not before
	Why       string `json:"why"`      // in words, when it has not left
}

// approvalRequest says where the approval request of a draft waiting for the owner stands:
// asked, or not yet and why (a draft is awaiting_approval from the moment its request is
// queued, not from when the owner has it).
func (m *Main) approvalRequest(ctx context.Context, cfg *config.Config, st *store.Store, msg store.Message, daemon daemonState) (*jsonApproval, error) {
	if msg.State != store.Drafted && msg.State != store.AwaitingApproval && msg.State != store.Unknown {
		return nil, nil
	}
	rows, err := st.OutgoingFor(ctx, msg.ID)
	if err != nil {
		return nil, err
	}
	var req *store.Outgoing
	for i := range rows {
		if rows[i].Kind == store.KindApproval && (req == nil || rows[i].ID > req.ID) {
			req = &rows[i]
		}
	}
	a := &jsonApproval{}
	if req == nil {
		a.Why = "no approval request is written yet: the daemon writes it when the draft is due"
		if !daemon.running {
			a.Why += ", and " + daemon.text
		}
		return a, nil
	}
	a.State, a.Attempts, a.LastError = string(req.State), req.Attempts, req.LastError
	a.SentAt, a.NextTry = m.ts(cfg, req.SentAt), m.ts(cfg, req.NextAt)
	switch req.State {
	case store.OutSent:
		a.Asked = true
	case store.OutQueued, store.OutSending:
		if req.Attempts == 0 {
			a.Why = "queued, not tried yet"
		} else {
			a.Why = fmt.Sprintf("%s failed, the last: %s; next try %s", plural(req.Attempts, "attempt"), req.LastError, human(cfg, req.NextAt))
		}
		if !daemon.running {
			a.Why += "; " + daemon.text
		}
	case store.OutFailed:
		a.Why = "it failed: " + req.LastError
	case store.OutUnknown:
		a.Why = "it may not have left: " + req.LastError
	case store.OutCancelled:
		a.Why = "it was cancelled: " + req.LastError
	}
	return a, nil
}

// draftState is a draft's state in words, for the human views: "awaiting approval" only
// once the owner has been asked.
func draftState(msg store.Message, a *jsonApproval) string {
	switch {
	case msg.State == store.AwaitingApproval && a != nil && !a.Asked:
		return "not asked yet"
	case msg.State == store.AwaitingApproval:
		return "awaiting your answer"
	}
	return string(msg.State)
}

func (a *jsonApproval) sentAt(cfg *config.Config) string {
	t, _ := time.Parse(time.RFC3339, a.SentAt)
	return human(cfg, t)
}

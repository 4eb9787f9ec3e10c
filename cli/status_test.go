package cli

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// TestDrafts_ApprovalRequestNotSent: a draft whose approval request has not left is not
// "awaiting approval": drafts says so, and why (no daemon; the SMTP error and the next
// try), in text and JSON; once sent, it is awaiting the owner's answer.
func TestDrafts_ApprovalRequestNotSent(t *testing.T) {
	e := newEnv(t)
	st, app := e.recorded()
	ctx := context.Background()
	id, _, err := st.AddMessage(ctx, store.Message{AppID: 1, ContactID: app.Contacts[0].ID, Kind: policy.ThankYou, Due: recordedAt.Add(time.Hour), Subject: "Thank you", Body: "b"})
	if err != nil {
		t.Fatal(err)
	}
	req, err := st.Enqueue(ctx, store.Outgoing{Kind: store.KindApproval, DraftID: id, ToOwner: true, Subject: "[followup x] Approve", Body: "b", MessageID: "m1@owner.test", CreatedAt: recordedAt})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Transition(ctx, id, nil, store.AwaitingApproval, func(m *store.Message) { m.Token, m.ApprovalID = "x", "m1@owner.test" }); err != nil {
		t.Fatal(err)
	}

	out := e.mustRun("drafts")
	if !strings.Contains(out, "not asked yet") || strings.Contains(out, "awaiting") ||
		!strings.Contains(out, "draft 1: the approval request has not left: queued, not tried yet; no daemon has run on this store yet") {
		t.Errorf("no daemon ever ran:\n%s", out)
	}
	// A daemon runs and the SMTP server refuses the connection.
	e.now = recordedAt.Add(time.Minute)
	st.Beat(ctx, store.Heartbeat{At: e.now.Add(-10 * time.Second), Started: recordedAt, PID: 7})
	if _, err := st.Take(ctx, req, recordedAt, func() string { return "m1@owner.test" }); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Settle(ctx, req, store.Settlement{To: store.OutQueued, NextAt: recordedAt.Add(5 * time.Minute), Error: "dial tcp 192.0.2.1:587: connect: connection refused"}); err != nil {
		t.Fatal(err)
	}
	out = e.mustRun("drafts")
	if !strings.Contains(out, "draft 1: the approval request has not left: 1 attempt failed, the last: dial tcp 192.0.2.1:587: connect: connection refused; next try Tue 2026-11-17 13:05 CET\n") {
		t.Errorf("a refused connection:\n%s", out)
	}
	var list []jsonDraft
	if err := json.Unmarshal([]byte(e.mustRun("drafts", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if a := list[0].Approval; len(list) != 1 || a == nil || a.Asked || a.State != "queued" || a.Attempts != 1 || !strings.Contains(a.LastError, "connection refused") ||
		a.NextTry != "2026-11-17T13:05:00+01:00" {
		t.Errorf("drafts --json: %+v %+v", list, list[0].Approval)
	}
	if out := e.mustRun("drafts", "show", "1"); !strings.Contains(out, "(not asked yet)") || !strings.Contains(out, "the approval request has not left: 1 attempt failed") {
		t.Errorf("drafts show:\n%s", out)
	}
	// It leaves.
	st.Take(ctx, req, recordedAt.Add(5*time.Minute), func() string { return "m1@owner.test" })
	st.Settle(ctx, req, store.Settlement{To: store.OutSent, At: recordedAt.Add(5 * time.Minute)})
	if out := e.mustRun("drafts"); !strings.Contains(out, "awaiting your answer") || strings.Contains(out, "has not left") {
		t.Errorf("asked:\n%s", out)
	}
}

// TestDigest_SendSaysWhatHappens: digest --send says whether a daemon will send it.
func TestDigest_SendSaysWhatHappens(t *testing.T) {
	e := newEnv(t)
	e.mustRun(addArgs...)
	if out := e.mustRun("digest", "--send"); !strings.Contains(out, "but no daemon has run on this store yet: it goes out when followup run starts") {
		t.Errorf("never a daemon: %q", out)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.Beat(ctx, store.Heartbeat{At: recordedAt.Add(-5 * time.Second), Started: recordedAt.Add(-time.Hour), PID: 99})
	if out := e.mustRun("digest", "--send"); !strings.Contains(out, "the running daemon (pid 99, seen 5s ago) sends it at its next tick (@every 1m)") {
		t.Errorf("a daemon running: %q", out)
	}
	var got map[string]any
	json.Unmarshal([]byte(e.mustRun("digest", "--send", "--json")), &got)
	if got["daemon_running"] != true {
		t.Errorf("--json: %v", got)
	}
	e.now = recordedAt.Add(10 * time.Minute) // no beat since: it was killed
	if out := e.mustRun("digest", "--send"); !strings.Contains(out, "but no daemon is running (the last was seen Tue 2026-11-17 12:59 CET and stopped writing its heartbeat)") {
		t.Errorf("a daemon killed: %q", out)
	}
	st.Beat(ctx, store.Heartbeat{At: recordedAt.Add(time.Minute), Stopped: true})
	if out := e.mustRun("digest", "--send"); !strings.Contains(out, "no daemon is running (the last stopped Tue 2026-11-17 13:01 CET)") {
		t.Errorf("a daemon stopped: %q", out)
	}
}

// TestList_ApprovedSendFirst: list's NEXT is the earliest mail to go out, an approved
// draft included, not the first follow-up still to be drafted.
func TestList_ApprovedSendFirst(t *testing.T) {
	e := newEnv(t)
	st, app := e.recorded()
	ctx := context.Background()
	wed := time.Date(2026, 11, 18, 8, 0, 0, 0, time.UTC) // Wed 09:00 CET, the window's first minute
	for i, c := range app.Contacts {
		kind := policy.ThankYou
		if c.Role == policy.Coordinator {
			kind = policy.ThankCoordinator
		}
		id, _, err := st.AddMessage(ctx, store.Message{AppID: 1, ContactID: c.ID, Kind: kind, Due: wed, Subject: "s", Body: "b"})
		if err != nil {
			t.Fatal(err)
		}
		to := store.Skipped
		if i == 0 {
			to = store.Approved
		}
		if _, err := st.Transition(ctx, id, nil, to, nil); err != nil {
			t.Fatal(err)
		}
	}
	out := e.mustRun("list")
	if !strings.Contains(out, "thank-you → jane@acme.test (draft 1, approved)  Wed 2026-11-18 09:00 CET") || strings.Contains(out, "check-in") {
		t.Errorf("list hides the approved thank-you:\n%s", out)
	}
	var list []jsonListItem
	if err := json.Unmarshal([]byte(e.mustRun("list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if n := list[0].Next; n == nil || n.Kind != "thank_you" || n.Draft != 1 || n.State != "approved" || n.Due != "2026-11-18T09:00:00+01:00" {
		t.Errorf("list --json: %+v", n)
	}
}

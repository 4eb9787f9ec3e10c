package store

import (
	"context"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
)

// TestStore_Postpone: a check-in not yet sending moves, with its queued mail; one that has
// gone further does not.
func TestStore_Postpone(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	appID, err := s.AddApplication(ctx, Application{Company: "Acme", Role: "Engineer", Interview: Interview{Start: at, Length: time.Hour},
		Contacts: []Contact{{Name: "Jane Doe", Email: "jane@acme.test", Role: policy.Interviewer}}})
	if err != nil {
		t.Fatal(err)
	}
	app, err := s.Application(ctx, appID)
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := s.AddMessage(ctx, Message{AppID: appID, ContactID: app.Contacts[0].ID, Kind: policy.CheckIn, Seq: 1, Due: at.AddDate(0, 0, 7)})
	if err != nil {
		t.Fatal(err)
	}
	later := at.AddDate(0, 0, 9)
	_, err = s.EnqueueWith(ctx, id, []State{Drafted}, Approved, nil, func(m Message) Outgoing {
		return Outgoing{Kind: KindFollowUp, To: "jane@acme.test", Subject: "s", Body: "b", Due: m.Due, NextAt: m.Due, CreatedAt: at}
	})
	if err != nil {
		t.Fatal(err)
	}
	if moved, err := s.Postpone(ctx, id, later, "a thank-you"); err != nil || !moved {
		t.Fatalf("Postpone: %v, %v", moved, err)
	}
	m, _ := s.Message(ctx, id)
	out, _ := s.OutgoingFor(ctx, id)
	if !m.Due.Equal(later) || len(out) != 1 || !out[0].NextAt.Equal(later) {
		t.Errorf("draft due %s, queued %+v; want both at %s", m.Due, out, later)
	}
	if _, err := s.Transition(ctx, id, nil, Cancelled, nil); err != nil {
		t.Fatal(err)
	}
	if moved, err := s.Postpone(ctx, id, later.Add(time.Hour), "x"); err != nil || moved {
		t.Errorf("a cancelled draft moved: %v, %v", moved, err)
	}
}

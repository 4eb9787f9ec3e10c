package assistant

import (
	"context"
	"strings"
	"testing"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// TestDecide_SubjectWordsAreNotAnAutoReply: words like "Vacation" in the subject of a real
// answer (the role is "Senior Engineer, Vacation Rentals") do not make it an auto-reply when
// it is in a followup thread or from a contact; a header field still does, and the subject
// still does for mail from strangers.
func TestDecide_SubjectWordsAreNotAnAutoReply(t *testing.T) {
	ctx := context.Background()
	w := newTextsWorld(t)
	jane := w.app.Contacts[0]
	id, _, err := w.a.Store.AddMessage(ctx, store.Message{AppID: w.app.ID, ContactID: jane.ID, Kind: policy.ThankYou, Due: w.now,
		State: store.Sent, MessageID: "thanks-1@owner.test", Subject: "Thank you – Senior Engineer, Vacation Rentals interview"})
	if err != nil || id == 0 {
		t.Fatal(err)
	}
	decide := func(raw string) inbox.Kind {
		t.Helper()
		m, err := inbox.Parse([]byte(strings.ReplaceAll(raw, "\n", "\r\n")))
		if err != nil {
			t.Fatal(err)
		}
		dec, err := w.a.Decide(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		return dec.Kind
	}
	subject := "Subject: Re: Thank you – Senior Engineer, Vacation Rentals interview\n"
	for _, c := range []struct {
		name, raw string
		want      inbox.Kind
	}{
		{"in the thread", "From: Pat <pat@acme.test>\nIn-Reply-To: <thanks-1@owner.test>\n" + subject + "\nThanks Alice, talk soon.\n", inbox.KindReply},
		{"from the contact", "From: Jane Doe <jane@acme.test>\n" + subject + "\nThanks Alice!\n", inbox.KindReply},
		{"with Auto-Submitted", "From: Jane Doe <jane@acme.test>\nAuto-Submitted: auto-replied\nIn-Reply-To: <thanks-1@owner.test>\n" + subject + "\nI am away.\n", inbox.KindAutoReply},
		{"from a stranger", "From: Someone <someone@elsewhere.test>\nSubject: Out of office\n\nI am away.\n", inbox.KindAutoReply},
	} {
		if got := decide(c.raw); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

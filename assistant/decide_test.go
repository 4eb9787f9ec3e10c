package assistant

import (
	"context"
	"strings"
	"testing"
	"time"

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

// TestDecide_AfterTheEnd: mail from a contact of an application that has ended is reported
// when it arrived after the end, also when it was written before (an offer written just
// before the owner's stop, delivered after it); mail that had arrived before the end is old
// news a rescan finds again.
func TestDecide_AfterTheEnd(t *testing.T) {
	ctx := context.Background()
	w := newTextsWorld(t)
	if _, err := w.a.Store.SetStatus(ctx, w.app.ID, policy.Stopped, "stopped by the owner"); err != nil {
		t.Fatal(err)
	}
	end := w.now
	w.now = end.Add(time.Hour)
	for _, c := range []struct {
		name          string
		written, came time.Time
		want          inbox.Kind
	}{
		{"written and arrived after", end.Add(time.Minute), end.Add(time.Minute), inbox.KindReply},
		{"written before, arrived after", end.Add(-5 * time.Minute), end.Add(2 * time.Minute), inbox.KindReply},
		{"arrived in the same second", end.Add(-time.Minute), end.Truncate(time.Second), inbox.KindReply},
		{"arrived before", end.Add(-time.Hour), end.Add(-50 * time.Minute), inbox.KindOther},
	} {
		m, err := inbox.Parse([]byte("From: Jane Doe <jane@acme.test>\r\nSubject: Offer\r\nDate: " + c.written.Format(time.RFC1123Z) +
			"\r\n\r\nWe are delighted to offer you the position.\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		m.Arrived = c.came
		dec, err := w.a.Decide(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		if dec.Kind != c.want {
			t.Errorf("%s: %s (%s), want %s", c.name, dec.Kind, dec.Reason, c.want)
		}
	}
}

// TestDecide_ATSOnBehalf: a rejection from an applicant tracking system, marked as bulk,
// counts as the company's reply when its Reply-To is at the company's domain or its sender's
// name names the company; from an ATS for another company it is other mail.
func TestDecide_ATSOnBehalf(t *testing.T) {
	ctx := context.Background()
	w := newTextsWorld(t)
	if _, err := w.a.Store.DB().Exec(`INSERT INTO app_domains (application_id, domain) VALUES (?, 'acme.recruitee.com')`, w.app.ID); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, header string
		reply        bool
	}{
		{"Reply-To at the company", "From: Greenhouse <no-reply@greenhouse.io>\nReply-To: Sam Lee <sam@acme.test>\n", true},
		{"the sender's name", "From: Acme Recruiting via Greenhouse <no-reply@us.greenhouse-mail.io>\n", true},
		{"another company", "From: Globex Talent via Lever <no-reply@hire.lever.co>\n", false},
		{"a domain given for the application", "From: Careers <no-reply@acme.recruitee.com>\n", true},
		{"the same ATS for someone else", "From: Careers <no-reply@globex.recruitee.com>\n", false},
	} {
		m, err := inbox.Parse([]byte(strings.ReplaceAll(c.header+"To: alice@owner.test\nSubject: Your application to Acme\nPrecedence: bulk\n"+
			"Auto-Submitted: auto-generated\nMessage-ID: <ats-"+c.name+"@x>\n\nThank you for your interest. Unfortunately we have decided to move forward with other candidates.\n", "\n", "\r\n")))
		if err != nil {
			t.Fatal(err)
		}
		dec, err := w.a.Decide(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		if (dec.Kind == inbox.KindReply) != c.reply || (c.reply && (len(dec.Apps) != 1 || dec.Apps[0] != w.app.ID)) {
			t.Errorf("%s: %s on %v (%s), want a reply: %v", c.name, dec.Kind, dec.Apps, dec.Reason, c.reply)
		}
	}
}

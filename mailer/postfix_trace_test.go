package mailer

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/internal/mailstack"
)

// TestSender_PostfixNoTrace: a follow-up as delivered through a real Postfix to the
// contact's mailbox carries nothing that names followup in any header it wrote (the trace
// fields the receiving servers add — Received, Return-Path, Delivered-To — name the test's
// machines, not the program), and its Message-ID is one a mail client would write.
func TestSender_PostfixNoTrace(t *testing.T) {
	s := mailstack.Get(t)
	cfg := s.SMTP(t, "alice@owner.test")
	id := NewMessageID("owner.test", time.Now())
	env := Envelope{FromName: "Alice Example", From: "alice@owner.test", ToName: "Jane Doe", To: "jane@acme.test",
		Subject: "Following up on the Backend Engineer interview", Body: "Dear Jane,\n\nThank you again.\n", MessageID: id,
		InReplyTo: NewMessageID("owner.test", time.Now())}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, res, err := (&Sender{Config: cfg}).Send(ctx, env); res != Delivered {
		t.Fatalf("Send = %s (%v)", res, err)
	}
	r := s.WaitFor(t, "jane@acme.test", "INBOX", 20*time.Second, func(r mailstack.Raw) bool { return r.Header("Message-ID") == "<"+id+">" })
	hdr, _, _ := bytes.Cut(r.Data, []byte("\r\n\r\n"))
	field := ""
	for _, line := range strings.Split(string(hdr), "\r\n") {
		if !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "\t") {
			field, _, _ = strings.Cut(line, ":")
		}
		switch strings.ToLower(field) {
		case "received", "return-path", "delivered-to", "x-original-to", "x-cyrus-session-id", "authentication-results":
			// Written by the receiving servers (the test stack is named followup-test-…), not by the sender.
			continue
		}
		if strings.Contains(strings.ToLower(line), "followup") {
			t.Errorf("a header of the delivered follow-up names the program: %q", line)
		}
	}
	if !uuidID.MatchString(strings.Trim(r.Header("Message-ID"), "<>")) {
		t.Errorf("Message-ID %q is not in the form mail clients write", r.Header("Message-ID"))
	}
}

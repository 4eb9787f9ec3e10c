package assistant

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/inbox"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// TestDecide_CorpusNeverAReply puts every message of the shared corpus in the worst light:
// its sender is a contact of an active application at its own domain, and it names a
// Message-ID followup sent. Bounces, auto-replies, abuse reports and the rest must still
// never be taken for a human reply.
func TestDecide_CorpusNeverAReply(t *testing.T) {
	files, _ := filepath.Glob("../testdata/corpus/bounces/*.eml")
	if len(files) < 300 {
		t.Fatalf("the corpus in testdata/corpus/bounces has %d messages, want its 319", len(files))
	}
	ctx := context.Background()
	d := offline(t)
	st := d.Store
	machine := 0
	for i, f := range files {
		raw, _ := os.ReadFile(f)
		m, err := inbox.Parse(raw)
		if err != nil || m.From == "" || !strings.Contains(m.From, "@") {
			continue
		}
		name := filepath.Base(f)
		if strings.HasPrefix(name, "is-not-bounce") {
			continue // ordinary mail: from a contact, it is a reply
		}
		id, err := st.AddApplication(ctx, store.Application{
			Company: name, Role: "R", CompanyDomain: policy.Domain(m.From),
			Interview: store.Interview{Start: d.Now().Add(-time.Duration(i+1) * time.Hour), Length: time.Hour, TZ: "UTC"},
			Contacts:  []store.Contact{{Email: m.From, Role: policy.Interviewer}},
		})
		if err != nil {
			t.Fatal(err)
		}
		app, _ := st.Application(ctx, id)
		for _, ref := range append(m.InReplyTo, m.References...) {
			mid, _, _ := st.AddMessage(ctx, store.Message{AppID: id, ContactID: app.Contacts[0].ID, Kind: policy.CheckIn, Seq: 1, Due: d.Now()})
			st.DB().Exec(`UPDATE messages SET message_id = ?, state = 'sent' WHERE id = ?`, ref, mid)
			break
		}
		dec, err := d.Decide(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		if dec.Kind == inbox.KindReply || dec.Kind == inbox.KindCommand {
			t.Errorf("%s (from %s) taken for a %s: %s", name, m.From, dec.Kind, dec.Reason)
		}
		machine++
		st.SetStatus(ctx, id, policy.Stopped, "next")
	}
	if machine < 280 {
		t.Errorf("only %d corpus messages checked", machine)
	}
}

// TestHandle_OneWalkPerMessage: the daemon reads each message of the corpus once. Handed
// its header, as the watcher hands it, followed by its body when the header says that is
// needed, Handle walks the MIME tree of the body at most once however many readers look
// into it (its text, its calendar, its delivery report, its bounds). A bounce that returns
// a bounce is read once more, inside (the message it returns is a message of its own).
func TestHandle_OneWalkPerMessage(t *testing.T) {
	files, _ := filepath.Glob("../testdata/corpus/bounces/*.eml")
	ctx := context.Background()
	d := offline(t)
	more, read := 0, 0
	for i, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raw = []byte(strings.ReplaceAll(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n", "\r\n"))
		header := raw
		if at := strings.Index(string(raw), "\r\n\r\n"); at >= 0 {
			header = raw[:at+4]
		}
		m, err := inbox.Parse(header)
		if err != nil {
			continue
		}
		m.Folder, m.UIDValidity, m.UID, m.HeaderOnly = "INBOX", 1, uint32(i+1), true
		before := inbox.Walks()
		if _, err := d.Handle(ctx, m, func() (*inbox.Message, error) { return inbox.Parse(raw) }); err != nil {
			t.Fatalf("%s: %v", filepath.Base(f), err)
		}
		switch n := inbox.Walks() - before; {
		case n == 1:
			read++
		case n > 1:
			more++
			if n > 2 {
				t.Errorf("%s: %d MIME walks", filepath.Base(f), n)
			}
		}
	}
	t.Logf("%d messages handled: %d read with one MIME walk, %d bounces of bounces with one more inside, the rest by their header", len(files), read, more)
	if read < 250 {
		t.Errorf("only %d messages read", read)
	}
}

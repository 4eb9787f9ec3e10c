package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
)

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var start = time.Date(2026, 11, 17, 9, 0, 0, 0, time.UTC)

func sample() Application {
	return Application{
		Company: "Acme", Role: "Backend Engineer", CompanyDomain: "acme.test",
		Interview: Interview{Start: start, Length: time.Hour, TZ: "Europe/Berlin", DecisionBy: "2026-11-27", KeyPoints: "queues"},
		Contacts: []Contact{
			{Name: "Jane Doe", Email: "Jane@Acme.test", Role: policy.Interviewer},
			{Name: "Sam Lee", Email: "hr@acme.test", Role: policy.Coordinator},
		},
	}
}

func TestStore_AddApplication(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id, err := s.AddApplication(ctx, sample())
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Application(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Company != "Acme" || !a.Interview.Start.Equal(start) || a.Interview.Length != time.Hour || a.Status != policy.Active {
		t.Errorf("got %+v", a)
	}
	if len(a.Contacts) != 2 || a.Contacts[0].Email != "jane@acme.test" || a.Contacts[1].Role != policy.Coordinator {
		t.Errorf("contacts = %+v", a.Contacts)
	}
	facts := a.PolicyFacts()
	if facts.DecisionBy.Format("2006-01-02") != "2026-11-27" || facts.DecisionBy.Location().String() != "Europe/Berlin" {
		t.Errorf("decision date = %v", facts.DecisionBy)
	}

	t.Run("duplicate", func(t *testing.T) {
		dup := sample()
		dup.Company = "ACME"
		if _, err := s.AddApplication(ctx, dup); !errors.Is(err, ErrDuplicate) {
			t.Fatalf("err = %v, want ErrDuplicate", err)
		}
		all, _ := s.Applications(ctx)
		if len(all) != 1 {
			t.Errorf("%d applications after a refused duplicate, want 1", len(all))
		}
	})
	t.Run("same contact twice writes nothing", func(t *testing.T) {
		bad := sample()
		bad.Interview.Start = start.Add(24 * time.Hour)
		bad.Contacts = append(bad.Contacts, bad.Contacts[0])
		if _, err := s.AddApplication(ctx, bad); !errors.Is(err, ErrDuplicate) {
			t.Fatalf("err = %v, want ErrDuplicate", err)
		}
		all, _ := s.Applications(ctx)
		if len(all) != 1 {
			t.Errorf("%d applications, want 1: the failed insert was not rolled back", len(all))
		}
	})
	t.Run("not found", func(t *testing.T) {
		if _, err := s.Application(ctx, 999); !errors.Is(err, ErrNotFound) {
			t.Errorf("err = %v", err)
		}
	})
}

// addSample records the sample application and returns its id and its interviewer's.
func addSample(t *testing.T, s *Store) (appID, jane int64) {
	t.Helper()
	ctx := context.Background()
	appID, err := s.AddApplication(ctx, sample())
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Application(ctx, appID)
	if err != nil {
		t.Fatal(err)
	}
	return appID, a.Contacts[0].ID
}

// TestStore_ContactPoints: the points of the conversation with one contact are kept with
// them, read back by both ways of reading applications.
func TestStore_ContactPoints(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	app := sample()
	app.Company = "Initech"
	app.Contacts[0].Points = "the migration to Kafka; her team's on-call"
	id, err := s.AddApplication(ctx, app)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Application(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Contacts[0].Points != app.Contacts[0].Points || got.Contacts[1].Points != "" {
		t.Errorf("points = %q, %q", got.Contacts[0].Points, got.Contacts[1].Points)
	}
	all, err := s.Applications(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		if a.ID == id && a.Contacts[0].Points != app.Contacts[0].Points {
			t.Errorf("listed: points = %q", a.Contacts[0].Points)
		}
	}
}

func TestStore_Messages(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	appID, jane := addSample(t, s)

	m := Message{AppID: appID, ContactID: jane, Kind: policy.ThankYou, Due: start.Add(3 * time.Hour), Subject: "Thank you", Body: "Hi"}
	id, created, err := s.AddMessage(ctx, m)
	if err != nil || !created {
		t.Fatalf("AddMessage = %d, %v, %v", id, created, err)
	}
	id2, created, err := s.AddMessage(ctx, m)
	if err != nil || created || id2 != id {
		t.Fatalf("the same follow-up again = %d, %v, %v; want %d, false, nil", id2, created, err, id)
	}
	notice := Message{AppID: appID, Kind: policy.MoveOn, Due: start}
	n1, created1, _ := s.AddMessage(ctx, notice)
	n2, created2, _ := s.AddMessage(ctx, notice)
	if !created1 || created2 || n1 != n2 {
		t.Errorf("a notice to the owner was queued twice: %d %v, %d %v", n1, created1, n2, created2)
	}

	t.Run("state machine", func(t *testing.T) {
		if _, err := s.Transition(ctx, id, nil, Sending, nil); !errors.Is(err, ErrTransition) {
			t.Errorf("drafted → sending: err = %v, want ErrTransition (nothing is sent unapproved)", err)
		}
		if _, err := s.Transition(ctx, id, []State{Drafted}, AwaitingApproval, func(m *Message) { m.Token = "tok" }); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Transition(ctx, id, []State{Drafted}, Approved, nil); !errors.Is(err, ErrTransition) {
			t.Errorf("from a state it is not in: err = %v", err)
		}
		got, err := s.Transition(ctx, id, []State{AwaitingApproval}, Approved, nil)
		if err != nil || got.State != Approved || got.Token != "tok" {
			t.Fatalf("= %+v, %v", got, err)
		}
		got, err = s.Transition(ctx, id, []State{Approved}, Sending, func(m *Message) { m.MessageID = "x@owner.test" })
		if err != nil || got.MessageID != "x@owner.test" {
			t.Fatal(err)
		}
		if _, err := s.Transition(ctx, id, nil, Sent, func(m *Message) { m.SentAt = start }); err != nil {
			t.Fatal(err)
		}
		for _, to := range []State{Approved, Sending, Cancelled, Skipped} {
			if _, err := s.Transition(ctx, id, nil, to, nil); !errors.Is(err, ErrTransition) {
				t.Errorf("sent → %s: err = %v, want ErrTransition", to, err)
			}
		}
	})

	t.Run("a stop cancels every queued message at once and refuses approval after", func(t *testing.T) {
		ci, _, err := s.AddMessage(ctx, Message{AppID: appID, ContactID: jane, Kind: policy.CheckIn, Seq: 1, Due: start.AddDate(0, 0, 7)})
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.SetStatus(ctx, appID, policy.Replied, "jane answered")
		if err != nil || n != 2 { // the check-in and the move-on notice
			t.Fatalf("SetStatus = %d, %v; want 2 cancelled", n, err)
		}
		got, _ := s.Message(ctx, ci)
		if got.State != Cancelled {
			t.Errorf("check-in is %s, want cancelled", got.State)
		}
		if _, err := s.Transition(ctx, ci, nil, Approved, nil); !errors.Is(err, ErrTransition) {
			t.Errorf("approve after a reply: err = %v", err)
		}
		if _, _, err := s.AddMessage(ctx, Message{AppID: appID, ContactID: jane, Kind: policy.CheckIn, Seq: 2, Due: start}); !errors.Is(err, ErrTransition) {
			t.Errorf("draft after a reply: err = %v", err)
		}
		if _, err := s.SetStatus(ctx, appID, policy.Stopped, ""); !errors.Is(err, ErrTransition) {
			t.Errorf("second status change: err = %v", err)
		}
		h, err := s.History(ctx, appID)
		if err != nil || len(h.Records) != 3 {
			t.Fatalf("history = %+v, %v", h, err)
		}
	})
}

// TestStore_LatestLetters: the bodies of the letters to contacts drafted last, the latest
// first, at most n; notices to the owner are not letters.
func TestStore_LatestLetters(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	appID, jane := addSample(t, s)
	for i, m := range []Message{
		{Kind: policy.ThankYou, Body: "first"}, {Kind: policy.MoveOn, Body: "a notice"},
		{Kind: policy.CheckIn, Seq: 1, Body: "second"}, {Kind: policy.CheckIn, Seq: 2, Body: "third"},
	} {
		m.AppID, m.ContactID, m.Due = appID, jane, start.Add(time.Duration(i)*time.Hour)
		if m.Kind == policy.MoveOn {
			m.ContactID = 0
		}
		if _, _, err := s.AddMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.LatestLetters(ctx, 2)
	if err != nil || strings.Join(got, ",") != "third,second" {
		t.Errorf("LatestLetters(2) = %q, %v; want third, second", got, err)
	}
	if got, _ := s.LatestLetters(ctx, 10); strings.Join(got, ",") != "third,second,first" {
		t.Errorf("LatestLetters(10) = %q; want the three letters, no notice", got)
	}
}

// TestStore_TwoProcesses: the CLI and the daemon write the same file at once. With
// IMMEDIATE transactions and a busy timeout, neither sees "database is locked".
func TestStore_TwoProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.db")
	ctx := context.Background()
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for w, s := range []*Store{a, b, a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				app := sample()
				app.Interview.Start = start.Add(time.Duration(w*1000+i) * time.Hour)
				id, err := s.AddApplication(ctx, app)
				if err != nil {
					errs <- err
					continue
				}
				if _, err := s.SetStatus(ctx, id, policy.Stopped, "test"); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	all, _ := a.Applications(ctx)
	if len(all) != 100 {
		t.Errorf("%d applications, want 100", len(all))
	}
}

// TestStore_MigrateFromEveryVersion builds a database at each earlier schema version with
// data in it, opens it with the current code, and checks the data survived and the schema
// is the same as a fresh one.
func TestStore_MigrateFromEveryVersion(t *testing.T) {
	ctx := context.Background()
	fresh := openTest(t)
	want := schema(t, fresh.db)
	for v := 0; v < SchemaVersion(); v++ {
		t.Run(fmt.Sprintf("from version %d", v), func(t *testing.T) {
			old, path := oldStore(t, v)
			db := old.db
			if v >= 1 {
				oldSample(t, db)
			}
			db.Close()
			s, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var got int
			s.db.QueryRow("PRAGMA user_version").Scan(&got)
			if got != SchemaVersion() {
				t.Errorf("user_version = %d, want %d", got, SchemaVersion())
			}
			if sc := schema(t, s.db); sc != want {
				t.Errorf("schema after migrating differs from a fresh one:\n%s\nwant\n%s", sc, want)
			}
			apps, err := s.Applications(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if v >= 1 && (len(apps) != 1 || apps[0].Company != "Acme" || len(apps[0].Contacts) != 2) {
				t.Errorf("data lost in migration: %+v", apps)
			}
		})
	}
	t.Run("a newer database is refused", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "new.db")
		db, _ := sql.Open("sqlite3", dsn(path))
		db.Exec("PRAGMA user_version = 99")
		db.Close()
		if _, err := Open(ctx, path); err == nil {
			t.Fatal("opened a database from a newer followup")
		}
	})
}

// oldSample adds application 1 (Acme, with Jane Doe, contact 1, and Sam Lee) as the first
// schema has it: the code of today writes columns added since.
func oldSample(t *testing.T, db *sql.DB) {
	t.Helper()
	for _, q := range []string{
		`INSERT INTO applications (id, company, role, company_domain, created_at, updated_at) VALUES (1, 'Acme', 'Backend Engineer', 'acme.test', '2026-11-17T09:00:00Z', '2026-11-17T09:00:00Z')`,
		`INSERT INTO interviews (application_id, starts_at, length_seconds, tz) VALUES (1, '2026-11-17T09:00:00Z', 3600, 'Europe/Berlin')`,
		`INSERT INTO contacts (id, application_id, name, email, role, position) VALUES (1, 1, 'Jane Doe', 'jane@acme.test', 'interviewer', 0), (2, 1, 'Sam Lee', 'hr@acme.test', 'coordinator', 1)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// oldStore is a database file at schema version v, as an older followup left it.
func oldStore(t *testing.T, v int) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	old := &Store{db: db, path: path, Now: time.Now}
	if err := old.migrate(context.Background(), v); err != nil {
		t.Fatal(err)
	}
	return old, path
}

func schema(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query(`SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out string
	for rows.Next() {
		var typ, name, sq string
		rows.Scan(&typ, &name, &sq)
		out += typ + " " + name + ": " + sq + "\n"
	}
	return out
}

func TestStore_Cursor(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	c, err := s.Cursor(ctx, "INBOX")
	if err != nil || c.LastUID != 0 {
		t.Fatalf("= %+v, %v", c, err)
	}
	if err := s.SetCursor(ctx, Cursor{Folder: "INBOX", UIDValidity: 7, LastUID: 42}); err != nil {
		t.Fatal(err)
	}
	c, _ = s.Cursor(ctx, "INBOX")
	if c.UIDValidity != 7 || c.LastUID != 42 {
		t.Errorf("= %+v", c)
	}
	first, _ := s.RecordInbound(ctx, Inbound{MessageID: "a@b", Folder: "INBOX", UIDValidity: 7, UID: 1, Kind: "other", ReceivedAt: start})
	again, _ := s.RecordInbound(ctx, Inbound{MessageID: "a@b", Folder: "INBOX", UIDValidity: 8, UID: 1, Kind: "other", ReceivedAt: start})
	if !first || again {
		t.Errorf("RecordInbound first = %v, again = %v", first, again)
	}
}

// TestStore_ReplanUnless: bookmarks made by the same planner survive a restart; a new
// planner key (another program, other rules) clears every one of them, once.
func TestStore_ReplanUnless(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id, err := s.AddApplication(ctx, sample())
	if err != nil {
		t.Fatal(err)
	}
	due := func() bool {
		t.Helper()
		apps, _, err := s.ApplicationsToPlan(ctx, start, 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(apps) == 1 && apps[0].ID == id
	}
	bookmark := func() {
		t.Helper()
		apps, _, err := s.ApplicationsToPlan(ctx, start, 0)
		if err != nil || len(apps) != 1 {
			t.Fatalf("to plan: %d, %v", len(apps), err)
		}
		if err := s.SetBookmarks(ctx, []Bookmark{{AppID: id, Gen: apps[0].PlanGen, At: start.AddDate(0, 0, 7)}}); err != nil {
			t.Fatal(err)
		}
		if due() {
			t.Fatal("a bookmarked application is still due")
		}
	}
	steps := []struct {
		key       string
		replanned bool
	}{
		{"a", true},  // no key yet: whatever made the bookmarks is unknown
		{"a", false}, // the same program and rules
		{"b", true},  // an upgrade or a change of the rules
		{"b", false},
	}
	for i, st := range steps {
		if due() {
			bookmark()
		}
		got, err := s.ReplanUnless(ctx, st.key)
		if err != nil {
			t.Fatal(err)
		}
		if got != st.replanned || due() != st.replanned {
			t.Errorf("step %d (key %q): replanned = %v, due = %v; want %v", i, st.key, got, due(), st.replanned)
		}
	}
}

// TestStore_ApplicationsToPlanLimit: a limited read takes the longest waiting first (never
// planned before any bookmark, then the oldest bookmark), and leaves the rest due.
func TestStore_ApplicationsToPlanLimit(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var ids []int64
	for i := range 4 {
		app := sample()
		app.Interview.Start = start.Add(time.Duration(i) * time.Hour)
		id, err := s.AddApplication(ctx, app)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	// ids[0] bookmarked an hour ago, ids[1] two hours ago, ids[2] never, ids[3] tomorrow.
	apps, _, err := s.ApplicationsToPlan(ctx, start, 0)
	if err != nil || len(apps) != 4 {
		t.Fatalf("to plan: %d, %v", len(apps), err)
	}
	gen := map[int64]int64{}
	for _, a := range apps {
		gen[a.ID] = a.PlanGen
	}
	if err := s.SetBookmarks(ctx, []Bookmark{
		{AppID: ids[0], Gen: gen[ids[0]], At: start.Add(-time.Hour)},
		{AppID: ids[1], Gen: gen[ids[1]], At: start.Add(-2 * time.Hour)},
		{AppID: ids[3], Gen: gen[ids[3]], At: start.Add(24 * time.Hour)},
	}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		limit int
		want  []int64
	}{{1, ids[2:3]}, {2, []int64{ids[1], ids[2]}}, {3, ids[:3]}, {0, ids[:3]}} {
		apps, hist, err := s.ApplicationsToPlan(ctx, start, c.limit)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, a := range apps {
			got = append(got, a.ID)
			if len(a.Contacts) != 2 {
				t.Errorf("limit %d: application %d read with %d contacts", c.limit, a.ID, len(a.Contacts))
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) || len(hist) != 0 {
			t.Errorf("limit %d: %v (histories of %d), want %v", c.limit, got, len(hist), c.want)
		}
	}
}

// TestOutgoing_Queue: mail to the owner waits in the one queue in the order it was due,
// is taken before its SMTP transaction, and is settled as sent, retried later, or failed.
func TestOutgoing_Queue(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	if owner, polite, err := s.NextOutgoing(ctx); err != nil || !owner.IsZero() || len(polite) != 0 {
		t.Fatalf("empty queue: next %v %v err=%v", owner, polite, err)
	}
	a, _ := s.Enqueue(ctx, Outgoing{ToOwner: true, Subject: "a", Body: "x", MessageID: "a@x", CreatedAt: t0})
	b, _ := s.Enqueue(ctx, Outgoing{ToOwner: true, Subject: "b", Body: "y", MessageID: "b@x", CreatedAt: t0.Add(time.Second)})
	due, err := s.DueOutgoing(ctx, t0.Add(time.Minute), func(string, string) bool { return false }, 10)
	if err != nil || len(due) != 2 || due[0].ID != a || due[1].ID != b || due[1].Body != "y" || !due[0].ToOwner {
		t.Fatalf("due = %+v, %v; want a then b", due, err)
	}
	if due, _ := s.DueOutgoing(ctx, t0, func(string, string) bool { return false }, 10); len(due) != 1 {
		t.Errorf("a mail not yet due was returned: %+v", due)
	}
	take := func(id int64, at time.Time) Outgoing {
		t.Helper()
		o, err := s.Take(ctx, id, at, func() string { return "new@x" })
		if err != nil || o.State != OutSending {
			t.Fatalf("take %d: %+v, %v", id, o, err)
		}
		return o
	}
	if o := take(a, t0); o.Attempts != 1 || o.MessageID != "a@x" {
		t.Errorf("taken: %+v; want attempt 1, its own Message-ID", o)
	}
	if _, err := s.Take(ctx, a, t0, nil); !errors.Is(err, ErrTransition) {
		t.Errorf("taken twice: %v", err)
	}
	if _, err := s.Settle(ctx, a, Settlement{To: OutQueued, NextAt: t0.Add(time.Hour), Error: "421 busy"}); err != nil {
		t.Fatal(err)
	}
	take(b, t0)
	if _, err := s.Settle(ctx, b, Settlement{To: OutSent, At: t0.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.SentSince(ctx, t0); n != 1 {
		t.Errorf("SentSince = %d, want 1 (b; a failed before the server took anything)", n)
	}
	if due, _ := s.DueOutgoing(ctx, t0.Add(time.Minute), func(string, string) bool { return false }, 10); len(due) != 0 {
		t.Errorf("sent or postponed mail still due: %+v", due)
	}
	if at, _, _ := s.NextOutgoing(ctx); !at.Equal(t0.Add(time.Hour)) {
		t.Errorf("next at %v, want the retry time", at)
	}
	due, _ = s.DueOutgoing(ctx, t0.Add(2*time.Hour), func(string, string) bool { return false }, 10)
	if len(due) != 1 || due[0].Attempts != 1 || due[0].LastError != "421 busy" {
		t.Fatalf("after one retry: %+v", due)
	}
	take(a, t0.Add(2*time.Hour))
	if _, err := s.Settle(ctx, a, Settlement{To: OutFailed, Error: "550 no"}); err != nil {
		t.Fatal(err)
	}
	if at, _, _ := s.NextOutgoing(ctx); !at.IsZero() {
		t.Error("a failed mail is still queued")
	}
}

// TestOutgoing_Draft: a draft's sending is queued with its approval in one transaction, and
// the draft moves with it: sending, then sent, unknown or back to approved. A skip or a
// reply cancels what was queued for it; a row whose draft is no longer approved is
// cancelled when taken, never sent.
func TestOutgoing_Draft(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	appID, jane := addSample(t, s)
	approve := func(seq int) (Message, Outgoing) {
		t.Helper()
		id, _, err := s.AddMessage(ctx, Message{AppID: appID, ContactID: jane, Kind: policy.CheckIn, Seq: seq, Due: start, Subject: "s", Body: "b"})
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.EnqueueWith(ctx, id, nil, Approved, nil, func(m Message) Outgoing {
			return Outgoing{Kind: KindFollowUp, To: "jane@acme.test", Subject: m.Subject, Body: m.Body, Polite: true, Due: m.Due, CreatedAt: start}
		})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := s.OutgoingFor(ctx, id)
		if err != nil || len(rows) != 1 || rows[0].State != OutQueued || !rows[0].Polite {
			t.Fatalf("queued with the approval: %+v, %v", rows, err)
		}
		return m, rows[0]
	}
	newID := func() string { return "made@x" }

	m, r := approve(1)
	if due, _ := s.DueOutgoing(ctx, start, func(string, string) bool { return false }, 10); len(due) != 0 {
		t.Errorf("mail to a contact due outside the send window: %+v", due)
	}
	if _, err := s.Take(ctx, r.ID, start, newID); err != nil {
		t.Fatal(err)
	}
	if m, _ = s.Message(ctx, m.ID); m.State != Sending || m.MessageID != "made@x" {
		t.Errorf("taken: the draft is %s with Message-ID %q; want sending, made@x", m.State, m.MessageID)
	}
	if _, err := s.Settle(ctx, r.ID, Settlement{To: OutQueued, NextAt: start.Add(time.Minute), Error: "451 later"}); err != nil {
		t.Fatal(err)
	}
	if m, _ = s.Message(ctx, m.ID); m.State != Approved {
		t.Errorf("retried: the draft is %s, want approved", m.State)
	}
	s.Take(ctx, r.ID, start, newID)
	if _, err := s.Settle(ctx, r.ID, Settlement{To: OutUnknown, Error: "the connection was lost"}); err != nil {
		t.Fatal(err)
	}
	if m, _ = s.Message(ctx, m.ID); m.State != Unknown || m.LastError != "the connection was lost" {
		t.Errorf("unclear: the draft is %s (%q), want unknown", m.State, m.LastError)
	}

	skipped, r2 := approve(2)
	if _, err := s.Transition(ctx, skipped.ID, nil, Skipped, nil); err != nil {
		t.Fatal(err)
	}
	if rows, _ := s.OutgoingFor(ctx, skipped.ID); rows[0].State != OutCancelled {
		t.Errorf("after a skip its sending is %s, want cancelled", rows[0].State)
	}
	if _, err := s.Take(ctx, r2.ID, start, newID); !errors.Is(err, ErrTransition) {
		t.Errorf("a cancelled row was taken: %v", err)
	}

	_, r3 := approve(3)
	if _, err := s.DB().Exec(`UPDATE messages SET state = 'awaiting_approval' WHERE id = ?`, r3.DraftID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Take(ctx, r3.ID, start, newID); !errors.Is(err, ErrCancelled) {
		t.Errorf("a row whose draft is not approved: %v, want ErrCancelled", err)
	}

	_, r4 := approve(4)
	if n, err := s.SetStatus(ctx, appID, policy.Replied, "jane replied"); err != nil || n != 2 {
		t.Fatalf("SetStatus = %d, %v", n, err)
	}
	if rows, _ := s.OutgoingFor(ctx, r4.DraftID); rows[0].State != OutCancelled {
		t.Errorf("after a reply its sending is %s, want cancelled", rows[0].State)
	}
}

// TestOutgoing_HoldQueue: holding the queue moves every queued mail's next try to at least
// until, and leaves a later one alone.
func TestOutgoing_HoldQueue(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	until := start.Add(10 * time.Minute)
	held, _ := s.Enqueue(ctx, Outgoing{ToOwner: true, Subject: "a", Body: "x", CreatedAt: start})
	later, _ := s.Enqueue(ctx, Outgoing{ToOwner: true, Subject: "b", Body: "x", CreatedAt: start, NextAt: until.Add(time.Hour)})
	sent, _ := s.Enqueue(ctx, Outgoing{ToOwner: true, Subject: "c", Body: "x", CreatedAt: start})
	s.Take(ctx, sent, start, func() string { return "c@x" })
	n, err := s.HoldQueue(ctx, until)
	if err != nil || n != 1 {
		t.Fatalf("HoldQueue = %d, %v; want 1 held", n, err)
	}
	rows, _ := s.OutgoingIn(ctx, OutQueued)
	for _, r := range rows {
		want := map[int64]time.Time{held: until, later: until.Add(time.Hour)}[r.ID]
		if !r.NextAt.Equal(want) {
			t.Errorf("outgoing %d: next at %v, want %v", r.ID, r.NextAt, want)
		}
	}
}

// TestOutgoing_Coalesce: notices with a key are one an hour.
func TestOutgoing_Coalesce(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	add := func(key string, at time.Time) int64 {
		t.Helper()
		id, err := s.Enqueue(ctx, Outgoing{ToOwner: true, Subject: "s", Body: "b", MessageID: fmt.Sprint(key, at.Unix(), "@x"), Key: key, CreatedAt: at})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	if add("refused", t0) == 0 {
		t.Fatal("the first notice of a key was dropped")
	}
	if add("refused", t0.Add(59*time.Minute)) != 0 {
		t.Error("a second notice of the key within the hour was queued")
	}
	if add("unreadable", t0.Add(time.Minute)) == 0 {
		t.Error("a notice of another key was dropped")
	}
	for range 2 {
		if add("", t0.Add(time.Minute)) == 0 {
			t.Error("a notice without a key was dropped")
		}
	}
	if add("refused", t0.Add(61*time.Minute)) == 0 {
		t.Error("a notice of the key an hour later was dropped")
	}
}

// TestOutgoing_Migrated: what the two old queues held (mail to the owner, sent or waiting;
// drafts approved, being sent, or sent) is in the one queue after the upgrade.
func TestOutgoing_Migrated(t *testing.T) {
	ctx := context.Background()
	old, path := oldStore(t, 7)
	db := old.db
	oldSample(t, db)
	appID, jane := int64(1), int64(1)
	ts := fmtTime(start)
	for _, q := range []string{
		`INSERT INTO notices (kind, subject, body, message_id, created_at, next_at) VALUES ('approval', 'waiting', 'b', 'w@x', '` + ts + `', '` + ts + `')`,
		`INSERT INTO notices (kind, subject, body, message_id, created_at, next_at, sent_at) VALUES ('notice', 'gone', 'b', 'g@x', '` + ts + `', '` + ts + `', '` + ts + `')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for seq, st := range []State{Approved, Sending, Sent, AwaitingApproval} {
		id, _, err := old.AddMessage(ctx, Message{AppID: appID, ContactID: jane, Kind: policy.CheckIn, Seq: seq, Due: start, Subject: "s", Body: "b"})
		if err != nil {
			t.Fatal(err)
		}
		msgid := ""
		if st != Approved && st != AwaitingApproval {
			msgid = fmt.Sprintf("m%d@x", seq)
		}
		if _, err := db.Exec(`UPDATE messages SET state = ?, message_id = ?, sent_at = ? WHERE id = ?`, string(st), msgid, map[bool]string{true: ts}[st == Sent], id); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.OutgoingIn(ctx, OutQueued, OutSending, OutSent)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%s %s owner=%v to=%s %q", r.Kind, r.State, r.ToOwner, r.To, r.MessageID))
	}
	want := []string{
		`approval queued owner=true to= "w@x"`, `notice sent owner=true to= "g@x"`,
		`followup queued owner=false to=jane@acme.test ""`, `followup sending owner=false to=jane@acme.test "m1@x"`,
		`followup sent owner=false to=jane@acme.test "m2@x"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the queue after the upgrade:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n, _ := s.SentSince(ctx, start); n != 3 {
		t.Errorf("SentSince = %d, want 3 (the sent notice and follow-up, the one being sent)", n)
	}
}

// TestOutgoing_RecipientClock: polite mail is due only where the send window is open on its
// recipient's clock; mail to the owner waits for no window.
func TestOutgoing_RecipientClock(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	ny, _ := s.Enqueue(ctx, Outgoing{Kind: KindNotice, Polite: true, TZ: "America/New_York", To: "a@x", Subject: "s", Body: "b", CreatedAt: start})
	s.Enqueue(ctx, Outgoing{Kind: KindNotice, Polite: true, TZ: "Europe/Berlin", To: "b@x", Subject: "s", Body: "b", CreatedAt: start})
	owner, _ := s.Enqueue(ctx, Outgoing{ToOwner: true, Subject: "s", Body: "b", CreatedAt: start})
	due, err := s.DueOutgoing(ctx, start.Add(time.Minute), func(tz, _ string) bool { return tz == "America/New_York" }, 10)
	if err != nil || len(due) != 2 || due[0].ID != ny || due[1].ID != owner {
		t.Fatalf("due = %+v, %v; want the New York one and the owner's", due, err)
	}
	any, polite, err := s.NextOutgoing(ctx)
	if err != nil || !any.Equal(start) || len(polite) != 2 || !polite["Europe/Berlin|"].Equal(start) {
		t.Errorf("NextOutgoing = %v, %v, %v", any, polite, err)
	}
}

// TestStore_Private: the store file is the owner's alone (0600).
func TestStore_Private(t *testing.T) {
	s := openTest(t)
	fi, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if m := fi.Mode().Perm(); m != 0o600 {
		t.Errorf("the store is %v, want -rw-------", m)
	}
}

// TestMigration_Outcomes: the rebuild of applications (two more statuses) keeps every row
// that refers to an application (interviews, contacts, drafts, events: nothing cascades), the
// planner's trigger on it, and foreign keys on afterwards.
func TestMigration_Outcomes(t *testing.T) {
	ctx := context.Background()
	old, path := oldStore(t, 9)
	oldSample(t, old.db)
	if _, _, err := old.AddMessage(ctx, Message{AppID: 1, ContactID: 1, Kind: policy.ThankYou, Due: start, Subject: "s", Body: "b"}); err != nil {
		t.Fatal(err)
	}
	if _, err := old.db.Exec(`INSERT INTO events (application_id, at, kind, detail) VALUES (1, '2026-11-17T09:00:00Z', 'recorded', 'x')`); err != nil {
		t.Fatal(err)
	}
	count := func(db *sql.DB) string {
		var out []string
		for _, table := range []string{"applications", "interviews", "contacts", "messages", "events"} {
			var n int
			db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n)
			out = append(out, fmt.Sprintf("%s=%d", table, n))
		}
		return strings.Join(out, " ")
	}
	before := count(old.db)
	old.db.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if after := count(s.db); after != before {
		t.Errorf("rows before the migration %s, after %s", before, after)
	}
	app, err := s.Application(ctx, 1)
	if err != nil || len(app.Contacts) != 2 || app.Round != 1 {
		t.Fatalf("application after the migration: %+v, %v", app, err)
	}
	gen := app.PlanGen
	if _, err := s.SetStatus(ctx, 1, policy.Offer, "an offer"); err != nil {
		t.Fatalf("status offer after the migration: %v", err)
	}
	if app, _ = s.Application(ctx, 1); app.Status != policy.Offer || app.PlanGen <= gen {
		t.Errorf("status %s, plan generation %d (was %d): the planner's trigger is gone", app.Status, app.PlanGen, gen)
	}
	if _, err := s.db.Exec(`INSERT INTO contacts (application_id, email, role, position) VALUES (99, 'x@y', 'interviewer', 0)`); err == nil {
		t.Error("a contact of no application was accepted: foreign keys are off")
	}
}

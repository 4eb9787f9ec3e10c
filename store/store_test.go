package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
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
			path := filepath.Join(t.TempDir(), "old.db")
			db, err := sql.Open("sqlite3", dsn(path))
			if err != nil {
				t.Fatal(err)
			}
			old := &Store{db: db, path: path, Now: time.Now}
			if err := old.migrate(ctx, v); err != nil {
				t.Fatal(err)
			}
			if v >= 1 {
				if _, err := old.AddApplication(ctx, sample()); err != nil {
					t.Fatal(err)
				}
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

func TestNotices_Queue(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	if _, ok, err := s.NextNotice(ctx); err != nil || ok {
		t.Fatalf("empty queue: next ok=%v err=%v", ok, err)
	}
	a, _ := s.AddNotice(ctx, Notice{Subject: "a", Body: "x", MessageID: "a@x", CreatedAt: t0})
	b, _ := s.AddNotice(ctx, Notice{Subject: "b", Body: "y", MessageID: "b@x", CreatedAt: t0.Add(time.Second)})
	due, err := s.DueNotices(ctx, t0.Add(time.Minute), 10)
	if err != nil || len(due) != 2 || due[0].ID != a || due[1].ID != b || due[1].Body != "y" {
		t.Fatalf("due = %+v, %v; want a then b", due, err)
	}
	if due, _ := s.DueNotices(ctx, t0, 10); len(due) != 1 {
		t.Errorf("a notice not yet due was returned: %+v", due)
	}
	if err := s.NoticeRetry(ctx, a, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.NoticeSent(ctx, b, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.DueNotices(ctx, t0.Add(time.Minute), 10); len(due) != 0 {
		t.Errorf("sent or postponed notices still due: %+v", due)
	}
	if at, ok, _ := s.NextNotice(ctx); !ok || !at.Equal(t0.Add(time.Hour)) {
		t.Errorf("next notice at %v (%v), want the retry time", at, ok)
	}
	due, _ = s.DueNotices(ctx, t0.Add(2*time.Hour), 10)
	if len(due) != 1 || due[0].Attempts != 1 {
		t.Fatalf("after one retry: %+v", due)
	}
	if err := s.NoticeFailed(ctx, a, "550 no"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.NextNotice(ctx); ok {
		t.Error("a failed notice is still pending")
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

// TestStore_HoldQueue: a hold makes every approved message wait until its end; one whose
// own retry is later keeps it, and messages in other states are untouched.
func TestStore_HoldQueue(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	appID, jane := addSample(t, s)
	until := start.Add(10 * time.Minute)
	add := func(kind policy.Kind, seq int, to State, next time.Time) int64 {
		t.Helper()
		id, _, err := s.AddMessage(ctx, Message{AppID: appID, ContactID: jane, Kind: kind, Seq: seq, Due: start})
		if err != nil {
			t.Fatal(err)
		}
		path := map[State][]State{AwaitingApproval: {AwaitingApproval}, Approved: {AwaitingApproval, Approved}}[to]
		for _, st := range path {
			if _, err := s.Transition(ctx, id, nil, st, func(m *Message) { m.NextAttempt = next }); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	held := add(policy.ThankYou, 0, Approved, time.Time{})
	later := add(policy.CheckIn, 1, Approved, until.Add(time.Hour))
	waiting := add(policy.CheckIn, 2, AwaitingApproval, time.Time{})
	n, err := s.HoldQueue(ctx, until, start)
	if err != nil || n != 1 {
		t.Fatalf("HoldQueue = %d, %v; want 1 message held", n, err)
	}
	for _, c := range []struct {
		id   int64
		want time.Time
	}{{held, until}, {later, until.Add(time.Hour)}, {waiting, time.Time{}}} {
		m, err := s.Message(ctx, c.id)
		if err != nil || !m.NextAttempt.Equal(c.want) {
			t.Errorf("draft %d (%s): next attempt %v, %v; want %v", c.id, m.State, m.NextAttempt, err, c.want)
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

// TestNotices_Coalesce: a notice whose key was queued within the hour is dropped; after
// the hour, or under another key, it is queued.
func TestNotices_Coalesce(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	add := func(key string, at time.Time) int64 {
		t.Helper()
		id, err := s.AddNotice(ctx, Notice{Subject: "s", Body: "b", MessageID: fmt.Sprint(key, at.Unix(), "@x"), Key: key, CreatedAt: at})
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

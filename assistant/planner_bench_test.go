package assistant

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// seedApps records n applications whose thank-yous are already drafted, so that a tick
// finds nothing new to do: the steady state of a long job search.
func seedApps(b testing.TB, d *Assistant, n int) {
	b.Helper()
	ctx := context.Background()
	start := d.Now().Add(-48 * time.Hour)
	for i := 0; i < n; i++ {
		id, err := d.Store.AddApplication(ctx, store.Application{
			Company: fmt.Sprintf("Company %d", i), Role: "Engineer", CompanyDomain: fmt.Sprintf("c%d.test", i),
			Interview: store.Interview{Start: start.Add(-time.Duration(i) * time.Second), Length: time.Hour, TZ: "Europe/Berlin"},
			Contacts:  []store.Contact{{Name: "Jane", Email: fmt.Sprintf("jane@c%d.test", i), Role: policy.Interviewer}},
		})
		if err != nil {
			b.Fatal(err)
		}
		app, _ := d.Store.Application(ctx, id)
		if _, _, err := d.Store.AddMessage(ctx, store.Message{AppID: id, ContactID: app.Contacts[0].ID, Kind: policy.ThankYou, Due: start, State: store.Sent}); err != nil {
			b.Fatal(err)
		}
	}
}

// midweek sets d's clock to a Wednesday, 10:00 in Berlin, so that what the figures measure
// doesn't depend on the day they are taken: on a Monday morning, the check-ins of
// applications interviewed on Saturday fall just past the digest's week and it lists none.
func midweek(d *Assistant) {
	at := time.Date(2026, 11, 18, 10, 0, 0, 0, d.Config.Owner.Location)
	d.Now = func() time.Time { return at }
}

// tenThousand is an offline daemon on the midweek clock with 10,000 applications from
// seedApps, none planned yet.
func tenThousand(b *testing.B) *Assistant {
	d := offline(b)
	midweek(d)
	seedApps(b, d, 10000)
	return d
}

// planAll plans until no application is due, batch after batch, as the outbox loop's
// ticks do; it returns how many passes it took.
func planAll(t testing.TB, d *Assistant) int {
	t.Helper()
	for n := 1; ; n++ {
		more, err := d.Plan(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !more {
			return n
		}
	}
}

// BenchmarkTickReplan times the first planner tick over 10,000 applications with nothing due
// after an upgrade or a change of the rules (every application is due: the tick plans a
// batch of PlanBatch), BenchmarkReplanAll all the ticks until every one is planned,
// BenchmarkTickRestart the first tick after a restart of the same program with the same
// rules, BenchmarkTickSteady the ticks after it, and BenchmarkDigest the digest over them
// (the figures of issue 6's planner goal).
//
//	go test -run XXX -bench 'Tick|Replan|Digest' -benchtime 10x ./daemon
func BenchmarkTickReplan(b *testing.B) {
	d := tenThousand(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := d.Store.ReplanAll(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if more, err := d.Plan(ctx); err != nil || !more {
			b.Fatalf("plan = %v, %v; want a full batch with more to come", more, err)
		}
	}
}

// BenchmarkReplanAll is every tick of a replan of 10,000 applications, back to back.
func BenchmarkReplanAll(b *testing.B) {
	d := tenThousand(b)
	ctx := context.Background()
	ticks := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := d.Store.ReplanAll(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		ticks = planAll(b, d)
	}
	b.ReportMetric(float64(ticks), "ticks")
}

// BenchmarkTickRestart is the first tick of a daemon started again on the same store.
func BenchmarkTickRestart(b *testing.B) {
	d := tenThousand(b)
	ctx := context.Background()
	if err := d.ReplanIfChanged(ctx); err != nil {
		b.Fatal(err)
	}
	planAll(b, d)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		again, err := New(d.Config, d.Store, d.Logger)
		if err != nil {
			b.Fatal(err)
		}
		again.Now = d.Now
		if err := again.ReplanIfChanged(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if more, err := again.Plan(ctx); err != nil || more {
			b.Fatalf("plan = %v, %v", more, err)
		}
	}
}

// BenchmarkTickSteady is a tick after the first: every application bookmarked.
func BenchmarkTickSteady(b *testing.B) {
	d := tenThousand(b)
	ctx := context.Background()
	planAll(b, d)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if more, err := d.Plan(ctx); err != nil || more {
			b.Fatalf("plan = %v, %v", more, err)
		}
	}
}

func BenchmarkDigest(b *testing.B) {
	d := tenThousand(b)
	ctx := context.Background()
	planAll(b, d) // as in a running daemon: every application bookmarked
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dg, err := d.BuildDigest(ctx)
		if err != nil {
			b.Fatal(err)
		}
		dg.Text(d.Config.Owner.Location)
		if _, err := dg.HTML(d.Config.Owner.Location); err != nil {
			b.Fatal(err)
		}
	}
}

// seedYears records n applications interviewed every two hours back over two years and
// more: those older than a month have ended (replied or moved on), the rest are active
// with their thank-you sent. A long job search as it looks in the store.
func seedYears(b *testing.B, d *Assistant, n int) {
	b.Helper()
	ctx := context.Background()
	now := d.Now()
	for i := 0; i < n; i++ {
		start := now.Add(-50*time.Hour - time.Duration(i)*2*time.Hour)
		id, err := d.Store.AddApplication(ctx, store.Application{
			Company: fmt.Sprintf("Company %d", i), Role: "Engineer", CompanyDomain: fmt.Sprintf("c%d.test", i),
			Interview: store.Interview{Start: start, Length: time.Hour, TZ: "Europe/Berlin"},
			Contacts:  []store.Contact{{Name: "Jane", Email: fmt.Sprintf("jane@c%d.test", i), Role: policy.Interviewer}},
		})
		if err != nil {
			b.Fatal(err)
		}
		app, _ := d.Store.Application(ctx, id)
		if _, _, err := d.Store.AddMessage(ctx, store.Message{AppID: id, ContactID: app.Contacts[0].ID, Kind: policy.ThankYou, Due: start.Add(2 * time.Hour), State: store.Sent}); err != nil {
			b.Fatal(err)
		}
		if now.Sub(start) > 30*24*time.Hour {
			status := policy.Replied
			if i%3 == 0 {
				status = policy.MovedOn
			}
			if _, err := d.Store.SetStatus(ctx, id, status, "seeded"); err != nil {
				b.Fatal(err)
			}
			// It ended a month after the interview, not today.
			if _, err := d.Store.DB().ExecContext(ctx, `UPDATE applications SET updated_at = ? WHERE id = ?`, store.FormatTime(start.Add(30*24*time.Hour)), id); err != nil {
				b.Fatal(err)
			}
		}
	}
	// The thank-yous went out when they were due, not today.
	if _, err := d.Store.DB().ExecContext(ctx, `UPDATE messages SET sent_at = due_at WHERE state = 'sent'`); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkDigestYears renders the digest of seedYears's 10,000 applications (about 350
// of them active), after a planner pass as in a running daemon.
func BenchmarkDigestYears(b *testing.B) {
	d := offline(b)
	midweek(d)
	seedYears(b, d, 10000)
	ctx := context.Background()
	d.Config.Approval.Required = false // offline: the check-ins due are drafted and approved
	planAll(b, d)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dg, err := d.BuildDigest(ctx)
		if err != nil {
			b.Fatal(err)
		}
		dg.Text(d.Config.Owner.Location)
		if _, err := dg.HTML(d.Config.Owner.Location); err != nil {
			b.Fatal(err)
		}
	}
}

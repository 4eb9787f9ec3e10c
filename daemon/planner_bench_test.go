package daemon

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
func seedApps(b *testing.B, d *Daemon, n int) {
	b.Helper()
	ctx := context.Background()
	start := time.Now().Add(-48 * time.Hour)
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

// BenchmarkTick times a planner pass over 10,000 applications with nothing due, and
// BenchmarkDigest the digest over them (the figures of issue 6's planner goal).
//
//	go test -run XXX -bench 'Tick|Digest' -benchtime 5x ./daemon
func BenchmarkTick(b *testing.B) {
	d := offlineDaemon(b)
	seedApps(b, d, 10000)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := d.plan(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDigest(b *testing.B) {
	d := offlineDaemon(b)
	seedApps(b, d, 10000)
	ctx := context.Background()
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

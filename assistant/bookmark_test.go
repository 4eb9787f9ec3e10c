package assistant

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// TestPlan_BookmarksChangeNothing runs two daemons through the same seven weeks of
// random events (interviews, sends, out-of-office holds, the owner's own mail, replies,
// stops) on a moving clock. One plans every application at every tick (bookmarks
// cleared before each, no batch limit); the other trusts its bookmarks and plans in batches
// of two, tick after tick until none is due. They must draft exactly the same follow-ups,
// due at the same times.
//
// It proves nothing new once it passed on a change: under -short (scripts/test.sh) it runs
// one seed for three weeks; scripts/bench.sh runs it in full, three seeds of seven weeks.
func TestPlan_BookmarksChangeNothing(t *testing.T) {
	seeds, hours, checkIns := uint64(3), 7*7*24, 5
	if testing.Short() {
		seeds, hours, checkIns = 1, 3*7*24, 2
	}
	for seed := uint64(1); seed <= seeds; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			ctx := context.Background()
			start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
			ref, bm := offline(t), offline(t)
			now := start
			for _, d := range []*Assistant{ref, bm} {
				d.Config.Approval.Required = false
				d.Now = func() time.Time { return now }
			}
			ref.PlanBatch, bm.PlanBatch = 0, 2
			rnd := rand.New(rand.NewPCG(seed, 99))
			for step := range hours { // every hour
				now = start.Add(time.Duration(step) * time.Hour)
				ev := rnd.IntN(80)
				pick := rnd.IntN(1 << 20)
				for _, d := range []*Assistant{ref, bm} {
					randomEvent(t, d, ev, pick, now)
				}
				if err := ref.Store.ReplanAll(ctx); err != nil {
					t.Fatal(err)
				}
				for _, d := range []*Assistant{ref, bm} {
					planAll(t, d)
				}
				if a, b := drafted(t, ref), drafted(t, bm); fmt.Sprint(a) != fmt.Sprint(b) {
					t.Fatalf("step %d (%s): planning everything drafted\n%v\nbookmarks drafted\n%v", step, now, a, b)
				}
			}
			kinds := map[string]int{}
			for _, line := range drafted(t, ref) {
				for _, k := range []string{"thank_you", "check_in", "move_on"} {
					if strings.Contains(line, " "+k+" ") {
						kinds[k]++
					}
				}
			}
			if kinds["thank_you"] < 10 || kinds["check_in"] < checkIns {
				t.Fatalf("drafted %v: the simulation exercised too little", kinds)
			}
		})
	}
}

// randomEvent applies event ev (the same on both daemons) at now.
func randomEvent(t *testing.T, d *Assistant, ev, pick int, now time.Time) {
	t.Helper()
	ctx := context.Background()
	apps, err := d.Store.Applications(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(apps, func(i, j int) bool { return apps[i].ID < apps[j].ID })
	switch {
	case ev < 3 || len(apps) == 0: // a new interview, just over
		n := len(apps)
		app := store.Application{Company: fmt.Sprintf("Co %d", n), Role: "Engineer", CompanyDomain: fmt.Sprintf("c%d.test", n),
			Interview: store.Interview{Start: now.Add(-2 * time.Hour), Length: time.Hour, TZ: "Europe/Berlin"},
			Contacts:  []store.Contact{{Name: "Jane", Email: fmt.Sprintf("jane@c%d.test", n), Role: policy.Interviewer}}}
		if pick%3 == 0 {
			app.Interview.DecisionBy = now.AddDate(0, 0, 5+pick%9).Format("2006-01-02")
		}
		if pick%2 == 0 {
			app.Contacts = append(app.Contacts, store.Contact{Name: "Raj", Email: fmt.Sprintf("raj@c%d.test", n), Role: policy.Interviewer})
		}
		if _, err := d.Store.AddApplication(ctx, app); err != nil {
			t.Fatal(err)
		}
	case ev < 60: // the outbox sends what is due
		msgs, err := d.Store.Messages(ctx, store.MessageFilter{States: []store.State{store.Approved}})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.Due.After(now) {
				continue
			}
			if _, err := d.Store.Transition(ctx, m.ID, nil, store.Sending, nil); err != nil {
				continue // its application ended
			}
			if _, err := d.Store.Transition(ctx, m.ID, nil, store.Sent, func(m *store.Message) { m.SentAt = now }); err != nil {
				t.Fatal(err)
			}
		}
	default:
		app := apps[pick%len(apps)]
		c := app.Contacts[pick%len(app.Contacts)]
		var err error
		switch ev {
		case 60, 61: // an out-of-office reply
			err = d.Store.AddHold(ctx, c.ID, now.AddDate(0, 0, 1+pick%10), "away")
		case 62, 63: // the owner wrote to them by hand
			err = d.Store.AddOwnerMail(ctx, c.ID, now, fmt.Sprintf("own%d@x", pick))
		case 64:
			_, err = d.Store.SetStatus(ctx, app.ID, policy.Replied, "replied")
		case 65:
			_, err = d.Store.SetStatus(ctx, app.ID, policy.Stopped, "stopped")
		}
		if err != nil && app.Status == policy.Active {
			t.Fatal(err)
		}
	}
}

// drafted lists every message a daemon's store holds, as comparable lines.
func drafted(t *testing.T, d *Assistant) []string {
	t.Helper()
	msgs, err := d.Store.Messages(context.Background(), store.MessageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range msgs {
		out = append(out, fmt.Sprintf("app %d %s to %d #%d due %s %s", m.AppID, m.Kind, m.ContactID, m.Seq, m.Due.Format(time.RFC3339), m.State))
	}
	sort.Strings(out)
	return out
}

// TestPlanKey: the key that keeps bookmarks across a restart is the same for the same
// program and rules however often the configuration is read (no pointer in it), and differs
// when anything the plan depends on differs.
func TestPlanKey(t *testing.T) {
	key := func(tz, policyYAML string, lead time.Duration) string {
		t.Helper()
		cfg, err := config.Parse("t.yaml", []byte(`owner: {name: Alice Example, email: alice@owner.test, timezone: `+tz+`}
imap: {host: 127.0.0.1, security: none, username: a, password: x}
smtp: {host: 127.0.0.1, security: none, username: a, password: x}
store: {path: /nonexistent/f.db}
`+policyYAML))
		if err != nil {
			t.Fatal(err)
		}
		d := &Assistant{Config: cfg, DraftLead: lead}
		return d.planKey()
	}
	base := key("Europe/Berlin", "", 24*time.Hour)
	if again := key("Europe/Berlin", "", 24*time.Hour); again != base {
		t.Fatalf("the same configuration read twice gives two keys: %s, %s", base, again)
	}
	for _, c := range []struct {
		name   string
		tz     string
		policy string
		lead   time.Duration
	}{
		{"another time zone", "America/New_York", "", 24 * time.Hour},
		{"fewer check-ins", "Europe/Berlin", "policy: {max_check_ins: 2}", 24 * time.Hour},
		{"another interval", "Europe/Berlin", "policy: {check_in_interval: 10d}", 24 * time.Hour},
		{"another draft lead", "Europe/Berlin", "", 12 * time.Hour},
	} {
		if key(c.tz, c.policy, c.lead) == base {
			t.Errorf("%s: same key as the defaults", c.name)
		}
	}
}

// TestReplanIfChanged: a daemon started again with the same program and rules keeps the
// bookmarks (its first tick plans nothing); other rules plan every application afresh.
func TestReplanIfChanged(t *testing.T) {
	d := offline(t)
	ctx := context.Background()
	seedApps(t, d, 1) // interviewed two days ago, thanked: nothing is due for days
	toPlan := func(d *Assistant) int {
		t.Helper()
		if err := d.ReplanIfChanged(ctx); err != nil {
			t.Fatal(err)
		}
		apps, _, err := d.Store.ApplicationsToPlan(ctx, d.Now(), 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(apps)
	}
	if n := toPlan(d); n != 1 {
		t.Fatalf("a new application: %d to plan", n)
	}
	planAll(t, d)
	if n := toPlan(d); n != 0 {
		t.Fatalf("after planning: %d to plan", n)
	}
	restarted, err := New(d.Config, d.Store, d.Logger)
	if err != nil {
		t.Fatal(err)
	}
	if n := toPlan(restarted); n != 0 {
		t.Errorf("after a restart with the same rules: %d to plan, want 0", n)
	}
	restarted.DraftLead = 2 * time.Hour
	if n := toPlan(restarted); n != 1 {
		t.Errorf("after a change of the rules: %d to plan, want 1", n)
	}
}

// TestPlan_InBatches: a pass plans at most PlanBatch applications and, when it filled its
// batch, says more may be due (the deliver loop then turns again at once); the last, short
// batch doesn't.
func TestPlan_InBatches(t *testing.T) {
	d := offline(t)
	ctx := context.Background()
	seedApps(t, d, 5)
	d.PlanBatch = 2
	for i, want := range []struct {
		due  int
		more bool
	}{{3, true}, {1, true}, {0, false}} {
		more, err := d.Plan(ctx)
		if err != nil {
			t.Fatal(err)
		}
		apps, _, err := d.Store.ApplicationsToPlan(ctx, d.Now(), 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(apps) != want.due || more != want.more {
			t.Errorf("pass %d: %d still due, more %v; want %d, %v", i+1, len(apps), more, want.due, want.more)
		}
	}
}

package cli

import (
	"context"
	goldenfile "github.com/followupd/followup/internal/golden"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got, false)
}

// TestViews_Golden: list, show and drafts as people read them: every time in the owner's
// zone in one readable format (the store's own times in the timeline's texts too), and the
// columns aligned whatever the widest cell ("thanks (coordinator)").
func TestViews_Golden(t *testing.T) {
	e := newEnv(t)
	e.mustRun(addArgs...)
	ctx := context.Background()
	st, err := store.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	st.Now = func() time.Time { return recordedAt.Add(time.Hour) }
	app, _ := st.Application(ctx, 1)
	for _, c := range app.Contacts[1:] {
		kind := policy.ThankYou
		if c.Role == policy.Coordinator {
			kind = policy.ThankCoordinator
		}
		id, _, err := st.AddMessage(ctx, store.Message{AppID: 1, ContactID: c.ID, Kind: kind, Due: recordedAt.Add(time.Hour),
			Subject: "Thank you – Backend Engineer interview", Body: "b", Rule: "a thank-you"})
		if err != nil {
			t.Fatal(err)
		}
		if kind == policy.ThankCoordinator {
			st.Transition(ctx, id, nil, store.Approved, nil)
		}
	}
	st.Close()
	e.now = recordedAt.Add(2 * time.Hour)
	var b strings.Builder
	for _, args := range [][]string{{"list"}, {"show", "1"}, {"drafts"}} {
		b.WriteString("$ followup " + strings.Join(args, " ") + "\n" + e.mustRun(args...) + "\n")
	}
	golden(t, "views.golden", b.String())
}

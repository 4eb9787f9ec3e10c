package store

import (
	"context"
	"testing"
	"time"
)

// TestStore_Heartbeat: none before a daemon ran; fresh while it beats; stale after three
// missed beats; not running once it said it stopped.
func TestStore_Heartbeat(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, ok, err := s.LastBeat(ctx); ok || err != nil {
		t.Fatalf("a heartbeat before any daemon ran: %v %v", ok, err)
	}
	at := time.Date(2026, 11, 17, 12, 0, 0, 0, time.UTC)
	if err := s.Beat(ctx, Heartbeat{At: at, Started: at.Add(-time.Hour), PID: 42}); err != nil {
		t.Fatal(err)
	}
	hb, ok, err := s.LastBeat(ctx)
	if !ok || err != nil || hb.PID != 42 || !hb.At.Equal(at) || !hb.Started.Equal(at.Add(-time.Hour)) {
		t.Fatalf("LastBeat = %+v %v %v", hb, ok, err)
	}
	for _, tc := range []struct {
		now  time.Time
		want bool
	}{{at.Add(time.Minute), true}, {at.Add(HeartbeatStale), false}} {
		if got := hb.Running(tc.now); got != tc.want {
			t.Errorf("Running(%s after the beat) = %v", tc.now.Sub(at), got)
		}
	}
	hb.Stopped = true
	s.Beat(ctx, hb)
	if hb, _, _ := s.LastBeat(ctx); hb.Running(at.Add(time.Second)) {
		t.Error("a daemon that stopped is running")
	}
}

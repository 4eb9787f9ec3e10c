package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// heartbeatKey is the meta row a running daemon keeps fresh.
const heartbeatKey = "daemon_heartbeat"

// HeartbeatEvery is how often a running daemon writes its heartbeat; one older than
// HeartbeatStale means no daemon is running on this store (it was killed, or its machine
// slept).
const (
	HeartbeatEvery = 30 * time.Second
	HeartbeatStale = 3 * HeartbeatEvery
)

// Heartbeat is what the last daemon on this store said of itself.
type Heartbeat struct {
	At      time.Time `json:"at"`      // when it last wrote
	Started time.Time `json:"started"` // when it started
	PID     int       `json:"pid"`
	Stopped bool      `json:"stopped"` // it stopped cleanly at At
}

// Beat records the daemon's heartbeat.
func (s *Store) Beat(ctx context.Context, hb Heartbeat) error {
	b, err := json.Marshal(hb)
	if err != nil {
		return err
	}
	return s.SetMeta(ctx, heartbeatKey, string(b))
}

// LastBeat is the last heartbeat written, and false when no daemon ever ran on this store.
func (s *Store) LastBeat(ctx context.Context) (Heartbeat, bool, error) {
	v, err := s.Meta(ctx, heartbeatKey)
	if err != nil || v == "" {
		return Heartbeat{}, false, err
	}
	var hb Heartbeat
	if err := json.Unmarshal([]byte(v), &hb); err != nil {
		return Heartbeat{}, false, fmt.Errorf("heartbeat: %w", err)
	}
	return hb, true, nil
}

// Running reports whether the heartbeat says a daemon is running at now.
func (hb Heartbeat) Running(now time.Time) bool {
	return !hb.At.IsZero() && !hb.Stopped && now.Sub(hb.At) < HeartbeatStale
}

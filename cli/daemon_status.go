package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/store"
)

// daemonState is whether a daemon runs on the store, from the heartbeat it writes, in words.
type daemonState struct {
	running bool
	hb      store.Heartbeat
	text    string
}

func (m *Main) daemonStatus(ctx context.Context, cfg *config.Config, st *store.Store) (daemonState, error) {
	hb, ever, err := st.LastBeat(ctx)
	if err != nil {
		return daemonState{}, err
	}
	now := m.Now()
	switch {
	case !ever:
		return daemonState{text: "no daemon has run on this store yet"}, nil
	case hb.Running(now):
		return daemonState{running: true, hb: hb, text: fmt.Sprintf("pid %d, seen %s ago", hb.PID, now.Sub(hb.At).Round(time.Second))}, nil
	case hb.Stopped:
		return daemonState{hb: hb, text: "no daemon is running (the last stopped " + human(cfg, hb.At) + ")"}, nil
	}
	return daemonState{hb: hb, text: "no daemon is running (the last was seen " + human(cfg, hb.At) + " and stopped writing its heartbeat)"}, nil
}

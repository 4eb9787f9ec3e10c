package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Postpone moves a follow-up not yet sending (drafted, awaiting approval or approved) to
// due, with its queued mail when it is approved, in one transaction, and records why. It
// reports false when the draft has gone further meanwhile (sending, sent, cancelled): then
// nothing changed. A thank-you for one application moves another application's check-in to
// the same person this way, rather than being dropped for it.
func (s *Store) Postpone(ctx context.Context, id int64, due time.Time, why string) (bool, error) {
	moved := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var state string
		var appID int64
		err := tx.QueryRowContext(ctx, `SELECT state, application_id FROM messages WHERE id = ?`, id).Scan(&state, &appID)
		if err != nil {
			return fmt.Errorf("draft %d: %w", id, err)
		}
		switch State(state) {
		case Drafted, AwaitingApproval, Approved:
		default:
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET due_at = ?, updated_at = ? WHERE id = ?`, fmtTime(due), fmtTime(s.Now()), id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outgoing SET next_at = ? WHERE draft_id = ? AND kind = 'followup' AND state = 'queued'`,
			fmtTime(due), id); err != nil {
			return err
		}
		moved = true
		return addEvent(ctx, tx, appID, s.Now(), "postponed", fmt.Sprintf("draft %d postponed to %s: %s", id, due.Format(time.RFC3339), why))
	})
	return moved, err
}

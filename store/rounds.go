package store

import (
	"context"
	"database/sql"
	"errors"
)

// NextRoundOf is the id of the application recorded as the next round of application id,
// or 0 when none is.
func (s *Store) NextRoundOf(ctx context.Context, id int64) (int64, error) {
	var next int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM applications WHERE previous_id = ? ORDER BY id LIMIT 1`, id).Scan(&next)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return next, err
}

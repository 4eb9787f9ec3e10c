package store

import (
	"context"
	"database/sql"
	"time"
)

// Notice is a short message to the owner waiting in the queue.
type Notice struct {
	ID        int64
	Subject   string
	Body      string
	MessageID string
	CreatedAt time.Time
	Attempts  int
	NextAt    time.Time
}

// AddNotice queues a notice, due at once.
func (s *Store) AddNotice(ctx context.Context, n Notice) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO notices (subject, body, message_id, created_at, next_at) VALUES (?, ?, ?, ?, ?)`,
			n.Subject, n.Body, n.MessageID, fmtTime(n.CreatedAt), fmtTime(n.CreatedAt))
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	return id, err
}

// DueNotices returns the unsent notices due by now, oldest first.
func (s *Store) DueNotices(ctx context.Context, now time.Time) ([]Notice, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, subject, body, message_id, created_at, attempts, next_at FROM notices
		WHERE sent_at IS NULL AND failed IS NULL AND next_at <= ? ORDER BY id`, fmtTime(now))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Notice
	for rows.Next() {
		var n Notice
		var created, next string
		if err := rows.Scan(&n.ID, &n.Subject, &n.Body, &n.MessageID, &created, &n.Attempts, &next); err != nil {
			return nil, err
		}
		n.CreatedAt, n.NextAt = parseTime(created), parseTime(next)
		out = append(out, n)
	}
	return out, rows.Err()
}

// NextNotice is when the earliest unsent notice is due; ok is false when there is none.
func (s *Store) NextNotice(ctx context.Context) (at time.Time, ok bool, err error) {
	var next sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT min(next_at) FROM notices WHERE sent_at IS NULL AND failed IS NULL`).Scan(&next); err != nil {
		return time.Time{}, false, err
	}
	if !next.Valid {
		return time.Time{}, false, nil
	}
	return parseTime(next.String), true, nil
}

// NoticeSent marks a notice sent.
func (s *Store) NoticeSent(ctx context.Context, id int64, at time.Time) error {
	return s.exec(ctx, `UPDATE notices SET sent_at = ?, attempts = attempts + 1 WHERE id = ?`, fmtTime(at), id)
}

// NoticeRetry records a failed attempt and when to try again.
func (s *Store) NoticeRetry(ctx context.Context, id int64, next time.Time) error {
	return s.exec(ctx, `UPDATE notices SET attempts = attempts + 1, next_at = ? WHERE id = ?`, fmtTime(next), id)
}

// NoticeFailed gives a notice up, with the reason.
func (s *Store) NoticeFailed(ctx context.Context, id int64, why string) error {
	return s.exec(ctx, `UPDATE notices SET attempts = attempts + 1, failed = ? WHERE id = ?`, why, id)
}

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"
)

// NoticeKind is what a mail to the owner is.
type NoticeKind string

const (
	KindNotice   NoticeKind = "notice"   // a notice or a confirmation
	KindApproval NoticeKind = "approval" // an approval request (or the question about an unknown send)
	KindDigest   NoticeKind = "digest"
)

// Notice is a mail to the owner waiting in the queue.
type Notice struct {
	ID        int64
	Kind      NoticeKind
	Subject   string
	Body      string
	HTML      string
	Headers   map[string]string
	MessageID string
	DraftID   int64 // an approval request's draft
	// Key coalesces notices: while one with the same key was queued within the hour, a
	// new one is dropped.
	Key       string
	CreatedAt time.Time
	Attempts  int
	NextAt    time.Time
}

// CoalesceWindow is how long a notice's key keeps others with the same key out.
const CoalesceWindow = time.Hour

// AddNotice queues a notice, due at once. It returns 0 when a notice with the same key was
// queued within CoalesceWindow.
func (s *Store) AddNotice(ctx context.Context, n Notice) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = addNotice(ctx, tx, n)
		return err
	})
	return id, err
}

func addNotice(ctx context.Context, tx *sql.Tx, n Notice) (int64, error) {
	if n.Kind == "" {
		n.Kind = KindNotice
	}
	if n.Key != "" {
		var dup int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM notices WHERE coalesce_key = ? AND created_at > ?`,
			n.Key, fmtTime(n.CreatedAt.Add(-CoalesceWindow))).Scan(&dup); err != nil {
			return 0, err
		}
		if dup > 0 {
			return 0, nil
		}
	}
	headers := ""
	if len(n.Headers) > 0 {
		b, err := json.Marshal(n.Headers)
		if err != nil {
			return 0, err
		}
		headers = string(b)
	}
	var draft any
	if n.DraftID != 0 {
		draft = n.DraftID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO notices (kind, subject, body, html, headers, message_id, draft_id, coalesce_key, created_at, next_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(n.Kind), n.Subject, n.Body, n.HTML, headers, n.MessageID, draft, n.Key, fmtTime(n.CreatedAt), fmtTime(n.CreatedAt))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// DueNotices returns at most limit unsent notices due by now, oldest first.
func (s *Store) DueNotices(ctx context.Context, now time.Time, limit int) ([]Notice, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, subject, body, html, headers, message_id, coalesce(draft_id, 0), coalesce_key, created_at, attempts, next_at
		FROM notices WHERE sent_at IS NULL AND failed IS NULL AND next_at <= ? ORDER BY next_at, id LIMIT ?`, fmtTime(now), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Notice
	for rows.Next() {
		var n Notice
		var kind, headers, created, next string
		if err := rows.Scan(&n.ID, &kind, &n.Subject, &n.Body, &n.HTML, &headers, &n.MessageID, &n.DraftID, &n.Key, &created, &n.Attempts, &next); err != nil {
			return nil, err
		}
		n.Kind, n.CreatedAt, n.NextAt = NoticeKind(kind), parseTime(created), parseTime(next)
		if headers != "" {
			if err := json.Unmarshal([]byte(headers), &n.Headers); err != nil {
				return nil, errors.Join(errors.New("notice headers"), err)
			}
		}
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

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// InvitationState is how far followup got with a calendar invitation.
type InvitationState string

const (
	InvitationAsked     InvitationState = "asked"     // the owner was asked whether to track it
	InvitationTracked   InvitationState = "tracked"   // it is an application
	InvitationCancelled InvitationState = "cancelled" // the organizer cancelled it
)

// Invitation is a calendar event followup has read.
type Invitation struct {
	ID         int64
	UID        string
	Sequence   int
	Proposal   string // JSON of invite.Proposal
	PreviousID int64  // the application it would be the next round of; 0 for none
	Token      string
	RequestID  string // the Message-ID of the question to the owner
	MessageID  string
	AppID      int64
	State      InvitationState
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

const invColumns = `id, uid, sequence, proposal, coalesce(previous_id, 0), token, request_msgid, message_id, coalesce(application_id, 0), state, created_at, updated_at`

func scanInvitation(sc interface{ Scan(...any) error }) (Invitation, error) {
	var inv Invitation
	var state, created, updated string
	err := sc.Scan(&inv.ID, &inv.UID, &inv.Sequence, &inv.Proposal, &inv.PreviousID, &inv.Token, &inv.RequestID, &inv.MessageID, &inv.AppID, &state, &created, &updated)
	inv.State, inv.CreatedAt, inv.UpdatedAt = InvitationState(state), parseTime(created), parseTime(updated)
	return inv, err
}

func (s *Store) invitationWhere(ctx context.Context, where string, arg any) (Invitation, error) {
	inv, err := scanInvitation(s.db.QueryRowContext(ctx, `SELECT `+invColumns+` FROM invitations WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return inv, fmt.Errorf("invitation: %w", ErrNotFound)
	}
	return inv, err
}

// Invitation returns the invitation with id.
func (s *Store) Invitation(ctx context.Context, id int64) (Invitation, error) {
	return s.invitationWhere(ctx, `id = ?`, id)
}

// InvitationByUID returns the invitation of a calendar event.
func (s *Store) InvitationByUID(ctx context.Context, uid string) (Invitation, error) {
	return s.invitationWhere(ctx, `uid = ?`, uid)
}

// InvitationByToken returns the invitation the owner was asked about with token.
func (s *Store) InvitationByToken(ctx context.Context, token string) (Invitation, error) {
	if token == "" {
		return Invitation{}, fmt.Errorf("invitation: %w", ErrNotFound)
	}
	return s.invitationWhere(ctx, `token = ?`, token)
}

// InvitationOf returns the invitation an application was recorded from.
func (s *Store) InvitationOf(ctx context.Context, appID int64) (Invitation, error) {
	return s.invitationWhere(ctx, `application_id = ?`, appID)
}

// AddInvitation records an invitation. A UID already known is ErrDuplicate.
func (s *Store) AddInvitation(ctx context.Context, inv Invitation) (id int64, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		id, err = s.addInvitation(ctx, tx, inv)
		return err
	})
	return id, err
}

func (s *Store) addInvitation(ctx context.Context, tx *sql.Tx, inv Invitation) (int64, error) {
	now := s.now()
	previous, app := nullID(inv.PreviousID), nullID(inv.AppID)
	res, err := tx.ExecContext(ctx, `INSERT INTO invitations (uid, sequence, proposal, previous_id, token, request_msgid, message_id, application_id, state, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, inv.UID, inv.Sequence, inv.Proposal, previous, inv.Token, inv.RequestID, inv.MessageID, app, string(inv.State), now, now)
	if err != nil {
		if isUnique(err) {
			return 0, fmt.Errorf("%w: invitation %s is known", ErrDuplicate, inv.UID)
		}
		return 0, err
	}
	return res.LastInsertId()
}

// UpdateInvitation changes an invitation's sequence, proposal, state and application.
func (s *Store) UpdateInvitation(ctx context.Context, inv Invitation) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return s.updateInvitation(ctx, tx, inv) })
}

func (s *Store) updateInvitation(ctx context.Context, tx *sql.Tx, inv Invitation) error {
	app := nullID(inv.AppID)
	_, err := tx.ExecContext(ctx, `UPDATE invitations SET sequence = ?, proposal = ?, previous_id = ?, token = ?, request_msgid = ?, state = ?,
		application_id = ?, updated_at = ? WHERE id = ?`,
		inv.Sequence, inv.Proposal, nullID(inv.PreviousID), inv.Token, inv.RequestID, string(inv.State), app, s.now(), inv.ID)
	return err
}

// Listed reports whether the owner is asked about the invitation in the listed notice of
// strangers' mail (ListInvitation), not by a question of its own.
func (inv Invitation) Listed() bool { return inv.RequestID == "" }

// ListInvitation records an invitation (new when inv.ID is 0, else its new version) and
// lists item(id) in the listed notice o (EnqueueListed, kept), in one transaction: an
// invitation is never recorded without the owner being asked about it.
func (s *Store) ListInvitation(ctx context.Context, inv Invitation, o Outgoing, item func(id int64) string) (int64, error) {
	inv.Token, inv.RequestID = "", ""
	id := inv.ID
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if id == 0 {
			if id, err = s.addInvitation(ctx, tx, inv); err != nil {
				return err
			}
		} else if err = s.updateInvitation(ctx, tx, inv); err != nil {
			return err
		}
		_, err = enqueueListed(ctx, tx, o, item(id), true)
		return err
	})
	return id, err
}

// MoveInterview records that an application's interview moved (a calendar update): the new
// start, length and zone, with an event on its timeline. The planner plans it afresh.
func (s *Store) MoveInterview(ctx context.Context, appID int64, start time.Time, length time.Duration, tz, why string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE interviews SET starts_at = ?, length_seconds = ?, tz = ?
			WHERE id = (SELECT max(id) FROM interviews WHERE application_id = ?)`, fmtTime(start), int64(length/time.Second), tz, appID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("application %d: %w", appID, ErrNotFound)
		}
		return addEvent(ctx, tx, appID, s.Now(), "moved", why)
	})
}

func isUnique(err error) bool { return err != nil && strings.Contains(err.Error(), "UNIQUE") }

// nullID is an id for SQL: NULL for 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// AskedInvitationsSince counts the invitations followup asked the owner about since t.
func (s *Store) AskedInvitationsSince(ctx context.Context, t time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM invitations WHERE token != '' AND created_at > ?`, fmtTime(t)).Scan(&n)
	return n, err
}

// LatestAppAtDomain returns the most recent application at a company domain that is active
// or that a reply ended (a next round follows one of those); ok is false when there is none.
func (s *Store) LatestAppAtDomain(ctx context.Context, domain string) (Application, bool, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM applications WHERE company_domain = lower(?) AND company_domain != ''
		AND status IN ('active', 'replied') ORDER BY id DESC LIMIT 1`, domain).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Application{}, false, nil
	} else if err != nil {
		return Application{}, false, err
	}
	app, err := s.Application(ctx, id)
	return app, err == nil, err
}

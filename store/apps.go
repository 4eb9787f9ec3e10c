package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/followupd/followup/holidays"
	"github.com/followupd/followup/policy"
)

// Application is one job application with its interview and contacts.
type Application struct {
	ID            int64
	Company       string
	Role          string
	CompanyDomain string
	Status        policy.Status
	StatusReason  string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Interview     Interview
	Contacts      []Contact
	// PlanGen is the planner's generation when the application was read (SetPlanAt).
	PlanGen int64
	// Outcome is what the last reply from the company was read as ("" before any).
	Outcome string
	// InvitedAt is when the company invited the owner to another round not yet recorded
	// (zero when none is pending): check-ins wait for the new round.
	InvitedAt time.Time
	// Round is the interview round (1 for the first); PreviousID the application of the
	// round before (0 for the first).
	Round      int
	PreviousID int64
	// Domains are more mail domains that speak for the company (an ATS's, a second one).
	Domains []string
}

// Interview is what the owner recorded about the interview.
type Interview struct {
	ID             int64
	Start          time.Time
	Length         time.Duration
	TZ             string
	DecisionBy     string // YYYY-MM-DD, or "" when none was given
	KeyPoints      string
	Fit            string
	Accomplishment string
	Medium         string // call, video, on site; "" when not given
}

// Contact is a person at the company.
type Contact struct {
	ID            int64
	Name          string
	Email         string
	Role          policy.Role
	Undeliverable bool
	Greeting      string // as the owner gave it, or "" to make one from the name
	TZ            string // the contact's time zone, or "" for the interview's
	Holidays      string // the contact's holiday calendar ("us", "de/by"), or "" for the owner's
	// Points are the key points of the conversation with this person, as the owner wrote
	// them: their letters name these first, then the interview's own.
	Points string
}

// Contact returns the application's contact with this id, or the zero Contact (a notice
// to the owner has none).
func (a Application) Contact(id int64) Contact {
	for _, c := range a.Contacts {
		if c.ID == id {
			return c
		}
	}
	return Contact{}
}

// Event is one line of an application's timeline.
type Event struct {
	At     time.Time
	Kind   string
	Detail string
}

// AddApplication records a new application with its interview and contacts and returns
// its id. The same company, role and interview time twice is ErrDuplicate.
func (s *Store) AddApplication(ctx context.Context, a Application) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.addApp(ctx, tx, a)
		return err
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// AddNextRound records the next round of application a.PreviousID as a new application
// (round one more, the follow-ups starting over for it), and in the same transaction ends
// the check-ins of the round before: it becomes "replied" (the company invited the owner
// back), its thank-yous still waiting for the owner left as they are. The round before
// must be active, or ended by a reply.
func (s *Store) AddNextRound(ctx context.Context, a Application) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		prev, err := getApp(ctx, tx, a.PreviousID)
		if err != nil {
			return err
		}
		if prev.Status != policy.Active && prev.Status != policy.Replied {
			return fmt.Errorf("application %d is %s: %w", prev.ID, prev.Status, ErrTransition)
		}
		a.Round = prev.Round + 1
		if id, err = s.addApp(ctx, tx, a); err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET status = 'replied', status_reason = ?, invited_at = '', updated_at = ? WHERE id = ?`,
			fmt.Sprintf("the next round is application %d", id), now, prev.ID); err != nil {
			return err
		}
		n, err := cancelPending(ctx, tx, prev.ID, fmt.Sprintf("the next round is application %d", id), now, policy.ThankYou, policy.ThankCoordinator)
		if err != nil {
			return err
		}
		detail := fmt.Sprintf("round %d recorded as application %d", a.Round, id)
		if n > 0 {
			detail += fmt.Sprintf(" (%d queued check-ins cancelled)", n)
		}
		return addEvent(ctx, tx, prev.ID, s.Now(), "next_round", detail)
	})
	return id, err
}

func (s *Store) addApp(ctx context.Context, tx *sql.Tx, a Application) (int64, error) {
	var dup int64
	err := tx.QueryRowContext(ctx, `SELECT a.id FROM applications a JOIN interviews i ON i.application_id = a.id
		WHERE lower(a.company) = lower(?) AND lower(a.role) = lower(?) AND i.starts_at = ?`,
		a.Company, a.Role, fmtTime(a.Interview.Start)).Scan(&dup)
	if err == nil {
		return 0, fmt.Errorf("%w: application %d has the same company, role and interview time", ErrDuplicate, dup)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	now := s.now()
	round := max(a.Round, 1)
	var previous any
	if a.PreviousID != 0 {
		previous = a.PreviousID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO applications (company, role, company_domain, status, created_at, updated_at, round, previous_id)
		VALUES (?, ?, ?, 'active', ?, ?, ?, ?)`, a.Company, a.Role, strings.ToLower(a.CompanyDomain), now, now, round, previous)
	if err != nil {
		return 0, err
	}
	id, _ := res.LastInsertId()
	iv := a.Interview
	if _, err := tx.ExecContext(ctx, `INSERT INTO interviews (application_id, starts_at, length_seconds, tz, decision_by, key_points, fit, accomplishment, medium)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, fmtTime(iv.Start), int64(iv.Length/time.Second), iv.TZ, iv.DecisionBy,
		iv.KeyPoints, iv.Fit, iv.Accomplishment, iv.Medium); err != nil {
		return 0, err
	}
	for i, c := range a.Contacts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contacts (application_id, name, email, role, position, greeting, tz, holidays, points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, c.Name, strings.ToLower(c.Email), string(c.Role), i, c.Greeting, c.TZ, c.Holidays, c.Points); err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return 0, fmt.Errorf("%w: %s is given twice as %s", ErrDuplicate, c.Email, c.Role)
			}
			return 0, err
		}
	}
	for _, d := range a.Domains {
		if d = strings.ToLower(strings.TrimSpace(d)); d != "" && d != strings.ToLower(a.CompanyDomain) {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO app_domains (application_id, domain) VALUES (?, ?)`, id, d); err != nil {
				return 0, err
			}
		}
	}
	what := fmt.Sprintf("interview for %s at %s recorded", a.Role, a.Company)
	if round > 1 {
		what = fmt.Sprintf("round %d of the interviews for %s at %s recorded (after application %d)", round, a.Role, a.Company, a.PreviousID)
	}
	return id, addEvent(ctx, tx, id, s.Now(), "recorded", what)
}

func addEvent(ctx context.Context, tx *sql.Tx, appID int64, at time.Time, kind, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO events (application_id, at, kind, detail) VALUES (?, ?, ?, ?)`,
		appID, fmtTime(at), kind, detail)
	return err
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const appColumns = `a.id, a.company, a.role, a.company_domain, a.status, a.status_reason, a.created_at, a.updated_at, a.plan_gen,
	a.outcome, a.invited_at, a.round, coalesce(a.previous_id, 0),
	i.id, i.starts_at, i.length_seconds, i.tz, i.decision_by, i.key_points, i.fit, i.accomplishment, i.medium`

func scanApp(sc interface{ Scan(...any) error }) (Application, error) {
	var a Application
	var status, created, updated, start, invited string
	var length int64
	err := sc.Scan(&a.ID, &a.Company, &a.Role, &a.CompanyDomain, &status, &a.StatusReason, &created, &updated, &a.PlanGen,
		&a.Outcome, &invited, &a.Round, &a.PreviousID,
		&a.Interview.ID, &start, &length, &a.Interview.TZ, &a.Interview.DecisionBy, &a.Interview.KeyPoints,
		&a.Interview.Fit, &a.Interview.Accomplishment, &a.Interview.Medium)
	a.Status = policy.Status(status)
	a.CreatedAt, a.UpdatedAt = parseTime(created), parseTime(updated)
	if invited != "" {
		a.InvitedAt = parseTime(invited)
	}
	a.Interview.Start = parseTime(start)
	a.Interview.Length = time.Duration(length) * time.Second
	return a, err
}

// The latest interview of each application is the one that counts.
const appFrom = ` FROM applications a JOIN interviews i ON i.id = (SELECT max(id) FROM interviews WHERE application_id = a.id)`

// Application returns one application with its contacts.
func (s *Store) Application(ctx context.Context, id int64) (Application, error) {
	return getApp(ctx, s.db, id)
}

func getApp(ctx context.Context, q querier, id int64) (Application, error) {
	a, err := scanApp(q.QueryRowContext(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("application %d: %w", id, ErrNotFound)
	} else if err != nil {
		return a, err
	}
	if a.Contacts, err = contacts(ctx, q, id); err != nil {
		return a, err
	}
	rows, err := q.QueryContext(ctx, `SELECT domain FROM app_domains WHERE application_id = ? ORDER BY domain`, id)
	if err != nil {
		return a, err
	}
	defer rows.Close()
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return a, err
		}
		a.Domains = append(a.Domains, d)
	}
	return a, rows.Err()
}

func contacts(ctx context.Context, q querier, appID int64) ([]Contact, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, email, role, undeliverable, greeting, tz, holidays, points FROM contacts WHERE application_id = ? ORDER BY position, id`, appID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Contact
	for rows.Next() {
		var c Contact
		var role string
		if err := rows.Scan(&c.ID, &c.Name, &c.Email, &role, &c.Undeliverable, &c.Greeting, &c.TZ, &c.Holidays, &c.Points); err != nil {
			return nil, err
		}
		c.Role = policy.Role(role)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Applications returns every application, newest interview first, with their contacts (in
// two queries, whatever their number).
func (s *Store) Applications(ctx context.Context) ([]Application, error) {
	return s.applications(ctx, s.db, "", 0)
}

// planDue selects the active applications whose planner bookmark has come (see
// migration 0005), the longest waiting first (no bookmark at all before any): the only ones
// a tick needs to plan.
const planDue = `SELECT id FROM applications WHERE status = 'active' AND (plan_at IS NULL OR plan_at <= ?)
	ORDER BY plan_at LIMIT ?`

// ApplicationsToPlan returns the active applications due for planning at now, at most limit
// of them (0: all), with their contacts and their histories.
func (s *Store) ApplicationsToPlan(ctx context.Context, now time.Time, limit int) (apps []Application, hist map[int64]policy.History, err error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	return s.applicationsIn(ctx, planDue, fmtTime(now), limit)
}

// applicationsIn returns the applications whose id the scope query returns, with their
// contacts and their histories, reading the scope once (see scoped).
func (s *Store) applicationsIn(ctx context.Context, scope string, args ...any) (apps []Application, hist map[int64]policy.History, err error) {
	err = s.scoped(ctx, scope, args, func(q querier, scope string, n int64) error {
		if n == 0 {
			return nil
		}
		if apps, err = s.applications(ctx, q, scope, n); err != nil {
			return err
		}
		hist, err = s.histories(ctx, q, 0, scope)
		return err
	})
	return apps, hist, err
}

// scoped runs f on one connection where the temporary table scope_ids holds the n ids the
// scope query returns, and gives f the query that reads them. The reads f makes (an
// application's row, its contacts, messages, holds and the owner's mail) then look the ids up
// in a table instead of evaluating the scope again each time: the digest's scope is a
// five-way UNION. The table is on the connection, not in the database, and is emptied before
// the connection goes back to the pool.
func (s *Store) scoped(ctx context.Context, scope string, args []any, f func(q querier, scope string, n int64) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS scope_ids (id INTEGER PRIMARY KEY)`); err != nil {
		return err
	}
	empty := func() error {
		_, err := conn.ExecContext(context.WithoutCancel(ctx), `DELETE FROM temp.scope_ids`)
		return err
	}
	if err := empty(); err != nil {
		return err
	}
	res, err := conn.ExecContext(ctx, `INSERT OR IGNORE INTO temp.scope_ids `+scope, args...)
	if err != nil {
		return errors.Join(err, empty())
	}
	n, err := res.RowsAffected()
	if err != nil {
		return errors.Join(err, empty())
	}
	return errors.Join(f(conn, `SELECT id FROM temp.scope_ids`, n), empty())
}

// Bookmark is when an application next needs planning, for the generation it was read at.
type Bookmark struct {
	AppID, Gen int64
	At         time.Time
}

// SetBookmarks records when applications next need planning, in one transaction, except
// for those where something their plan depends on changed since they were read (their
// generation moved): those stay due.
func (s *Store) SetBookmarks(ctx context.Context, bs []Bookmark) error {
	if len(bs) == 0 {
		return nil
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `UPDATE applications SET plan_at = ? WHERE id = ? AND plan_gen = ?`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, b := range bs {
			if _, err := stmt.ExecContext(ctx, fmtTime(b.At), b.AppID, b.Gen); err != nil {
				return err
			}
		}
		return nil
	})
}

// ReplanAll makes every application due for planning (the rules may have changed).
func (s *Store) ReplanAll(ctx context.Context) error {
	return s.exec(ctx, replanAll)
}

const replanAll = `UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE plan_at IS NOT NULL`

// ReplanUnless makes every application due for planning unless the bookmarks were made by
// the planner identified by key (its program and rules), and records key as theirs. It
// reports whether it cleared them.
func (s *Store) ReplanUnless(ctx context.Context, key string) (bool, error) {
	replanned := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var old string
		err := tx.QueryRowContext(ctx, selectMeta, "plan_key").Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err == nil && old == key {
			return nil
		}
		replanned = true
		if _, err := tx.ExecContext(ctx, replanAll); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, upsertMeta, "plan_key", key)
		return err
	})
	return replanned, err
}

// applications returns the applications (those whose id the scope query returns, when
// given), newest interview first, with their contacts, in two queries. n is how many are
// expected, when known (0 when not).
func (s *Store) applications(ctx context.Context, q querier, scope string, n int64) ([]Application, error) {
	where, cwhere := "", ""
	if scope != "" {
		where, cwhere = ` WHERE a.id IN (`+scope+`)`, ` WHERE application_id IN (`+scope+`)`
	}
	rows, err := q.QueryContext(ctx, `SELECT `+appColumns+appFrom+where+` ORDER BY i.starts_at DESC, a.id DESC`)
	if err != nil {
		return nil, err
	}
	out := make([]Application, 0, n)
	index := make(map[int64]int, n)
	for rows.Next() {
		a, err := scanApp(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		index[a.ID] = len(out)
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	crows, err := q.QueryContext(ctx, `SELECT application_id, id, name, email, role, undeliverable, greeting, tz, holidays, points FROM contacts`+cwhere+` ORDER BY application_id, position, id`)
	if err != nil {
		return nil, err
	}
	defer crows.Close()
	// One slice holds every contact; each application gets its run of it (capped, so that
	// appending to one application's contacts cannot overwrite the next one's).
	var all []Contact
	var owners []int64
	for crows.Next() {
		var appID int64
		var c Contact
		var role string
		if err := crows.Scan(&appID, &c.ID, &c.Name, &c.Email, &role, &c.Undeliverable, &c.Greeting, &c.TZ, &c.Holidays, &c.Points); err != nil {
			return nil, err
		}
		c.Role = policy.Role(role)
		all, owners = append(all, c), append(owners, appID)
	}
	if err := crows.Err(); err != nil {
		return nil, err
	}
	for start := 0; start < len(all); {
		end := start + 1
		for end < len(all) && owners[end] == owners[start] {
			end++
		}
		if i, ok := index[owners[start]]; ok {
			out[i].Contacts = all[start:end:end]
		}
		start = end
	}
	return out, nil
}

// Events returns an application's timeline, oldest first.
func (s *Store) Events(ctx context.Context, appID int64) ([]Event, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, kind, detail FROM events WHERE application_id = ? ORDER BY at, id`, appID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at string
		if err := rows.Scan(&at, &e.Kind, &e.Detail); err != nil {
			return nil, err
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// SetStatus ends an application (replied, stopped, moved_on) and cancels every message of
// it that has not gone out, in one transaction. It returns how many it cancelled. An
// application that is already ended keeps its first status.
func (s *Store) SetStatus(ctx context.Context, appID int64, status policy.Status, reason string) (cancelled int, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := statusOf(ctx, tx, appID)
		if err != nil {
			return err
		}
		if cur != policy.Active {
			return fmt.Errorf("application %d is already %s: %w", appID, cur, ErrTransition)
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?`,
			string(status), reason, now, appID); err != nil {
			return err
		}
		if cancelled, err = cancelPending(ctx, tx, appID, "application "+string(status), now); err != nil {
			return err
		}
		detail := string(status)
		if reason != "" {
			detail += ": " + reason
		}
		if cancelled > 0 {
			detail += fmt.Sprintf(" (%d queued follow-ups cancelled)", cancelled)
		}
		return addEvent(ctx, tx, appID, s.Now(), string(status), detail)
	})
	return cancelled, err
}

// Answer is what a human reply from the company does to an application (Answered).
type Answer struct {
	Outcome string        // what it was read as (outcome.Kind)
	Status  policy.Status // where it leaves the application (Active: where it was)
	// Keep are the kinds of draft left as they are (thank-yous after a coordinator's note
	// about travel receipts: a courtesy still owed); every other pending draft is cancelled.
	Keep    []policy.Kind
	Invited bool // an invitation to another round: check-ins wait for it to be recorded
	Reason  string
}

// ErrEnded is Answered's error for an application that had ended before the reply (stopped,
// moved on, an offer, a rejection): nothing was changed.
var ErrEnded = errors.New("the application had ended")

// Answered records a human reply on an application and stops, in the same transaction, what
// it calls for: every pending draft but the kinds in r.Keep is cancelled. An application
// that is active, or that an earlier reply left "replied" (with thank-yous kept), takes the
// reply; one that had ended otherwise is ErrEnded.
func (s *Store) Answered(ctx context.Context, appID int64, r Answer) (cancelled int, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := statusOf(ctx, tx, appID)
		if err != nil {
			return err
		}
		status := r.Status
		switch cur {
		case policy.Active:
		case policy.Replied:
			if status == policy.Active {
				status = policy.Replied // a reply does not bring back what an earlier one ended
			}
		default:
			return fmt.Errorf("application %d is %s: %w", appID, cur, ErrEnded)
		}
		now := s.now()
		invited := ""
		if r.Invited {
			invited = now
		}
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET status = ?, status_reason = ?, outcome = ?,
			invited_at = CASE WHEN ? != '' THEN ? ELSE invited_at END, updated_at = ? WHERE id = ?`,
			string(status), r.Reason, r.Outcome, invited, invited, now, appID); err != nil {
			return err
		}
		if cancelled, err = cancelPending(ctx, tx, appID, "a reply from the company ("+r.Outcome+")", now, r.Keep...); err != nil {
			return err
		}
		detail := "reply (" + r.Outcome + ")"
		if r.Reason != "" {
			detail += ": " + r.Reason
		}
		if cancelled > 0 {
			detail += fmt.Sprintf(" (%d queued follow-ups cancelled)", cancelled)
		}
		return addEvent(ctx, tx, appID, s.Now(), string(status), detail)
	})
	return cancelled, err
}

// MayGo says whether a draft of kind may still be approved and sent on an application in
// status: everything while it is active; after a reply, only what that reply left standing
// (thank-yous after a note about logistics or a question) or drafted for it (the answer to
// a rejection). Every other reply cancelled its drafts in the transaction that recorded it.
func MayGo(status policy.Status, kind policy.Kind) bool {
	switch status {
	case policy.Active:
		return true
	case policy.Replied:
		return kind == policy.ThankYou || kind == policy.ThankCoordinator
	case policy.Rejected:
		return kind == policy.RejectionReply
	}
	return false
}

// Zone is the contact's time zone: their own, else the interview's, else fallback.
func (a Application) Zone(c Contact, fallback *time.Location) *time.Location {
	for _, tz := range []string{c.TZ, a.Interview.TZ} {
		if tz != "" {
			return location(tz)
		}
	}
	return fallback
}

// PolicyFacts turns an application into what the policy reads.
func (a Application) PolicyFacts() policy.Application {
	pa := policy.Application{
		ID: a.ID, Status: a.Status,
		InterviewStart: a.Interview.Start, InterviewLength: a.Interview.Length,
		RecordedAt: a.CreatedAt,
		Invited:    a.InvitedAt,
	}
	loc := location(a.Interview.TZ)
	if a.Interview.TZ != "" {
		pa.Loc = loc
	}
	if d, err := time.ParseInLocation("2006-01-02", a.Interview.DecisionBy, loc); err == nil {
		pa.DecisionBy = d
	}
	for _, c := range a.Contacts {
		pc := policy.Contact{ID: c.ID, Name: c.Name, Email: c.Email, Role: c.Role, Undeliverable: c.Undeliverable}
		if c.TZ != "" {
			pc.Loc = location(c.TZ)
		}
		if c.Holidays != "" {
			if cal, err := holidays.Parse(c.Holidays); err == nil {
				pc.Holidays = cal
			}
		}
		pa.Contacts = append(pa.Contacts, pc)
	}
	return pa
}

// History is what the policy needs to know of what happened on an application.
func (s *Store) History(ctx context.Context, appID int64) (policy.History, error) {
	all, err := s.histories(ctx, s.db, appID, "")
	return all[appID], err
}

// Histories returns the history of every application (in three queries).
func (s *Store) Histories(ctx context.Context) (map[int64]policy.History, error) {
	return s.histories(ctx, s.db, 0, "")
}

func record(m Message) policy.Record {
	r := policy.Record{Kind: m.Kind, ContactID: m.ContactID, Seq: m.Seq, At: m.Due}
	switch m.State {
	case Sent:
		r.State, r.At = policy.Sent, m.SentAt
	case Skipped, Cancelled, Failed:
		r.State = policy.Dropped
	case Unknown:
		r.State = policy.Sent // it may have gone out: count it as sent for the gap
	default:
		r.State = policy.Pending
	}
	return r
}

// histories loads the histories of one application (appID), of those whose id the scope
// query returns, or of all (0 and "").
func (s *Store) histories(ctx context.Context, q querier, appID int64, scope string) (map[int64]policy.History, error) {
	out := map[int64]policy.History{}
	// Only the columns a policy record is made of: the planner and the digest read the
	// histories of thousands of applications, and a message's text is not among them.
	// The same applications in every query: col is the application id column.
	where := func(col string) string {
		switch {
		case appID != 0:
			return " WHERE " + col + " = ?"
		case scope != "":
			return " WHERE " + col + " IN (" + scope + ")"
		}
		return ""
	}
	var args []any
	if appID != 0 {
		args = []any{appID}
	}
	mrows, err := q.QueryContext(ctx, `SELECT application_id, coalesce(contact_id, 0), kind, seq, state, due_at, sent_at
		FROM messages`+where("application_id")+` ORDER BY due_at, id`, args...)
	if err != nil {
		return nil, err
	}
	for mrows.Next() {
		var m Message
		var kind, state, due, sent string
		if err := mrows.Scan(&m.AppID, &m.ContactID, &kind, &m.Seq, &state, &due, &sent); err != nil {
			mrows.Close()
			return nil, err
		}
		m.Kind, m.State, m.Due, m.SentAt = policy.Kind(kind), State(state), parseTime(due), parseTime(sent)
		h := out[m.AppID]
		h.Records = append(h.Records, record(m))
		out[m.AppID] = h
	}
	mrows.Close()
	if err := mrows.Err(); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT c.application_id, h.contact_id, h.until_at, h.reason FROM holds h JOIN contacts c ON c.id = h.contact_id`+where("c.application_id"), args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var app int64
		var hold policy.Hold
		var until string
		if err := rows.Scan(&app, &hold.ContactID, &until, &hold.Reason); err != nil {
			rows.Close()
			return nil, err
		}
		hold.Until = parseTime(until)
		h := out[app]
		h.Holds = append(h.Holds, hold)
		out[app] = h
	}
	rows.Close()
	// Emails to the same people for other applications: the 48-hour gap is per person.
	rows, err = q.QueryContext(ctx, `SELECT c.application_id, c2.email, m2.state, m2.due_at, m2.sent_at FROM contacts c
		JOIN contacts c2 ON c2.email = c.email AND c2.application_id != c.application_id
		JOIN messages m2 ON m2.contact_id = c2.id AND m2.state NOT IN ('skipped', 'cancelled', 'failed')`+where("c.application_id"), args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var app int64
		var t policy.AddressTouch
		var state, due, sent string
		if err := rows.Scan(&app, &t.Email, &state, &due, &sent); err != nil {
			rows.Close()
			return nil, err
		}
		t.At = parseTime(due)
		if (State(state) == Sent || State(state) == Unknown) && sent != "" {
			t.At = parseTime(sent)
		}
		h := out[app]
		h.Elsewhere = append(h.Elsewhere, t)
		out[app] = h
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT c.application_id, o.contact_id, o.at FROM owner_mail o JOIN contacts c ON c.id = o.contact_id`+where("c.application_id"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var app int64
		var t policy.Touch
		var at string
		if err := rows.Scan(&app, &t.ContactID, &at); err != nil {
			return nil, err
		}
		t.At = parseTime(at)
		h := out[app]
		h.OwnerMail = append(h.OwnerMail, t)
		out[app] = h
	}
	return out, rows.Err()
}

var locations sync.Map // name → *time.Location: LoadLocation reads the zone database each time

func location(name string) *time.Location {
	if l, ok := locations.Load(name); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		l = time.UTC
	}
	locations.Store(name, l)
	return l
}

// digestMessages selects the messages a digest reports: waiting for the owner, approved,
// and sent or failed since the last digest.
const digestMessages = ` AND (state IN ('drafted', 'awaiting_approval', 'unknown', 'approved')
	OR (state = 'sent' AND sent_at > ?) OR (state = 'failed' AND updated_at > ?))`

// DigestView is what a digest needs, read without touching the applications it does not
// mention: those with nothing due before the horizon, nothing waiting and nothing new.
type DigestView struct {
	Apps      []Application // with their contacts
	Messages  []Message     // see digestMessages
	Histories map[int64]policy.History
}

// Digest reads the digest's view: messages waiting, approved, or sent or failed since
// since; and the applications they concern, those replied to or moved on since since,
// those interviewed since recent, those with an undeliverable contact, and the active
// ones whose planner bookmark falls before horizon (or is not set).
func (s *Store) Digest(ctx context.Context, since, recent, horizon time.Time) (DigestView, error) {
	var v DigestView
	var err error
	sinceS := fmtTime(since)
	v.Messages, err = s.messages(ctx, digestMessages, []any{sinceS, sinceS})
	if err != nil {
		return v, err
	}
	scope := `SELECT id FROM applications WHERE (status = 'active' AND (plan_at IS NULL OR plan_at <= ?))
		OR (status != 'active' AND updated_at > ?)
		UNION SELECT application_id FROM messages WHERE 1=1` + digestMessages + `
		UNION SELECT application_id FROM interviews WHERE starts_at > ?
		UNION SELECT application_id FROM contacts WHERE undeliverable
		UNION SELECT application_id FROM inbound WHERE kind = 'reply' AND received_at > ? AND application_id IS NOT NULL`
	v.Apps, v.Histories, err = s.applicationsIn(ctx, scope, fmtTime(horizon), sinceS, sinceS, sinceS, fmtTime(recent), sinceS)
	return v, err
}

// statusOf reads an application's status inside a transaction.
func statusOf(ctx context.Context, tx *sql.Tx, appID int64) (policy.Status, error) {
	var cur string
	err := tx.QueryRowContext(ctx, `SELECT status FROM applications WHERE id = ?`, appID).Scan(&cur)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("application %d: %w", appID, ErrNotFound)
	}
	return policy.Status(cur), err
}

// cancelPending cancels every draft of an application that has not gone out (drafted,
// awaiting approval, approved) but those of the kinds in keep, and says how many.
func cancelPending(ctx context.Context, tx *sql.Tx, appID int64, why, now string, keep ...policy.Kind) (int, error) {
	q := `UPDATE messages SET state = 'cancelled', last_error = ?, updated_at = ?
		WHERE application_id = ? AND state IN ('drafted', 'awaiting_approval', 'approved')`
	args := []any{why, now, appID}
	for _, k := range keep {
		q += ` AND kind != ?`
		args = append(args, string(k))
	}
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Resume returns an application to active: a pause, a stop, or an outcome recorded by
// mistake (rejected, offer, replied, moved on) is undone, the holds on its people are
// lifted, and the planner plans its follow-ups again. It reports the status it had and how
// many holds it lifted; an application active with no hold is ErrTransition.
func (s *Store) Resume(ctx context.Context, appID int64, reason string) (was policy.Status, lifted int, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if was, err = statusOf(ctx, tx, appID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM holds WHERE until_at > ? AND contact_id IN (SELECT id FROM contacts WHERE application_id = ?)`,
			s.now(), appID)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		lifted = int(n)
		if was == policy.Active && lifted == 0 {
			return fmt.Errorf("application %d is active and nothing holds it: %w", appID, ErrTransition)
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET status = 'active', status_reason = ?, updated_at = ? WHERE id = ?`,
			reason, now, appID); err != nil {
			return err
		}
		detail := "resumed"
		if was != policy.Active {
			detail += " (was " + string(was) + ")"
		}
		if lifted > 0 {
			detail += fmt.Sprintf(", %d holds lifted", lifted)
		}
		if reason != "" {
			detail += ": " + reason
		}
		return addEvent(ctx, tx, appID, s.Now(), "resumed", detail)
	})
	return was, lifted, err
}

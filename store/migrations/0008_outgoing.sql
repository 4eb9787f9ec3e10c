-- One outgoing queue for every mail followup sends (STYLE 16): follow-ups to contacts and
-- the move-on notice (each the sending of a draft), approval requests, notices and
-- confirmations, the digest. One state machine (queued → sending → sent | failed | unknown,
-- or cancelled before it left), one deliver loop, one retry policy, one set of limits.
-- A draft's approval state stays on the draft (messages); its sending is a row here, and
-- the draft mirrors the row's state in the same transaction.
CREATE TABLE outgoing (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN ('followup', 'approval', 'notice', 'digest')),
	draft_id    INTEGER REFERENCES messages (id) ON DELETE CASCADE, -- a follow-up's draft, or the draft an approval request asks about
	state       TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown', 'cancelled')),
	to_owner    INTEGER NOT NULL DEFAULT 0, -- to the owner, at the configured address (no approval; a second copy harms nobody)
	to_name     TEXT NOT NULL DEFAULT '',
	to_addr     TEXT NOT NULL DEFAULT '',
	subject     TEXT NOT NULL,
	body        TEXT NOT NULL,
	html        TEXT NOT NULL DEFAULT '',
	headers     TEXT NOT NULL DEFAULT '', -- JSON object of extra header fields
	message_id  TEXT NOT NULL DEFAULT '', -- '' only for a draft approved before this queue: made when it is taken
	in_reply_to TEXT NOT NULL DEFAULT '',
	refs        TEXT NOT NULL DEFAULT '',
	polite      INTEGER NOT NULL DEFAULT 0, -- leaves only inside the send window
	coalesce_key TEXT NOT NULL DEFAULT '',
	due_at      TEXT NOT NULL, -- the order the queue leaves in
	next_at     TEXT NOT NULL, -- not before (a retry, or the queue held)
	attempts    INTEGER NOT NULL DEFAULT 0,
	last_error  TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	tried_at    TEXT NOT NULL DEFAULT '', -- the last attempt began (the limits count it)
	sent_at     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outgoing_queued ON outgoing (next_at) WHERE state = 'queued';
CREATE INDEX outgoing_sending ON outgoing (id) WHERE state = 'sending';
CREATE INDEX outgoing_tried ON outgoing (tried_at) WHERE tried_at != '';
CREATE INDEX outgoing_draft ON outgoing (draft_id) WHERE draft_id IS NOT NULL;
CREATE INDEX outgoing_coalesce ON outgoing (coalesce_key, created_at) WHERE coalesce_key != '';

-- A draft skipped or cancelled (a reply, a stop, an undeliverable address) takes its queued
-- mail with it; a draft no longer waiting for the owner's word takes its queued approval
-- request. The deliver loop checks again when it takes a row.
CREATE TRIGGER outgoing_draft_moved AFTER UPDATE OF state ON messages
WHEN NEW.state != OLD.state
BEGIN
	UPDATE outgoing SET state = 'cancelled', last_error = 'the draft is ' || NEW.state
	WHERE draft_id = NEW.id AND state = 'queued' AND (
		(kind = 'followup' AND NEW.state IN ('skipped', 'cancelled')) OR
		(kind = 'approval' AND NEW.state NOT IN ('drafted', 'awaiting_approval', 'unknown')));
END;

-- What the old tables held, carried over: mail to the owner (sent, failed or waiting), the
-- drafts approved or being sent, and every sent follow-up (the limits count the last day).
INSERT INTO outgoing (kind, draft_id, state, to_owner, subject, body, html, headers, message_id, coalesce_key,
	due_at, next_at, attempts, last_error, created_at, tried_at, sent_at)
SELECT kind, draft_id,
	CASE WHEN sent_at IS NOT NULL THEN 'sent' WHEN failed IS NOT NULL THEN 'failed' ELSE 'queued' END,
	1, subject, body, html, headers, message_id, coalesce_key, created_at, next_at, attempts, coalesce(failed, ''),
	created_at, coalesce(sent_at, ''), coalesce(sent_at, '')
FROM notices;

INSERT INTO outgoing (kind, draft_id, state, to_owner, to_name, to_addr, subject, body, message_id, in_reply_to, refs, polite,
	due_at, next_at, attempts, last_error, created_at, tried_at, sent_at)
SELECT 'followup', m.id,
	CASE m.state WHEN 'approved' THEN 'queued' ELSE m.state END,
	m.contact_id IS NULL, coalesce(c.name, ''), coalesce(c.email, ''),
	CASE WHEN m.contact_id IS NULL THEN '[followup] ' || m.subject ELSE m.subject END,
	m.body, m.message_id, m.in_reply_to, m.refs, m.contact_id IS NOT NULL,
	m.due_at, CASE WHEN m.next_attempt > m.due_at THEN m.next_attempt ELSE m.due_at END, m.attempts, m.last_error,
	m.updated_at, CASE m.state WHEN 'sending' THEN m.updated_at ELSE m.sent_at END, m.sent_at
FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
WHERE m.state IN ('approved', 'sending', 'sent') OR (m.state = 'unknown' AND m.message_id != '');

DROP TABLE notices;

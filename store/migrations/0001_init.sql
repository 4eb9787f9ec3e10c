-- Applications, their interviews and contacts, the outgoing messages and the timeline.
CREATE TABLE applications (
	id             INTEGER PRIMARY KEY,
	company        TEXT NOT NULL,
	role           TEXT NOT NULL,
	company_domain TEXT NOT NULL DEFAULT '',
	status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'replied', 'stopped', 'moved_on')),
	status_reason  TEXT NOT NULL DEFAULT '',
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);

CREATE TABLE interviews (
	id             INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	starts_at      TEXT NOT NULL,
	length_seconds INTEGER NOT NULL CHECK (length_seconds > 0),
	tz             TEXT NOT NULL,
	decision_by    TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD, or '' when none was given
	key_points     TEXT NOT NULL DEFAULT '',
	fit            TEXT NOT NULL DEFAULT '',
	accomplishment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interviews_application ON interviews (application_id);
CREATE INDEX interviews_start ON interviews (starts_at);

CREATE TABLE contacts (
	id             INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	name           TEXT NOT NULL DEFAULT '',
	email          TEXT NOT NULL,
	role           TEXT NOT NULL CHECK (role IN ('interviewer', 'coordinator')),
	position       INTEGER NOT NULL,
	undeliverable  INTEGER NOT NULL DEFAULT 0,
	UNIQUE (application_id, email, role)
);
CREATE INDEX contacts_email ON contacts (email);

CREATE TABLE messages (
	id             INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	contact_id     INTEGER REFERENCES contacts (id),
	kind           TEXT NOT NULL,
	seq            INTEGER NOT NULL DEFAULT 0,
	state          TEXT NOT NULL CHECK (state IN ('drafted', 'awaiting_approval', 'approved', 'sending', 'sent',
	                                              'skipped', 'cancelled', 'failed', 'unknown')),
	due_at         TEXT NOT NULL,
	rule           TEXT NOT NULL DEFAULT '',
	subject        TEXT NOT NULL DEFAULT '',
	body           TEXT NOT NULL DEFAULT '',
	message_id     TEXT NOT NULL DEFAULT '',
	in_reply_to    TEXT NOT NULL DEFAULT '',
	refs           TEXT NOT NULL DEFAULT '',
	token          TEXT NOT NULL DEFAULT '', -- the approval request's unguessable token
	approval_msgid TEXT NOT NULL DEFAULT '', -- the approval request's Message-ID
	attempts       INTEGER NOT NULL DEFAULT 0,
	next_attempt   TEXT NOT NULL DEFAULT '',
	last_error     TEXT NOT NULL DEFAULT '',
	sent_at        TEXT NOT NULL DEFAULT '',
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
-- One message per planned follow-up, so the planner can run any number of times. A notice
-- to the owner has no contact: coalesce, as NULLs never conflict.
CREATE UNIQUE INDEX messages_followup ON messages (application_id, kind, coalesce(contact_id, 0), seq);
CREATE INDEX messages_state ON messages (state);
CREATE INDEX messages_message_id ON messages (message_id) WHERE message_id != '';
CREATE INDEX messages_token ON messages (token) WHERE token != '';

CREATE TABLE events (
	id             INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
	at             TEXT NOT NULL,
	kind           TEXT NOT NULL,
	detail         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_application ON events (application_id, at);

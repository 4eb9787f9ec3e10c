-- Calendar invitations followup has read, one row per event (its UID): what it proposed to
-- record (JSON), the latest SEQUENCE seen, the token of the question to the owner, and the
-- application it became once the owner answered "track" (or `add --ics`).
CREATE TABLE invitations (
	id             INTEGER PRIMARY KEY,
	uid            TEXT NOT NULL UNIQUE,
	sequence       INTEGER NOT NULL DEFAULT 0,
	proposal       TEXT NOT NULL,
	previous_id    INTEGER, -- the application this would be the next round of
	token          TEXT NOT NULL DEFAULT '', -- of the question to the owner
	request_msgid  TEXT NOT NULL DEFAULT '', -- the question's Message-ID, which an answer must name
	message_id     TEXT NOT NULL DEFAULT '', -- the mail it came in
	application_id INTEGER REFERENCES applications (id) ON DELETE SET NULL,
	state          TEXT NOT NULL CHECK (state IN ('asked', 'tracked', 'cancelled')),
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
CREATE INDEX invitations_token ON invitations (token) WHERE token != '';
CREATE INDEX invitations_application ON invitations (application_id);

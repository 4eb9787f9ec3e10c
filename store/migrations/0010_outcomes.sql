-- followup: foreign keys off
-- What a reply says decides where an application stands: two more statuses, 'offer' and
-- 'rejected' (SQLite cannot change a CHECK in place: the table is rebuilt, its triggers and
-- indexes with it, with foreign keys off so that nothing cascades); the outcome the last
-- reply was read as; an invitation to another round not yet recorded (its time: check-ins
-- wait for the new round); and the round an application is, with the one it follows.
CREATE TABLE applications_new (
	id             INTEGER PRIMARY KEY,
	company        TEXT NOT NULL,
	role           TEXT NOT NULL,
	company_domain TEXT NOT NULL DEFAULT '',
	status         TEXT NOT NULL DEFAULT 'active'
	               CHECK (status IN ('active', 'replied', 'stopped', 'moved_on', 'offer', 'rejected')),
	status_reason  TEXT NOT NULL DEFAULT '',
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL,
	plan_at        TEXT,
	plan_gen       INTEGER NOT NULL DEFAULT 0,
	outcome        TEXT NOT NULL DEFAULT '',
	invited_at     TEXT NOT NULL DEFAULT '',
	round          INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
	previous_id    INTEGER
);
INSERT INTO applications_new (id, company, role, company_domain, status, status_reason, created_at, updated_at, plan_at, plan_gen)
	SELECT id, company, role, company_domain, status, status_reason, created_at, updated_at, plan_at, plan_gen FROM applications;
DROP TABLE applications;
ALTER TABLE applications_new RENAME TO applications;
CREATE INDEX applications_plan ON applications (status, plan_at);
CREATE INDEX applications_domain ON applications (company_domain) WHERE company_domain != '';
CREATE TRIGGER plan_app_update AFTER UPDATE ON applications
WHEN NEW.plan_at IS OLD.plan_at AND NEW.plan_gen = OLD.plan_gen
BEGIN UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE id = NEW.id; END;

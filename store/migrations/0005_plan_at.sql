-- The planner's bookmark: when an application next needs planning (NULL: at once), and a
-- generation that every change to what its plan depends on bumps (the triggers below).
-- A tick plans only the applications whose time has come, so its cost follows what is
-- due, not how many applications there are.
ALTER TABLE applications ADD COLUMN plan_at TEXT;
ALTER TABLE applications ADD COLUMN plan_gen INTEGER NOT NULL DEFAULT 0;
CREATE INDEX applications_plan ON applications (status, plan_at);

CREATE TRIGGER plan_app_update AFTER UPDATE ON applications
WHEN NEW.plan_at IS OLD.plan_at AND NEW.plan_gen = OLD.plan_gen
BEGIN UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE id = NEW.id; END;

CREATE TRIGGER plan_interview_insert AFTER INSERT ON interviews
BEGIN UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE id = NEW.application_id; END;
CREATE TRIGGER plan_interview_update AFTER UPDATE ON interviews
BEGIN UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE id = NEW.application_id; END;

CREATE TRIGGER plan_contact_insert AFTER INSERT ON contacts
BEGIN UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE id = NEW.application_id; END;
CREATE TRIGGER plan_contact_update AFTER UPDATE ON contacts
BEGIN UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE id = NEW.application_id; END;

CREATE TRIGGER plan_message_insert AFTER INSERT ON messages
BEGIN UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE id = NEW.application_id; END;
CREATE TRIGGER plan_message_update AFTER UPDATE ON messages
BEGIN UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE id = NEW.application_id; END;
CREATE TRIGGER plan_message_delete AFTER DELETE ON messages
BEGIN UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE id = OLD.application_id; END;

CREATE TRIGGER plan_hold_insert AFTER INSERT ON holds
BEGIN UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE id = (SELECT application_id FROM contacts WHERE id = NEW.contact_id); END;
CREATE TRIGGER plan_hold_update AFTER UPDATE ON holds
BEGIN UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE id = (SELECT application_id FROM contacts WHERE id = NEW.contact_id); END;
CREATE TRIGGER plan_hold_delete AFTER DELETE ON holds
BEGIN UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE id = (SELECT application_id FROM contacts WHERE id = OLD.contact_id); END;

CREATE TRIGGER plan_owner_mail_insert AFTER INSERT ON owner_mail
BEGIN UPDATE applications SET plan_at = NULL, plan_gen = plan_gen + 1 WHERE id = (SELECT application_id FROM contacts WHERE id = NEW.contact_id); END;

-- A greeting the owner gave for a contact ("Dear Professor Doe,"), used as given instead of
-- one made from the name; the contact's time zone ('' for the interview's): dates are
-- written to them, and the send window applied, on their clock.
ALTER TABLE contacts ADD COLUMN greeting TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN tz TEXT NOT NULL DEFAULT '';
-- The public holidays of the contact's country ("us", "de/by"; '' for the owner's).
ALTER TABLE contacts ADD COLUMN holidays TEXT NOT NULL DEFAULT '';
-- A queued mail to a contact leaves inside the send window on their clock and calendar
-- (polite rows).
ALTER TABLE outgoing ADD COLUMN tz TEXT NOT NULL DEFAULT '';
ALTER TABLE outgoing ADD COLUMN holidays TEXT NOT NULL DEFAULT '';

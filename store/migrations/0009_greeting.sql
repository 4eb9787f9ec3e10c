-- A greeting the owner gave for a contact ("Dear Professor Doe,"), used as given instead of
-- one made from the name.
ALTER TABLE contacts ADD COLUMN greeting TEXT NOT NULL DEFAULT '';

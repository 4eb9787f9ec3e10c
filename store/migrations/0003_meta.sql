-- Small daemon state that must survive a restart: when the last digest went out.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

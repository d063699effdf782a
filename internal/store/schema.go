package store

const schema = `
CREATE TABLE IF NOT EXISTS meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS automations (
	key            TEXT PRIMARY KEY,
	subscription   TEXT NOT NULL,
	resource_group TEXT NOT NULL,
	body           BLOB NOT NULL,
	etag           TEXT NOT NULL,
	updated_at     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS automations_scope ON automations (subscription, resource_group, key);
CREATE TABLE IF NOT EXISTS actions (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	automation_key TEXT NOT NULL,
	idx            INTEGER NOT NULL,
	fingerprint    TEXT NOT NULL,
	cursor         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS actions_automation ON actions (automation_key, idx);
CREATE TABLE IF NOT EXISTS metadata (
	key  TEXT PRIMARY KEY,
	body BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
	key            TEXT PRIMARY KEY,
	kind           TEXT NOT NULL,
	subscription   TEXT NOT NULL,
	resource_group TEXT NOT NULL,
	state          TEXT NOT NULL,
	version        INTEGER NOT NULL,
	body           BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: cursors compare against it
	event_id   TEXT NOT NULL,
	source     TEXT NOT NULL,
	record_key TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	payload    BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
	action_id INTEGER NOT NULL,
	seq       INTEGER NOT NULL,
	PRIMARY KEY (action_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dead_letters (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	action_id      INTEGER NOT NULL,
	automation_key TEXT NOT NULL,
	event_id       TEXT NOT NULL,
	source         TEXT NOT NULL,
	record_key     TEXT NOT NULL,
	event_time     INTEGER NOT NULL,
	payload        BLOB NOT NULL,
	reason         TEXT NOT NULL,
	attempts       INTEGER NOT NULL,
	created_at     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dead_letters_automation ON dead_letters (automation_key, id);
`

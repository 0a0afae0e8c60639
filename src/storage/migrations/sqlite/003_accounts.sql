-- Accounts, sessions and the audit log (docs/decisions/0004-accounts-and-audit.md). Instants are
-- milliseconds since the Unix epoch (UTC). A scope is stored as `|`-separated codes. Sessions keep
-- only a keyed hash of the cookie's token.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  regions TEXT NOT NULL DEFAULT '',
  stations TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until_ms BIGINT,
  created_at_ms BIGINT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at_ms BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL,
  address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_account ON sessions(account_id);

CREATE TABLE account_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Append-only: the application only inserts, and these triggers refuse any change or deletion.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms BIGINT NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  object TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_actor ON audit_log(actor, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE INDEX reports_by_status ON reports(status, at_ms);

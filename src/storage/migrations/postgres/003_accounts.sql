-- Accounts, sessions and the audit log: the tables and meaning of sqlite/003_accounts.sql.
CREATE TABLE accounts (
  id BIGSERIAL PRIMARY KEY,
  username TEXT COLLATE "C" NOT NULL UNIQUE,
  role TEXT NOT NULL,
  regions TEXT NOT NULL DEFAULT '',
  stations TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until_ms BIGINT,
  created_at_ms BIGINT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at_ms BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL,
  address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_account ON sessions(account_id);

CREATE TABLE account_settings (
  name TEXT COLLATE "C" PRIMARY KEY,
  value TEXT NOT NULL
);

-- Append-only: the application only inserts, and the trigger refuses any change or deletion
-- (TRUNCATE included) from whoever connects.
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
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

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

CREATE INDEX reports_by_status ON reports(status, at_ms);

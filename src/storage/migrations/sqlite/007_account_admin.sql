-- Accounts run from the console (docs/decisions/0014-separation-of-duties.md): an account given a
-- temporary password by the server must choose its own before doing anything else, and the
-- console lists when each account last signed in (milliseconds since the Unix epoch, UTC).
ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN last_login_ms BIGINT;

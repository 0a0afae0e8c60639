-- Accounts run from the console: the columns and meaning of sqlite/007_account_admin.sql.
ALTER TABLE accounts ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE accounts ADD COLUMN last_login_ms BIGINT;

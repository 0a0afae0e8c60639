-- Settings of the installation that every server and command sharing the store must agree on
-- (domain/settings/setting_repository.h): the public address, … One text value per key.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- A counter that any change to the stations or their photos moves, whichever process makes it
-- (a console edit, `yizhan import` while the server runs): servers poll it and reload.
-- Every write to `stations` and `station_photos` goes through SqliteStore::SaveStations, which
-- bumps it once per transaction (per-row triggers cost a third of a 200,000-row import).
-- See docs/decisions/0010-registry-change-detection.md.
CREATE TABLE registry_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO registry_version (id, version) VALUES (1, 0);

-- A counter that any change to the stations or their photos moves, whichever process makes it
-- (a console edit, `yizhan import` while the server runs): servers poll it and reload.
-- See docs/decisions/0010-registry-change-detection.md.
CREATE TABLE registry_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO registry_version (id, version) VALUES (1, 0);

CREATE TRIGGER stations_version_insert AFTER INSERT ON stations
BEGIN UPDATE registry_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER stations_version_update AFTER UPDATE ON stations
BEGIN UPDATE registry_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER stations_version_delete AFTER DELETE ON stations
BEGIN UPDATE registry_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER station_photos_version_insert AFTER INSERT ON station_photos
BEGIN UPDATE registry_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER station_photos_version_delete AFTER DELETE ON station_photos
BEGIN UPDATE registry_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER station_photos_version_update AFTER UPDATE ON station_photos
BEGIN UPDATE registry_version SET version = version + 1 WHERE id = 1; END;

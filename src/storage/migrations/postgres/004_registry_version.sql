-- A counter that any change to the stations or their photos moves, whichever server makes it:
-- every server polls it and reloads its snapshot. Statement-level triggers: one bump per
-- statement, not per row. See docs/decisions/0010-registry-change-detection.md.
CREATE TABLE registry_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO registry_version (id, version) VALUES (1, 0);

CREATE FUNCTION bump_registry_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE registry_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER stations_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stations
  FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();
CREATE TRIGGER station_photos_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON station_photos
  FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();

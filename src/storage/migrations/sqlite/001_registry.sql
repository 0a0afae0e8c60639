-- The station registry. Times are UTC; amenities and services are stored in the station
-- file's list syntax (see docs/decisions/0002-station-schema.md).
CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE hosts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  host_type TEXT NOT NULL,
  region TEXT NOT NULL DEFAULT ''
);

CREATE TABLE stations (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  lat DOUBLE PRECISION NOT NULL,
  lng DOUBLE PRECISION NOT NULL,
  region TEXT NOT NULL DEFAULT '',
  host_type TEXT,
  host_id BIGINT REFERENCES hosts(id),
  level TEXT NOT NULL,
  status TEXT NOT NULL,
  opening_hours TEXT NOT NULL DEFAULT '',
  amenities TEXT NOT NULL DEFAULT '',
  services TEXT NOT NULL DEFAULT '',
  manager TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  opened_on TEXT,
  investment_fen BIGINT
);
CREATE INDEX stations_by_region ON stations(region);

CREATE TABLE station_photos (
  station_code TEXT NOT NULL REFERENCES stations(code) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  path TEXT NOT NULL,
  caption TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (station_code, position)
);

CREATE TABLE amenity_standard (
  position INTEGER PRIMARY KEY,
  amenity TEXT NOT NULL UNIQUE
);
INSERT INTO amenity_standard (position, amenity) VALUES
  (1, 'seating'), (2, 'cooling_heating'), (3, 'drinking_water'), (4, 'microwave'),
  (5, 'toilet'), (6, 'locker'), (7, 'repair_kit'), (8, 'first_aid'), (9, 'charging'),
  (10, 'books');

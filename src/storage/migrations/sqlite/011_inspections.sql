-- Inspections (暗访) and their checklist answers (domain/upkeep/inspection.h). A failed item names
-- the ticket it opened. Instants are milliseconds since the Unix epoch (UTC).
CREATE TABLE inspections (
  id INTEGER PRIMARY KEY,
  station_code TEXT NOT NULL REFERENCES stations(code),
  region TEXT NOT NULL,
  inspector TEXT NOT NULL,
  at_ms BIGINT NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inspections_by_station ON inspections(station_code, at_ms);

CREATE TABLE inspection_items (
  inspection_id BIGINT NOT NULL REFERENCES inspections(id),
  position INTEGER NOT NULL,  -- the item's place in the checklist
  item TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'na')),
  note TEXT NOT NULL DEFAULT '',
  ticket_id TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (inspection_id, item)
);

-- Supplies and medicines (domain/upkeep/supplies.h): the city's catalogue, each station's ledger
-- of batches (restock, use, discard; quantities positive) and its minimums. Instants are
-- milliseconds since the Unix epoch (UTC); expiry dates are YYYY-MM-DD.
CREATE TABLE supply_items (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  medicine INTEGER NOT NULL DEFAULT 0,
  default_minimum INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL
);
INSERT INTO supply_items (code, name, unit, medicine, default_minimum, position) VALUES
  ('drinking_water', '饮用水', '桶', 0, 2, 1),
  ('huoxiang', '藿香正气水', '盒', 1, 2, 2),
  ('band_aid', '创可贴', '盒', 1, 1, 3),
  ('fengyoujing', '风油精', '瓶', 1, 1, 4),
  ('qingliangyou', '清凉油', '盒', 1, 1, 5),
  ('iodophor', '碘伏', '瓶', 1, 1, 6),
  ('cotton_swab', '医用棉签', '包', 1, 1, 7),
  ('gauze', '纱布绷带', '卷', 1, 1, 8),
  ('umbrella', '爱心雨伞', '把', 0, 0, 9),
  ('phone_charger', '充电线', '根', 0, 0, 10);

CREATE TABLE supply_entries (
  id INTEGER PRIMARY KEY,
  station_code TEXT NOT NULL REFERENCES stations(code),
  item TEXT NOT NULL REFERENCES supply_items(code),
  kind TEXT NOT NULL CHECK (kind IN ('restock', 'use', 'discard')),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  batch TEXT NOT NULL,
  expires_on TEXT,
  at_ms BIGINT NOT NULL,
  actor TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX supply_entries_by_station ON supply_entries(station_code, item, batch);

CREATE TABLE supply_minimums (
  station_code TEXT NOT NULL REFERENCES stations(code),
  item TEXT NOT NULL REFERENCES supply_items(code),
  minimum INTEGER NOT NULL CHECK (minimum >= 0),
  PRIMARY KEY (station_code, item)
);

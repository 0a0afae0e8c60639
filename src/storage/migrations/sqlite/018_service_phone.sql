-- A station's public service line (公开服务电话): the number its call button dials and its pages
-- show. Unlike `phone` (the manager's personal mobile, sealed) it is published, so it is stored in
-- clear. Empty: the station has none, and its page offers the workers' hotline 12351 only.
ALTER TABLE stations ADD COLUMN service_phone TEXT NOT NULL DEFAULT '';

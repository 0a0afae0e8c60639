-- Photos of a ticket (docs/decisions/0016-tickets-are-reports.md): the maintainer's before and
-- after, re-encoded without EXIF; the files live in ticket-photos/<id>/ beside photos/.
CREATE TABLE ticket_photos (
  ticket_id TEXT NOT NULL REFERENCES reports(id),
  file TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('report', 'before', 'after')),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  at_ms BIGINT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (ticket_id, file)
);

-- People who sign in by phone, their sign-in codes, sessions and consents, and the outbox of
-- messages (docs/decisions/0015-people-consent-and-messages.md). Phones and message texts are sealed with
-- the field cipher ("enc1:…"); *_index columns hold keyed blind indexes of the phone, the only
-- way to find a row by phone. Instants are milliseconds since the Unix epoch (UTC).
CREATE TABLE people (
  id BIGSERIAL PRIMARY KEY,
  phone_index TEXT NOT NULL UNIQUE,
  phone_sealed TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL
);
CREATE INDEX people_by_last_seen ON people(last_seen_ms);

CREATE TABLE sign_in_codes (
  id BIGSERIAL PRIMARY KEY,
  phone_index TEXT NOT NULL,
  phone_sealed TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  address_key TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  used BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX sign_in_codes_by_phone ON sign_in_codes(phone_index, created_at_ms);
CREATE INDEX sign_in_codes_by_address ON sign_in_codes(address_key, created_at_ms);
CREATE INDEX sign_in_codes_by_time ON sign_in_codes(created_at_ms);

CREATE TABLE person_sessions (
  token_hash TEXT PRIMARY KEY,
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  created_at_ms BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL
);
CREATE INDEX person_sessions_by_person ON person_sessions(person_id);

-- person_id is NULL once the person is erased: the record stays as an anonymous count.
CREATE TABLE consents (
  id BIGSERIAL PRIMARY KEY,
  person_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
  purpose TEXT NOT NULL,
  version INTEGER NOT NULL,
  text_hash TEXT NOT NULL,
  given_at_ms BIGINT NOT NULL,
  withdrawn_at_ms BIGINT
);
CREATE INDEX consents_by_person ON consents(person_id);

-- recipient: "p:<person id>", else "t:<phone index>"; one message per purpose, object, recipient.
CREATE TABLE messages (
  id BIGSERIAL PRIMARY KEY,
  channel TEXT NOT NULL,
  purpose TEXT NOT NULL,
  object TEXT NOT NULL,
  recipient TEXT NOT NULL,
  person_id BIGINT NOT NULL DEFAULT 0,
  phone_index TEXT NOT NULL DEFAULT '',
  phone_sealed TEXT NOT NULL DEFAULT '',
  template_name TEXT NOT NULL,
  params_sealed TEXT NOT NULL DEFAULT '',
  text_sealed TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at_ms BIGINT NOT NULL,
  next_attempt_ms BIGINT NOT NULL,
  sent_at_ms BIGINT,
  gateway TEXT NOT NULL DEFAULT '',
  provider_id TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  UNIQUE (purpose, object, recipient)
);
CREATE INDEX messages_due ON messages(status, next_attempt_ms);
CREATE INDEX messages_by_person ON messages(person_id);
CREATE INDEX messages_by_phone ON messages(phone_index);
CREATE INDEX messages_by_time ON messages(created_at_ms);

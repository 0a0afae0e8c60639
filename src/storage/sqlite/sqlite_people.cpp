#include "storage/sqlite/sqlite_people.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace yz::sqlite {
namespace {

int64_t Millis(UtcTime t) { return t.time_since_epoch().count(); }
UtcTime FromMillis(int64_t ms) { return UtcTime(std::chrono::milliseconds(ms)); }

constexpr std::string_view kCodeColumns =
    "id, phone_sealed, code_hash, address_key, created_at_ms, expires_at_ms, attempts, used";

}  // namespace

Result<int64_t> SqlitePeople::Change(std::string_view sql,
                                     const std::function<void(Statement&)>& bind) {
  auto stmt = db_.Prepare(sql);
  if (!stmt) return stmt.error();
  bind(*stmt);
  YZ_TRY(stmt->Run());
  return static_cast<int64_t>(sqlite3_changes(db_.handle()));
}

Result<std::optional<Person>> SqlitePeople::FindPersonWhere(std::string_view where,
                                                            std::string_view key, int64_t id) {
  auto stmt = db_.Prepare(fmt::format(
      "SELECT id, phone_sealed, created_at_ms, last_seen_ms FROM people WHERE {}", where));
  if (!stmt) return stmt.error();
  if (key.empty()) {
    stmt->Bind(1, id);
  } else {
    stmt->Bind(1, key);
  }
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<Person>{};
  Person p;
  p.id = stmt->Int(0);
  auto phone = cipher_.Open(stmt->Text(1));
  if (!phone) return phone.error();
  p.phone = std::move(*phone);
  p.created_at = FromMillis(stmt->Int(2));
  p.last_seen_at = FromMillis(stmt->Int(3));
  return std::optional<Person>{std::move(p)};
}

Result<Person> SqlitePeople::FindOrAddPerson(std::string_view phone, UtcTime now) {
  std::lock_guard lock(mutex_);
  const std::string index = PhoneIndex(phone);
  auto insert = Change(
      "INSERT INTO people (phone_index, phone_sealed, created_at_ms, last_seen_ms) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (phone_index) DO NOTHING",
      [&](Statement& s) {
        s.Bind(1, index);
        s.Bind(2, cipher_.Seal(phone));
        s.Bind(3, Millis(now));
        s.Bind(4, Millis(now));
      });
  if (!insert) return insert.error();
  auto found = FindPersonWhere("phone_index = ?", index, 0);
  if (!found) return found.error();
  if (!*found) return Error::Internal("a person just stored is missing");
  return std::move(**found);
}

Result<std::optional<Person>> SqlitePeople::FindPerson(int64_t id) {
  std::lock_guard lock(mutex_);
  return FindPersonWhere("id = ?", "", id);
}

Result<std::optional<Person>> SqlitePeople::FindPersonByPhone(std::string_view phone) {
  std::lock_guard lock(mutex_);
  return FindPersonWhere("phone_index = ?", PhoneIndex(phone), 0);
}

Result<void> SqlitePeople::TouchPerson(int64_t id, UtcTime at) {
  std::lock_guard lock(mutex_);
  auto done = Change("UPDATE people SET last_seen_ms = MAX(last_seen_ms, ?) WHERE id = ?",
                     [&](Statement& s) {
                       s.Bind(1, Millis(at));
                       s.Bind(2, id);
                     });
  if (!done) return done.error();
  return Ok();
}

Result<void> SqlitePeople::ErasePerson(int64_t id) {
  std::lock_guard lock(mutex_);
  auto person = FindPersonWhere("id = ?", "", id);
  if (!person) return person.error();
  if (!*person) return Ok();
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error();
  const std::string index = PhoneIndex((*person)->phone);
  auto codes = Change("DELETE FROM sign_in_codes WHERE phone_index = ?",
                      [&](Statement& s) { s.Bind(1, index); });
  if (!codes) return codes.error();
  // Sessions go by cascade, consents lose their person (ON DELETE SET NULL); said here as well,
  // so the rule does not rest on the foreign-key pragma alone.
  auto sessions = Change("DELETE FROM person_sessions WHERE person_id = ?",
                         [&](Statement& s) { s.Bind(1, id); });
  if (!sessions) return sessions.error();
  auto consents = Change("UPDATE consents SET person_id = NULL WHERE person_id = ?",
                         [&](Statement& s) { s.Bind(1, id); });
  if (!consents) return consents.error();
  auto people = Change("DELETE FROM people WHERE id = ?", [&](Statement& s) { s.Bind(1, id); });
  if (!people) return people.error();
  return tx->Commit();
}

Result<std::vector<int64_t>> SqlitePeople::PeopleNotSeenSince(UtcTime cutoff, int limit) {
  std::lock_guard lock(mutex_);
  auto stmt =
      db_.Prepare("SELECT id FROM people WHERE last_seen_ms < ? ORDER BY last_seen_ms, id LIMIT ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, Millis(cutoff));
  stmt->Bind(2, static_cast<int64_t>(limit));
  std::vector<int64_t> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(stmt->Int(0));
  }
  return out;
}

Result<int64_t> SqlitePeople::AddSignInCode(const SignInCode& c) {
  std::lock_guard lock(mutex_);
  auto done = Change(
      "INSERT INTO sign_in_codes (phone_index, phone_sealed, code_hash, address_key, "
      "created_at_ms, expires_at_ms, attempts, used) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      [&](Statement& s) {
        s.Bind(1, PhoneIndex(c.phone));
        s.Bind(2, cipher_.Seal(c.phone));
        s.Bind(3, c.code_hash);
        s.Bind(4, c.address_key);
        s.Bind(5, Millis(c.created_at));
        s.Bind(6, Millis(c.expires_at));
        s.Bind(7, static_cast<int64_t>(c.attempts));
        s.Bind(8, static_cast<int64_t>(c.used ? 1 : 0));
      });
  if (!done) return done.error();
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_.handle()));
}

Result<std::optional<SignInCode>> SqlitePeople::LatestSignInCode(std::string_view phone) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(fmt::format(
      "SELECT {} FROM sign_in_codes WHERE phone_index = ? ORDER BY created_at_ms DESC, id DESC "
      "LIMIT 1",
      kCodeColumns));
  if (!stmt) return stmt.error();
  stmt->Bind(1, PhoneIndex(phone));
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<SignInCode>{};
  SignInCode c;
  c.id = stmt->Int(0);
  auto opened = cipher_.Open(stmt->Text(1));
  if (!opened) return opened.error();
  c.phone = std::move(*opened);
  c.code_hash = stmt->Text(2);
  c.address_key = stmt->Text(3);
  c.created_at = FromMillis(stmt->Int(4));
  c.expires_at = FromMillis(stmt->Int(5));
  c.attempts = static_cast<int>(stmt->Int(6));
  c.used = stmt->Int(7) != 0;
  return std::optional<SignInCode>{std::move(c)};
}

Result<int> SqlitePeople::CountSignInCodesSince(std::string_view phone, UtcTime since) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT COUNT(*) FROM sign_in_codes WHERE phone_index = ? AND created_at_ms >= ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, PhoneIndex(phone));
  stmt->Bind(2, Millis(since));
  auto row = stmt->Step();
  if (!row) return row.error();
  return static_cast<int>(stmt->Int(0));
}

Result<int> SqlitePeople::CountSignInCodesFromAddressSince(std::string_view address_key,
                                                           UtcTime since) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT COUNT(*) FROM sign_in_codes WHERE address_key = ? AND created_at_ms >= ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, address_key);
  stmt->Bind(2, Millis(since));
  auto row = stmt->Step();
  if (!row) return row.error();
  return static_cast<int>(stmt->Int(0));
}

Result<int> SqlitePeople::RecordSignInCodeAttempt(int64_t code_id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "UPDATE sign_in_codes SET attempts = attempts + 1 WHERE id = ? RETURNING attempts");
  if (!stmt) return stmt.error();
  stmt->Bind(1, code_id);
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return Error::NotFound(fmt::format("no sign-in code {}", code_id));
  const int attempts = static_cast<int>(stmt->Int(0));
  stmt->Reset();
  return attempts;
}

Result<bool> SqlitePeople::UseSignInCode(int64_t code_id) {
  std::lock_guard lock(mutex_);
  auto changed = Change("UPDATE sign_in_codes SET used = 1 WHERE id = ? AND used = 0",
                        [&](Statement& s) { s.Bind(1, code_id); });
  if (!changed) return changed.error();
  if (*changed > 0) return true;
  auto stmt = db_.Prepare("SELECT 1 FROM sign_in_codes WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, code_id);
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return Error::NotFound(fmt::format("no sign-in code {}", code_id));
  return false;
}

Result<int64_t> SqlitePeople::DeleteSignInCodesBefore(UtcTime cutoff) {
  std::lock_guard lock(mutex_);
  return Change("DELETE FROM sign_in_codes WHERE created_at_ms < ?",
                [&](Statement& s) { s.Bind(1, Millis(cutoff)); });
}

Result<void> SqlitePeople::AddPersonSession(const PersonSession& p) {
  std::lock_guard lock(mutex_);
  auto done = Change(
      "INSERT INTO person_sessions (token_hash, person_id, created_at_ms, last_seen_ms) "
      "VALUES (?, ?, ?, ?)",
      [&](Statement& s) {
        s.Bind(1, p.token_hash);
        s.Bind(2, p.person_id);
        s.Bind(3, Millis(p.created_at));
        s.Bind(4, Millis(p.last_seen_at));
      });
  if (!done) return done.error();
  return Ok();
}

Result<std::optional<PersonSession>> SqlitePeople::FindPersonSession(std::string_view token_hash) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT token_hash, person_id, created_at_ms, last_seen_ms FROM person_sessions "
      "WHERE token_hash = ?");
  if (!stmt) return stmt.error();
  stmt->Bind(1, token_hash);
  auto row = stmt->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<PersonSession>{};
  return std::optional<PersonSession>{PersonSession{std::string(stmt->Text(0)), stmt->Int(1),
                                                    FromMillis(stmt->Int(2)),
                                                    FromMillis(stmt->Int(3))}};
}

Result<void> SqlitePeople::TouchPersonSession(std::string_view token_hash, UtcTime at) {
  std::lock_guard lock(mutex_);
  auto done =
      Change("UPDATE person_sessions SET last_seen_ms = ? WHERE token_hash = ?", [&](Statement& s) {
        s.Bind(1, Millis(at));
        s.Bind(2, token_hash);
      });
  if (!done) return done.error();
  return Ok();
}

Result<void> SqlitePeople::DeletePersonSession(std::string_view token_hash) {
  std::lock_guard lock(mutex_);
  auto done = Change("DELETE FROM person_sessions WHERE token_hash = ?",
                     [&](Statement& s) { s.Bind(1, token_hash); });
  if (!done) return done.error();
  return Ok();
}

Result<std::vector<PersonSession>> SqlitePeople::ListPersonSessions(int64_t person_id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT token_hash, person_id, created_at_ms, last_seen_ms FROM person_sessions "
      "WHERE person_id = ? ORDER BY created_at_ms, token_hash");
  if (!stmt) return stmt.error();
  stmt->Bind(1, person_id);
  std::vector<PersonSession> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(PersonSession{std::string(stmt->Text(0)), stmt->Int(1), FromMillis(stmt->Int(2)),
                                FromMillis(stmt->Int(3))});
  }
  return out;
}

Result<int64_t> SqlitePeople::DeleteExpiredPersonSessions(UtcTime idle_before,
                                                          UtcTime created_before) {
  std::lock_guard lock(mutex_);
  return Change("DELETE FROM person_sessions WHERE last_seen_ms < ? OR created_at_ms < ?",
                [&](Statement& s) {
                  s.Bind(1, Millis(idle_before));
                  s.Bind(2, Millis(created_before));
                });
}

Result<int64_t> SqlitePeople::AddConsent(const ConsentRecord& c) {
  std::lock_guard lock(mutex_);
  auto done = Change(
      "INSERT INTO consents (person_id, purpose, version, text_hash, given_at_ms, "
      "withdrawn_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
      [&](Statement& s) {
        s.Bind(1, c.person_id);
        s.Bind(2, c.purpose);
        s.Bind(3, static_cast<int64_t>(c.version));
        s.Bind(4, c.text_hash);
        s.Bind(5, Millis(c.given_at));
        s.Bind(6, c.withdrawn_at ? std::optional<int64_t>(Millis(*c.withdrawn_at))
                                 : std::optional<int64_t>());
      });
  if (!done) return done.error();
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_.handle()));
}

Result<std::vector<ConsentRecord>> SqlitePeople::ListConsents(int64_t person_id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_.Prepare(
      "SELECT id, person_id, purpose, version, text_hash, given_at_ms, withdrawn_at_ms "
      "FROM consents WHERE person_id = ? ORDER BY given_at_ms, id");
  if (!stmt) return stmt.error();
  stmt->Bind(1, person_id);
  std::vector<ConsentRecord> out;
  while (true) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    ConsentRecord c;
    c.id = stmt->Int(0);
    c.person_id = stmt->Int(1);
    c.purpose = stmt->Text(2);
    c.version = static_cast<int>(stmt->Int(3));
    c.text_hash = stmt->Text(4);
    c.given_at = FromMillis(stmt->Int(5));
    if (!stmt->IsNull(6)) c.withdrawn_at = FromMillis(stmt->Int(6));
    out.push_back(std::move(c));
  }
  return out;
}

Result<int> SqlitePeople::WithdrawConsent(int64_t person_id, std::string_view purpose, UtcTime at) {
  std::lock_guard lock(mutex_);
  auto changed = Change(
      "UPDATE consents SET withdrawn_at_ms = ? WHERE person_id = ? AND purpose = ? AND "
      "withdrawn_at_ms IS NULL",
      [&](Statement& s) {
        s.Bind(1, Millis(at));
        s.Bind(2, person_id);
        s.Bind(3, purpose);
      });
  if (!changed) return changed.error();
  return static_cast<int>(*changed);
}

}  // namespace yz::sqlite

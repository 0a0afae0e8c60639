#include "storage/postgres/postgres_people.h"

#include <fmt/format.h>

namespace yz::pg {
namespace {

int64_t Millis(UtcTime t) { return t.time_since_epoch().count(); }
UtcTime FromMillis(int64_t ms) { return UtcTime(std::chrono::milliseconds(ms)); }

PersonSession ReadSession(const pqxx::row& r) {
  return PersonSession{r[0].as<std::string>(), r[1].as<int64_t>(), FromMillis(r[2].as<int64_t>()),
                       FromMillis(r[3].as<int64_t>())};
}

}  // namespace

Result<std::optional<Person>> PostgresPeople::FindPersonWhere(std::string_view what,
                                                              const std::string& where,
                                                              const std::string& key, int64_t id) {
  return Run<std::optional<Person>>(
      what, [&](pqxx::connection& c) -> Result<std::optional<Person>> {
        pqxx::read_transaction txn(c);
        const std::string sql =
            "SELECT id, phone_sealed, created_at_ms, last_seen_ms FROM people WHERE " + where;
        const pqxx::result r = key.empty() ? txn.exec_params(sql, id) : txn.exec_params(sql, key);
        if (r.empty()) return std::optional<Person>{};
        Person p;
        p.id = r[0][0].as<int64_t>();
        auto phone = cipher_.Open(r[0][1].as<std::string>());
        if (!phone) return phone.error();
        p.phone = std::move(*phone);
        p.created_at = FromMillis(r[0][2].as<int64_t>());
        p.last_seen_at = FromMillis(r[0][3].as<int64_t>());
        return std::optional<Person>{std::move(p)};
      });
}

Result<Person> PostgresPeople::FindOrAddPerson(std::string_view phone, UtcTime now) {
  const std::string index = PhoneIndex(phone);
  auto added = Run<bool>("add person", [&](pqxx::connection& c) -> Result<bool> {
    pqxx::work txn(c);
    txn.exec_params(
        "INSERT INTO people (phone_index, phone_sealed, created_at_ms, last_seen_ms) "
        "VALUES ($1, $2, $3, $3) ON CONFLICT (phone_index) DO NOTHING",
        index, cipher_.Seal(phone), Millis(now));
    txn.commit();
    return true;
  });
  if (!added) return added.error();
  auto found = FindPersonWhere("find person", "phone_index = $1", index, 0);
  if (!found) return found.error();
  if (!*found) return Error::Internal("a person just stored is missing");
  return std::move(**found);
}

Result<std::optional<Person>> PostgresPeople::FindPerson(int64_t id) {
  return FindPersonWhere("find person", "id = $1", "", id);
}

Result<std::optional<Person>> PostgresPeople::FindPersonByPhone(std::string_view phone) {
  return FindPersonWhere("find person", "phone_index = $1", PhoneIndex(phone), 0);
}

Result<void> PostgresPeople::TouchPerson(int64_t id, UtcTime at) {
  return Run<void>("touch person", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    txn.exec_params("UPDATE people SET last_seen_ms = GREATEST(last_seen_ms, $1) WHERE id = $2",
                    Millis(at), id);
    txn.commit();
    return Ok();
  });
}

Result<void> PostgresPeople::ErasePerson(int64_t id) {
  auto person = FindPerson(id);
  if (!person) return person.error();
  if (!*person) return Ok();
  const std::string index = PhoneIndex((*person)->phone);
  return Run<void>("erase person", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    txn.exec_params("DELETE FROM sign_in_codes WHERE phone_index = $1", index);
    txn.exec_params("DELETE FROM person_sessions WHERE person_id = $1", id);
    txn.exec_params("UPDATE consents SET person_id = NULL WHERE person_id = $1", id);
    txn.exec_params("DELETE FROM people WHERE id = $1", id);
    txn.commit();
    return Ok();
  });
}

Result<std::vector<int64_t>> PostgresPeople::PeopleNotSeenSince(UtcTime cutoff, int limit) {
  return Run<std::vector<int64_t>>(
      "list inactive people", [&](pqxx::connection& c) -> Result<std::vector<int64_t>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r = txn.exec_params(
            "SELECT id FROM people WHERE last_seen_ms < $1 ORDER BY last_seen_ms, id LIMIT $2",
            Millis(cutoff), limit);
        std::vector<int64_t> out;
        for (const auto& row : r) out.push_back(row[0].as<int64_t>());
        return out;
      });
}

Result<int64_t> PostgresPeople::AddSignInCode(const SignInCode& code) {
  return Run<int64_t>("add sign-in code", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::work txn(c);
    const pqxx::result r = txn.exec_params(
        "INSERT INTO sign_in_codes (phone_index, phone_sealed, code_hash, address_key, "
        "created_at_ms, expires_at_ms, attempts, used) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
        "RETURNING id",
        PhoneIndex(code.phone), cipher_.Seal(code.phone), code.code_hash, code.address_key,
        Millis(code.created_at), Millis(code.expires_at), code.attempts, code.used);
    txn.commit();
    return r[0][0].as<int64_t>();
  });
}

Result<std::optional<SignInCode>> PostgresPeople::LatestSignInCode(std::string_view phone) {
  return Run<std::optional<SignInCode>>(
      "find sign-in code", [&](pqxx::connection& c) -> Result<std::optional<SignInCode>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r = txn.exec_params(
            "SELECT id, phone_sealed, code_hash, address_key, created_at_ms, expires_at_ms, "
            "attempts, used FROM sign_in_codes WHERE phone_index = $1 "
            "ORDER BY created_at_ms DESC, id DESC LIMIT 1",
            PhoneIndex(phone));
        if (r.empty()) return std::optional<SignInCode>{};
        SignInCode s;
        s.id = r[0][0].as<int64_t>();
        auto opened = cipher_.Open(r[0][1].as<std::string>());
        if (!opened) return opened.error();
        s.phone = std::move(*opened);
        s.code_hash = r[0][2].as<std::string>();
        s.address_key = r[0][3].as<std::string>();
        s.created_at = FromMillis(r[0][4].as<int64_t>());
        s.expires_at = FromMillis(r[0][5].as<int64_t>());
        s.attempts = r[0][6].as<int>();
        s.used = r[0][7].as<bool>();
        return std::optional<SignInCode>{std::move(s)};
      });
}

Result<int> PostgresPeople::CountSignInCodesSince(std::string_view phone, UtcTime since) {
  return Run<int>("count sign-in codes", [&](pqxx::connection& c) -> Result<int> {
    pqxx::read_transaction txn(c);
    const pqxx::result r = txn.exec_params(
        "SELECT COUNT(*) FROM sign_in_codes WHERE phone_index = $1 AND created_at_ms >= $2",
        PhoneIndex(phone), Millis(since));
    return r[0][0].as<int>();
  });
}

Result<int> PostgresPeople::CountSignInCodesFromAddressSince(std::string_view address_key,
                                                             UtcTime since) {
  return Run<int>("count sign-in codes", [&](pqxx::connection& c) -> Result<int> {
    pqxx::read_transaction txn(c);
    const pqxx::result r = txn.exec_params(
        "SELECT COUNT(*) FROM sign_in_codes WHERE address_key = $1 AND created_at_ms >= $2",
        std::string(address_key), Millis(since));
    return r[0][0].as<int>();
  });
}

Result<int> PostgresPeople::RecordSignInCodeAttempt(int64_t code_id) {
  return Run<int>("count a wrong code", [&](pqxx::connection& c) -> Result<int> {
    pqxx::work txn(c);
    const pqxx::result r = txn.exec_params(
        "UPDATE sign_in_codes SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts",
        code_id);
    txn.commit();
    if (r.empty()) return Error::NotFound(fmt::format("no sign-in code {}", code_id));
    return r[0][0].as<int>();
  });
}

Result<bool> PostgresPeople::UseSignInCode(int64_t code_id) {
  return Run<bool>("use a sign-in code", [&](pqxx::connection& c) -> Result<bool> {
    pqxx::work txn(c);
    const pqxx::result r = txn.exec_params(
        "UPDATE sign_in_codes SET used = TRUE WHERE id = $1 AND NOT used RETURNING id", code_id);
    if (!r.empty()) {
      txn.commit();
      return true;
    }
    const pqxx::result exists =
        txn.exec_params("SELECT 1 FROM sign_in_codes WHERE id = $1", code_id);
    txn.commit();
    if (exists.empty()) return Error::NotFound(fmt::format("no sign-in code {}", code_id));
    return false;
  });
}

Result<int64_t> PostgresPeople::DeleteSignInCodesBefore(UtcTime cutoff) {
  return Run<int64_t>("delete old sign-in codes", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::work txn(c);
    const pqxx::result r =
        txn.exec_params("DELETE FROM sign_in_codes WHERE created_at_ms < $1", Millis(cutoff));
    txn.commit();
    return static_cast<int64_t>(r.affected_rows());
  });
}

Result<void> PostgresPeople::AddPersonSession(const PersonSession& s) {
  return Run<void>("add person session", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    txn.exec_params(
        "INSERT INTO person_sessions (token_hash, person_id, created_at_ms, last_seen_ms) "
        "VALUES ($1, $2, $3, $4)",
        s.token_hash, s.person_id, Millis(s.created_at), Millis(s.last_seen_at));
    txn.commit();
    return Ok();
  });
}

Result<std::optional<PersonSession>> PostgresPeople::FindPersonSession(
    std::string_view token_hash) {
  return Run<std::optional<PersonSession>>(
      "find person session", [&](pqxx::connection& c) -> Result<std::optional<PersonSession>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r = txn.exec_params(
            "SELECT token_hash, person_id, created_at_ms, last_seen_ms FROM person_sessions "
            "WHERE token_hash = $1",
            std::string(token_hash));
        if (r.empty()) return std::optional<PersonSession>{};
        return std::optional<PersonSession>{ReadSession(r[0])};
      });
}

Result<void> PostgresPeople::TouchPersonSession(std::string_view token_hash, UtcTime at) {
  return Run<void>("touch person session", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    txn.exec_params("UPDATE person_sessions SET last_seen_ms = $1 WHERE token_hash = $2",
                    Millis(at), std::string(token_hash));
    txn.commit();
    return Ok();
  });
}

Result<void> PostgresPeople::DeletePersonSession(std::string_view token_hash) {
  return Run<void>("delete person session", [&](pqxx::connection& c) -> Result<void> {
    pqxx::work txn(c);
    txn.exec_params("DELETE FROM person_sessions WHERE token_hash = $1", std::string(token_hash));
    txn.commit();
    return Ok();
  });
}

Result<std::vector<PersonSession>> PostgresPeople::ListPersonSessions(int64_t person_id) {
  return Run<std::vector<PersonSession>>(
      "list person sessions", [&](pqxx::connection& c) -> Result<std::vector<PersonSession>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r = txn.exec_params(
            "SELECT token_hash, person_id, created_at_ms, last_seen_ms FROM person_sessions "
            "WHERE person_id = $1 ORDER BY created_at_ms, token_hash",
            person_id);
        std::vector<PersonSession> out;
        for (const auto& row : r) out.push_back(ReadSession(row));
        return out;
      });
}

Result<int64_t> PostgresPeople::DeleteExpiredPersonSessions(UtcTime idle_before,
                                                            UtcTime created_before) {
  return Run<int64_t>("delete expired person sessions",
                      [&](pqxx::connection& c) -> Result<int64_t> {
                        pqxx::work txn(c);
                        const pqxx::result r = txn.exec_params(
                            "DELETE FROM person_sessions WHERE last_seen_ms < $1 OR "
                            "created_at_ms < $2",
                            Millis(idle_before), Millis(created_before));
                        txn.commit();
                        return static_cast<int64_t>(r.affected_rows());
                      });
}

Result<int64_t> PostgresPeople::AddConsent(const ConsentRecord& s) {
  return Run<int64_t>("add consent", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::work txn(c);
    const std::optional<int64_t> withdrawn =
        s.withdrawn_at ? std::optional<int64_t>(Millis(*s.withdrawn_at)) : std::nullopt;
    const pqxx::result r = txn.exec_params(
        "INSERT INTO consents (person_id, purpose, version, text_hash, given_at_ms, "
        "withdrawn_at_ms) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        s.person_id, s.purpose, s.version, s.text_hash, Millis(s.given_at), withdrawn);
    txn.commit();
    return r[0][0].as<int64_t>();
  });
}

Result<std::vector<ConsentRecord>> PostgresPeople::ListConsents(int64_t person_id) {
  return Run<std::vector<ConsentRecord>>(
      "list consents", [&](pqxx::connection& c) -> Result<std::vector<ConsentRecord>> {
        pqxx::read_transaction txn(c);
        const pqxx::result r = txn.exec_params(
            "SELECT id, person_id, purpose, version, text_hash, given_at_ms, withdrawn_at_ms "
            "FROM consents WHERE person_id = $1 ORDER BY given_at_ms, id",
            person_id);
        std::vector<ConsentRecord> out;
        for (const auto& row : r) {
          ConsentRecord s;
          s.id = row[0].as<int64_t>();
          s.person_id = row[1].as<int64_t>();
          s.purpose = row[2].as<std::string>();
          s.version = row[3].as<int>();
          s.text_hash = row[4].as<std::string>();
          s.given_at = FromMillis(row[5].as<int64_t>());
          if (!row[6].is_null()) s.withdrawn_at = FromMillis(row[6].as<int64_t>());
          out.push_back(std::move(s));
        }
        return out;
      });
}

Result<int> PostgresPeople::WithdrawConsent(int64_t person_id, std::string_view purpose,
                                            UtcTime at) {
  return Run<int>("withdraw consent", [&](pqxx::connection& c) -> Result<int> {
    pqxx::work txn(c);
    const pqxx::result r = txn.exec_params(
        "UPDATE consents SET withdrawn_at_ms = $1 WHERE person_id = $2 AND purpose = $3 AND "
        "withdrawn_at_ms IS NULL",
        Millis(at), person_id, std::string(purpose));
    txn.commit();
    return static_cast<int>(r.affected_rows());
  });
}

}  // namespace yz::pg

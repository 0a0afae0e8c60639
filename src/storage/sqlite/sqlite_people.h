// The embedded store's people, sign-in codes, person sessions and consents
// (domain/people/person.h), on the connection and lock shared with the rest of the store. Phones
// are sealed with `cipher` and found by its blind index (purpose "phone").
#pragma once

#include <functional>
#include <mutex>

#include "core/field_cipher.h"
#include "domain/people/person.h"
#include "storage/sqlite/sqlite_db.h"

namespace yz::sqlite {

class SqlitePeople final : public PeopleRepository {
 public:
  // REQUIRES: migrations/sqlite/008_people.sql applied; `db`, `mutex` and `cipher` outlive this.
  SqlitePeople(Database& db, std::mutex& mutex, const FieldCipher& cipher)
      : db_(db), mutex_(mutex), cipher_(cipher) {}

  Result<Person> FindOrAddPerson(std::string_view phone, UtcTime now) override;
  Result<std::optional<Person>> FindPerson(int64_t id) override;
  Result<std::optional<Person>> FindPersonByPhone(std::string_view phone) override;
  Result<void> TouchPerson(int64_t id, UtcTime at) override;
  Result<void> ErasePerson(int64_t id) override;
  Result<std::vector<int64_t>> PeopleNotSeenSince(UtcTime cutoff, int limit) override;

  Result<int64_t> AddSignInCode(const SignInCode& code) override;
  Result<std::optional<SignInCode>> LatestSignInCode(std::string_view phone) override;
  Result<int> CountSignInCodesSince(std::string_view phone, UtcTime since) override;
  Result<int> CountSignInCodesFromAddressSince(std::string_view address_key,
                                               UtcTime since) override;
  Result<int> RecordSignInCodeAttempt(int64_t code_id) override;
  Result<bool> UseSignInCode(int64_t code_id) override;
  Result<int64_t> DeleteSignInCodesBefore(UtcTime cutoff) override;

  Result<void> AddPersonSession(const PersonSession& session) override;
  Result<std::optional<PersonSession>> FindPersonSession(std::string_view token_hash) override;
  Result<void> TouchPersonSession(std::string_view token_hash, UtcTime at) override;
  Result<void> DeletePersonSession(std::string_view token_hash) override;
  Result<std::vector<PersonSession>> ListPersonSessions(int64_t person_id) override;
  Result<int64_t> DeleteExpiredPersonSessions(UtcTime idle_before, UtcTime created_before) override;

  Result<int64_t> AddConsent(const ConsentRecord& consent) override;
  Result<std::vector<ConsentRecord>> ListConsents(int64_t person_id) override;
  Result<int> WithdrawConsent(int64_t person_id, std::string_view purpose, UtcTime at) override;

 private:
  std::string PhoneIndex(std::string_view phone) const {
    return cipher_.BlindIndex("phone", phone);
  }
  // REQUIRES: mutex_ held.
  Result<std::optional<Person>> FindPersonWhere(std::string_view where, std::string_view key,
                                                int64_t id);
  Result<int64_t> Change(std::string_view sql, const std::function<void(Statement&)>& bind);

  Database& db_;
  std::mutex& mutex_;
  const FieldCipher& cipher_;
};

}  // namespace yz::sqlite

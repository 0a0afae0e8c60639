// People who sign in with a mobile number and a one-time code (workers, volunteers), their
// sign-in codes, their sessions and their consents, with the repository that keeps them.
//
// The repository takes and returns phone numbers in clear; the stores seal them at rest with the
// field cipher (core/field_cipher.h) and find them through a keyed blind index, so neither a phone
// nor anything that tests a guess of one is in the database in clear. Implementations live in
// src/storage and pass tests/storage/people_conformance_test.cpp on both stores. Thread-safe; a
// failing call changes nothing and returns an Error (kUnavailable, kInternal).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/local_time.h"
#include "core/result.h"

namespace yz {

struct Person {
  int64_t id = 0;
  std::string phone;  // 11 digits (NormalizeMainlandMobile), clear in memory only
  UtcTime created_at;
  UtcTime last_seen_at;  // the last sign-in or use of a session (for retention of the inactive)
  friend bool operator==(const Person&, const Person&) = default;
};

// A one-time code sent by SMS. Only a keyed hash of the code is kept.
struct SignInCode {
  int64_t id = 0;
  std::string phone;
  std::string code_hash;
  std::string address_key;  // a keyed hash of the requesting address (for the per-address limit)
  UtcTime created_at;
  UtcTime expires_at;
  int attempts = 0;  // wrong codes entered against it
  bool used = false;
  friend bool operator==(const SignInCode&, const SignInCode&) = default;
};

// A signed-in phone. The cookie holds a random token; the store keeps its keyed hash.
struct PersonSession {
  std::string token_hash;
  int64_t person_id = 0;
  UtcTime created_at;
  UtcTime last_seen_at;
  friend bool operator==(const PersonSession&, const PersonSession&) = default;
};

// That a person agreed to a purpose text (domain/people/consent.h) in one version, and when;
// withdrawn_at once they took it back.
struct ConsentRecord {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string purpose;    // "phone_sign_in", …
  int version = 0;        // of the purpose text shown
  std::string text_hash;  // SHA-256 (base64) of that text as shown, for proof
  UtcTime given_at;
  std::optional<UtcTime> withdrawn_at;
  friend bool operator==(const ConsentRecord&, const ConsentRecord&) = default;
};

class PeopleRepository {
 public:
  virtual ~PeopleRepository() = default;

  // People. FindOrAddPerson returns the person with this phone, adding it (created_at and
  // last_seen_at = now) when there is none; atomic, so two concurrent sign-ins of one new number
  // make one person.
  virtual Result<Person> FindOrAddPerson(std::string_view phone, UtcTime now) = 0;
  virtual Result<std::optional<Person>> FindPerson(int64_t id) = 0;
  virtual Result<std::optional<Person>> FindPersonByPhone(std::string_view phone) = 0;
  virtual Result<void> TouchPerson(int64_t id, UtcTime at) = 0;
  // Erases the person: the row, their sessions and consents (the consents are kept without the
  // person, as anonymous counts of what was agreed), and the sign-in codes sent to their phone.
  // Unknown id → not an error.
  virtual Result<void> ErasePerson(int64_t id) = 0;
  // Ids of people not seen since `cutoff`, oldest first, at most `limit`.
  virtual Result<std::vector<int64_t>> PeopleNotSeenSince(UtcTime cutoff, int limit) = 0;

  // Sign-in codes.
  virtual Result<int64_t> AddSignInCode(const SignInCode& code) = 0;
  // The newest code sent to `phone` (used or not).
  virtual Result<std::optional<SignInCode>> LatestSignInCode(std::string_view phone) = 0;
  virtual Result<int> CountSignInCodesSince(std::string_view phone, UtcTime since) = 0;
  virtual Result<int> CountSignInCodesFromAddressSince(std::string_view address_key,
                                                       UtcTime since) = 0;
  // Counts one wrong code, atomically; returns the attempts afterwards. Unknown id → kNotFound.
  virtual Result<int> RecordSignInCodeAttempt(int64_t code_id) = 0;
  // Marks the code used; true when this call did (a code signs in once, even when two requests
  // race), false when it was already used. Unknown id → kNotFound.
  virtual Result<bool> UseSignInCode(int64_t code_id) = 0;
  virtual Result<int64_t> DeleteSignInCodesBefore(UtcTime cutoff) = 0;

  // Sessions of people.
  virtual Result<void> AddPersonSession(const PersonSession& session) = 0;
  virtual Result<std::optional<PersonSession>> FindPersonSession(std::string_view token_hash) = 0;
  virtual Result<void> TouchPersonSession(std::string_view token_hash, UtcTime at) = 0;
  virtual Result<void> DeletePersonSession(std::string_view token_hash) = 0;
  virtual Result<std::vector<PersonSession>> ListPersonSessions(int64_t person_id) = 0;
  // Deletes sessions idle since before `idle_before` or created before `created_before`.
  virtual Result<int64_t> DeleteExpiredPersonSessions(UtcTime idle_before,
                                                      UtcTime created_before) = 0;

  // Consents. AddConsent returns the record's id.
  virtual Result<int64_t> AddConsent(const ConsentRecord& consent) = 0;
  // Every consent of the person, oldest first.
  virtual Result<std::vector<ConsentRecord>> ListConsents(int64_t person_id) = 0;
  // Sets withdrawn_at on the person's live consents to `purpose`; how many.
  virtual Result<int> WithdrawConsent(int64_t person_id, std::string_view purpose, UtcTime at) = 0;
};

}  // namespace yz

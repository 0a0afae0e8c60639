// Signing in with a mobile number and a one-time SMS code, and the phone's session afterwards.
// No password for workers and volunteers. The rules:
//   - a code is 6 random digits, valid 5 minutes, 5 wrong tries (then it is dead and a new one
//     must be asked for), used once; only its keyed hash is stored;
//   - asking for codes is limited per number (one a minute, 5 an hour, 10 a day) and per address
//     (20 an hour), so nobody can make the city's SMS bill or a stranger's phone ring much;
//   - the phone is collected only with consent to the current "phone_sign_in" purpose text
//     (consent.h): the code request and the sign-in both name the version the person accepted,
//     and the first sign-in under a version records the consent;
//   - a session is a random cookie token (its keyed hash stored), ending after 30 idle days or
//     180 days in all.
// HTTP-free; the clock, the messages and the auditor are injected. Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "domain/audit/auditor.h"
#include "domain/messages/message_service.h"
#include "domain/people/person.h"

namespace yz {

struct SignInConfig {
  std::chrono::minutes code_lifetime{5};
  int max_attempts = 5;
  std::chrono::seconds resend_after{60};
  int codes_per_phone_per_hour = 5;
  int codes_per_phone_per_day = 10;
  int codes_per_address_per_hour = 20;
  std::chrono::hours session_idle{24 * 30};
  std::chrono::hours session_absolute{24 * 180};
  std::chrono::minutes touch_interval{5};  // last_seen is written at most this often
};

struct CodeSent {
  std::chrono::seconds expires_in{0};
  std::chrono::seconds resend_after{0};
};

struct PersonSignIn {
  std::string session_token;  // the cookie's value
  Person person;
  bool new_person = false;
};

// A signed-in person, as the handlers of their pages see them.
struct PersonPrincipal {
  Person person;
  std::string session_token_hash;
};

class SignInService {
 public:
  // `key`: the store's secret for keyed hashes (codes, tokens, addresses).
  SignInService(PeopleRepository& people, MessageService& messages, Auditor& auditor,
                const Clock& clock, std::string key, SignInConfig config = {});

  // Sends a code to `phone` (any writing NormalizeMainlandMobile accepts). Errors:
  // invalid_argument (not a mainland mobile number; a consent version that is not the current
  // one), rate_limited (a limit above; the message says when to try again), the store's.
  Result<CodeSent> RequestCode(std::string_view phone, int consent_version,
                               std::string_view address);

  // Checks the newest code sent to `phone`. A wrong, expired, used or missing code →
  // unauthenticated (the message says which, in Chinese, without revealing whether the number is
  // known); the fifth wrong try and later → rate_limited. On success the session of
  // `previous_token` (if any) ends and a new one starts.
  Result<PersonSignIn> SignIn(std::string_view phone, std::string_view code, int consent_version,
                              std::string_view address, std::string_view previous_token);

  // The person of a live session, or nullopt (an expired session is deleted).
  Result<std::optional<PersonPrincipal>> Authenticate(std::string_view token);
  Result<void> SignOut(std::string_view token);
  // Deletes sessions past their idle or absolute timeout (a timed job); how many.
  Result<int64_t> DeleteExpiredSessions();

  const SignInConfig& config() const { return config_; }

 private:
  std::string Hash(std::string_view kind, std::string_view value) const;

  PeopleRepository& people_;
  MessageService& messages_;
  Auditor& auditor_;
  const Clock& clock_;
  const std::string key_;
  const SignInConfig config_;
};

// The actor name of a person in the audit log ("person:17"): never their phone.
std::string PersonActor(int64_t person_id);

}  // namespace yz

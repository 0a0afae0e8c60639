// Passwords: argon2id hashes (libsodium, above OWASP's minimum of m = 19 MiB, t = 2) and the
// password policy, whose strictness is a setting of the store.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace yz {

struct PasswordPolicy {
  int min_length = 10;           // code points
  bool require_mixed = false;    // at least three of: lower case, upper case, digit, other
  int lock_after_failures = 5;   // consecutive failed logins that lock the account
  int lock_minutes = 15;         // how long the lock lasts

  // "min_length=10;require_mixed=0;lock_after=5;lock_minutes=15" (the stored setting).
  std::string Serialize() const;
  // The inverse of Serialize; unknown keys or bad numbers → invalid_argument.
  static Result<PasswordPolicy> Parse(std::string_view text);
};

inline constexpr std::string_view kPasswordPolicySetting = "password_policy";

// invalid_argument with a Chinese message saying what is missing, or Ok.
Result<void> CheckPasswordPolicy(const PasswordPolicy& policy, std::string_view password);

// argon2id with opslimit 2 and memlimit 19 MiB; salt random. Thread-safe; takes tens of ms.
// An allocation failure → internal.
Result<std::string> HashPassword(std::string_view password);
// True when `password` matches `hash` (constant-time in the password).
bool VerifyPassword(std::string_view hash, std::string_view password);
// A valid hash of a random password: verified against when the username is unknown, so that
// failing for an unknown user costs the same time as for a known one.
const std::string& DummyPasswordHash();

}  // namespace yz
